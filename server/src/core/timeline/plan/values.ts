/**
 * Small value helpers the passes share: what a duration range can take, which days a window covers, percentiles,
 * the seeded random numbers of the Monte Carlo.
 */
import { addMonths, fromDayNumber, toDayNumber } from '../calendar';
import type { Duration, Timing } from '../types';
import type { Range } from '../../model';
import type { Pick, TimelineStep } from './types';

/** Low and high values a duration can take; the Monte Carlo draws between them. */
export function durationSpan(d: Duration): [number, number] {
  let lo = d.min;
  let hi = d.max;
  if (d.approximate) {
    lo *= 0.8;
    hi *= 1.25;
  }
  if (d.bound === 'at-least') hi = Math.max(hi * 1.5, lo);
  if (d.bound === 'up-to' && lo === hi) lo = hi / 2;
  return [lo, hi];
}

export function pickValue(d: Duration, pick: Pick): number {
  const [lo, hi] = durationSpan(d);
  if (pick === 'min') return lo;
  if (pick === 'max') return hi;
  return lo + (hi - lo) * pick();
}

/**
 * The days a window covers. `dayBase` is 1 when the document's first day is `Day 1` (Days 1-30 are the start and
 * the 29 days after it), 0 when it counts from `Day 0` (Days 0-30 include 31 days).
 */
export function windowDays(w: Extract<Timing, { kind: 'window' }>, startDay: number, dayBase = 0): [number, number] {
  switch (w.unit) {
    case 'days': {
      // Negative days count back from the start either way (`Days -10 to -1` are the ten days before it).
      const at = (n: number) => startDay + (n > 0 ? n - dayBase : n);
      return [at(w.from), at(w.to)];
    }
    case 'hours':
      return [startDay + Math.floor(w.from / 24), startDay + Math.max(Math.floor(w.from / 24), Math.ceil(w.to / 24) - 1)];
    case 'weeks': {
      // Week 1 is days 0-6, week N days 7(N-1)…7N-1; week 0 and negative weeks count back from day 0.
      const first = (n: number) => (n >= 1 ? 7 * (n - 1) : 7 * n);
      return [startDay + first(w.from), startDay + first(w.to) + 6];
    }
    case 'months': {
      const at = (n: number) => toDayNumber(addMonths(fromDayNumber(startDay), n));
      const from = w.from >= 1 ? w.from - 1 : w.from;
      const to = w.to >= 1 ? w.to : w.to + 1;
      return [at(from), at(to) - 1];
    }
  }
}

/** A deadline of no time: done the day the event is (`by X`, `immediately after X`). */
export function zeroDuration(v: Timing): Duration {
  return { min: 0, max: 0, unit: 'days', business: false, approximate: false, bound: 'exact', text: '', range: v.range };
}

/** A calendar-day duration of exactly `days` (offsets the scheduler derives itself). */
export function dayDuration(days: number, text: string, range: Duration['range']): Duration {
  return { min: days, max: days, unit: 'days', business: false, approximate: false, bound: 'exact', text, range };
}

const UNIT_WORDS: Record<Duration['unit'], [string, string]> = {
  minutes: ['minute', 'minutes'],
  hours: ['hour', 'hours'],
  days: ['day', 'days'],
  'business-days': ['business day', 'business days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
};

/** `{ n: 15, unit: 'minutes' }` → `15 minutes`; `{ n: 1, unit: 'weeks' }` → `1 week`. */
export function everyText(every: { n: number; unit: Duration['unit'] }): string {
  const [one, many] = UNIT_WORDS[every.unit];
  return `${every.n} ${every.n === 1 ? one : many}`;
}

export function maxOf(items: number[], f: (i: number) => number): number {
  let m = -Infinity;
  for (const i of items) m = Math.max(m, f(i));
  return m;
}

/** Whether step k is step p or sits under it. */
export function isWithin(steps: TimelineStep[], k: number, p: number): boolean {
  for (let x: number | undefined = k; x !== undefined; x = steps[x]!.parent) if (x === p) return true;
  return false;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[idx]!;
}

/** Deterministic PRNG (mulberry32): the same seed gives the same simulation everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The range diagnostics about a step's timing point at: its first timing, else its heading. */
export function pickTimingRange(t: TimelineStep): Range {
  const schedulable = t.timings.find((x) => x.value.kind !== 'unparsed' && x.value.kind !== 'ongoing' && x.value.kind !== 'cadence');
  return (schedulable ?? t.timings[0])?.value.range ?? t.step.titleRange;
}
