import { ruleDocsUrl, type Rule } from '../rule';
import { isManagedDocument } from '../util';

/** Problems frontmatter-schema reports; every other parse problem is this rule's. */
const FRONTMATTER_PROBLEMS = new Set(['invalid-yaml', 'frontmatter-not-mapping']);
/** Reported on any document: they say the file is not what its name claims, or its metadata was lost. */
const ALWAYS = new Set(['binary-content', 'unterminated-frontmatter']);

export const unreadableContent: Rule = {
  id: 'unreadable-content',
  description: 'Content sopls could not read: a binary file, unterminated frontmatter, a document or line too large to parse.',
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('unreadable-content'),
  scope: 'document',
  appliesTo: 'any',
  check(ctx) {
    const managed = isManagedDocument(ctx.doc);
    for (const p of ctx.doc.problems) {
      if (FRONTMATTER_PROBLEMS.has(p.code)) continue;
      if (!managed && !ALWAYS.has(p.code)) continue;
      ctx.report({ message: p.message, range: p.range, data: { problem: p.code } });
    }
  },
};
