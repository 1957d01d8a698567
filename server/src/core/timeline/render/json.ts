import type { Timeline } from '../schedule';

/** The `--format json` shape documented in docs/timeline.md; dates are YYYY-MM-DD. */
export interface TimelineJson {
  start: string;
  calendar: string;
  customer?: { id?: string; name?: string; tier?: string; region?: string };
  steps: {
    number?: number;
    title: string;
    owners: string[];
    dependsOn: (number | string)[];
    earliest: { start: string; finish: string };
    latest: { start: string; finish: string };
    p50?: string;
    p90?: string;
    slack: number;
    critical: boolean;
  }[];
  unscheduled: { number?: number; title: string; reason: string }[];
  conflicts: { rule: string; steps: string[]; message: string; line: number }[];
  finish: { earliest?: string; latest?: string; p50?: string; p90?: string };
}

export function timelineToJson(t: Timeline): TimelineJson {
  const out: TimelineJson = { start: t.start, calendar: t.calendar, steps: [], unscheduled: [], conflicts: [], finish: t.finish };
  if (t.customer) {
    const c: NonNullable<TimelineJson['customer']> = {};
    if (t.customer.id) c.id = t.customer.id;
    if (t.customer.name) c.name = t.customer.name;
    if (t.customer.tier) c.tier = t.customer.tier;
    if (t.customer.region) c.region = t.customer.region;
    out.customer = c;
  }
  for (const s of t.steps) {
    if (!s.included) {
      out.unscheduled.push({ ...(s.number !== undefined ? { number: s.number } : {}), title: s.title, reason: `dropped: ${s.excludedBecause ?? 'condition'}` });
      continue;
    }
    if (!s.earliest || !s.latest) {
      out.unscheduled.push({ ...(s.number !== undefined ? { number: s.number } : {}), title: s.title, reason: s.unscheduledReason ?? 'no timing' });
      continue;
    }
    const row: TimelineJson['steps'][number] = {
      title: s.title,
      owners: s.owners,
      dependsOn: [...new Set(s.dependsOn.map((d) => t.steps[d.on]!.number ?? t.steps[d.on]!.title))],
      earliest: s.earliest,
      latest: s.latest,
      slack: s.slack ?? 0,
      critical: s.critical,
    };
    if (s.number !== undefined) row.number = s.number;
    if (s.p50) row.p50 = s.p50;
    if (s.p90) row.p90 = s.p90;
    out.steps.push(row);
  }
  for (const i of t.issues) out.conflicts.push({ rule: i.rule, steps: i.steps, message: i.message, line: i.range.start.line + 1 });
  return out;
}
