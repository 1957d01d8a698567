import type { RelatedLocation } from '../../findings';
import { ruleDocsUrl, type Rule } from '../rule';

export const duplicateId: Rule = {
  id: 'duplicate-id',
  description: 'Two documents declare the same id.',
  defaultSeverity: 'error',
  docs: ruleDocsUrl('duplicate-id'),
  scope: 'workspace',
  appliesTo: 'managed',
  check(ctx) {
    const id = ctx.doc.meta.id;
    if (!id) return;
    const others = ctx.workspace.byId(id.value).filter((e) => e.uri !== ctx.doc.uri);
    if (others.length === 0) return;
    const related: RelatedLocation[] = others.map((e) => ({
      uri: e.uri,
      range: e.idRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      message: `"${id.value}" is also declared here${e.title ? ` ("${e.title}")` : ''}.`,
    }));
    const names = others.map((e) => workspaceRelative(e.uri, ctx.workspace.root)).slice(0, 3);
    ctx.report({
      message: `Id "${id.value}" is also declared by ${others.length === 1 ? 'another document' : `${others.length} other documents`} (${names.join(', ')}${others.length > 3 ? ', …' : ''}); ids must be unique.`,
      range: id.range,
      related,
      data: { id: id.value, others: others.map((e) => e.uri) },
    });
  },
};

/** `sops/intake.md` for a document under the workspace root; the file name when the root is unknown. */
function workspaceRelative(uri: string, root: string | undefined): string {
  if (root) {
    const base = root.replace(/[\\/]+$/, '');
    if (uri.startsWith(base) && /^[\\/]/.test(uri.slice(base.length))) return uri.slice(base.length + 1).replace(/\\/g, '/');
  }
  return uri.replace(/^.*[\\/]/, '');
}
