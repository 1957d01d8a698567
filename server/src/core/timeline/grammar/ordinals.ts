/**
 * Ordinal periods: `second week`, `3rd business day`, `the final month`, `first, second and third month`. One
 * ordinal is that period on the document's axis (a window one unit wide); a list is a milestone at each;
 * `the 15th of each month` is a day of the month.
 */
import { Cursor } from './cursor';
import type { Anchor, Timing } from '../types';
import { readAnchor } from './anchors';
import { QUALIFIERS, UNITS } from './vocabulary';

const ORDINAL_WORDS: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
});
const SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);
const MAX_ORDINALS = 6;

/** First words an ordinal period starts at. */
export function isOrdinalStart(c: Cursor): boolean {
  return c.w() in ORDINAL_WORDS || (c.isNum() && SUFFIXES.has(c.w(1)) && c.adj(1));
}

/** One ordinal at the cursor (`third`, `3rd`), advancing; undefined otherwise. */
function ordinal(c: Cursor): number | undefined {
  const w = c.w();
  if (w in ORDINAL_WORDS) {
    c.i++;
    return ORDINAL_WORDS[w];
  }
  if (c.isNum() && SUFFIXES.has(c.w(1)) && c.adj(1)) {
    const n = Number(c.tok()!.norm);
    c.i += 2;
    return n;
  }
  return undefined;
}

export function ordinalPeriod(c: Cursor, start: number): Timing | undefined {
  const values: number[] = [];
  const first = ordinal(c);
  if (first === undefined) return undefined;
  values.push(first);
  while (values.length < MAX_ORDINALS) {
    const save = c.i;
    if (c.p() === ',' || c.p() === '&') c.i++;
    if (c.w() === 'and' || c.w() === 'or') c.i++;
    if (c.p() === '&') c.i++;
    // `first and last day of travel`: the last one has no number until the event says how long it runs.
    if ((c.w() === 'last' || c.w() === 'final') && c.i > save) {
      c.i++;
      return firstAndLast(c, start);
    }
    const n = ordinal(c);
    if (n === undefined) {
      c.i = save;
      break;
    }
    values.push(n);
  }
  // `the 15th of each month`, `1st of the month`: a day of every month.
  if (values.length === 1 && c.w() === 'of' && ['the', 'each', 'every'].includes(c.w(1)) && c.w(2) === 'month') {
    c.i += 3;
    return { kind: 'calendar', dayOfMonth: first, ...c.base(start) };
  }
  const unitStart = c.i;
  const u = unitAfterOrdinal(c, start);
  if (!u) return undefined;
  const unit = u.unit === 'minutes' ? undefined : u.unit === 'business-days' ? 'days' : u.unit;
  if (!unit) {
    c.i = start;
    return undefined;
  }
  const scaled = values.map((v) => v * u.mult);
  const numbers = c.range(start, unitStart);
  if (values.length === 1) {
    // The third month runs from the end of the second to the end of the third.
    const to = scaled[0]!;
    const from = unit === 'hours' ? to - u.mult : to - u.mult + 1;
    return { kind: 'window', unit, from, to, numbersRange: numbers, ...c.base(start) };
  }
  const milestoneUnit = unit === 'hours' ? undefined : unit;
  if (!milestoneUnit) {
    c.i = start;
    return undefined;
  }
  return { kind: 'milestone', offsets: scaled, unit: milestoneUnit, offsetsRange: numbers, ...c.base(start) };
}

/**
 * `first and last day of travel`, `the first and final week of the term`: the two ends of an event. A relation
 * on the event (the words name the days); undefined unless a unit follows. Cursor after `last`.
 */
function firstAndLast(c: Cursor, start: number): Timing | undefined {
  const u = unitAfterOrdinal(c, start);
  if (!u) return undefined;
  if (c.w() === 'of' && c.tok(1) !== undefined) {
    c.i++;
    readAnchor(c);
  }
  const anchor: Anchor = { text: c.slice(start, c.i), range: c.range(start, c.i) };
  return { kind: 'relation', relation: 'on', immediate: false, anchor, ...c.base(start) };
}

/** The unit after an ordinal (`third business week`), the cursor past it; undefined, the cursor back at `start`, if none. */
function unitAfterOrdinal(c: Cursor, start: number): (typeof UNITS)[string] | undefined {
  if (c.w() in QUALIFIERS) c.i++;
  const u = UNITS[c.w()];
  if (!u || u.adjacentOnly) {
    c.i = start;
    return undefined;
  }
  c.i++;
  return u;
}
