import { Cursor, type NumberValue } from './cursor';
import type { CalendarQualifier, Duration, DurationBound, DurationUnit } from '../types';
import { TokKind } from '../tokens';
import { NUMBER_WORDS, TENS, UNITS, QUALIFIERS, APPROX_WORDS, EFFORT_PREFIXES, COUNTING_WORDS, OPEN_BOUND_WORDS } from './vocabulary';

/** A number at the cursor: digits, decimals, number words, `a few`, `several`, `half an`. Advances on success. */
export function numberValue(c: Cursor): NumberValue | undefined {
  const t = c.tok();
  if (!t) return undefined;
  if (t.kind === TokKind.Num) {
    let v = Number(t.norm);
    c.i++;
    // `1.5` but not `2024.10.04`
    if (c.p() === '.' && c.adj(0) && c.isNum(1) && c.adj(1) && !(c.p(2) === '.' && c.isNum(3))) {
      v = Number(`${t.norm}.${c.tok(1)!.norm}`);
      c.i += 2;
    }
    v += andAHalf(c);
    return { min: v, max: v, approximate: false };
  }
  if (t.kind !== TokKind.Word) return undefined;
  const w = t.norm;
  if (w === 'a' || w === 'an') {
    if (c.w(1) === 'few') {
      c.i += 2;
      return { min: 2, max: 4, approximate: true };
    }
    if (c.w(1) === 'couple') {
      c.i += c.w(2) === 'of' ? 3 : 2;
      return { min: 2, max: 2, approximate: false };
    }
  }
  if (w === 'few') {
    c.i++;
    return { min: 2, max: 4, approximate: true };
  }
  if (w === 'several') {
    c.i++;
    return { min: 3, max: 7, approximate: true };
  }
  if (w === 'couple') {
    c.i += c.w(1) === 'of' ? 2 : 1;
    return { min: 2, max: 2, approximate: false };
  }
  if (w === 'half') {
    c.i += c.w(1) === 'a' || c.w(1) === 'an' ? 2 : 1;
    return { min: 0.5, max: 0.5, approximate: false };
  }
  if (w in NUMBER_WORDS) {
    let v = NUMBER_WORDS[w]!;
    c.i++;
    if (TENS.has(w) && c.p() === '-' && c.adj(0)) {
      const u = NUMBER_WORDS[c.w(1)];
      if (u !== undefined && u > 0 && u < 10) {
        v += u;
        c.i += 2;
      }
    }
    // `one (1) business day`, `five (5) working days`: the digits repeat the word, as contracts write it.
    if (c.p() === '(' && c.isNum(1) && c.p(2) === ')' && Number(c.tok(1)!.norm) === v) c.i += 3;
    v += andAHalf(c);
    return { min: v, max: v, approximate: false };
  }
  return undefined;
}

/** `and a half` after a number (`one and a half hours`, `2 and a half days`): 0.5, advancing; else 0. */
function andAHalf(c: Cursor): number {
  if (c.w() === 'and' && (c.w(1) === 'a' || c.w(1) === 'one') && c.w(2) === 'half') {
    c.i += 3;
    return 0.5;
  }
  return 0;
}

/** A signed whole number for axes: `-3`, `+1`, `14`. */
export function signedNumber(c: Cursor): { value: number; start: number } | undefined {
  const start = c.i;
  let sign = 1;
  if ((c.p() === '-' || c.p() === '+') && c.isNum(1) && c.adj(1)) {
    sign = c.p() === '-' ? -1 : 1;
    c.i++;
  } else if (c.w() === 'minus' && c.isNum(1)) {
    sign = -1;
    c.i++;
  }
  if (!c.isNum()) {
    // `Day One`, `Week two`
    const word = NUMBER_WORDS[c.w()];
    if (word !== undefined && c.i === start && c.w() !== 'a' && c.w() !== 'an' && c.w() !== 'single') {
      c.i++;
      return { value: word, start };
    }
    c.i = start;
    return undefined;
  }
  const v = Number(c.tok()!.norm);
  c.i++;
  return { value: sign * v + 0, start };
}

/** Unit word(s) at the cursor with their calendar qualifier. Advances on success. */
export function readUnit(c: Cursor, afterNumber: boolean): { unit: DurationUnit; mult: number; business: boolean; qualifier?: CalendarQualifier } | undefined {
  const start = c.i;
  let qualifier: CalendarQualifier | undefined;
  // `2 elapsed calendar days`, `3 full working days`, `5 consecutive days`, `2 more weeks`: words that say how the
  // time is counted, not how much. Only after a number, and only when a unit follows them.
  if (afterNumber) skipCountingWords(c);
  if (EFFORT_PREFIXES.has(c.w()) && c.p(1) === '-' && UNITS[c.w(2)] && !UNITS[c.w(2)]!.adjacentOnly) c.i += 2;
  const q = QUALIFIERS[c.w()];
  if (q !== undefined) {
    const next = c.p(1) === '-' ? 2 : 1;
    const u = UNITS[c.w(next)];
    if (u && (u.unit === 'days' || u.unit === 'hours' || u.unit === 'weeks') && u.mult === 1 && !u.adjacentOnly) {
      qualifier = q;
      c.i += next;
    } else {
      return undefined;
    }
  }
  let w = c.w();
  // `one week's notice`, `48 hours' notice`: the possessive is the unit.
  if (w.endsWith("'s") && UNITS[w.slice(0, -2)] && !UNITS[w.slice(0, -2)]!.adjacentOnly) w = w.slice(0, -2);
  const info = UNITS[w];
  // `16 h`, `30 s`: lab protocols put a space before the hour and second letters too (never `5 m`, metres).
  const spaced = (w === 'h' || w === 's') && !(c.tok(1)?.kind === TokKind.Word && c.adj(1));
  if (!info || (info.adjacentOnly && !(afterNumber && (c.adj(0) || spaced) && qualifier === undefined))) {
    c.i = start;
    return undefined;
  }
  c.i++;
  if (c.p() === "'" && c.adj(0) && w.endsWith('s')) c.i++;
  if (w === 'workday' || w === 'workdays') qualifier = 'workdays';
  // `work days` / `working-days` reach here through the qualifier; `business` qualifiers make days business days.
  const businessTime = qualifier !== undefined && qualifier !== 'calendar';
  let unit = info.unit;
  if (unit === 'days' && businessTime) unit = 'business-days';
  const out: { unit: DurationUnit; mult: number; business: boolean; qualifier?: CalendarQualifier } = {
    unit,
    mult: info.mult,
    business: unit === 'business-days' || businessTime,
  };
  if (qualifier !== undefined) out.qualifier = qualifier;
  return out;
}

/** At most two counting words (`full consecutive`) before a qualifier or a unit; the cursor stays put otherwise. */
function skipCountingWords(c: Cursor): void {
  let k = 0;
  while (k < 2 && COUNTING_WORDS.has(c.w(k))) k++;
  if (k === 0) return;
  const next = c.w(k);
  if ((UNITS[next] && !UNITS[next]!.adjacentOnly) || QUALIFIERS[next] !== undefined || EFFORT_PREFIXES.has(next)) c.i += k;
}

export function unitDuration(c: Cursor, start: number, n: number, unit: DurationUnit): Duration {
  return {
    min: n, max: n, unit, business: unit === 'business-days', approximate: false, bound: 'exact',
    text: c.slice(start, c.i), range: c.range(start, c.i),
  };
}

/**
 * `1-2 business days`, `~2 weeks`, `at least 2 months`, `5+ days`, `up to 72 hours`, `<2 hours`,
 * `2 to 3 working days`, `4 / 6 / 8 weeks`, `30-minute`. Restores the cursor and returns undefined when there
 * is no duration here.
 */
export function readDuration(c: Cursor, allowBareUnit = false): Duration | undefined {
  const start = c.i;
  let approximate = false;
  let bound: DurationBound = 'exact';
  let between = false;
  for (let guard = 0; guard < 3; guard++) {
    const p = c.p();
    const w = c.w();
    if (p === '~') {
      approximate = true;
      c.i++;
    } else if (APPROX_WORDS.has(w) && !(w === 'ca' && !c.isNum(1) && c.p(1) !== '.')) {
      approximate = true;
      c.i++;
      if (c.p() === '.') c.i++;
    } else if (p === '<' || p === '≤') {
      bound = 'up-to';
      c.i += c.p(1) === '=' ? 2 : 1;
    } else if (p === '>' || p === '≥') {
      bound = 'at-least';
      c.i += c.p(1) === '=' ? 2 : 1;
    } else if (w === 'a' && (c.w(1) === 'minimum' || c.w(1) === 'maximum') && c.w(2) === 'of') {
      // `for a minimum of seven years`, `a maximum of 2 hours`
      bound = c.w(1) === 'minimum' ? 'at-least' : 'up-to';
      c.i += 3;
    } else if ((w === 'no' || w === 'not') && (c.w(1) === 'less' || c.w(1) === 'fewer' || c.w(1) === 'shorter') && c.w(2) === 'than') {
      bound = 'at-least';
      c.i += 3;
    } else if (w === 'between' && (c.isNum(1) || c.w(1) in NUMBER_WORDS)) {
      // `between 2 and 4 weeks`: the range's `and` is read below.
      between = true;
      c.i++;
    } else if ((w === 'at' && c.w(1) === 'least') || (w === 'more' && c.w(1) === 'than')) {
      bound = 'at-least';
      c.i += 2;
    } else if (w === 'at' && c.w(1) === 'most') {
      bound = 'up-to';
      c.i += 2;
    } else if ((w === 'minimum' || w === 'min') && (c.isNum(1) || c.w(1) === 'of' || c.p(1) === '.')) {
      bound = 'at-least';
      c.i += c.w(1) === 'of' || c.p(1) === '.' ? 2 : 1;
    } else if (w === 'over' && (c.isNum(1) || c.w(1) in NUMBER_WORDS)) {
      bound = 'at-least';
      c.i++;
    } else if (
      (w === 'up' && c.w(1) === 'to') ||
      ((w === 'less' || w === 'fewer') && c.w(1) === 'than')
    ) {
      bound = 'up-to';
      c.i += 2;
    } else if ((w === 'no' || w === 'not') && c.w(1) === 'more' && c.w(2) === 'than') {
      bound = 'up-to';
      c.i += 3;
    } else if ((w === 'maximum' || w === 'max') && (c.isNum(1) || c.w(1) === 'of' || c.p(1) === '.')) {
      bound = 'up-to';
      c.i += c.w(1) === 'of' || c.p(1) === '.' ? 2 : 1;
    } else if (w === 'under' && (c.isNum(1) || c.w(1) in NUMBER_WORDS)) {
      bound = 'up-to';
      c.i++;
    } else break;
  }
  const first = numberValue(c);
  if (!first) {
    if (allowBareUnit && c.i === start) {
      // `first quarter` is one quarter: makeDuration applies the unit's multiplier.
      const u = readUnit(c, false);
      if (u) return makeDuration(c, start, { min: 1, max: 1, approximate: false }, u, approximate, bound);
    }
    c.i = start;
    return undefined;
  }
  let value: NumberValue = first;
  let series: number[] | undefined;
  // ranges: 1-2, 2 to 3, 2 or 3, 1–2
  const beforeSep = c.i;
  // `1 and 2 weeks` only when a unit follows the second number (`2 and a half` is read by numberValue).
  const andRange = c.w() === 'and' && (between || ((c.isNum(1) || c.w(1) in NUMBER_WORDS) && c.w(1) !== 'a' && c.w(2) in UNITS));
  const sep = c.p() === '-' ? '-' : ['to', 'through', 'thru', 'or'].includes(c.w()) || andRange ? c.w() : '';
  if (sep) {
    c.i++;
    const second = numberValue(c);
    if (second && second.max >= first.min) {
      value = { min: first.min, max: second.max, approximate: first.approximate || second.approximate };
    } else {
      c.i = beforeSep;
    }
  } else if (c.p() === ',' && c.isNum(1)) {
    // `30, 60 and 90 days`: a list of amounts ending in `and`/`or` and a unit.
    const list = numberList(c);
    if (list) {
      series = list;
      value = { min: list[0]!, max: list[list.length - 1]!, approximate: false };
    }
  } else if (c.p() === '/' && c.isNum(1)) {
    series = [first.min];
    while (c.p() === '/' && c.isNum(1) && series.length < 64) {
      c.i++;
      series.push(numberValue(c)!.min);
    }
    value = { min: series[0]!, max: series[series.length - 1]!, approximate: false };
  }
  if (c.p() === '+' && c.adj(0)) {
    bound = 'at-least';
    c.i++;
  }
  // `four or more months`, `3 or fewer days`
  const before = openBound(c);
  if (before) {
    if (before.bound) bound = before.bound;
    if (before.approximate) approximate = true;
  }
  if (c.p() === '-' && c.adj(0)) c.i++;
  // `10'`: minutes as lab protocols write them.
  if (c.p() === "'" && c.adj(0) && !(c.tok(1)?.kind === TokKind.Word && c.adj(1))) {
    c.i++;
    return makeDuration(c, start, value, { unit: 'minutes', mult: 1, business: false }, approximate, bound);
  }
  const vague = readVagueUnit(c);
  if (vague) {
    const d = makeDuration(c, start, { min: value.min * vague.min, max: value.max * vague.max, approximate: true }, { unit: vague.unit, mult: 1, business: false }, true, bound);
    return d;
  }
  const u = readUnit(c, true);
  if (!u) {
    c.i = start;
    return undefined;
  }
  if (c.p() === '+' && c.adj(0)) {
    bound = 'at-least';
    c.i++;
  }
  // `an hour and a half`, `two weeks and a half`
  if (c.w() === 'and' && c.w(1) === 'a' && c.w(2) === 'half') {
    c.i += 3;
    value = { ...value, min: value.min + 0.5, max: value.max + 0.5 };
  }
  // `3 months or more`, `2 weeks or less`, `a week or so`, `a day or two`
  if (!before) {
    const after = openBound(c);
    if (after?.bound) bound = after.bound;
    if (after?.approximate) approximate = true;
    if (after?.upTo !== undefined && after.upTo > value.max) value = { ...value, max: after.upTo };
  }
  const d = makeDuration(c, start, value, u, approximate, bound);
  if (series) d.series = series.map((n) => n * u.mult);
  return d;
}

/** `, 60 and 90` after the first of `30, 60 and 90 days` (cursor on the comma); undefined and restored otherwise. */
function numberList(c: Cursor): number[] | undefined {
  const save = c.i;
  const out = [Number(c.tok(-1)!.norm)];
  while (out.length < 16 && c.p() === ',' && c.isNum(1)) {
    out.push(Number(c.tok(1)!.norm));
    c.i += 2;
  }
  if (c.p() === ',') c.i++;
  if ((c.w() === 'and' || c.w() === 'or' || c.p() === '&') && c.isNum(1)) {
    out.push(Number(c.tok(1)!.norm));
    c.i += 2;
    if (UNITS[c.w()] && !UNITS[c.w()]!.adjacentOnly) return out;
  }
  c.i = save;
  return undefined;
}

/**
 * `or more`, `or longer`, `and up`, `or less`, `or fewer`, `or so`, `or two` after an amount: the amount is a
 * lower or upper bound, approximate, or the low end of a range. Advances over the words it reads.
 */
function openBound(c: Cursor): { bound?: DurationBound; approximate?: boolean; upTo?: number } | undefined {
  const joiner = c.w();
  if (joiner !== 'or' && joiner !== 'and') return undefined;
  const word = c.w(1);
  const known = OPEN_BOUND_WORDS[word];
  // `or up to a week` and `or more than that` compare with something else: only the bare word.
  if (known && (joiner === 'or' || known !== 'approximate') && c.w(2) !== 'to' && c.w(2) !== 'than') {
    c.i += 2;
    return known === 'approximate' ? { approximate: true } : { bound: known };
  }
  if (joiner === 'or' && !c.isNum(1)) {
    const n = NUMBER_WORDS[word];
    // `a day or two`, not `2 days or two weeks` (a second amount with its own unit).
    if (n !== undefined && n > 1 && !(c.w(2) in UNITS) && !QUALIFIERS[c.w(2)]) {
      c.i += 2;
      return { upTo: n };
    }
  }
  return undefined;
}

/**
 * Units whose length depends on the team: a sprint is one to four weeks, a pay period or pay cycle one week to a
 * month. Read as that range, marked approximate.
 */
function readVagueUnit(c: Cursor): { unit: DurationUnit; min: number; max: number } | undefined {
  const w = c.w();
  if (w === 'sprint' || w === 'sprints') {
    c.i++;
    return { unit: 'weeks', min: 1, max: 4 };
  }
  if (w === 'pay' && ['period', 'periods', 'cycle', 'cycles'].includes(c.w(1))) {
    c.i += 2;
    return { unit: 'weeks', min: 1, max: 4 };
  }
  return undefined;
}

export function makeDuration(c: Cursor, 
  start: number,
  value: NumberValue,
  u: { unit: DurationUnit; mult: number; business: boolean; qualifier?: CalendarQualifier },
  approximate: boolean,
  bound: DurationBound,
): Duration {
  const d: Duration = {
    min: value.min * u.mult,
    max: value.max * u.mult,
    unit: u.unit,
    business: u.business,
    approximate: approximate || value.approximate,
    bound,
    text: c.slice(start, c.i),
    range: c.range(start, c.i),
  };
  if (u.qualifier !== undefined) d.qualifier = u.qualifier;
  return d;
}

