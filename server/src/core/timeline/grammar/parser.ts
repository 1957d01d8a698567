/**
 * The entry of the timing grammar: where a phrase starts (labels and bullets skipped, a phrase found inside a
 * sentence) and which rule reads it (`phraseInner` dispatches on the first word). The rules for each kind of
 * phrase live in their own modules; grammar/README.md lists them.
 */
import { Cursor, Fail } from './cursor';
import type { TimingSource } from '../../model';
import { type OffsetMapper, type Tok } from '../tokens';
import type { Timing, UnparsedTiming } from '../types';
import { TokKind } from '../tokens';
import { MAX_KEYWORD_ATTEMPTS, MAX_NUMBER_ATTEMPTS, NUMBER_WORDS, UNITS, APPROX_WORDS, CADENCE_WORDS, ONGOING_WORDS, WEEKDAYS, MONTHS, LEAD_VERBS, AUX_WORDS, LABELS, EVENT_DAY_WORDS, isPluralWeekday } from './vocabulary';
import { unitDuration } from './amounts';
import { axisRule, labelledGroup, postWindow, quarterRule, tAxis } from './axes';
import { cadenceWord, everyRule, ongoingValue, pluralWeekday, timesCadence } from './cadences';
import { halfOf, periodRule, theRule, weekdayRule } from './calendar';
import { clockLabel, MONTH_PART_WORDS, monthNameDate, monthPart, placeholderDate } from './dates';
import { deadlineRule, noLaterThan, noSoonerThan, tryDeadline } from './deadlines';
import { numericRule, tryNumeric } from './numeric';
import { afterRule, atTheLatest, byRule, endOf, immediateRule, intensified, relationRest, relationRule, relationValue, sameDay } from './relations';
import { workHours } from './workHours';
import { conditional, gotoStep } from './stepRefs';
import { asSoonAsPossible, eventDay, inAdvance, overnight, possibleWords, timely, weekOf } from './events';
import { roundTheClock, vaguePhrase, VAGUE_STARTS, wholeEvent } from './vague';
import { isOrdinalStart, ordinalPeriod } from './ordinals';
import { perRule } from './cadences';

/** Words of a document's axis that `during` may come before (`During weeks 3 and 4`). */
const AXIS_WORDS = new Set(['day', 'days', 'week', 'weeks', 'month', 'months', 'hour', 'hours']);

/** Parses the tokens of one phrase into a timing value; never throws (text not understood is `unparsed`). */
export function parseTokens(toks: Tok[], text: string, map: OffsetMapper, source: TimingSource | undefined): Timing {
  return parsePhrase(new Cursor(toks, text, map, source, phraseInner));
}

export function parsePhrase(c: Cursor): Timing {
  if (c.toks.length === 0) return unparsed(c, 'empty timing text', 0, 0);
  skipPrefixes(c);
  const start = c.i;
  let percentile: number | undefined;
  if (c.isNum() && c.p(1) === '%') percentile = Number(c.tok()!.norm);

  let result = attempt(c, start);
  if (!result) {
    // The phrase may sit inside a sentence ("Send a welcome email within 24 hours of signing."): look for it
    // at the first few keywords, then at the first few numbers.
    let attempts = 0;
    for (let j = start + 1; j < c.toks.length && attempts < MAX_KEYWORD_ATTEMPTS && !result; j++) {
      if (isKeywordAt(c, j)) {
        attempts++;
        result = attempt(c, j);
      }
    }
    attempts = 0;
    for (let j = start + 1; j < c.toks.length && attempts < MAX_NUMBER_ATTEMPTS && !result; j++) {
      if (c.at(j)!.kind === TokKind.Num) {
        attempts++;
        result = attempt(c, j);
      }
    }
  }
  // `Code Freeze` as a heading or a `When:` value: the whole phrase names the moment.
  if (!result) {
    c.i = start;
    result = wholeEvent(c, start);
  }
  if (!result) {
    const f = c.firstFailure;
    if (f) return unparsed(c, f.reason, f.startTok, f.endTok);
    return unparsed(c, 'no timing phrase recognised', start, c.toks.length);
  }
  if (percentile !== undefined && result.kind === 'deadline') result.percentile = percentile;
  return result;
}

export function attempt(c: Cursor, j: number): Timing | undefined {
  c.i = j;
  c.depth = 0;
  try {
    return c.phrase();
  } catch (e) {
    if (e instanceof Fail) {
      c.firstFailure ??= e;
      return undefined;
    }
    throw e;
  }
}

export function unparsed(c: Cursor, reason: string, a: number, b: number): UnparsedTiming {
  const whole = c.toks.length
    ? c.map.rangeOf(c.at(0)!.start, c.at(c.toks.length - 1)!.end)
    : c.map.rangeOf(0, c.text.length);
  const out: UnparsedTiming = {
    kind: 'unparsed',
    text: c.text,
    range: whole,
    reason,
    reasonRange: c.toks.length ? c.range(Math.min(a, c.toks.length - 1), Math.min(b, c.toks.length)) : whole,
  };
  if (c.toks.length) out.reasonText = c.slice(Math.min(a, c.toks.length - 1), Math.min(b, c.toks.length));
  if (c.source !== undefined) out.source = c.source;
  return out;
}

export function isKeywordAt(c: Cursor, j: number): boolean {
  const t = c.at(j)!;
  if (t.kind === TokKind.Punct) return t.norm === '(' || t.norm === '~' || t.norm === '<' || t.norm === '≤';
  if (t.kind !== TokKind.Word) return false;
  const w = t.norm;
  return (
    w === 'within' || w === 'after' || w === 'before' || w === 'during' || w === 'upon' || w === 'following' ||
    w === 'immediately' || w === 'every' || w === 'once' || w === 'twice' || w === 'asap' || w === 'no' ||
    w === 'prior' || w === 'day' || w === 'days' || w === 'week' || w === 'weeks' || w === 'until' ||
    w === 'same' || w === 'bi' || w === 'semi' || w === 'first' || w === 'post' || w === 'up' || w === 'at' ||
    w === 'as' || w === 'eod' || w === 'cob' || w === 'end' || w === 'move' || w === 'go' || w === 'proceed' ||
    w in CADENCE_WORDS || w in ONGOING_WORDS || w in WEEKDAYS
  );
}

/** Labels (`Timeline:`, `**Timing:**`), list bullets, checkboxes, `(Sales Team) -` role prefixes. */
export function skipPrefixes(c: Cursor): void {
  for (let guard = 0; guard < 4 && !c.done; guard++) {
    const p = c.p();
    if ((p === '-' || p === '•' || p === '>') && !c.isNum(1)) {
      c.i++;
      continue;
    }
    if (p === '[' && c.p(2) === ']' && (c.w(1) === 'x' || c.p(1) === ' ')) {
      c.i += 3;
      continue;
    }
    if (p === '(' ) {
      // `(Sales Team) - 30 minutes`: the parenthesis names the owner.
      let j = c.i + 1;
      const limit = Math.min(c.toks.length, c.i + 12);
      while (j < limit && c.at(j)!.norm !== ')') j++;
      if (j < limit && c.at(j + 1)?.norm === '-' && c.at(j + 2) !== undefined) {
        c.i = j + 2;
        continue;
      }
      return;
    }
    if (c.w() === 'date' && c.p(1) === ':') return; // `DATE:A` is a placeholder, not a label
    let label = '';
    let labelled = false;
    for (let k = 0; k < 3 && c.w(k); k++) {
      label = label ? `${label} ${c.w(k)}` : c.w(k);
      if (c.p(k + 1) === ':' && LABELS.has(label)) {
        c.i += k + 2;
        labelled = true;
        break;
      }
    }
    if (labelled) continue;
    // `Time ~30 min`: a label; `time 0` alone is a time point (grammar/vague.ts).
    if (c.w() === 'time' && (c.p(1) === '~' || (c.isNum(1) && !(c.tok(1)!.norm === '0' && !(c.w(2) in UNITS))))) {
      c.i++;
      continue;
    }
    return;
  }
}


export function phraseInner(c: Cursor): Timing | undefined {
  const start = c.i;
  const p = c.p();
  if (p === '(') {
    c.i++;
    const inner = c.phrase();
    if (inner && c.p() === ')') c.i++;
    return inner;
  }
  if (p === '[' || p === '{') return placeholderDate(c);
  if (p === '~' || p === '<' || p === '≤' || p === '>' || p === '≥') return numericRule(c);
  if (c.isNum()) return amountFirst(c, start) ?? numericRule(c);

  const w = c.w();
  if (!w) return undefined;
  if (w in NUMBER_WORDS || APPROX_WORDS.has(w) || w === 'half' || w === 'few' || w === 'several' || w === 'couple') {
    const r = tryNumeric(c) ?? c.optional(() => perRule(c, start));
    if (r) return r;
    if (w !== 'a' && w !== 'an') return amountless(c, start, w);
  }
  if (w === 'between' && (c.isNum(1) || c.w(1) in NUMBER_WORDS)) {
    const r = tryNumeric(c);
    if (r) return r;
  }
  const part = monthPart(c, start);
  if (part) return part;
  const vague = amountless(c, start, w);
  if (vague) return vague;
  if (w in CADENCE_WORDS || ((w === 'bi' || w === 'semi') && c.p(1) === '-')) return cadenceWord(c);
  if (w in ONGOING_WORDS) return ongoingValue(c, ONGOING_WORDS[w]!, 1);
  if (w in WEEKDAYS) return weekdayRule(c, false);
  if (isPluralWeekday(w)) return pluralWeekday(c, start);
  if (w in MONTHS && c.isNum(1)) return monthNameDate(c);

  switch (w) {
    case 'within':
      return deadlineRule(c, start);
    case 'in':
      if (c.w(1) === 'the' && c.w(3) === 'half' && c.w(4) === 'of') return halfOf(c, start, 2);
      if (c.w(1) === 'the' && (c.w(2) === 'first' || c.w(2) === 'initial')) return deadlineRule(c, start);
      if (c.w(1) in MONTH_PART_WORDS) return inMonthPart(c, start);
      if (c.w(1) === 'advance') {
        c.i += 2;
        return inAdvance(c, start);
      }
      if (c.w(1) === 'a' && c.w(2) === 'timely') return timely(c, start);
      if (c.w(1) !== 'the') {
        const hours = c.optional(() => workHours(c, start));
        if (hours) return hours;
      }
      // `in each quarter`, `in every sprint`: a cadence.
      if (c.w(1) === 'each' || c.w(1) === 'every') {
        c.i++;
        const r = everyRule(c, c.i);
        if (r) r.range = c.range(start, c.i);
        return r;
      }
      // `in the next appropriate release`, `in the following week`, `in the same sprint`
      if (c.w(1) === 'the' && ['next', 'following', 'coming', 'same', 'previous', 'last'].includes(c.w(2))) {
        c.i++;
        const r = c.optional(() => theRule(c, c.i));
        if (r) {
          r.range = c.range(start, c.i);
          return r;
        }
        c.i = start;
      }
      return tryDeadline(c, start);
    case 'no':
    case 'not':
      if (c.w(1) === 'later' && c.w(2) === 'than') return noLaterThan(c, start);
      if ((c.w(1) === 'sooner' || c.w(1) === 'earlier') && c.w(2) === 'than') return noSoonerThan(c, start);
      if (w === 'not' && c.w(1) === 'before') return noSoonerThan(c, start);
      if ((c.w(1) === 'more' || c.w(1) === 'less' || c.w(1) === 'fewer') && c.w(2) === 'than') return numericRule(c);
      return undefined;
    case 'at':
      if (c.w(1) === 'least' || c.w(1) === 'most') return numericRule(c);
      if (c.isNum(1)) {
        c.i++;
        return numericRule(c);
      }
      if (c.w(1) === 'any' && c.w(2) === 'time') return ongoingValue(c, 'as-needed', 3);
      if (c.w(1) === 'once') {
        c.i += 2;
        return relationValue(c, start, 'immediately', true);
      }
      if (c.w(1) === 'latest' || c.w(1) === 'earliest' || (c.w(1) === 'the' && (c.w(2) === 'latest' || c.w(2) === 'earliest'))) return atTheLatest(c, start);
      return relationRule(c, start, 'at', false, 1, true);
    case 'up':
      if (c.w(1) !== 'to' && c.w(1) !== 'until') return undefined;
      // `up to and including the release date`
      if (c.w(2) === 'and' && c.w(3) === 'including') {
        c.i += 4;
        return relationRest(c, start, 'until', false, 'up to and including');
      }
      // `up to 72 hours`; `up to release day` is until an event.
      return c.optional(() => numericRule(c)) ?? relationRule(c, start, 'until', false, 2);
    case 'less':
    case 'fewer':
    case 'more':
      if (c.w(1) === 'than') return numericRule(c);
      return undefined;
    case 'under':
    case 'over':
      // `over the course of the week`
      if (w === 'over' && c.w(1) === 'the' && c.w(2) === 'course' && c.w(3) === 'of') {
        c.i += 4;
        return relationRest(c, start, 'during', false, 'over the course of');
      }
      return tryNumeric(c);
    case 'minimum':
    case 'maximum':
    case 'min':
    case 'max':
      return tryNumeric(c);
    case 'during':
      if (c.w(1) === 'the' && c.w(3) === 'half' && c.w(4) === 'of') return halfOf(c, start, 2);
      // `During weeks 3 and 4`, `during Day 1`: the window on the document's axis.
      if (AXIS_WORDS.has(c.w(1)) && (c.isNum(2) || c.p(2) === '-')) {
        c.i++;
        const r = c.optional(() => c.phrase());
        if (r) {
          r.range = c.range(start, c.i);
          return r;
        }
        c.i = start;
      }
      if (c.w(1) === 'the' && (c.w(2) === 'first' || c.w(2) === 'initial')) return deadlineRule(c, start);
      if (c.w(1) in MONTH_PART_WORDS) return inMonthPart(c, start);
      return relationRule(c, start, 'during', false, 1);
    case 'after':
      return c.optional(() => workHours(c, start)) ?? afterRule(c, start);
    case 'outside':
    case 'off':
      return workHours(c, start);
    case 'out':
      return workHours(c, start);
    case 'well':
    case 'long':
    case 'way':
    case 'just':
    case 'slightly':
    case 'even':
    case 'comfortably':
    case 'sufficiently':
      return intensified(c, start);
    case 'before':
      return relationRule(c, start, 'before', false, 1);
    case 'prior':
    case 'ahead':
      if (w === 'ahead' && c.w(1) === 'of' && c.w(2) === 'time') {
        c.i += 3;
        return inAdvance(c, start);
      }
      if (c.w(1) === 'to' || c.w(1) === 'of') return relationRule(c, start, 'before', false, 2);
      return undefined;
    case 'following':
      return relationRule(c, start, 'after', false, 1);
    case 'for':
      // `for 2 weeks`, `for the next quarter`, `for just a few minutes`: the phrase after `for` is the timing.
      if (c.w(1) === 'the' && c.w(2) === 'duration' && c.w(3) === 'of') {
        c.i += 4;
        return relationRest(c, start, 'during', false, 'for the duration of');
      }
      c.i += c.w(1) === 'just' ? 2 : 1;
      return c.optional(() => c.phrase());
    case 'upon':
    case 'on':
      if (w === 'on' && isPluralWeekday(c.w(1))) {
        c.i++;
        return pluralWeekday(c, start);
      }
      if (w === 'on' && (c.w(1) in WEEKDAYS)) {
        c.i++;
        return weekdayRule(c, false, start);
      }
      if (w === 'on' && c.w(1) === 'or' && (c.w(2) === 'before' || c.w(2) === 'after')) return undefined;
      return relationRule(c, start, w === 'on' ? 'on' : 'upon', false, 1, true);
    case 'once':
      if (c.w(1) === 'in' && c.w(2) === 'a' && c.w(3) === 'while') return ongoingValue(c, 'periodic', 4);
      // `once a week` is a cadence; `once a reviewer accepts` is an event.
      if (['a', 'per', 'every', 'each', 'an'].includes(c.w(1))) return c.optional(() => timesCadence(c)) ?? relationRule(c, start, 'after', false, 1);
      return relationRule(c, start, 'after', false, 1);
    case 'twice':
    case 'thrice':
      return timesCadence(c);
    case 'when':
      if (['available', 'needed', 'required', 'necessary', 'possible', 'appropriate'].includes(c.w(1)))
        return ongoingValue(c, c.w(1) === 'available' || c.w(1) === 'possible' ? 'tbd' : 'as-needed', 2);
      return relationRule(c, start, 'upon', false, 1);
    case 'if':
      if (['needed', 'required', 'necessary', 'appropriate'].includes(c.w(1))) return ongoingValue(c, 'as-needed', 2);
      if ((c.w(1) === 'and' || c.w(1) === 'or') && c.w(2) === 'when' && ['needed', 'required', 'necessary', 'appropriate'].includes(c.w(3)))
        return ongoingValue(c, 'as-needed', 4);
      return conditional(c, start);
    case 'as':
      if (['needed', 'required', 'necessary', 'appropriate'].includes(c.w(1))) return ongoingValue(c, 'as-needed', 2);
      if (c.w(2) === 'as' && c.w(1) !== 'soon') return asSoonAsPossible(c, start);
      if (c.w(1) === 'soon' && c.w(2) === 'as') {
        const words = possibleWords(c, 3);
        if (words > 0) {
          c.i += 3 + words;
          return relationValue(c, start, 'immediately', true);
        }
        return relationRule(c, start, 'after', true, 3);
      }
      return undefined;
    case 'asap':
      c.i++;
      return relationValue(c, start, 'immediately', true);
    case 'immediately':
    case 'right':
    case 'shortly':
    case 'directly':
    case 'promptly':
    case 'straight':
      return immediateRule(c, start);
    case 'without':
      if (c.w(1) === 'undue' && c.w(2) === 'delay') {
        c.i += 3;
        return relationValue(c, start, 'immediately', true);
      }
      if (c.w(1) === 'delay') {
        c.i += 2;
        return relationValue(c, start, 'immediately', true);
      }
      // `without further delay`, `without any undue delay`
      if (['further', 'any', 'unnecessary', 'unreasonable'].includes(c.w(1)) && (c.w(2) === 'delay' || (c.w(2) === 'undue' && c.w(3) === 'delay'))) {
        c.i += c.w(2) === 'delay' ? 3 : 4;
        return relationValue(c, start, 'immediately', true);
      }
      return undefined;
    case 'same':
      return sameDay(c, start);
    case 'by':
      return byRule(c, start);
    case 'until':
    case 'till':
      return relationRule(c, start, 'until', false, 1);
    case 'post':
      return postWindow(c, start) ?? relationRule(c, start, 'after', false, c.p(1) === '-' ? 2 : 1);
    case 'end':
      return endOf(c, start);
    case 'eod':
    case 'cob':
    case 'eow':
    case 'noon':
    case 'midnight':
      return clockLabel(c, start);
    case 'eom':
    case 'eoq':
    case 'eoy':
      c.i++;
      return { kind: 'period', which: 'end-of', length: unitDuration(c, start, w === 'eom' ? 1 : w === 'eoq' ? 3 : 12, 'months'), ...c.base(start) };
    case 'day':
    case 'days':
      return axisRule(c, start, 'days');
    case 'week':
      return axisRule(c, start, 'weeks') ?? weekOf(c, start);
    case 'weeks':
    case 'wk':
      return axisRule(c, start, 'weeks');
    case 'beforehand':
      c.i++;
      return inAdvance(c, start);
    case 'immediate':
      c.i++;
      return relationValue(c, start, 'immediately', true);
    case 'timely':
      return timely(c, start);
    case 'overnight':
      return overnight(c, start);
    case 'month':
    case 'months':
      return axisRule(c, start, 'months');
    case 'hour':
    case 'hours':
      return axisRule(c, start, 'hours');
    case 'quarter':
    case 'q':
      return quarterRule(c, start);
    case 't':
    case 'd':
      return tAxis(c, start);
    case 'phase':
    case 'stage':
      return labelledGroup(c);
    case 'the':
      return theRule(c, start);
    case 'first':
    case 'next':
    case 'last':
    case 'final':
    case 'initial':
    case 'previous':
      return periodRule(c, start);
    case 'every':
    case 'each':
      return everyRule(c, start);
    case 'move':
    case 'go':
    case 'proceed':
    case 'continue':
    case 'skip':
    case 'return':
    case 'jump':
      return gotoStep(c, start);
    case 'non':
      if (c.p(1) === '-' && c.w(2) in WEEKDAYS) {
        c.i += 2;
        return weekdayRule(c, true, start);
      }
      return undefined;
    case 'yyyy':
    case 'date':
      return placeholderDate(c);
    case 'to':
      if (c.w(1) === 'be' && (c.w(2) === 'determined' || c.w(2) === 'confirmed' || c.w(2) === 'decided'))
        return ongoingValue(c, 'tbd', 3);
      return leadVerb(c, start);
    case 'ad':
      if (c.w(1) === 'hoc') return ongoingValue(c, 'as-needed', 2);
      if (c.p(1) === '-' && c.w(2) === 'hoc') return ongoingValue(c, 'as-needed', 3);
      return undefined;
    case 'any':
      if (c.w(1) === 'time') return ongoingValue(c, 'as-needed', 2);
      return undefined;
    case 'n':
      if (c.p(1) === '/' && c.w(2) === 'a') return ongoingValue(c, 'tbd', 3);
      return undefined;
    default:
      if (EVENT_DAY_WORDS.has(w)) {
        const day = eventDay(c, start);
        if (day) return day;
      }
      if (LEAD_VERBS.has(w) || AUX_WORDS.has(w)) return leadVerb(c, start);
      return eventDay(c, start);
  }
}

/** Phrases that start with a number but are not an amount of time: `3rd week`, `24/7`, `8-12 reviews per year`. */
function amountFirst(c: Cursor, start: number): Timing | undefined {
  if (isOrdinalStart(c)) return c.optional(() => ordinalPeriod(c, start));
  return c.optional(() => roundTheClock(c, start)) ?? c.optional(() => perRule(c, start));
}

/** Timing without an amount (grammar/vague.ts), ordinal periods (`second week`) and `per week`. */
function amountless(c: Cursor, start: number, w: string): Timing | undefined {
  if (w === 'per') return c.optional(() => perRule(c, start));
  // `first week` is a period (calendar.ts); `first, second and third month` a list of ordinals.
  if (isOrdinalStart(c) && (w !== 'first' || c.p(1) === ',' || c.w(1) === 'and' || c.w(1) === 'or')) {
    const r = c.optional(() => ordinalPeriod(c, start));
    if (r) return r;
  }
  if (VAGUE_STARTS.has(w)) return c.optional(() => vaguePhrase(c, start));
  return undefined;
}

/** `Complete within …`, `Schedule within …`, `must be completed within …`. */
export function leadVerb(c: Cursor, start: number): Timing | undefined {
  let action: string | undefined;
  let k = 0;
  while (k < 4 && (LEAD_VERBS.has(c.w()) || AUX_WORDS.has(c.w()))) {
    if (action === undefined && LEAD_VERBS.has(c.w())) action = c.w();
    c.i++;
    k++;
  }
  if (c.w() === 'by' && LEAD_VERBS.has(c.w(-1))) return undefined; // "reviewed by the director": a who, not a when
  const inner = c.phrase();
  if (!inner) return undefined;
  if (inner.kind === 'deadline' && action !== undefined) inner.action = action;
  inner.range = c.range(start, c.i);
  return inner;
}


/** `in early March`, `during mid-March`: the part of the month, or nothing (the cursor is restored). */
function inMonthPart(c: Cursor, start: number): Timing | undefined {
  c.i++;
  const r = monthPart(c, start);
  if (!r) c.i = start;
  return r;
}
