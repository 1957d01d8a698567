import { Cursor, Fail } from './cursor';
import type { DeadlineTiming, DurationTiming, Timing } from '../types';
import { NUMBER_WORDS, UNITS, AFTER_INTRO, BEFORE_INTRO, CLAUSE_WORDS, ANCHOR_STOP_PUNCT, SESSION_NOUNS, MILESTONE_NOUNS } from './vocabulary';
import { numberValue, readDuration } from './amounts';
import { afterAnchor, attachAnchor, readAnchor, skipBeforeIntro } from './anchors';
import { timesCadence } from './cadences';
import { clockTime, dayMonthDate, isoDate } from './dates';

export function tryNumeric(c: Cursor): Timing | undefined {
  const save = c.i;
  try {
    const r = numericRule(c);
    if (!r) c.i = save;
    return r;
  } catch (e) {
    c.i = save;
    if (e instanceof Fail) return undefined;
    throw e;
  }
}

/** Phrases that start with a number or a bounded/approximate number. */
export function numericRule(c: Cursor): Timing | undefined {
  const start = c.i;
  const date = isoDate(c, start);
  if (date) return date;
  const clock = clockTime(c, start);
  if (clock) return clock;
  const milestone = milestoneRule(c, start);
  if (milestone) return milestone;
  const times = timesCadence(c);
  if (times) return times;
  const sessions = sessionsRule(c, start);
  if (sessions) return sessions;
  const dayMonth = dayMonthDate(c, start);
  if (dayMonth) return dayMonth;

  const d = readDuration(c);
  if (!d) {
    c.i = start;
    const save = c.i;
    const n = numberValue(c);
    if (n && (c.done || c.p() === ')')) c.fail('a number without a unit of time', save, c.i);
    if (n && c.w() && !(c.w() in UNITS) && c.isNum(-1)) {
      const w = c.w();
      if (w === 'sessions' || w === 'session') c.fail(`'${w}' is not a unit of time`, c.i, c.i + 1);
    }
    c.i = start;
    return undefined;
  }
  const inAdvanceOf = c.w() === 'in' && c.w(1) === 'advance' && c.w(2) === 'of';
  if (inAdvanceOf || (BEFORE_INTRO.has(c.w()) && (c.w() === 'before' || c.w(1) === 'to' || c.w(1) === 'of'))) {
    if (inAdvanceOf) c.i += 3;
    else skipBeforeIntro(c);
    const out: Timing = { kind: 'offset', direction: 'before', offset: d, axis: 'anchor', ...c.base(start) };
    attachAnchor(c, out);
    out.range = c.range(start, c.i);
    return out;
  }
  // `two weeks' notice`, `a month ahead`, `3 days in advance`, `a week beforehand`: that long before the event the
  // step is for (the anchor is the step's own event).
  const ahead = aheadWords(c);
  if (ahead > 0) {
    c.i += ahead;
    return { kind: 'offset', direction: 'before', offset: d, axis: 'anchor', ...c.base(start) };
  }
  if (['after', 'since', 'from', 'following', 'post', 'later'].includes(c.w())) {
    const intro = c.w();
    const out: Timing = { kind: 'offset', direction: 'after', offset: d, axis: 'anchor', ...c.base(start) };
    c.i++;
    if (intro === 'later') out.axis = 'elapsed';
    else {
      if (intro === 'post' && c.p() === '-') c.i++;
      const a = readAnchor(c);
      if (a) out.anchor = a;
      else out.axis = 'elapsed';
    }
    out.range = c.range(start, c.i);
    return out;
  }
  if (c.w() === 'of' || d.bound === 'up-to') {
    const out: DeadlineTiming = { kind: 'deadline', within: d, first: false, ...c.base(start) };
    const a = afterAnchor(c);
    if (a) out.anchor = a;
    out.range = c.range(start, c.i);
    return out;
  }
  const out: DurationTiming = { kind: 'duration', duration: d, ...c.base(start) };
  // `1 hour meeting + follow-ups`, `30-minute discovery call`
  const nounStart = c.i;
  while (c.w() && !CLAUSE_WORDS.has(c.w()) && c.w() !== 'and' && c.w() !== 'for' && c.i - nounStart < 3) c.i++;
  if (c.i > nounStart) out.noun = c.slice(nounStart, c.i);
  if (c.p() === '+' || c.p() === '&') {
    c.i++;
    const extraStart = c.i;
    while (!c.done && !ANCHOR_STOP_PUNCT.has(c.p())) c.i++;
    if (c.i > extraStart) out.extra = c.slice(extraStart, c.i);
  }
  out.range = c.range(start, c.i);
  return out;
}

/** `30-Day Check-In`, `90-day review`, `30/60/90`, `30/60/90-Day Check-In Framework`. */
export function milestoneRule(c: Cursor, start: number): Timing | undefined {
  if (!c.isNum()) return undefined;
  const offsets: number[] = [];
  offsets.push(Number(c.tok()!.norm));
  c.i++;
  while (c.p() === '/' && c.isNum(1) && offsets.length < 16) {
    offsets.push(Number(c.tok(1)!.norm));
    c.i += 2;
  }
  // `30, 60 and 90-day check-ins`
  if (offsets.length === 1 && c.p() === ',' && c.isNum(1)) {
    const save = c.i;
    const list: number[] = [];
    while (c.p() === ',' && c.isNum(1) && list.length < 16) {
      list.push(Number(c.tok(1)!.norm));
      c.i += 2;
    }
    if (c.p() === ',') c.i++;
    if ((c.w() === 'and' || c.p() === '&') && c.isNum(1)) {
      list.push(Number(c.tok(1)!.norm));
      c.i += 2;
      offsets.push(...list);
    } else c.i = save;
  }
  const numbersEnd = c.i;
  const hyphen = c.p() === '-' && c.adj(0);
  if (hyphen) c.i++;
  const unitWord = c.w();
  const u = UNITS[unitWord];
  const unit = u && !u.adjacentOnly && u.mult === 1 && (u.unit === 'days' || u.unit === 'weeks' || u.unit === 'months') ? u.unit : undefined;
  if (unit) c.i++;
  const nounStart = c.i;
  const next = c.w();
  const isNoun = next !== '' && !CLAUSE_WORDS.has(next) && !AFTER_INTRO.has(next) && !BEFORE_INTRO.has(next) && next !== 'and' && next !== 'or' && next !== 'later';
  let ok = false;
  if (offsets.length > 1) ok = unit !== undefined ? isNoun || c.done || ANCHOR_STOP_PUNCT.has(c.p()) : !c.w() || isNoun;
  else ok = unit !== undefined && isNoun && (hyphen || MILESTONE_NOUNS.has(next));
  if (!ok) {
    c.i = start;
    return undefined;
  }
  if (isNoun) {
    // The noun runs to the end of the clause: `Check-In Framework`.
    while (!c.done && !ANCHOR_STOP_PUNCT.has(c.p()) && !(CLAUSE_WORDS.has(c.w()) && c.tok()!.spaceBefore)) c.i++;
  }
  const out: Timing = {
    kind: 'milestone',
    offsets,
    unit: unit ?? 'days',
    offsetsRange: c.range(start, numbersEnd),
    ...c.base(start),
  };
  if (c.i > nounStart) out.noun = c.slice(nounStart, c.i);
  return out;
}

/** `2-3 sessions over 1 week`. */
export function sessionsRule(c: Cursor, start: number): Timing | undefined {
  const n = numberValue(c);
  if (!n) {
    c.i = start;
    return undefined;
  }
  let value = n;
  if ((c.p() === '-' || c.w() === 'to' || c.w() === 'or') && (c.isNum(1) || c.w(1) in NUMBER_WORDS)) {
    const save = c.i;
    c.i++;
    const m = numberValue(c);
    if (m) value = { min: n.min, max: m.max, approximate: n.approximate };
    else c.i = save;
  }
  const noun = c.w();
  if (!SESSION_NOUNS.has(noun)) {
    c.i = start;
    return undefined;
  }
  c.i++;
  if (!['over', 'across', 'in', 'within', 'during'].includes(c.w())) {
    c.i = start;
    return undefined;
  }
  c.i++;
  const spanStart = c.i;
  const d = readDuration(c, true);
  if (!d) {
    c.i = spanStart;
    if (c.w() === 'the') c.i++;
    const d2 = readDuration(c, true);
    if (!d2) c.fail(`expected a duration after '${c.w(-1)}'`);
    return { kind: 'duration', duration: d2, sessions: { min: value.min, max: value.max, noun }, ...c.base(start) };
  }
  return { kind: 'duration', duration: d, sessions: { min: value.min, max: value.max, noun }, ...c.base(start) };
}


/** `notice`, `written notice`, `ahead`, `in advance`, `beforehand`, `earlier`, `prior` (not `prior to`): tokens, or 0. */
function aheadWords(c: Cursor): number {
  const w = c.w();
  if (w === 'notice' || w === 'ahead' || w === 'beforehand' || w === 'earlier') return c.w(1) === 'of' ? 0 : 1;
  if (w === 'prior' && c.w(1) !== 'to') return 1;
  if (w === 'in' && c.w(1) === 'advance' && c.w(2) !== 'of') return 2;
  if ((w === 'written' || w === 'advance' || w === 'prior' || w === 'advanced') && c.w(1) === 'notice') return 2;
  return 0;
}
