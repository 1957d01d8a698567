import { Cursor, Fail } from './cursor';
import { TokKind } from '../tokens';
import type { CadenceTiming, DurationUnit, Timing } from '../types';
import { NUMBER_WORDS, CADENCE_WORDS, OngoingMode, UNITS, WEEKDAYS, dict } from './vocabulary';
import { numberValue, readDuration, readUnit } from './amounts';

export function cadenceWord(c: Cursor): Timing {
  const start = c.i;
  let w = c.w();
  let every: { n: number; unit: DurationUnit } | undefined;
  let times: { min: number; max: number } | undefined;
  if ((w === 'bi' || w === 'semi') && c.p(1) === '-') {
    const base = CADENCE_WORDS[c.w(2)] ?? (c.w(2) === 'annual' ? CADENCE_WORDS.annual : undefined);
    if (!base) c.fail(`unknown cadence '${c.slice(start, start + 3)}'`, start, start + 3);
    // `bi-annual(ly)` is twice a year, as `biannually` is (every two years is `biennial`); `bi-weekly` every two weeks.
    if (w === 'bi' && base.unit === 'months' && base.n === 12) every = { n: 6, unit: 'months' };
    else if (w === 'bi') every = { n: base.n * 2, unit: base.unit };
    else if (base.unit === 'months' && base.n === 12) every = { n: 6, unit: 'months' };
    else {
      every = { ...base };
      times = { min: 2, max: 2 };
    }
    c.i += 3;
    w = '';
  } else {
    every = CADENCE_WORDS[w]!;
    c.i++;
  }
  const out: CadenceTiming = { kind: 'cadence', every, ...c.base(start) };
  if (times) out.times = times;
  cadenceWindow(c, out);
  return out;
}

/** `Weekly Check-Ins (Weeks 5-12)`: a window in parentheses later in the same clause scopes the cadence. */
export function cadenceWindow(c: Cursor, out: CadenceTiming): void {
  const save = c.i;
  let j = c.i;
  while (j < c.toks.length) {
    const n = c.at(j)!.norm;
    if (n === '(' || n === '.' || n === ';') break;
    j++;
  }
  if (c.at(j)?.norm === '(') {
    c.i = j + 1;
    try {
      const inner = c.phrase();
      if (inner && inner.kind === 'window') {
        out.window = inner;
        if (c.p() === ')') c.i++;
        return;
      }
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
    }
  }
  c.i = save;
}

/** `once a week`, `twice a month`, `three to five times a week`, `3x per week`. */
export function timesCadence(c: Cursor): Timing | undefined {
  const start = c.i;
  let times: { min: number; max: number } | undefined;
  const w = c.w();
  if (w === 'once' || w === 'twice' || w === 'thrice') {
    const n = w === 'once' ? 1 : w === 'twice' ? 2 : 3;
    times = { min: n, max: n };
    c.i++;
  } else {
    const n = numberValue(c);
    if (!n) return undefined;
    let max = n.max;
    if ((c.w() === 'to' || c.p() === '-' || c.w() === 'or') && (c.isNum(1) || c.w(1) in NUMBER_WORDS)) {
      c.i++;
      const m = numberValue(c);
      if (m) max = m.max;
    }
    if (c.w() === 'times' || (c.w() === 'x' && c.adj(0))) c.i++;
    else {
      c.i = start;
      return undefined;
    }
    times = { min: n.min, max };
  }
  const per = perWordsAt(c);
  if (per === 0) {
    c.i = start;
    return undefined;
  }
  c.i += per;
  const u = readUnit(c, false);
  if (u) return { kind: 'cadence', every: { n: u.mult, unit: u.unit }, times, ...c.base(start) };
  // `once every two weeks`, `twice every 3 months`
  const d = c.w(-1) === 'every' || c.w(-1) === 'each' ? readDuration(c) : undefined;
  if (!d) {
    c.i = start;
    return undefined;
  }
  return { kind: 'cadence', every: { n: d.min, unit: d.unit }, times, ...c.base(start) };
}

/** `per`, `a`, `an`, `each`, `every`, `in each`, `in every`, `in a` before a period: how many tokens, or 0. */
function perWordsAt(c: Cursor): number {
  const w = c.w();
  if (w === 'per' || w === 'a' || w === 'an' || w === 'each' || w === 'every') return 1;
  if (w === 'in' && (c.w(1) === 'each' || c.w(1) === 'every' || c.w(1) === 'a' || c.w(1) === 'an')) return 2;
  return 0;
}

/** Words of the thing counted in `8-12 reviews per year`, `2 support zero weeks in each quarter` (at most this many). */
const MAX_COUNTED_WORDS = 3;

/**
 * `8-12 reviews per year`, `two releases per quarter`, `per week`: so many occurrences in each period. Cursor on
 * the number or on `per`.
 */
export function perRule(c: Cursor, start: number): Timing | undefined {
  let times: { min: number; max: number } | undefined;
  if (c.w() !== 'per') {
    const n = numberValue(c);
    if (!n) return undefined;
    times = { min: n.min, max: n.max };
    if ((c.p() === '-' || c.w() === 'to' || c.w() === 'or') && (c.isNum(1) || c.w(1) in NUMBER_WORDS)) {
      const save = c.i;
      c.i++;
      const m = numberValue(c);
      if (m && m.max >= n.min) times.max = m.max;
      else c.i = save;
    }
    const countedStart = c.i;
    let k = 0;
    while (k < MAX_COUNTED_WORDS && c.w() && perWordsAt(c) === 0) {
      c.i++;
      if (c.p() === '-' && c.w(1)) c.i += 2;
      k++;
    }
    // `a`, `each` and `in each` count only after the thing counted (`3 reviews a year`); `per` also after a bare number.
    if (c.w() !== 'per' && (k === 0 || perWordsAt(c) === 0)) {
      c.i = start;
      return undefined;
    }
    // `24 hours a day`, `7 days a week`: the whole period, every period.
    const counted = k === 1 ? UNITS[c.at(countedStart)!.norm] : undefined;
    if (counted && !counted.adjacentOnly) {
      const save = c.i;
      c.i += perWordsAt(c);
      const u = readUnit(c, false);
      if (u && times.min * counted.mult * MINUTES[counted.unit] >= u.mult * MINUTES[u.unit]) return { kind: 'ongoing', mode: 'continuous', ...c.base(start) };
      c.i = save;
    }
  }
  c.i += c.w() === 'per' ? 1 : perWordsAt(c);
  if (c.w() === 'annum') {
    c.i++;
    return cadenceOf(c, start, { n: 12, unit: 'months' }, times);
  }
  const u = readUnit(c, false);
  if (!u) {
    c.i = start;
    return undefined;
  }
  return cadenceOf(c, start, { n: u.mult, unit: u.unit }, times);
}

/** Minutes in one of each unit, to compare `24 hours` with `a day`. */
const MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 1440, 'business-days': 1440, weeks: 10080, months: 43200 };

function cadenceOf(c: Cursor, start: number, every: { n: number; unit: DurationUnit }, times: { min: number; max: number } | undefined): Timing {
  const out: CadenceTiming = { kind: 'cadence', every, ...c.base(start) };
  if (times) out.times = times;
  return out;
}

/** `every 30 minutes`, `every other week`, `every Monday`, `each month`. */
export function everyRule(c: Cursor, start: number): Timing | undefined {
  c.i++;
  if (c.w() in WEEKDAYS) {
    c.i++;
    return { kind: 'cadence', every: { n: 1, unit: 'weeks' }, ...c.base(start) };
  }
  let n = 1;
  // `every 2nd week`, `every third month`
  const ordinal = ordinalAt(c);
  if (ordinal && readUnitAfter(c, ordinal.tokens)) {
    c.i += ordinal.tokens;
    const u = readUnit(c, false)!;
    return { kind: 'cadence', every: { n: ordinal.n * u.mult, unit: u.unit }, ...c.base(start) };
  }
  if (c.w() === 'other' || c.w() === 'second') {
    n = 2;
    c.i++;
    // `every other Friday`
    if (c.w() in WEEKDAYS) {
      c.i++;
      return { kind: 'cadence', every: { n: 2, unit: 'weeks' }, ...c.base(start) };
    }
  }
  const d = readDuration(c, true);
  if (!d) {
    const recurring = n === 1 ? eachEvent(c, start) : undefined;
    if (recurring) return recurring;
    if (c.w(-1) === 'each') {
      c.i = start;
      return undefined;
    }
    c.fail("expected a period after 'every'");
  }
  return { kind: 'cadence', every: { n: d.min * n, unit: d.unit }, ...c.base(start) };
}

/** Occurrences of an event that work recurs with: `every sprint`, `each release`, `every extraction day`. */
const EVENT_NOUNS = new Set([
  'day', 'night', 'morning', 'afternoon', 'evening', 'sprint', 'release', 'cycle', 'iteration', 'shift', 'term',
  'semester', 'session', 'meeting', 'call', 'run', 'build', 'deploy', 'deployment', 'batch', 'visit', 'rotation',
  'milestone', 'phase', 'standup', 'stand-up', 'retro', 'retrospective', 'review', 'incident', 'season',
]);

/**
 * `every sprint`, `each release day`: work that recurs with an event rather than on a clock; read when an event
 * noun comes within three words (`every extraction day`). The cursor is after `every`; restored when no event.
 */
function eachEvent(c: Cursor, start: number): Timing | undefined {
  const from = c.i;
  // The last event noun of the run (`release day`, not `release`).
  let words = 0;
  for (let k = 0; k < 3 && c.tok(k)?.kind === TokKind.Word; k++) if (EVENT_NOUNS.has(c.w(k).replace(/s$/, ''))) words = k + 1;
  if (words === 0) return undefined;
  c.i += words;
  return { kind: 'ongoing', mode: 'periodic', each: { text: c.slice(from, c.i), range: c.range(from, c.i) }, ...c.base(start) };
}

export function ongoingValue(c: Cursor, mode: OngoingMode, words: number): Timing {
  const start = c.i;
  c.i += words;
  return { kind: 'ongoing', mode, ...c.base(start) };
}


/** `Mondays`, `on Fridays`: every week on that day. */
export function pluralWeekday(c: Cursor, start: number): Timing {
  c.i++;
  return { kind: 'cadence', every: { n: 1, unit: 'weeks' }, ...c.base(start) };
}


const ORDINAL_WORDS: Record<string, number> = dict({ second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6 });

/** `2nd`, `third` at the cursor: the value and how many tokens it takes. */
function ordinalAt(c: Cursor): { n: number; tokens: number } | undefined {
  if (c.isNum() && ['nd', 'rd', 'th', 'st'].includes(c.w(1)) && c.adj(1)) return { n: Number(c.tok()!.norm), tokens: 2 };
  const n = ORDINAL_WORDS[c.w()];
  return n !== undefined ? { n, tokens: 1 } : undefined;
}

/** A unit follows `k` tokens on (cursor restored). */
function readUnitAfter(c: Cursor, k: number): boolean {
  const save = c.i;
  c.i += k;
  const u = readUnit(c, false);
  c.i = save;
  return u !== undefined;
}
