import { allSteps, type Step } from '../../model';
import { parseTimingText, timingKindOf, type UnparsedTiming } from '../../timeline/phrases';
import { ruleDocsUrl, type Rule } from '../rule';

/**
 * Every timing phrase on a step (fields, heading labels and timing found in the step's prose) that the phrase
 * parser does not understand. Reads the model's timing texts, so it sees the phrases the schedule leaves out
 * (prose timing is on the model but not scheduled) and holds in documents whose timeline is disabled.
 */
export const unparsedTiming: Rule = {
  id: 'unparsed-timing',
  description: 'A timing phrase sopls does not understand, so it is left out of the schedule.',
  defaultSeverity: 'info',
  docs: ruleDocsUrl('unparsed-timing'),
  scope: 'timeline',
  appliesTo: 'sop',
  check(ctx) {
    for (const step of allSteps(ctx.doc)) {
      for (const text of step.timing) {
        // Only an unparsed phrase needs its value placed in the document (a copy); the kind alone is free.
        if (timingKindOf(text) !== 'unparsed') continue;
        const value = parseTimingText(text) as UnparsedTiming;
        ctx.report({
          message: unparsedMessage(step, value),
          range: text.source === 'inline' ? value.range : text.range,
          data: { reason: value.reason, words: value.reasonText ?? value.text, source: text.source },
        });
      }
    }
    // Timing outside every step (an intro, a time heading no step was read under) is on the model too.
    for (const text of ctx.doc.timing ?? []) {
      if (timingKindOf(text) !== 'unparsed') continue;
      const value = parseTimingText(text) as UnparsedTiming;
      ctx.report({
        message: unparsedMessage(undefined, value),
        range: value.range,
        data: { reason: value.reason, words: value.reasonText ?? value.text, source: text.source },
      });
    }
  },
};

/** Names the phrase, the step, why, and the exact words the parser stopped at. */
export function unparsedMessage(step: Step | undefined, value: UnparsedTiming): string {
  // A phrase found across a soft line break keeps its break and the next line's indent: quote it on one line.
  const words = oneLine(value.reasonText ?? value.text);
  const text = oneLine(value.text);
  // Named as the timeline names steps (`4. Review`), so this finding reads like the other timing rules.
  const where = !step ? 'this document (outside its steps)' : step.number !== undefined ? `${step.number}. ${step.title}` : step.title;
  const at = words && words !== text ? ` (at "${words}")` : '';
  return `Timing "${text}" of ${where} is not understood: ${value.reason}${at}.`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
