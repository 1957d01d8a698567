import { ruleDocsUrl, type Rule } from '../rule';
import { declaredIdPrefixes, globMatcher, idPrefix } from '../util';

const WELL_FORMED = /^[A-Z][A-Z0-9]{1,9}-\d{1,6}$/;

export const brokenLink: Rule = {
  id: 'broken-link',
  description: 'A linked document id (frontmatter links or a body reference) that no document in the workspace declares.',
  defaultSeverity: 'error',
  docs: ruleDocsUrl('broken-link'),
  scope: 'workspace',
  appliesTo: 'managed',
  check(ctx) {
    const { doc, workspace } = ctx;
    if (doc.links.length === 0) return;
    const external = ctx.shared('broken-link:external', () => globMatcher(ctx.config.externalIds));
    const ownId = doc.meta.id?.value;
    let prefixes: ReadonlySet<string> | undefined;
    for (const link of doc.links) {
      // A malformed id is frontmatter-schema's to report; calling it missing as well would say it twice.
      if (!WELL_FORMED.test(link.id) || link.id === ownId || external(link.id)) continue;
      if (workspace.byId(link.id).length > 0) continue;
      if (link.source === 'body') {
        // Prose is full of things shaped like ids (COVID-19, ISO-27001, SHA-256): only a prefix this
        // workspace uses for its own documents makes a mention a reference.
        prefixes ??= declaredIdPrefixes(ctx);
        const prefix = idPrefix(link.id);
        if (!prefixes.has(prefix) && !(ownId && idPrefix(ownId) === prefix)) continue;
      }
      const where = link.source === 'frontmatter' ? ` (links.${link.relation})` : '';
      ctx.report({
        message: `No document in the workspace declares id "${link.id}"${where}.`,
        range: link.range,
        data: { id: link.id, relation: link.relation, source: link.source },
      });
    }
  },
};
