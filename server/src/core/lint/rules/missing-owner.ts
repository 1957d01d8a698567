import type { Step } from '../../model';
import { ruleDocsUrl, type Rule } from '../rule';
import { ownOwners, taskSteps } from '../util';

export const missingOwner: Rule = {
  id: 'missing-owner',
  description: 'A step has no owner, or only a placeholder such as TBD, [OWNER] or N/A.',
  defaultSeverity: 'error',
  docs: ruleDocsUrl('missing-owner'),
  scope: 'document',
  appliesTo: 'sop',
  check(ctx) {
    // Sub-steps (Day 7 blocks, 30-day check-ins) are done by the owner of the step they belong to; a phase or
    // role heading is not a task, but its owner is the owner of the steps under it.
    const tasks = taskSteps(ctx.doc).map(({ step, containers }) => ({
      step,
      owned: ownOwners(step).length > 0 || containers.some((c) => ownOwners(c).length > 0),
    }));
    const unowned = tasks.filter((t) => !t.owned).map((t) => t.step);
    if (unowned.length === 0) return;
    const documentOwner = ctx.doc.meta.owner?.value;
    // A procedure that mostly names no owners has one problem, not one per step: say it once, at the first
    // step without an owner, and point at the others.
    const silent = unowned.filter((s) => !s.ownerField);
    if (silent.length > 1 && silent.length * 2 > tasks.length) {
      const first = silent[0]!;
      const count = silent.length === tasks.length ? `No step of this procedure names an owner (${tasks.length} steps)` : `${silent.length} of ${tasks.length} steps name no owner`;
      ctx.report({
        message:
          count +
          (documentOwner
            ? `; only the document owner "${documentOwner}" is named. Say who does each step, or group the steps under a role heading.`
            : '; say who does each step (an Owner line, a role in parentheses, or a role heading over the steps).'),
        range: first.titleRange,
        related: silent.slice(1, 21).map((s) => ({ uri: ctx.doc.uri, range: s.titleRange, message: `No owner: "${s.title.slice(0, 60)}"` })),
        data: { step: first.title, steps: silent.length, insertAfterLine: first.headingRange.end.line, ...(documentOwner ? { documentOwner } : {}) },
      });
      for (const step of unowned) if (step.ownerField) reportStep(ctx.report, step, documentOwner);
      return;
    }
    for (const step of unowned) reportStep(ctx.report, step, documentOwner);
  },
};

function reportStep(report: Parameters<Rule['check']>[0]['report'], step: Step, documentOwner: string | undefined): void {
  const label = stepLabel(step.kind, step.number, step.title);
  const placeholder = step.owners.find((o) => o.placeholder);
  if (placeholder && step.ownerField) {
    report({
      message: `${label} has only a placeholder owner ("${placeholder.name}"); name the role that does it.`,
      range: placeholder.range,
      data: { step: step.title, placeholder: placeholder.name },
    });
  } else if (step.ownerField && step.ownerField.value === '') {
    report({
      message: `${label} has an empty owner line; name the role that does it.`,
      range: step.ownerField.range,
      data: { step: step.title },
    });
  } else {
    report({
      message:
        `${label} has no owner; add an owner line naming the role that does it` +
        (documentOwner ? ` (the document owner "${documentOwner}" is not assumed to do every step).` : '.'),
      range: step.titleRange,
      data: { step: step.title, insertAfterLine: step.headingRange.end.line },
    });
  }
}

export function stepLabel(kind: string, number: number | undefined, title: string): string {
  const noun = kind === 'stage' ? 'Stage' : 'Step';
  const short = title.length > 60 ? `${title.slice(0, 57).trimEnd()}…` : title;
  return number !== undefined ? `${noun} ${number} "${short}"` : `${noun} "${short}"`;
}
