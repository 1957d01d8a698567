import { ruleDocsUrl, type Rule } from '../rule';
import { isManagedDocument } from '../util';

/** Problems frontmatter-schema reports; every other parse problem is this rule's. */
const FRONTMATTER_PROBLEMS = new Set(['invalid-yaml', 'frontmatter-not-mapping']);
/**
 * Reported on any document: they say the file is not what its name claims, its metadata was lost, or part of
 * it was not read because it is over a size or complexity budget — without them a document too large to be
 * recognised as an SOP would pass with "no problems".
 */
export const ALWAYS_REPORTED = new Set([
  'binary-content',
  'unterminated-frontmatter',
  'frontmatter-too-large',
  'document-too-large',
  'line-too-long',
  'line-too-complex',
  'paragraph-too-complex',
]);

export const unreadableContent: Rule = {
  id: 'unreadable-content',
  description: 'Content sopls could not read: a binary file, unterminated or oversized frontmatter, a document, line or paragraph too large or complex to parse.',
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('unreadable-content'),
  scope: 'document',
  appliesTo: 'any',
  check(ctx) {
    const managed = isManagedDocument(ctx.doc);
    for (const p of ctx.doc.problems) {
      if (FRONTMATTER_PROBLEMS.has(p.code)) continue;
      if (!managed && !ALWAYS_REPORTED.has(p.code)) continue;
      ctx.report({ message: p.message, range: p.range, data: { problem: p.code } });
    }
  },
};
