import { allSteps, rangeContains } from '../../model';
import { ruleDocsUrl, type Rule } from '../rule';

export const placeholder: Rule = {
  id: 'placeholder',
  description: 'An unfilled template placeholder such as [COMPANY_NAME], [DATE] or {{owner}}.',
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('placeholder'),
  scope: 'document',
  appliesTo: 'managed',
  check(ctx) {
    // An owner written as `[OWNER]` is missing-owner's finding; reporting it here too would say it twice.
    const ownerPlaceholders = allSteps(ctx.doc).flatMap((s) => s.owners.filter((o) => o.placeholder).map((o) => o.range));
    for (const p of ctx.doc.placeholders) {
      // Templates, examples and messages show names for whoever copies them to fill in: not unfilled values.
      if (p.context) continue;
      if (ownerPlaceholders.some((r) => rangeContains(r, p.range))) continue;
      // The model keeps the name; the range says how it was written: `[NAME]` is two characters wider.
      const width = p.range.end.line === p.range.start.line ? p.range.end.character - p.range.start.character : 0;
      const written = p.written ?? (width === p.name.length + 2 ? `[${p.name}]` : `{{${p.name}}}`);
      ctx.report({
        message: `Unfilled template placeholder ${written}; replace it with the real value.`,
        range: p.range,
        data: { name: p.name },
      });
    }
  },
};
