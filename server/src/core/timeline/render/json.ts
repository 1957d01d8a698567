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
    /** Takes no time: drawn as a diamond. */
    milestone?: boolean;
    /** The step's own deadline (absent when it states none), next to the CPM latest finish above. */
    due?: string;
    /** Misses a deadline only when durations run long; p90 then shows by how much. */
    atRisk?: boolean;
  }[];
  /** Recurring work: drawn as markers, never as a step that finishes. */
  cadences: { title: string; every: string; times?: string; owners: string[]; line: number; number?: number; from?: string; to?: string }[];
  unscheduled: { number?: number; title: string; reason: string }[];
  conflicts: { rule: string; steps: string[]; message: string; line: number }[];
  finish: { earliest?: string; latest?: string; p50?: string; p90?: string; unscheduled?: string };
}

export function timelineToJson(t: Timeline): TimelineJson {
  let customer: TimelineJson['customer'];
  if (t.customer) {
    const c: NonNullable<TimelineJson['customer']> = {};
    if (t.customer.id) c.id = t.customer.id;
    if (t.customer.name) c.name = t.customer.name;
    if (t.customer.tier) c.tier = t.customer.tier;
    if (t.customer.region) c.region = t.customer.region;
    customer = c;
  }
  const out: TimelineJson = { start: t.start, calendar: t.calendar, ...(customer ? { customer } : {}), steps: [], cadences: [], unscheduled: [], conflicts: [], finish: t.finish };
  for (const s of t.steps) {
    if (!s.included) {
      out.unscheduled.push({ ...(s.number !== undefined ? { number: s.number } : {}), title: s.title, reason: `dropped: ${s.excludedBecause ?? 'condition'}` });
      continue;
    }
    if (!s.earliest || !s.latest) {
      out.unscheduled.push({ ...(s.number !== undefined ? { number: s.number } : {}), title: s.title, reason: s.unscheduledReason ?? 'no timing' });
      continue;
    }
    // Keys in the documented order (number first), so the JSON reads like the table.
    const row: TimelineJson['steps'][number] = {
      ...(s.number !== undefined ? { number: s.number } : {}),
      title: s.title,
      owners: s.owners,
      dependsOn: [...new Set(s.dependsOn.map((d) => t.steps[d.on]!.number ?? t.steps[d.on]!.title))],
      earliest: s.earliest,
      latest: s.latest,
      ...(s.p50 ? { p50: s.p50 } : {}),
      ...(s.p90 ? { p90: s.p90 } : {}),
      slack: s.slack ?? 0,
      critical: s.critical,
      ...(s.milestone ? { milestone: true } : {}),
      ...(s.due ? { due: s.due } : {}),
      ...(s.atRisk ? { atRisk: true } : {}),
    };
    out.steps.push(row);
  }
  for (const c of t.cadences) {
    const number = t.steps[c.step]!.number;
    out.cadences.push({
      title: c.title,
      every: c.every,
      ...(c.times ? { times: c.times } : {}),
      owners: c.owners,
      line: c.line,
      ...(number !== undefined ? { number } : {}),
      ...(c.from && c.to ? { from: c.from, to: c.to } : {}),
    });
  }
  for (const i of t.issues) out.conflicts.push({ rule: i.rule, steps: i.steps, message: i.message, line: i.range.start.line + 1 });
  return out;
}
