/**
 * The hours of the working day as a time a step happens in or outside of: `outside business hours`, `out of
 * support hours`, `Outside of these hours`, `out-of-hours`, `after-hours`, `off-hours`, `in office hours`.
 * Support and on-call procedures say this instead of a clock time. Read as a relation during the named hours
 * (the anchor keeps `outside`/`after`, so a reader sees which side of the working day is meant).
 */
import { Cursor } from './cursor';
import type { Anchor, Timing } from '../types';
import { relationValue } from './relations';

/** Words that may describe the hours (`normal business`, `core support`, `these`), at most MAX_HOURS_WORDS of them. */
const MAX_HOURS_WORDS = 3;
const HOURS_WORDS = new Set(['hours', 'hrs']);
const NOT_HOURS_WORDS = new Set(['and', 'or', 'but', 'if', 'then', 'we', 'you', 'they']);

/**
 * Cursor on `outside`, `out`, `after`, `off`, `in`, `within` or `during`; `outside` and `out` may be followed by `of`.
 * Gives undefined (cursor restored) unless `hours` ends the phrase within a few words.
 */
export function workHours(c: Cursor, start: number): Timing | undefined {
  const w = c.w();
  let j = 1;
  if ((w === 'outside' || w === 'out') && (c.w(1) === 'of' || (c.p(1) === '-' && c.w(2) === 'of'))) j = c.w(1) === 'of' ? 2 : 3;
  else if (w === 'out') return undefined;
  if (c.p(j) === '-' && c.adj(j)) j++;
  let k = 0;
  while (k < MAX_HOURS_WORDS && c.w(j + k) && !HOURS_WORDS.has(c.w(j + k)) && !NOT_HOURS_WORDS.has(c.w(j + k))) {
    k++;
    if (c.p(j + k) === '-' && c.adj(j + k)) j++;
  }
  if (!HOURS_WORDS.has(c.w(j + k))) return undefined;
  const end = c.i + j + k + 1;
  const anchor: Anchor = { text: c.slice(c.i, end), range: c.range(c.i, end) };
  c.i = end;
  return relationValue(c, start, 'during', false, anchor);
}
