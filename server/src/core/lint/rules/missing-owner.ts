import { ruleDocsUrl, type Rule } from '../rule';

export const missingOwner: Rule = {
  id: 'missing-owner',
  description: 'A step has no owner, or only a placeholder such as TBD, [OWNER] or N/A.',
  defaultSeverity: 'error',
  docs: ruleDocsUrl('missing-owner'),
  scope: 'document',
  appliesTo: 'sop',
  check(ctx) {
    // Sub-steps (Day 7 blocks, 30-day check-ins) are done by the owner of the step they belong to.
    for (const step of ctx.doc.steps) {
      const label = stepLabel(step.kind, step.number, step.title);
      const real = step.owners.filter((o) => !o.placeholder);
      if (real.length > 0) continue;
      const placeholder = step.owners.find((o) => o.placeholder);
      if (placeholder && step.ownerField) {
        ctx.report({
          message: `${label} has only a placeholder owner ("${placeholder.name}"); name the role that does it.`,
          range: placeholder.range,
          data: { step: step.title, placeholder: placeholder.name },
        });
      } else if (step.ownerField && step.ownerField.value === '') {
        ctx.report({
          message: `${label} has an empty owner line; name the role that does it.`,
          range: step.ownerField.range,
          data: { step: step.title },
        });
      } else {
        ctx.report({
          message: `${label} has no owner; add an owner line naming the role that does it.`,
          range: step.titleRange,
          data: { step: step.title, insertAfterLine: step.headingRange.end.line },
        });
      }
    }
  },
};

export function stepLabel(kind: string, number: number | undefined, title: string): string {
  const noun = kind === 'stage' ? 'Stage' : 'Step';
  return number !== undefined ? `${noun} ${number} "${title}"` : `${noun} "${title}"`;
}
