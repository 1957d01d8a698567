import { Cursor } from './cursor';
import type { Anchor, DurationUnit, RelationKind, RelationTiming, Timing } from '../types';
import { WEEKDAYS, ANCHOR_STOP_PUNCT } from './vocabulary';
import { readDuration, unitDuration } from './amounts';
import { readAnchor } from './anchors';
import { stepAnchor } from './stepRefs';

export function relationValue(c: Cursor, start: number, relation: RelationKind, immediate: boolean, anchor?: Anchor): RelationTiming {
  const out: RelationTiming = { kind: 'relation', relation, immediate, ...c.base(start) };
  if (anchor) out.anchor = anchor;
  return out;
}

/** `<keyword(s)> <event>`: skips `words` keyword tokens, then reads the event. */
export function relationRule(c: Cursor, start: number, relation: RelationKind, immediate: boolean, words: number, optional = false): Timing | undefined {
  const kw = c.slice(c.i, c.i + words);
  c.i += words;
  // `At the day of the soft freeze`, `on the day of X`
  if ((relation === 'at' || relation === 'on') && c.w() === 'the' && c.w(1) === 'day' && c.w(2) === 'of') {
    c.i += 3;
    relation = 'on';
  }
  if (optional && (c.done || ANCHOR_STOP_PUNCT.has(c.p()))) {
    c.i = start;
    return undefined;
  }
  return relationRest(c, start, relation, immediate, kw);
}

export function relationRest(c: Cursor, start: number, relation: RelationKind, immediate: boolean, kw: string): Timing {
  if (c.w() === 'step' && c.isNum(1) && relation === 'after') return stepAnchor(c, start);
  const a = readAnchor(c);
  if (!a) c.fail(`expected an event after '${kw}'`, Math.max(start, c.i - 1), c.i);
  return relationValue(c, start, relation, immediate, a);
}

/** `Immediately after contract signing`, `right before the call`, `shortly following X`, `Immediately`. */
export function immediateRule(c: Cursor, start: number): Timing | undefined {
  const w = c.w();
  c.i++;
  const next = c.w();
  if (next === 'after' || next === 'following' || next === 'upon' || next === 'on' || next === 'once' || next === 'at') {
    return relationRule(c, start, next === 'upon' || next === 'on' || next === 'at' ? 'upon' : 'after', true, 1);
  }
  if (next === 'before' || ((next === 'prior' || next === 'ahead') && (c.w(1) === 'to' || c.w(1) === 'of'))) {
    return relationRule(c, start, 'before', true, next === 'before' ? 1 : 2);
  }
  // `right away`, `straight away`, `promptly`, `immediately`: as soon as the step can start.
  if ((w === 'right' || w === 'straight') && next === 'away') {
    c.i++;
    return relationValue(c, start, 'immediately', true);
  }
  if (w !== 'immediately' && w !== 'promptly') {
    c.i = start;
    return undefined;
  }
  return relationValue(c, start, 'immediately', true);
}

/** `same day`, `same-day`, `the same day as X`. */
export function sameDay(c: Cursor, start: number): Timing | undefined {
  c.i++;
  if (c.p() === '-') c.i++;
  // `same business day`
  if ((c.w() === 'business' || c.w() === 'working' || c.w() === 'calendar') && c.w(1) === 'day') c.i++;
  if (c.w() !== 'day') {
    c.i = start;
    return undefined;
  }
  c.i++;
  let anchor: Anchor | undefined;
  if (c.w() === 'as' || c.w() === 'of') {
    c.i++;
    anchor = readAnchor(c);
  }
  return relationValue(c, start, 'same-day', true, anchor);
}

/** `by the end of the kickoff call`, `by EOD`, `by Friday`, `by go-live`. */
export function byRule(c: Cursor, start: number): Timing | undefined {
  c.i++;
  if (c.w() === 'the' && c.w(1) === 'end' && c.w(2) === 'of') c.i++;
  if (c.w() === 'end' && c.w(1) === 'of') {
    const r = endOf(c, start);
    if (r) r.range = c.range(start, c.i);
    return r;
  }
  const inner = c.w() in WEEKDAYS || ['eod', 'cob', 'eow', 'noon', 'midnight'].includes(c.w()) || c.isNum() ? c.phrase() : undefined;
  if (inner) {
    inner.range = c.range(start, c.i);
    return inner;
  }
  const save = c.i;
  const a = readAnchor(c);
  if (!a) {
    c.i = save;
    return undefined;
  }
  // "by the CSM": a who, not a when. Events read like nouns of activity; people rarely follow "by" in timing.
  return relationValue(c, start, 'by', false, a);
}

/** `end of day`, `end of the quarter`, `end of the kickoff call`. */
export function endOf(c: Cursor, start: number): Timing | undefined {
  if (c.w(1) !== 'of') return undefined;
  c.i += 2;
  const eventStart = c.i;
  if (c.w() === 'the') c.i++;
  const w = c.w();
  if (w === 'day' || w === 'business') {
    c.i += w === 'business' && c.w(1) === 'day' ? 2 : 1;
    return { kind: 'clock', label: 'end-of-day', ...c.base(start) };
  }
  const unitStart = c.i;
  const units: Record<string, [number, DurationUnit]> = { week: [1, 'weeks'], month: [1, 'months'], quarter: [3, 'months'], year: [12, 'months'] };
  const u = units[w];
  if (u && (c.done || ANCHOR_STOP_PUNCT.has(c.p(1)) || !c.w(1))) {
    c.i++;
    const length = unitDuration(c, unitStart, u[0], u[1]);
    return { kind: 'period', which: 'end-of', length, ...c.base(start) };
  }
  c.i = eventStart;
  return relationRest(c, start, 'by-end-of', false, 'end of');
}

/** `After step 1 and within 1 working day`, `After 11 working days`, `after 4 weeks since X`, `After X`. */
export function afterRule(c: Cursor, start: number): Timing | undefined {
  c.i++;
  if ((c.w() === 'step' || c.w() === 'steps') && c.isNum(1)) return stepAnchor(c, start);
  const d = readDuration(c);
  if (d) {
    const out: Timing = { kind: 'offset', direction: 'after', offset: d, axis: 'elapsed', ...c.base(start) };
    if (['since', 'from', 'of', 'after', 'following'].includes(c.w())) {
      c.i++;
      const a = readAnchor(c);
      if (a) {
        out.anchor = a;
        out.axis = 'anchor';
      }
    }
    out.range = c.range(start, c.i);
    return out;
  }
  return relationRest(c, start, 'after', false, 'after');
}


/**
 * `at the latest`, `at latest with the start of X`, `at the latest by Friday`, `at the earliest`: the last (or
 * first) moment a step may happen. Cursor on `at`.
 */
export function atTheLatest(c: Cursor, start: number): Timing | undefined {
  c.i += c.w(1) === 'the' ? 2 : 1;
  const latest = c.w() === 'latest';
  c.i++;
  const relation: RelationKind = latest ? 'by' : 'after';
  const w = c.w();
  if (w === 'by' || w === 'on' || w === 'at' || w === 'before') {
    const inner = c.optional(() => c.phrase());
    if (inner) {
      inner.range = c.range(start, c.i);
      return inner;
    }
  }
  if (w === 'with' || w === 'upon' || w === 'when' || w === 'by' || w === 'on' || w === 'at') {
    c.i++;
    return relationRest(c, start, relation, false, c.slice(start, c.i));
  }
  // `at the earliest opportunity`: as soon as the step can start.
  if (!latest && (w === 'opportunity' || w === 'convenience' || w === 'possible')) {
    c.i++;
    return relationValue(c, start, 'immediately', true);
  }
  return relationValue(c, start, relation, false);
}

/** Words that stress a relation without changing it: `well before`, `long after`, `just ahead of`, `well in advance`. */
const INTENSIFIED = new Set(['before', 'after', 'ahead', 'prior', 'in', 'beforehand', 'following', 'past', 'within', 'under', 'over', 'into']);

/** `well ahead of the renewal`, `long before the freeze`: the phrase after the intensifier. Cursor on it. */
export function intensified(c: Cursor, start: number): Timing | undefined {
  if (!INTENSIFIED.has(c.w(1))) return undefined;
  c.i++;
  const inner = c.optional(() => c.phrase());
  if (!inner) {
    c.i = start;
    return undefined;
  }
  inner.range = c.range(start, c.i);
  return inner;
}
