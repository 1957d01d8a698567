import type { IndexEntry } from '../../workspace';
import { ruleDocsUrl, type Rule } from '../rule';

const INACTIVE = new Set(['deprecated', 'retired', 'superseded', 'archived']);

export function isInactiveStatus(status: string | undefined): boolean {
  return !!status && INACTIVE.has(status.trim().toLowerCase());
}

export const linkToDeprecated: Rule = {
  id: 'link-to-deprecated',
  description: 'A link to a document whose status is deprecated, retired, superseded or archived (except under supersedes).',
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('link-to-deprecated'),
  scope: 'workspace',
  appliesTo: 'managed',
  check(ctx) {
    const { doc, workspace } = ctx;
    // A document that is itself out of use is not kept current; its links are history.
    if (isInactiveStatus(doc.meta.status?.value)) return;
    const superseded = new Set(doc.links.filter((l) => l.relation === 'supersedes').map((l) => l.id));
    const ownId = doc.meta.id?.value;
    for (const link of doc.links) {
      // Naming what this document replaces is the point of `supersedes`, in frontmatter or in prose.
      if (link.relation === 'supersedes' || superseded.has(link.id) || link.id === ownId) continue;
      const targets = workspace.byId(link.id).filter((e) => e.uri !== doc.uri);
      // With several declarations (a duplicate id) the link is only stale when every candidate is.
      if (targets.length === 0 || !targets.every((t) => isInactiveStatus(t.status))) continue;
      const target = targets[0]!;
      const replacement = findReplacement(workspace.entries(), link.id);
      const data: Record<string, unknown> = { id: link.id, status: target.status };
      if (replacement) data['replacement'] = replacement.id;
      ctx.report({
        message:
          `"${link.id}"${target.title ? ` (${target.title})` : ''} is ${target.status!.trim().toLowerCase()}` +
          (replacement ? `; link to its replacement "${replacement.id}" instead.` : '; link to the document that replaces it.'),
        range: link.range,
        related: [
          {
            uri: target.uri,
            range: target.idRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            message: `"${link.id}" has status ${target.status}.`,
          },
        ],
        data,
      });
    }
  },
};

/** An active document that says it supersedes `id`; only looked up when there is a finding to write. */
function findReplacement(entries: Iterable<IndexEntry>, id: string): IndexEntry | undefined {
  for (const e of entries) {
    if (!e.id || isInactiveStatus(e.status)) continue;
    if (e.links.some((l) => l.relation === 'supersedes' && l.id === id)) return e;
  }
  return undefined;
}
