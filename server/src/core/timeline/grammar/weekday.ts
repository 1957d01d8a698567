/**
 * Weekday plans: the days of a release week (`Monday`, `by Wednesday`, `Tuesday of release week`, `Friday the
 * week before`, `Thursday of week 3`, `no later than Friday the week after the launch`). The scheduler places the
 * weekday in the calendar week (Monday to Sunday) it belongs to: the anchor's, else the plan's release week
 * (docs/timeline.md "Weekday plans"). Constant lookahead plus one anchor read: linear.
 */
import type { Cursor } from './cursor';
import type { CalendarTiming, Timing } from '../types';
import { readAnchor } from './anchors';
import { MONTHS, WEEKDAYS } from './vocabulary';

/** Words before a weekday that make it a deadline rather than the day itself. */
const BY_WORDS = new Set(['by', 'before', 'until', 'till']);

/** `by Wednesday`, `on Monday`, `no later than Friday`; undefined (cursor restored) when no weekday starts here. */
export function weekdayPlan(c: Cursor): Timing | undefined {
  const start = c.i;
  let by = false;
  if (BY_WORDS.has(c.w())) {
    by = true;
    c.i++;
  } else if (c.w() === 'no' && c.w(1) === 'later' && c.w(2) === 'than') {
    by = true;
    c.i += 3;
  } else if (c.w() === 'on') c.i++;
  if (c.w() === 'end' && c.w(1) === 'of') {
    by = true;
    c.i += 2;
  }
  const weekday = WEEKDAYS[c.w()];
  // `before Friday's review` is an event; only a bare weekday word counts (three letters at least).
  if (weekday === undefined || c.w().length < 3 || c.p(1) === "'") {
    c.i = start;
    return undefined;
  }
  c.i++;
  // `Monday to Friday`, `Mon-Fri`: a span of weekdays (working days), not one day of a plan; `Monday 17th
  // August 2026`, `Tuesday, March 3`: a date (the general grammar reads it).
  const span = (c.p() === '-' || c.p() === '–' || c.w() === 'to' || c.w() === 'through' || c.w() === 'thru') && WEEKDAYS[c.w(1)] !== undefined;
  const date = c.isNum() || c.w() in MONTHS || (c.p() === ',' && (c.isNum(1) || c.w(1) in MONTHS));
  if (span || date) {
    c.i = start;
    return undefined;
  }
  const out: CalendarTiming = { kind: 'calendar', weekday, ...c.base(start) };
  if (by) out.by = true;
  readWeek(c, out);
  out.range = c.range(start, c.i);
  return out;
}

/** What follows the weekday: `the week before [X]`, `of (the) week N`, `of (the) release week`, `of the week before X`. */
function readWeek(c: Cursor, out: CalendarTiming): void {
  const save = c.i;
  const introduced = c.w() === 'of' || c.w() === 'in';
  if (introduced) c.i++;
  if (c.w() === 'the') c.i++;
  if (c.w() === 'week' && (c.w(1) === 'before' || c.w(1) === 'after' || c.w(1) === 'prior')) {
    const before = c.w(1) !== 'after';
    out.period = 'week';
    out.relation = before ? 'before' : 'after';
    out.weeks = before ? -1 : 1;
    c.i += 2;
    if (c.w(-1) === 'prior' && c.w() === 'to') c.i++;
    if (c.w() === 'the' || c.w() === 'a' || c.w() === 'an' || /^[a-z]/.test(c.w())) {
      const a = readAnchor(c);
      if (a) out.anchor = a;
    }
    return;
  }
  if (c.w() === 'week' && c.isNum(1)) {
    out.weekNumber = Number(c.tok(1)!.norm);
    c.i += 2;
    return;
  }
  // `of release week`, `of the go-live week`: the event is the words before `week` (at most four).
  for (let k = 0; k < 5 && introduced; k++) {
    if (c.w(k) !== 'week') continue;
    if (k === 0) break;
    out.anchor = { text: c.slice(c.i, c.i + k), range: c.range(c.i, c.i + k) };
    out.period = 'week';
    c.i += k + 1;
    return;
  }
  c.i = save;
}
