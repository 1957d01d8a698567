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
  if (['first', 'next', 'last', 'initial', 'following', 'previous'].includes(next)) {
    c.i++;
    const r = periodRule(c, c.i);
    if (r) r.range = c.range(start, c.i);
    else c.i = start;
    return r;
  }
  const periods: Record<string, [number, DurationUnit, CalendarTiming['period']]> = {
    day: [1, 'days', 'day'], week: [1, 'weeks', 'week'], month: [1, 'months', 'month'], quarter: [3, 'months', 'quarter'],
  };
  const per = periods[next];
  if (per && ['before', 'after', 'of', 'prior'].includes(c.w(2))) {
    c.i += 2;
    const lengthStart = c.i - 1;
    const length = unitDuration(c, lengthStart, per[0], per[1]);
    const rel = c.w();
    if (next === 'day' && rel === 'of') {
      c.i++;
      return relationRest(c, start, 'on', false, 'the day of');
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

/** `first week`, `first 90 days`, `next 12 months`, `last 6 months`, `following week`, `first business day …`. */
export function periodRule(c: Cursor, start: number): Timing | undefined {
  const w = c.w();
  const which = w === 'initial' ? 'first' : (w as 'first' | 'next' | 'last' | 'following' | 'previous');
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

