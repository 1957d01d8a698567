/**
 * How the timing rules reach the schedule: one timeline per document per lint, built on first use and shared
 * through the engine's per-document memo, so five rules cost one schedule. Each rule then reports the issues of
 * its own id. The schedule for lint skips the Monte Carlo (P50/P90 are not findings).
 */
import type { RuleContext } from './rule';
import { buildTimeline, type Timeline, type TimelineRuleId } from '../timeline/schedule';

export const TIMELINE_MEMO_KEY = 'timeline:schedule';

/**
 * Where lint's schedule starts when `timeline.start` is not configured: a fixed Monday, not today. A deadline
 * that only breaks across a weekend would otherwise come and go with the weekday CI happens to run on, and the
 * same commit must always lint the same. (The timeline CLI and preview start today by default.)
 */
export const LINT_REFERENCE_START = '2026-03-02';

export function lintTimeline(ctx: RuleContext): Timeline {
  const start = ctx.config.timeline.start ?? LINT_REFERENCE_START;
  return ctx.memo(TIMELINE_MEMO_KEY, () => buildTimeline(ctx.doc, { config: ctx.config, today: ctx.today, start, runs: 0 }));
}

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1) + (/[.?!]$/.test(message) ? '' : '.');
}

export function reportTimelineIssues(ctx: RuleContext, rule: TimelineRuleId): void {
  for (const issue of lintTimeline(ctx).issues) {
    if (issue.rule !== rule) continue;
    ctx.report({
      message: sentence(issue.message),
      range: issue.range,
      related: issue.related.map((r) => ({ uri: ctx.doc.uri, range: r.range, message: r.message })),
      data: { ...issue.data, steps: issue.steps },
      ...(issue.severity ? { severity: issue.severity } : {}),
    });
  }
}
