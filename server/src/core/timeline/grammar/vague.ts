/**
 * Timing without an amount: moments and manners people write when no number is needed. `eventually`,
 * `retroactively`, `in the meantime`, `yesterday`, `this week`, `mid-week`, `later in the sprint`,
 * `start of the cycle`, `between releases`, `as of the cut-over`, `With Code Freeze` (a heading),
 * `pre-release`, `As requests come in`, `from time to time`, `for the full retention period`.
 *
 * Each maps onto a value the timeline already has (a relation, an offset, a period, a calendar day, ongoing work),
 * so nothing downstream needs a new kind. Every rule looks a few tokens ahead and gives back undefined (cursor
 * restored) when it does not apply, so the dispatcher falls through to the other rules.
 */
import { Cursor } from './cursor';
import type { Anchor, Duration, RelationKind, Timing } from '../types';
import { readAnchor } from './anchors';
import { readDuration, unitDuration } from './amounts';
import { TokKind } from '../tokens';
import { ordinalPeriod } from './ordinals';
import { endOf, relationRest, relationValue } from './relations';
import { asSoonAsPossible, eventDay, overnight, withinPeriod } from './events';
import { ANCHOR_STOP_PUNCT } from './vocabulary';

/** First words the rules of this module start at (the dispatcher only calls `vaguePhrase` for these). */
export const VAGUE_STARTS = new Set([
  'eventually', 'afterwards', 'afterward', 'later', 'earlier', 'subsequently', 'thereafter', 'retroactively',
  'retrospectively', 'in', 'meanwhile', 'simultaneously', 'concurrently', 'at', 'yesterday', 'today', 'tonight',
  'tomorrow', 'soon', 'on', 'this', 'coming', 'current', 'past', 'mid', 'midweek', 'start', 'beginning', 'middle',
  'the', 'between', 'as', 'with', 'around', 'near', 'pre', 'from', 'every', 'now', 'for', 'throughout', 'upfront',
  'up', 'weekdays', 'weekend', 'weekends', 'workweek', 'frequently', 'routinely', 'repeatedly', 'recurring',
  'while', 'whilst', 'urgently', 'expeditiously', 'instantly', 'forthwith', 'swiftly', 'speedily', 'posthaste', 'indefinitely', 'first', 't', 'time', 'year', 'month',
  'quarter', 'week', 'sprint', 'fy', 'end', 'next', 'following', 'each', 'day', 'hour', 'all', 'full', 'round', 'o',
]);

/** Adverbs of urgency: as soon as the step can start. */
const IMMEDIATE_ADVERBS = new Set(['urgently', 'expeditiously', 'instantly', 'forthwith', 'swiftly', 'speedily', 'posthaste', 'immediately']);
/** Parts of a day: `every morning` is daily; `in the evening` is during it. */
const DAY_PARTS = new Set(['morning', 'afternoon', 'evening', 'night', 'mornings', 'afternoons', 'evenings', 'nights']);
/** Nouns of a moment a whole phrase may be (`Code Freeze` as a heading or a `When:` value). */
const MOMENT_NOUNS = new Set([
  'release', 'releases', 'launch', 'golive', 'live', 'cutover', 'over', 'freeze', 'kickoff', 'off', 'retrospective',
  'retro', 'ga',
]);
const MAX_MOMENT_WORDS = 4;
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'this', 'that', 'each', 'every']);
/** A phrase that starts with one of these says how it relates to the event; a rule for that word reads it. */
const LEADING_WORDS = new Set([
  'within', 'after', 'before', 'by', 'until', 'till', 'during', 'at', 'on', 'in', 'for', 'upon', 'from', 'to', 'with',
  'since', 'following', 'prior', 'ahead', 'once', 'when', 'if', 'every', 'each', 'up', 'no', 'not',
]);

/** `24/7`, `24x7`: round the clock. Cursor on `24`. */
export function roundTheClock(c: Cursor, start: number): Timing | undefined {
  if (c.tok()?.norm !== '24' || !(c.p(1) === '/' || c.w(1) === 'x') || c.tok(2)?.norm !== '7') return undefined;
  c.i += 3;
  return { kind: 'ongoing', mode: 'continuous', ...c.base(start) };
}

/** Unanchored adverbs: what they say about when, as a relation to the step's own moment. */
const ADVERBS: Record<string, RelationKind> = Object.assign(Object.create(null) as Record<string, RelationKind>, {
  eventually: 'after', afterwards: 'after', afterward: 'after', subsequently: 'after', thereafter: 'after',
  retroactively: 'after', retrospectively: 'after', meanwhile: 'during', simultaneously: 'during', concurrently: 'during',
  upfront: 'before',
});

/** `mid-week` is Wednesday and `mid-month` the 15th; other `mid-X` is during X. */
const MID_PERIOD: Record<string, { weekday?: number; dayOfMonth?: number }> = Object.assign(Object.create(null), {
  week: { weekday: 3 }, month: { dayOfMonth: 15 },
});

/** Lengths of the periods `this week`, `the coming month` name. */
const PERIOD_LENGTH: Record<string, [number, 'days' | 'weeks' | 'months']> = Object.assign(Object.create(null), {
  day: [1, 'days'], week: [1, 'weeks'], month: [1, 'months'], quarter: [3, 'months'], year: [12, 'months'],
});

/** Verbs that make `As <subject> <verb>` a clause of time (`As requests come in`); the detector uses the same list. */
const AS_CLAUSE_VERBS = new Set([
  'come', 'comes', 'arrive', 'arrives', 'close', 'closes', 'open', 'opens', 'happen', 'happens', 'occur', 'occurs',
  'progress', 'progresses', 'approach', 'approaches', 'evolve', 'evolves', 'develop', 'develops', 'unfold', 'unfolds',
  'near', 'nears', 'begin', 'begins', 'start', 'starts', 'end', 'ends', 'finishes', 'land', 'lands',
  'merge', 'merges', 'change', 'changes', 'roll', 'rolls', 'ship', 'ships', 'grow', 'grows', 'move', 'moves',
  'become', 'becomes', 'get', 'gets', 'is', 'are',
]);
const MAX_AS_SUBJECT = 4;
const NOT_AS_SUBJECT = new Set([
  'soon', 'long', 'well', 'much', 'many', 'far', 'part', 'a', 'an', 'per', 'needed', 'required', 'necessary',
  'appropriate', 'such', 'quickly', 'early', 'fast', 'promptly', 'described', 'mentioned', 'noted', 'shown',
]);

/** Heading moments (`With Code Freeze`): the relation each leading word means. */
const MOMENT_WORDS: Record<string, RelationKind> = Object.assign(Object.create(null) as Record<string, RelationKind>, {
  with: 'at', around: 'at', near: 'at', from: 'after',
});

export function vaguePhrase(c: Cursor, start: number): Timing | undefined {
  const w = c.w();
  const rel = ADVERBS[w];
  if (rel) {
    c.i++;
    return relationValue(c, start, rel, false);
  }
  if (IMMEDIATE_ADVERBS.has(w)) {
    c.i++;
    return relationValue(c, start, 'immediately', true);
  }
  switch (w) {
    case 'while':
    case 'whilst':
      return c.optional(() => relationRest(stepOver(c, 1), start, 'during', false, w));
    case 'first':
      if (c.w(1) === 'thing') {
        c.i += 2;
        if (c.w() === 'in' && c.w(1) === 'the' && DAY_PARTS.has(c.w(2))) c.i += 3;
        return relationValue(c, start, 'immediately', true);
      }
      return undefined;
    case 't':
    case 'time':
      return timePoint(c, start);
    case 'year':
    case 'month':
    case 'quarter':
    case 'week':
    case 'sprint':
    case 'fy':
    case 'day':
    case 'hour':
      if (c.p(1) === '-' && c.w(2) === 'long') return periodLong(c, start);
      return periodEnd(c, start);
    case 'all':
    case 'full':
      if (c.w(1) === 'day' || (c.p(1) === '-' && c.w(2) === 'day')) return periodLong(c, start);
      return undefined;
    case 'round':
      if (c.w(1) === 'the' && c.w(2) === 'clock') return ongoing(c, start, 3, 'continuous');
      return undefined;
    case 'o':
      if (c.p(1) === '/' && c.w(2) === 'n') return overnight(stepOver(c, 2), start);
      return undefined;
    case 'end':
      if (c.p(1) === '-' && c.w(2) === 'of' && c.p(3) === '-' && c.w(4)) return hyphenatedEndOf(c, start);
      return undefined;
    case 'next':
    case 'following':
      if (DAY_PARTS.has(c.w(1))) return dayPart(c, start, 2);
      return undefined;
    case 'each':
      if (DAY_PARTS.has(c.w(1))) return dailyPart(c, start);
      return undefined;
    case 'later':
    case 'earlier':
      return laterIn(c, start);
    case 'in':
      if (c.w(1) === 'the' && c.w(2) === 'meantime') return words(c, start, 3, 'during');
      if (c.w(1) === 'the' && DAY_PARTS.has(c.w(2))) return dayPart(c, start, 1);
      if (c.w(1) === 'due' && c.w(2) === 'course') return ongoing(c, start, 3, 'tbd');
      if (c.w(1) === 'time' && c.w(2) !== 'zone' && c.w(2) !== 'zones') return inTime(c, start, 2);
      if (c.w(1) === 'parallel') return words(c, start, 2, 'during');
      // `in launch week`, `in the release week`
      c.i += c.w(1) === 'the' ? 2 : 1;
      return eventDay(c, start);
    case 'on':
      if (c.w(1) === 'time') return inTime(c, start, 2);
      if ((c.w(1) === 'short' || c.w(1) === 'little') && c.w(2) === 'notice') return words(c, start, 3, 'immediately', true);
      return undefined;
    case 'at':
      if (c.w(1) === 'the' && c.w(2) === 'same' && c.w(3) === 'time') return sameTime(c, start);
      if (c.w(1) === 'short' && c.w(2) === 'notice') return words(c, start, 3, 'immediately', true);
      if (c.w(1) === 'regular' && c.w(2) === 'intervals') return ongoing(c, start, 3, 'periodic');
      if (c.w(1) === 'intervals') return ongoing(c, start, 2, 'periodic');
      return undefined;
    case 'yesterday':
    case 'tomorrow':
      return dayOffset(c, start, w === 'yesterday' ? 'before' : 'after');
    case 'today':
    case 'tonight':
      c.i++;
      return relationValue(c, start, 'same-day', false);
    case 'soon':
      return soon(c, start);
    case 'this':
    case 'coming':
    case 'current':
    case 'past':
      return thisPeriod(c, start);
    case 'mid':
    case 'midweek':
      return mid(c, start);
    case 'start':
    case 'beginning':
    case 'middle':
      return startOf(c, start);
    case 'the':
      if (c.isNum(1)) {
        c.i++;
        const r = c.optional(() => ordinalPeriod(c, start));
        if (!r) c.i = start;
        return r;
      }
      if (['start', 'beginning', 'middle', 'end'].includes(c.w(1)) && c.w(2) === 'of') {
        c.i++;
        const r = c.w() === 'end' ? endOf(c, start) : startOf(c, start);
        if (!r) c.i = start;
        return r;
      }
      if (['coming', 'current', 'past'].includes(c.w(1))) {
        c.i++;
        const r = thisPeriod(c, start);
        if (!r) c.i = start;
        return r;
      }
      return undefined;
    case 'between':
      return between(c, start);
    case 'as':
      return asPhrase(c, start);
    case 'with':
    case 'around':
      if (c.w(1) === 'the' && c.w(2) === 'clock') return ongoing(c, start, 3, 'continuous');
      return moment(c, start, MOMENT_WORDS[w]!);
    case 'near':
    case 'from':
      if (w === 'from' && c.w(1) === 'time' && c.w(2) === 'to' && c.w(3) === 'time') return ongoing(c, start, 4, 'periodic');
      return moment(c, start, MOMENT_WORDS[w]!);
    case 'pre':
      if (c.p(1) !== '-' || !c.adj(1)) return undefined;
      return c.optional(() => relationRest(stepOver(c, 2), start, 'before', false, 'pre-'));
    case 'every':
      if (c.w(1) === 'so' && c.w(2) === 'often') return ongoing(c, start, 3, 'periodic');
      if (DAY_PARTS.has(c.w(1))) return dailyPart(c, start);
      if (c.w(1) === 'weekday' || c.w(1) === 'weekdays') {
        c.i += 2;
        return { kind: 'cadence', every: { n: 1, unit: 'business-days' }, ...c.base(start) };
      }
      return undefined;
    case 'now':
      if (c.w(1) === 'and' && c.w(2) === 'then') return ongoing(c, start, 3, 'as-needed');
      return undefined;
    case 'for':
    case 'throughout':
      return forPeriod(c, start);
    case 'up':
      if (c.p(1) === '-' && c.w(2) === 'front') return words(c, start, 3, 'before');
      return undefined;
    case 'weekdays':
    case 'workweek':
      c.i++;
      return { kind: 'cadence', every: { n: 1, unit: 'business-days' }, ...c.base(start) };
    case 'weekend':
    case 'weekends':
      c.i++;
      return { kind: 'calendar', weekday: 6, ...c.base(start) };
    case 'indefinitely':
      return ongoing(c, start, 1, 'ongoing');
    case 'frequently':
    case 'routinely':
    case 'repeatedly':
    case 'recurring':
      return ongoing(c, start, 1, 'periodic');
    default:
      return undefined;
  }
}

/**
 * A whole phrase that is an event (`Code Freeze`, `Release`, `Go-live` as a heading or a `When:` value): the steps
 * happen on it. Only when the phrase is nothing else: a few words, the last one naming a moment.
 */
export function wholeEvent(c: Cursor, start: number): Timing | undefined {
  const n = c.toks.length - c.i;
  if (n < 1 || n > MAX_MOMENT_WORDS || LEADING_WORDS.has(c.w())) return undefined;
  for (let k = 0; k < n; k++) {
    const t = c.tok(k)!;
    if (t.kind !== TokKind.Word && !(t.norm === '-' && !t.spaceBefore)) return undefined;
  }
  if (!MOMENT_NOUNS.has(c.w(n - 1)) && !(c.w(n - 1) === 'day' && n > 1)) return undefined;
  const anchor: Anchor = { text: c.slice(c.i, c.i + n), range: c.range(c.i, c.i + n) };
  c.i += n;
  return relationValue(c, start, 'on', false, anchor);
}

/** `in the morning`, `the next evening`: during that part of the day. */
function dayPart(c: Cursor, start: number, skip: number): Timing {
  c.i += skip;
  const a = readAnchor(c)!;
  return relationValue(c, start, 'during', false, a);
}

/** `every morning`, `each evening`: daily. */
function dailyPart(c: Cursor, start: number): Timing {
  c.i += 2;
  return { kind: 'cadence', every: { n: 1, unit: 'days' }, ...c.base(start) };
}

/** `t = 0`, `t=30 min`, `time zero`: a time point counted from the protocol's start (the T axis). */
function timePoint(c: Cursor, start: number): Timing | undefined {
  if (c.w() === 'time' && c.w(1) === 'zero') {
    c.i += 2;
    return { kind: 'offset', direction: 'after', offset: unitDuration(c, start, 0, 'minutes'), axis: 't', ...c.base(start) };
  }
  // `time 0`, `time point 0`, `T0`: the first time point of a protocol.
  const zeroAt = c.w() === 'time' ? (c.w(1) === 'point' ? 2 : 1) : c.adj(1) ? 1 : 0;
  if (zeroAt > 0 && c.isNum(zeroAt) && c.tok(zeroAt)!.norm === '0' && !c.isNum(zeroAt + 1)) {
    c.i += zeroAt + 1;
    return { kind: 'offset', direction: 'after', offset: unitDuration(c, c.i - 1, 0, 'minutes'), axis: 't', ...c.base(start) };
  }
  if (c.p(1) !== '=' || !c.isNum(2)) return undefined;
  c.i += 2;
  const d = readDuration(c);
  if (d) return { kind: 'offset', direction: 'after', offset: d, axis: 't', ...c.base(start) };
  if (c.tok()!.norm !== '0') {
    c.i = start;
    return undefined;
  }
  c.i++;
  return { kind: 'offset', direction: 'after', offset: unitDuration(c, start + 2, 0, 'minutes'), axis: 't', ...c.base(start) };
}

const PERIOD_UNITS: Record<string, [number, 'days' | 'weeks' | 'months']> = Object.assign(Object.create(null), {
  fy: [12, 'months'], day: [1, 'days'], week: [1, 'weeks'], month: [1, 'months'], quarter: [3, 'months'], year: [12, 'months'],
});

/** `month-end`, `quarter-end`, `sprint-end`. Cursor on the period word. */
function periodEnd(c: Cursor, start: number): Timing | undefined {
  // `month-end`, `quarter end`, `FY end`
  const hyphen = c.p(1) === '-' ? 1 : 0;
  if (c.w(1 + hyphen) !== 'end') return undefined;
  const per = PERIOD_UNITS[c.w()];
  if (!per) {
    const anchor: Anchor = { text: c.slice(c.i, c.i + 1), range: c.range(c.i, c.i + 1) };
    c.i += 2 + hyphen;
    return relationValue(c, start, 'by-end-of', false, anchor);
  }
  c.i++;
  const length = unitDuration(c, start, per[0], per[1]);
  c.i += 1 + hyphen;
  return { kind: 'period', which: 'end-of', length, ...c.base(start) };
}

/** `end-of-month`, `end-of-sprint`. Cursor on `end`. */
function hyphenatedEndOf(c: Cursor, start: number): Timing | undefined {
  const w = c.w(4);
  c.i += 4;
  const per = PERIOD_UNITS[w];
  if (w === 'day') {
    c.i++;
    return { kind: 'clock', label: 'end-of-day', ...c.base(start) };
  }
  if (!per) {
    const anchor: Anchor = { text: c.slice(c.i, c.i + 1), range: c.range(c.i, c.i + 1) };
    c.i++;
    return relationValue(c, start, 'by-end-of', false, anchor);
  }
  const at = c.i;
  c.i++;
  return { kind: 'period', which: 'end-of', length: unitDuration(c, at, per[0], per[1]), ...c.base(start) };
}

function stepOver(c: Cursor, n: number): Cursor {
  c.i += n;
  return c;
}

function words(c: Cursor, start: number, n: number, relation: RelationKind, immediate = false): Timing {
  c.i += n;
  return relationValue(c, start, relation, immediate);
}

/** `week-long`, `all day`, `full-day`: one whole period. */
function periodLong(c: Cursor, start: number): Timing | undefined {
  const w = c.w() === 'all' || c.w() === 'full' ? 'day' : c.w();
  const per = w === 'hour' ? ([1, 'hours'] as const) : PERIOD_UNITS[w];
  if (!per) return undefined;
  c.i += c.p(1) === '-' ? 3 : 2;
  const duration = unitDuration(c, start, per[0], per[1]);
  return { kind: 'duration', duration, ...c.base(start) };
}

function ongoing(c: Cursor, start: number, n: number, mode: 'tbd' | 'periodic' | 'as-needed' | 'continuous' | 'ongoing'): Timing {
  c.i += n;
  return { kind: 'ongoing', mode, ...c.base(start) };
}

/** `in time`, `on time`, `in time for the audit`: by the moment something is due. */
function inTime(c: Cursor, start: number, n: number): Timing {
  c.i += n;
  if (c.w() === 'for') {
    c.i++;
    const a = readAnchor(c);
    if (a) return relationValue(c, start, 'by', false, a);
    c.i--;
  }
  return relationValue(c, start, 'by', false);
}

/** `at the same time`, `at the same time as the announcement`. */
function sameTime(c: Cursor, start: number): Timing {
  c.i += 4;
  if (c.w() === 'as') {
    c.i++;
    return relationRest(c, start, 'during', false, 'at the same time as');
  }
  return relationValue(c, start, 'during', false);
}

/** `yesterday`, `tomorrow`: a day before or after the step's own moment. */
function dayOffset(c: Cursor, start: number, direction: 'before' | 'after'): Timing {
  c.i++;
  const offset: Duration = { ...unitDuration(c, start, 1, 'days') };
  return { kind: 'offset', direction, offset, axis: 'anchor', ...c.base(start) };
}

/** `soon`, `soon after the call`, `soon before the freeze`. */
function soon(c: Cursor, start: number): Timing {
  c.i++;
  const next = c.w();
  if (next === 'after' || next === 'before' || next === 'following') {
    c.i++;
    const a = readAnchor(c);
    if (a) return relationValue(c, start, next === 'before' ? 'before' : 'after', true, a);
    c.i--;
  }
  return relationValue(c, start, 'after', true);
}

/** `later in the sprint`, `earlier that day`, `later on`. */
function laterIn(c: Cursor, start: number): Timing | undefined {
  const w = c.w();
  if (w === 'later' && c.w(1) === 'on') return words(c, start, 2, 'after');
  if (!['in', 'that', 'this', 'the'].includes(c.w(1))) return undefined;
  c.i += c.w(1) === 'in' ? 2 : 1;
  const a = readAnchor(c);
  if (!a) {
    c.i = start;
    return undefined;
  }
  return relationValue(c, start, w === 'later' ? 'during' : 'during', false, a);
}

/** `this week`, `the coming month`, `past quarter`: the period named, counted from now. */
function thisPeriod(c: Cursor, start: number): Timing | undefined {
  const w = c.w();
  const per = PERIOD_LENGTH[singular(c.w(1))];
  if (!per) return undefined;
  c.i++;
  const unitStart = c.i;
  c.i++;
  const length = unitDuration(c, unitStart, per[0], per[1]);
  const which = w === 'coming' ? 'next' : w === 'past' ? 'previous' : 'of';
  return { kind: 'period', which, length, ...c.base(start) };
}

function singular(w: string): string {
  return w.endsWith('s') ? w.slice(0, -1) : w;
}

/** `mid-week` (Wednesday), `mid-month` (the 15th), `mid-sprint` (during the sprint). Cursor on `mid`. */
function mid(c: Cursor, start: number): Timing | undefined {
  let period: string;
  if (c.w() === 'midweek') {
    c.i++;
    period = 'week';
  } else {
    c.i++;
    if (c.p() === '-') c.i++;
    period = c.w();
    if (!period) {
      c.i = start;
      return undefined;
    }
    c.i++;
  }
  const cal = MID_PERIOD[period];
  if (cal) return { kind: 'calendar', ...cal, ...c.base(start) };
  const anchor: Anchor = { text: c.slice(c.i - 1, c.i), range: c.range(c.i - 1, c.i) };
  return relationValue(c, start, 'during', false, anchor);
}

/** `start of the cycle`, `the beginning of each month`, `middle of the sprint`. Cursor on the first word. */
function startOf(c: Cursor, start: number): Timing | undefined {
  if (c.w(1) !== 'of') return undefined;
  const relation: RelationKind = c.w() === 'middle' ? 'during' : 'at';
  c.i += 2;
  const a = readAnchor(c);
  if (!a) {
    c.i = start;
    return undefined;
  }
  return relationValue(c, start, relation, false, a);
}

/** `between releases`, `between the two calls`: in the time from one event to the next. */
function between(c: Cursor, start: number): Timing | undefined {
  c.i++;
  if (c.isNum()) {
    c.i = start;
    return undefined;
  }
  return relationRest(c, start, 'during', false, 'between');
}

/** `as of the cut-over`, `as of March 3rd 2026`, `As requests come in`. Cursor on `as`. */
function asPhrase(c: Cursor, start: number): Timing | undefined {
  const asap = asSoonAsPossible(c, start);
  if (asap) return asap;
  if (c.w(1) === 'of') {
    c.i += 2;
    const inner = phraseSpanningFrom(c, start);
    if (inner) return inner;
    return relationRest(c, start, 'after', false, 'as of');
  }
  // `As requests come in, …`: the subject and a verb of arrival or change (not `as soon as`, `as part of`).
  if (NOT_AS_SUBJECT.has(c.w(1))) return undefined;
  for (let k = 2; k <= MAX_AS_SUBJECT + 1; k++) {
    const t = c.tok(k);
    if (!t || ANCHOR_STOP_PUNCT.has(c.p(k))) return undefined;
    if (AS_CLAUSE_VERBS.has(c.w(k))) {
      c.i++;
      return relationRest(c, start, 'upon', false, 'as');
    }
  }
  return undefined;
}

/** A heading or label that names the moment (`With Code Freeze`, `Around the launch`). */
function moment(c: Cursor, start: number, relation: RelationKind): Timing | undefined {
  c.i++;
  if (c.done || ANCHOR_STOP_PUNCT.has(c.p())) {
    c.i = start;
    return undefined;
  }
  // `from Day 3`, `with 2 days' notice`: the words after it are timing of their own.
  const inner = phraseSpanningFrom(c, start);
  if (inner) return inner;
  return relationRest(c, start, relation, false, c.w(-1));
}

/** `for the full retention period`, `throughout the sprint`: the whole of a named period. */
function forPeriod(c: Cursor, start: number): Timing | undefined {
  // Only a named period (`for the full audit period`); `for 2 weeks`, `for Days 1-5` are read by their own rules.
  if (!DETERMINERS.has(c.w(1))) return undefined;
  c.i++;
  if (c.w() === 'the' && c.w(1) === 'duration' && c.w(2) === 'of') {
    c.i = start;
    return undefined;
  }
  // `for the next quarter`, `for 2 weeks`: the words after `for` are a phrase of their own.
  const inner = phraseSpanningFrom(c, start);
  if (inner) return inner;
  const r = withinPeriod(c, start);
  if (!r) c.i = start;
  return r;
}

/** The phrase that follows a lead word, widened to start at the lead word; undefined when none reads. */
function phraseSpanningFrom(c: Cursor, start: number): Timing | undefined {
  const inner = c.optional(() => c.phrase());
  if (!inner || inner.kind === 'unparsed') return undefined;
  inner.range = c.range(start, c.i);
  return inner;
}
