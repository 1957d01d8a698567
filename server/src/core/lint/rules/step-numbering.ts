import type { Step } from '../../model';
import { ruleDocsUrl, type Rule } from '../rule';

export const stepNumbering: Rule = {
  id: 'step-numbering',
  description: 'Top-level steps whose numbers repeat, skip a number or go backwards.',
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('step-numbering'),
  scope: 'document',
  appliesTo: 'sop',
  check(ctx) {
    // Stages and steps are numbered separately ("Stage 1" may contain "Step 1").
    for (const kind of ['step', 'stage'] as const) {
      const numbered = ctx.doc.steps.filter((s): s is Step & { number: number } => s.kind === kind && s.number !== undefined);
      const noun = kind === 'stage' ? 'Stage' : 'Step';
      const seen = new Map<number, Step>();
      let prev: number | undefined;
      for (const step of numbered) {
        const n = step.number;
        const range = step.numberRange ?? step.titleRange;
        const first = seen.get(n);
        if (first) {
          ctx.report({
            message: `${noun} number ${n} is used twice (also "${first.title}" on line ${first.headingRange.start.line + 1}).`,
            range,
            related: [{ uri: ctx.doc.uri, range: first.numberRange ?? first.titleRange, message: `${noun} ${n} first used here.` }],
            data: { number: n, kind: 'duplicate' },
          });
        } else if (prev === undefined ? n > 1 : n > prev + 1) {
          const from = prev === undefined ? 1 : prev + 1;
          const missing = from === n - 1 ? `${from}` : `${from}–${n - 1}`;
          ctx.report({
            message:
              prev === undefined
                ? `${noun}s start at ${n}; ${noun.toLowerCase()} ${missing} ${from === n - 1 ? 'is' : 'are'} missing.`
                : `${noun} ${n} follows ${noun.toLowerCase()} ${prev}; ${noun.toLowerCase()} ${missing} ${from === n - 1 ? 'is' : 'are'} missing.`,
            range,
            data: { number: n, kind: 'skipped', expected: from },
          });
        } else if (prev !== undefined && n <= prev) {
          ctx.report({
            message: `${noun} ${n} comes after ${noun.toLowerCase()} ${prev}; steps are out of order.`,
            range,
            data: { number: n, kind: 'order', expected: prev + 1 },
          });
        }
        if (!first) seen.set(n, step);
        prev = prev === undefined ? n : Math.max(prev, n);
      }
    }
  },
};
