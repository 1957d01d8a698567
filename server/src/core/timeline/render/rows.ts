import type { Timeline, TimelineStep } from '../schedule';

/** A step that has dates: what every export draws (the same rows as `--format json` `steps`). */
export type ScheduledStep = TimelineStep & { earliest: NonNullable<TimelineStep['earliest']>; latest: NonNullable<TimelineStep['latest']> };

export function scheduledSteps(t: Timeline): ScheduledStep[] {
  return t.steps.filter((s): s is ScheduledStep => s.included && !!s.earliest && !!s.latest);
}

/** Takes no time (no stated length): drawn as a milestone. A one-day step is a bar, not a diamond. */
export function isMilestone(s: ScheduledStep): boolean {
  return s.milestone === true;
}

/** `Acme Logistics (CUS-010)`; empty without a customer. */
export function customerCaption(t: Timeline): string {
  const c = t.customer;
  if (!c) return '';
  return c.name && c.id ? `${c.name} (${c.id})` : (c.name ?? c.id ?? '');
}

/** `Partner Onboarding — Acme Logistics (CUS-010)`. */
export function timelineCaption(t: Timeline): string {
  const who = customerCaption(t);
  return who ? `${t.title} — ${who}` : t.title;
}

/** A cadence as the exports write it: its window (stated, else the plan's start to its latest finish) and unit. */
export interface CadenceRow {
  title: string;
  owners: string[];
  every: string;
  times?: string;
  from: string;
  to?: string;
  /** `every` read back: how many of which unit. */
  n: number;
  unit: 'minute' | 'hour' | 'business day' | 'day' | 'week' | 'month';
}

/** The timeline's cadences with the window they recur in; a cadence whose period cannot be read is left out. */
export function cadenceRows(t: Timeline): CadenceRow[] {
  const out: CadenceRow[] = [];
  for (const c of t.cadences) {
    const m = /^(\d+(?:\.\d+)?) (minute|hour|business day|day|week|month)s?$/.exec(c.every);
    if (!m || !(Number(m[1]) > 0)) continue;
    const to = c.to ?? t.finish.latest;
    const row: CadenceRow = { title: c.title, owners: c.owners, every: c.every, from: c.from ?? t.start, n: Number(m[1]), unit: m[2] as CadenceRow['unit'] };
    if (to !== undefined && to >= row.from) row.to = to;
    if (c.times) row.times = c.times;
    out.push(row);
  }
  return out;
}
