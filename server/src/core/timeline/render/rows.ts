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
