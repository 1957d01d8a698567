import { ruleDocsUrl, type Rule } from '../rule';
import { addMonths, cadenceMonths, cadenceName, dayNumber } from '../util';

export const reviewOverdue: Rule = {
  id: 'review-overdue',
  description: "The last review is older than the document's review cadence (yearly unless the document or the config says otherwise).",
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('review-overdue'),
  scope: 'document',
  appliesTo: 'managed',
  check(ctx) {
    const { doc, today, config } = ctx;
    const todayN = dayNumber(today);
    if (todayN === undefined) return;
    const last = doc.meta.lastReview;
    if (last && dayNumber(last.value) !== undefined) {
      const stated = doc.meta.reviewCadence ? cadenceMonths(doc.meta.reviewCadence.value) : undefined;
      const months = stated ?? config.reviewCadenceMonths;
      const due = addMonths(last.value, months)!;
      if (todayN > dayNumber(due)!) {
        const source = stated !== undefined ? `a ${cadenceName(months)} review cadence` : `the default ${cadenceName(months)} review cadence`;
        ctx.report({
          message: `Last reviewed ${last.value.trim()}; with ${source} the next review was due ${due}.`,
          range: last.range,
          ...(doc.meta.reviewCadence
            ? { related: [{ uri: doc.uri, range: doc.meta.reviewCadence.range, message: 'The review cadence is stated here.' }] }
            : {}),
          data: { lastReview: last.value.trim(), due, cadenceMonths: months },
        });
        return;
      }
    }
    // An explicit next-review date that has passed says the same thing without arithmetic.
    const fm = doc.frontmatter;
    const next = fm?.data?.['next_review'];
    const nextRange = fm?.valueRanges['next_review'];
    if (typeof next === 'string' && nextRange) {
      const n = dayNumber(next);
      if (n !== undefined && todayN > n) {
        ctx.report({
          message: `The next review was due ${next.trim()}.`,
          range: nextRange,
          data: { due: next.trim() },
        });
      }
    }
  },
};
