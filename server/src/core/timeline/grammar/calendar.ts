import { Cursor } from './cursor';
import type { CalendarTiming, DurationUnit, Timing } from '../types';
import { TokKind } from '../tokens';
import { WEEKDAYS, AFTER_INTRO } from './vocabulary';
import { readDuration, unitDuration } from './amounts';
import { afterAnchor, attachAnchor } from './anchors';
import { relationRest, sameDay } from './relations';

export function theRule(c: Cursor, start: number): Timing | undefined {
  const next = c.w(1);
  if (next === 'same') {
    c.i++;
    const r = sameDay(c, c.i);
    if (r) r.range = c.range(start, c.i);
    return r;
  }
  if (['first', 'next', 'last', 'final', 'initial', 'following', 'previous'].includes(next)) {
    c.i++;
    const r = periodRule(c, c.i);
    if (r) r.range = c.range(start, c.i);
    else c.i = start;
    return r;
  }
  if (HALF_ORDINALS.has(next) && c.w(2) === 'half' && c.w(3) === 'of') return halfOf(c, start, 1);
  const periods: Record<string, [number, DurationUnit, CalendarTiming['period']]> = {
    day: [1, 'days', 'day'], week: [1, 'weeks', 'week'], month: [1, 'months', 'month'], quarter: [3, 'months', 'quarter'],
    // `the evening before`: the day before, at a time of day the phrase names.
    morning: [1, 'days', 'day'], afternoon: [1, 'days', 'day'], evening: [1, 'days', 'day'], night: [1, 'days', 'day'],
  };
  const per = Object.hasOwn(periods, next) ? periods[next] : undefined;
  if (per && ['before', 'after', 'of', 'prior'].includes(c.w(2))) {
    c.i += 2;
    const lengthStart = c.i - 1;
    const length = unitDuration(c, lengthStart, per[0], per[1]);
    const rel = c.w();
    if (per[2] === 'day' && rel === 'of') {
      c.i++;
      return relationRest(c, start, 'on', false, `the ${next} of`);
    }
    // `the evening before` alone: the event is the step's own (the day it is done on).
    if (next !== 'day' && per[2] === 'day' && (c.done || c.p() === ')' || c.p() === ',' || c.p() === '.')) {
      c.i++;
      return { kind: 'period', which: rel === 'after' ? 'after' : 'before', length, ...c.base(start) };
    }
    c.i++;
    if (rel === 'prior' && c.w() === 'to') c.i++;
    const which = rel === 'of' ? 'of' : rel === 'after' ? 'after' : 'before';
    const out: Timing = { kind: 'period', which, length, ...c.base(start) };
    attachAnchor(c, out);
    out.range = c.range(start, c.i);
    return out;
  }
  return undefined;
}

const DAY_PARTS = new Set(['morning', 'afternoon', 'evening', 'night']);
const HALF_ORDINALS = new Set(['first', 'second', 'latter', 'last', 'later', 'earlier']);
/** How long half of a period is: a half year is 6 months, a half quarter about 6 weeks. */
const HALVES: Record<string, { n: number; unit: DurationUnit }> = {
  year: { n: 6, unit: 'months' }, quarter: { n: 6, unit: 'weeks' }, month: { n: 2, unit: 'weeks' }, week: { n: 3, unit: 'days' }, day: { n: 12, unit: 'hours' },
};

/**
 * `(in) the first half of the quarter`, `second half of the year`: the first or last half of a period. Cursor
 * `skip` words before the ordinal (`in the`, `the`). A period without a length (`the first half of the sprint`)
 * is a time during that event.
 */
export function halfOf(c: Cursor, start: number, skip: number): Timing | undefined {
  const save = c.i;
  c.i += skip;
  if (!HALF_ORDINALS.has(c.w()) || c.w(1) !== 'half' || c.w(2) !== 'of') {
    c.i = save;
    return undefined;
  }
  const which = c.w() === 'first' || c.w() === 'earlier' ? 'first' : 'last';
  c.i += 3;
  const kw = c.slice(start, c.i);
  const det = c.w();
  const k = det === 'the' || det === 'each' || det === 'every' || det === 'a' || det === 'this' || det === 'next' ? 1 : 0;
  const period = c.w(k).replace(/s$/, '');
  const half = Object.hasOwn(HALVES, period) ? HALVES[period] : undefined;
  if (!half) return relationRest(c, start, 'during', false, kw);
  const lengthStart = c.i;
  c.i += k + 1;
  const length = unitDuration(c, lengthStart, half.n, half.unit);
  length.approximate = period === 'quarter';
  return { kind: 'period', which, length, ...c.base(start) };
}

/** `first week`, `first 90 days`, `next 12 months`, `last 6 months`, `following week`, `first business day …`. */
export function periodRule(c: Cursor, start: number): Timing | undefined {
  const w = c.w();
  if (c.w(1) === 'half' && c.w(2) === 'of') return halfOf(c, start, 0);
  const which = w === 'initial' ? 'first' : w === 'final' ? 'last' : (w as 'first' | 'next' | 'last' | 'following' | 'previous');
  // `the previous night`, `the next morning`: the day before or after, at a time of day.
  if ((which === 'previous' || which === 'next' || which === 'following') && DAY_PARTS.has(c.w(1))) {
    c.i += 2;
    return { kind: 'period', which, length: unitDuration(c, c.i - 1, 1, 'days'), ...c.base(start) };
  }
  c.i++;
  const d = readDuration(c, true);
  if (!d) {
    c.i = start;
    // `the next release team meeting`: an event, not a period.
    if (which === 'next' && c.w(1) !== '') return relationRest(c, start, 'upon', false, 'next');
    return undefined;
  }
  // `first business day on or before the 16th of the month`
  if ((which === 'first' || which === 'last') && d.min === 1 && c.w() === 'on' && c.w(1) === 'or') {
    const rel = c.w(2);
    if (rel === 'before' || rel === 'after') {
      c.i += 3;
      if (c.w() === 'the') c.i++;
      const dayTok = c.tok();
      if (dayTok?.kind === TokKind.Num && ['th', 'st', 'nd', 'rd'].includes(c.w(1))) {
        c.i += 2;
        if (c.w() === 'of') {
          c.i++;
          if (c.w() === 'the') c.i++;
          if (c.w() === 'month') c.i++;
        }
        const out: CalendarTiming = {
          kind: 'calendar', which, unit: d.unit, dayOfMonth: Number(dayTok.norm),
          relation: rel === 'before' ? 'on-or-before' : 'on-or-after', ...c.base(start),
        };
        return out;
      }
    }
  }
  const out: Timing = { kind: 'period', which, length: d, ...c.base(start) };
  if (AFTER_INTRO.has(c.w()) && c.w() !== 'upon') {
    const a = afterAnchor(c);
    if (a) out.anchor = a;
    out.range = c.range(start, c.i);
  }
  return out;
}

/** `Monday`, `(Monday)`, `Friday the week before`, `non-Friday weekday`, `Friday before the release`. */
export function weekdayRule(c: Cursor, negated: boolean, start = c.i): Timing {
  const out: CalendarTiming = { kind: 'calendar', weekday: WEEKDAYS[c.w()]!, ...c.base(start) };
  c.i++;
  if (negated) {
    out.negated = true;
    if (c.w() === 'weekday' || c.w() === 'day') c.i++;
  }
  if (c.w() === 'the' && (c.w(1) === 'week' || c.w(1) === 'day') && (c.w(2) === 'before' || c.w(2) === 'after')) {
    out.period = c.w(1) as 'week' | 'day';
    out.relation = c.w(2) as 'before' | 'after';
    c.i += 3;
    attachAnchor(c, out);
  } else if (c.w() === 'before' || c.w() === 'after') {
    out.relation = c.w() as 'before' | 'after';
    c.i++;
    attachAnchor(c, out);
  }
  out.range = c.range(start, c.i);
  return out;
}

