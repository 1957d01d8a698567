/**
 * Timing-phrase parser: raw timing text (with its source range) → a typed Timing value.
 *
 * Grammar over tokens (tokens.ts) with constant lookahead. The only loops that run to the end of the input are
 * "read the anchor up to the end of the clause" and "find the next keyword"; each happens a bounded number of
 * times per phrase, and recursion (parentheses, `after step 1 and …`, leading verbs) is capped at MAX_DEPTH, so
 * the whole parse is linear in the length of the text. No regular expression sees the phrase.
 */
import type { Range, TimingSource, TimingText } from '../model';
import { OffsetMapper, type Tok, TokKind, tokenize } from './tokens';
import type {
  Anchor,
  CadenceTiming,
  CalendarQualifier,
  CalendarTiming,
  DeadlineTiming,
  Duration,
  DurationBound,
  DurationTiming,
  DurationUnit,
  RelationKind,
  RelationTiming,
  StepAnchorTiming,
  Timing,
  UnparsedTiming,
  WindowTiming,
} from './types';

export * from './types';

const MAX_DEPTH = 8;

/** Lookup tables without a prototype, so words such as `constructor` never match. */
function dict<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
/** How many later positions a sentence is searched at when the phrase does not start the text. */
const MAX_KEYWORD_ATTEMPTS = 6;
const MAX_NUMBER_ATTEMPTS = 4;

const NUMBER_WORDS: Record<string, number> = dict({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  a: 1, an: 1, single: 1,
});
const TENS = new Set(['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']);

interface UnitInfo {
  unit: DurationUnit;
  mult: number;
  /** Only after a number with no space (`24h`, `5d`, `30m`): as words these letters mean other things. */
  adjacentOnly?: boolean;
}

const UNITS: Record<string, UnitInfo> = dict({
  minute: { unit: 'minutes', mult: 1 }, minutes: { unit: 'minutes', mult: 1 }, min: { unit: 'minutes', mult: 1 },
  mins: { unit: 'minutes', mult: 1 }, m: { unit: 'minutes', mult: 1, adjacentOnly: true },
  hour: { unit: 'hours', mult: 1 }, hours: { unit: 'hours', mult: 1 }, hr: { unit: 'hours', mult: 1 },
  hrs: { unit: 'hours', mult: 1 }, h: { unit: 'hours', mult: 1, adjacentOnly: true },
  day: { unit: 'days', mult: 1 }, days: { unit: 'days', mult: 1 }, d: { unit: 'days', mult: 1, adjacentOnly: true },
  workday: { unit: 'business-days', mult: 1 }, workdays: { unit: 'business-days', mult: 1 },
  businessday: { unit: 'business-days', mult: 1 }, businessdays: { unit: 'business-days', mult: 1 },
  week: { unit: 'weeks', mult: 1 }, weeks: { unit: 'weeks', mult: 1 }, wk: { unit: 'weeks', mult: 1 },
  wks: { unit: 'weeks', mult: 1 }, w: { unit: 'weeks', mult: 1, adjacentOnly: true },
  fortnight: { unit: 'weeks', mult: 2 }, fortnights: { unit: 'weeks', mult: 2 },
  month: { unit: 'months', mult: 1 }, months: { unit: 'months', mult: 1 }, mo: { unit: 'months', mult: 1 },
  mos: { unit: 'months', mult: 1 }, mth: { unit: 'months', mult: 1 }, mths: { unit: 'months', mult: 1 },
  quarter: { unit: 'months', mult: 3 }, quarters: { unit: 'months', mult: 3 },
  year: { unit: 'months', mult: 12 }, years: { unit: 'months', mult: 12 }, yr: { unit: 'months', mult: 12 },
  yrs: { unit: 'months', mult: 12 },
});

const QUALIFIERS: Record<string, CalendarQualifier> = dict({
  business: 'business', working: 'working', work: 'working', biz: 'business', calendar: 'calendar',
});

const APPROX_WORDS = new Set(['about', 'approximately', 'approx', 'roughly', 'around', 'circa', 'ca', 'nearly', 'almost', 'est']);

const CADENCE_WORDS: Record<string, { n: number; unit: DurationUnit }> = dict({
  hourly: { n: 1, unit: 'hours' }, daily: { n: 1, unit: 'days' }, nightly: { n: 1, unit: 'days' },
  weekly: { n: 1, unit: 'weeks' }, biweekly: { n: 2, unit: 'weeks' }, fortnightly: { n: 2, unit: 'weeks' },
  monthly: { n: 1, unit: 'months' }, bimonthly: { n: 2, unit: 'months' }, quarterly: { n: 3, unit: 'months' },
  semiannually: { n: 6, unit: 'months' }, semiannual: { n: 6, unit: 'months' }, annually: { n: 12, unit: 'months' },
  annual: { n: 12, unit: 'months' }, yearly: { n: 12, unit: 'months' }, biannually: { n: 6, unit: 'months' },
});

const ONGOING_WORDS: Record<string, OngoingMode> = dict({
  ongoing: 'ongoing', tbd: 'tbd', tba: 'tbd', periodically: 'periodic', regularly: 'periodic', periodic: 'periodic',
  continuous: 'continuous', continuously: 'continuous', continual: 'continuous', continually: 'continuous',
  throughout: 'ongoing', anytime: 'as-needed', adhoc: 'as-needed', occasionally: 'as-needed',
});
type OngoingMode = 'ongoing' | 'as-needed' | 'tbd' | 'periodic' | 'continuous';

const WEEKDAYS: Record<string, number> = dict({
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6,
});
const MONTHS: Record<string, number> = dict({
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12, jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10,
  nov: 11, dec: 12,
});

/** Words that introduce the event a duration is measured from. */
const AFTER_INTRO = new Set(['of', 'after', 'from', 'since', 'following', 'post', 'upon']);
const BEFORE_INTRO = new Set(['before', 'prior', 'ahead', 'preceding']);

/** Words that start a new timing clause: an anchor stops before `and`/`or` followed by one of these. */
const CLAUSE_WORDS = new Set([
  'within', 'after', 'before', 'no', 'not', 'at', 'by', 'until', 'during', 'once', 'upon', 'if', 'unless', 'then',
  'following', 'prior', 'immediately', 'every', 'in',
]);
const ANCHOR_STOP_WORDS = new Set(['if', 'unless', 'whichever', 'then', 'otherwise', 'i']);
const ANCHOR_STOP_PUNCT = new Set(['.', ';', ',', ':', '(', ')', '[', ']', '!', '?', '→', '|', '"', '=']);
const COMPLETION_WORDS = new Set(['complete', 'completed', 'done', 'finished', 'over', 'closed', 'concluded']);

/** Leading verbs and auxiliaries skipped before the phrase proper (`Complete within …`, `Schedule within …`). */
const LEAD_VERBS = new Set([
  'complete', 'completed', 'schedule', 'scheduled', 'finish', 'finished', 'conduct', 'conducted', 'hold', 'held',
  'send', 'sent', 'deliver', 'delivered', 'respond', 'due', 'done', 'perform', 'performed', 'occurs', 'occur',
  'happens', 'happen', 'starts', 'start', 'begins', 'begin', 'runs', 'run', 'submit', 'submitted', 'review',
  'reviewed', 'ends', 'closes', 'close', 'resolve', 'resolved', 'reply', 'escalate', 'escalated',
]);
const AUX_WORDS = new Set(['must', 'should', 'shall', 'will', 'to', 'be', 'is', 'are', 'gets', 'get', 'been']);

const SESSION_NOUNS = new Set([
  'session', 'sessions', 'meeting', 'meetings', 'call', 'calls', 'workshop', 'workshops', 'training', 'trainings',
  'visit', 'visits', 'round', 'rounds', 'sprint', 'sprints', 'iteration', 'iterations', 'class', 'classes',
  'touchpoint', 'touchpoints', 'module', 'modules',
]);
const MILESTONE_NOUNS = new Set([
  'check', 'checkin', 'checkins', 'review', 'reviews', 'mark', 'milestone', 'milestones', 'plan', 'follow',
  'followup', 'survey', 'touchpoint', 'call', 'meeting', 'retrospective', 'retro', 'assessment', 'evaluation',
  'success', 'framework', 'trial', 'pilot', 'report', 'health', 'business',
]);
const ZONES = new Set(['utc', 'gmt', 'cet', 'cest', 'et', 'est', 'edt', 'pt', 'pst', 'pdt', 'ct', 'cst', 'cdt', 'bst', 'ist', 'local', 'z']);
const LABELS = new Set([
  'timeline', 'timing', 'timings', 'duration', 'due', 'due date', 'deadline', 'when', 'time', 'timeframe',
  'time frame', 'target', 'target time', 'target date', 'goal', 'estimated time', 'estimated duration', 'estimate',
  'eta', 'sla', 'response sla', 'frequency', 'cadence', 'effort', 'length', 'window', 'period', 'schedule',
  'expected duration', 'time required', 'time needed', 'turnaround', 'turnaround time', 'start', 'starts',
]);

class Fail {
  constructor(
    readonly reason: string,
    readonly startTok: number,
    readonly endTok: number,
  ) {}
}

interface NumberValue {
  min: number;
  max: number;
  approximate: boolean;
}

class PhraseParser {
  i = 0;
  private depth = 0;
  firstFailure: Fail | undefined;

  constructor(
    private readonly toks: Tok[],
    private readonly text: string,
    private readonly map: OffsetMapper,
    private readonly source: TimingSource | undefined,
  ) {}

  // ---- token helpers -------------------------------------------------------------------------------------

  private tok(k = 0): Tok | undefined {
    return this.toks[this.i + k];
  }

  private w(k = 0): string {
    const t = this.toks[this.i + k];
    return t !== undefined && t.kind === TokKind.Word ? t.norm : '';
  }

  private p(k = 0): string {
    const t = this.toks[this.i + k];
    return t !== undefined && t.kind === TokKind.Punct ? t.norm : '';
  }

  private isNum(k = 0): boolean {
    const t = this.toks[this.i + k];
    return t !== undefined && t.kind === TokKind.Num;
  }

  /** The token at offset k touches the one before it (`30-day`, `T-10`, `24h`). */
  private adj(k: number): boolean {
    const t = this.toks[this.i + k];
    return t !== undefined && !t.spaceBefore;
  }

  private get done(): boolean {
    return this.i >= this.toks.length;
  }

  private range(a: number, b: number): Range {
    const first = this.toks[a];
    const last = this.toks[Math.max(a, b - 1)];
    if (!first || !last) {
      const end = this.text.length;
      return this.map.rangeOf(end, end);
    }
    return this.map.rangeOf(first.start, last.end);
  }

  private slice(a: number, b: number): string {
    const first = this.toks[a];
    const last = this.toks[b - 1];
    if (!first || !last || b <= a) return '';
    return this.text.slice(first.start, last.end);
  }

  private fail(reason: string, a = this.i, b = this.i + 1): never {
    throw new Fail(reason, a, Math.min(Math.max(b, a + 1), Math.max(this.toks.length, a + 1)));
  }

  private base(start: number): { text: string; range: Range; source?: TimingSource } {
    const out: { text: string; range: Range; source?: TimingSource } = { text: this.text, range: this.range(start, this.i) };
    if (this.source !== undefined) out.source = this.source;
    return out;
  }

  // ---- entry ---------------------------------------------------------------------------------------------

  parse(): Timing {
    if (this.toks.length === 0) return this.unparsed('empty timing text', 0, 0);
    this.skipPrefixes();
    const start = this.i;
    let percentile: number | undefined;
    if (this.isNum() && this.p(1) === '%') percentile = Number(this.tok()!.norm);

    let result = this.attempt(start);
    if (!result) {
      // The phrase may sit inside a sentence ("Send a welcome email within 24 hours of signing."): look for it
      // at the first few keywords, then at the first few numbers.
      let attempts = 0;
      for (let j = start + 1; j < this.toks.length && attempts < MAX_KEYWORD_ATTEMPTS && !result; j++) {
        if (this.isKeywordAt(j)) {
          attempts++;
          result = this.attempt(j);
        }
      }
      attempts = 0;
      for (let j = start + 1; j < this.toks.length && attempts < MAX_NUMBER_ATTEMPTS && !result; j++) {
        if (this.toks[j]!.kind === TokKind.Num) {
          attempts++;
          result = this.attempt(j);
        }
      }
    }
    if (!result) {
      const f = this.firstFailure;
      if (f) return this.unparsed(f.reason, f.startTok, f.endTok);
      return this.unparsed('no timing phrase recognised', start, this.toks.length);
    }
    if (percentile !== undefined && result.kind === 'deadline') result.percentile = percentile;
    return result;
  }

  private attempt(j: number): Timing | undefined {
    this.i = j;
    this.depth = 0;
    try {
      return this.phrase();
    } catch (e) {
      if (e instanceof Fail) {
        this.firstFailure ??= e;
        return undefined;
      }
      throw e;
    }
  }

  private unparsed(reason: string, a: number, b: number): UnparsedTiming {
    const whole = this.toks.length
      ? this.map.rangeOf(this.toks[0]!.start, this.toks[this.toks.length - 1]!.end)
      : this.map.rangeOf(0, this.text.length);
    const out: UnparsedTiming = {
      kind: 'unparsed',
      text: this.text,
      range: whole,
      reason,
      reasonRange: this.toks.length ? this.range(Math.min(a, this.toks.length - 1), Math.min(b, this.toks.length)) : whole,
    };
    if (this.toks.length) out.reasonText = this.slice(Math.min(a, this.toks.length - 1), Math.min(b, this.toks.length));
    if (this.source !== undefined) out.source = this.source;
    return out;
  }

  private isKeywordAt(j: number): boolean {
    const t = this.toks[j]!;
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
  private skipPrefixes(): void {
    for (let guard = 0; guard < 4 && !this.done; guard++) {
      const p = this.p();
      if ((p === '-' || p === '•' || p === '>') && !this.isNum(1)) {
        this.i++;
        continue;
      }
      if (p === '[' && this.p(2) === ']' && (this.w(1) === 'x' || this.p(1) === ' ')) {
        this.i += 3;
        continue;
      }
      if (p === '(' ) {
        // `(Sales Team) - 30 minutes`: the parenthesis names the owner.
        let j = this.i + 1;
        const limit = Math.min(this.toks.length, this.i + 12);
        while (j < limit && this.toks[j]!.norm !== ')') j++;
        if (j < limit && this.toks[j + 1]?.norm === '-' && this.toks[j + 2] !== undefined) {
          this.i = j + 2;
          continue;
        }
        return;
      }
      if (this.w() === 'date' && this.p(1) === ':') return; // `DATE:A` is a placeholder, not a label
      let label = '';
      let labelled = false;
      for (let k = 0; k < 3 && this.w(k); k++) {
        label = label ? `${label} ${this.w(k)}` : this.w(k);
        if (this.p(k + 1) === ':' && LABELS.has(label)) {
          this.i += k + 2;
          labelled = true;
          break;
        }
      }
      if (labelled) continue;
      if (this.w() === 'time' && (this.p(1) === '~' || this.isNum(1))) {
        this.i++;
        continue;
      }
      return;
    }
  }

  // ---- phrase dispatch -----------------------------------------------------------------------------------

  private phrase(): Timing | undefined {
    if (this.done) return undefined;
    if (++this.depth > MAX_DEPTH) return undefined;
    try {
      return this.phraseInner();
    } finally {
      this.depth--;
    }
  }

  private phraseInner(): Timing | undefined {
    const start = this.i;
    const p = this.p();
    if (p === '(') {
      this.i++;
      const inner = this.phrase();
      if (inner && this.p() === ')') this.i++;
      return inner;
    }
    if (p === '[' || p === '{') return this.placeholderDate();
    if (p === '~' || p === '<' || p === '≤' || p === '>' || p === '≥') return this.numeric();
    if (this.isNum()) return this.numeric();

    const w = this.w();
    if (!w) return undefined;
    if (w in NUMBER_WORDS || APPROX_WORDS.has(w) || w === 'half' || w === 'few' || w === 'several' || w === 'couple') {
      const r = this.tryNumeric();
      if (r) return r;
      if (w !== 'a' && w !== 'an') return undefined;
    }
    if (w in CADENCE_WORDS || ((w === 'bi' || w === 'semi') && this.p(1) === '-')) return this.cadenceWord();
    if (w in ONGOING_WORDS) return this.ongoing(ONGOING_WORDS[w]!, 1);
    if (w in WEEKDAYS) return this.weekday(false);
    if (isPluralWeekday(w)) return this.pluralWeekday(start);
    if (w in MONTHS && this.isNum(1)) return this.monthNameDate();

    switch (w) {
      case 'within':
        return this.deadline(start);
      case 'in':
        if (this.w(1) === 'the' && (this.w(2) === 'first' || this.w(2) === 'initial')) return this.deadline(start);
        return this.tryDeadline(start);
      case 'no':
      case 'not':
        if (this.w(1) === 'later' && this.w(2) === 'than') return this.noLaterThan(start);
        if (this.w(1) === 'more' && this.w(2) === 'than') return this.numeric();
        return undefined;
      case 'at':
        if (this.w(1) === 'least' || this.w(1) === 'most') return this.numeric();
        if (this.isNum(1)) {
          this.i++;
          return this.numeric();
        }
        if (this.w(1) === 'any' && this.w(2) === 'time') return this.ongoing('as-needed', 3);
        if (this.w(1) === 'once') {
          this.i += 2;
          return this.relationValue(start, 'immediately', true);
        }
        return this.relation(start, 'at', false, 1, true);
      case 'up':
        if (this.w(1) === 'to') return this.numeric();
        return undefined;
      case 'less':
      case 'fewer':
      case 'more':
        if (this.w(1) === 'than') return this.numeric();
        return undefined;
      case 'under':
      case 'over':
      case 'minimum':
      case 'maximum':
      case 'min':
      case 'max':
        return this.tryNumeric();
      case 'during':
        if (this.w(1) === 'the' && (this.w(2) === 'first' || this.w(2) === 'initial')) return this.deadline(start);
        return this.relation(start, 'during', false, 1);
      case 'after':
        return this.after(start);
      case 'before':
        return this.relation(start, 'before', false, 1);
      case 'prior':
      case 'ahead':
        if (this.w(1) === 'to' || this.w(1) === 'of') return this.relation(start, 'before', false, 2);
        return undefined;
      case 'following':
        return this.relation(start, 'after', false, 1);
      case 'for':
        // `for 2 weeks`, `for the next quarter`: the phrase after `for` is the timing.
        if (this.done || this.w(1) === 'a' || this.w(1) === 'an') return undefined;
        this.i++;
        return this.phrase();
      case 'upon':
      case 'on':
        if (w === 'on' && isPluralWeekday(this.w(1))) {
          this.i++;
          return this.pluralWeekday(start);
        }
        if (w === 'on' && (this.w(1) in WEEKDAYS)) {
          this.i++;
          return this.weekday(false, start);
        }
        if (w === 'on' && this.w(1) === 'or' && (this.w(2) === 'before' || this.w(2) === 'after')) return undefined;
        return this.relation(start, w === 'on' ? 'on' : 'upon', false, 1, true);
      case 'once':
        if (['a', 'per', 'every', 'each', 'an'].includes(this.w(1))) return this.timesCadence();
        return this.relation(start, 'after', false, 1);
      case 'twice':
      case 'thrice':
        return this.timesCadence();
      case 'when':
        if (['available', 'needed', 'required', 'necessary', 'possible', 'appropriate'].includes(this.w(1)))
          return this.ongoing(this.w(1) === 'available' || this.w(1) === 'possible' ? 'tbd' : 'as-needed', 2);
        return this.relation(start, 'upon', false, 1);
      case 'if':
        if (['needed', 'required', 'necessary'].includes(this.w(1))) return this.ongoing('as-needed', 2);
        return this.conditional(start);
      case 'as':
        if (['needed', 'required', 'necessary', 'appropriate'].includes(this.w(1))) return this.ongoing('as-needed', 2);
        if (this.w(1) === 'soon' && this.w(2) === 'as') {
          if (this.w(3) === 'possible' || this.w(3) === 'practicable' || this.w(3) === 'feasible') {
            this.i += 4;
            return this.relationValue(start, 'immediately', true);
          }
          return this.relation(start, 'after', true, 3);
        }
        return undefined;
      case 'asap':
        this.i++;
        return this.relationValue(start, 'immediately', true);
      case 'immediately':
      case 'right':
      case 'shortly':
      case 'directly':
      case 'promptly':
      case 'straight':
        return this.immediate(start);
      case 'without':
        if (this.w(1) === 'undue' && this.w(2) === 'delay') {
          this.i += 3;
          return this.relationValue(start, 'immediately', true);
        }
        if (this.w(1) === 'delay') {
          this.i += 2;
          return this.relationValue(start, 'immediately', true);
        }
        return undefined;
      case 'same':
        return this.sameDay(start);
      case 'by':
        return this.by(start);
      case 'until':
      case 'till':
        return this.relation(start, 'until', false, 1);
      case 'post':
        return this.postWindow(start) ?? this.relation(start, 'after', false, this.p(1) === '-' ? 2 : 1);
      case 'end':
        return this.endOf(start);
      case 'eod':
      case 'cob':
      case 'eow':
      case 'noon':
      case 'midnight':
        return this.clockLabel(start);
      case 'eom':
      case 'eoq':
      case 'eoy':
        this.i++;
        return { kind: 'period', which: 'end-of', length: this.unitDuration(start, w === 'eom' ? 1 : w === 'eoq' ? 3 : 12, 'months'), ...this.base(start) };
      case 'day':
      case 'days':
        return this.axis(start, 'days');
      case 'week':
      case 'weeks':
      case 'wk':
        return this.axis(start, 'weeks');
      case 'month':
      case 'months':
        return this.axis(start, 'months');
      case 'hour':
      case 'hours':
        return this.axis(start, 'hours');
      case 'quarter':
      case 'q':
        return this.quarter(start);
      case 't':
      case 'd':
        return this.tAxis(start);
      case 'phase':
      case 'stage':
        return this.labelledGroup();
      case 'the':
        return this.the(start);
      case 'first':
      case 'next':
      case 'last':
      case 'initial':
      case 'previous':
        return this.period(start);
      case 'every':
      case 'each':
        return this.every(start);
      case 'move':
      case 'go':
      case 'proceed':
      case 'continue':
      case 'skip':
      case 'return':
      case 'jump':
        return this.gotoStep(start);
      case 'non':
        if (this.p(1) === '-' && this.w(2) in WEEKDAYS) {
          this.i += 2;
          return this.weekday(true, start);
        }
        return undefined;
      case 'yyyy':
      case 'date':
        return this.placeholderDate();
      case 'to':
        if (this.w(1) === 'be' && (this.w(2) === 'determined' || this.w(2) === 'confirmed' || this.w(2) === 'decided'))
          return this.ongoing('tbd', 3);
        return this.leadVerb(start);
      case 'ad':
        if (this.w(1) === 'hoc') return this.ongoing('as-needed', 2);
        return undefined;
      case 'any':
        if (this.w(1) === 'time') return this.ongoing('as-needed', 2);
        return undefined;
      case 'n':
        if (this.p(1) === '/' && this.w(2) === 'a') return this.ongoing('tbd', 3);
        return undefined;
      default:
        if (LEAD_VERBS.has(w) || AUX_WORDS.has(w)) return this.leadVerb(start);
        return undefined;
    }
  }

  /** `Complete within …`, `Schedule within …`, `must be completed within …`. */
  private leadVerb(start: number): Timing | undefined {
    let action: string | undefined;
    let k = 0;
    while (k < 4 && (LEAD_VERBS.has(this.w()) || AUX_WORDS.has(this.w()))) {
      if (action === undefined && LEAD_VERBS.has(this.w())) action = this.w();
      this.i++;
      k++;
    }
    if (this.w() === 'by' && LEAD_VERBS.has(this.w(-1))) return undefined; // "reviewed by the director": a who, not a when
    const inner = this.phrase();
    if (!inner) return undefined;
    if (inner.kind === 'deadline' && action !== undefined) inner.action = action;
    inner.range = this.range(start, this.i);
    return inner;
  }

  // ---- numbers and durations -----------------------------------------------------------------------------

  /** A number at the cursor: digits, decimals, number words, `a few`, `several`, `half an`. Advances on success. */
  private numberValue(): NumberValue | undefined {
    const t = this.tok();
    if (!t) return undefined;
    if (t.kind === TokKind.Num) {
      let v = Number(t.norm);
      this.i++;
      // `1.5` but not `2024.10.04`
      if (this.p() === '.' && this.adj(0) && this.isNum(1) && this.adj(1) && !(this.p(2) === '.' && this.isNum(3))) {
        v = Number(`${t.norm}.${this.tok(1)!.norm}`);
        this.i += 2;
      }
      return { min: v, max: v, approximate: false };
    }
    if (t.kind !== TokKind.Word) return undefined;
    const w = t.norm;
    if (w === 'a' || w === 'an') {
      if (this.w(1) === 'few') {
        this.i += 2;
        return { min: 2, max: 4, approximate: true };
      }
      if (this.w(1) === 'couple') {
        this.i += this.w(2) === 'of' ? 3 : 2;
        return { min: 2, max: 2, approximate: false };
      }
    }
    if (w === 'few') {
      this.i++;
      return { min: 2, max: 4, approximate: true };
    }
    if (w === 'several') {
      this.i++;
      return { min: 3, max: 7, approximate: true };
    }
    if (w === 'couple') {
      this.i += this.w(1) === 'of' ? 2 : 1;
      return { min: 2, max: 2, approximate: false };
    }
    if (w === 'half') {
      this.i += this.w(1) === 'a' || this.w(1) === 'an' ? 2 : 1;
      return { min: 0.5, max: 0.5, approximate: false };
    }
    if (w in NUMBER_WORDS) {
      let v = NUMBER_WORDS[w]!;
      this.i++;
      if (TENS.has(w) && this.p() === '-' && this.adj(0)) {
        const u = NUMBER_WORDS[this.w(1)];
        if (u !== undefined && u > 0 && u < 10) {
          v += u;
          this.i += 2;
        }
      }
      return { min: v, max: v, approximate: false };
    }
    return undefined;
  }

  /** A signed whole number for axes: `-3`, `+1`, `14`. */
  private signedNumber(): { value: number; start: number } | undefined {
    const start = this.i;
    let sign = 1;
    if ((this.p() === '-' || this.p() === '+') && this.isNum(1) && this.adj(1)) {
      sign = this.p() === '-' ? -1 : 1;
      this.i++;
    } else if (this.w() === 'minus' && this.isNum(1)) {
      sign = -1;
      this.i++;
    }
    if (!this.isNum()) {
      this.i = start;
      return undefined;
    }
    const v = Number(this.tok()!.norm);
    this.i++;
    return { value: sign * v + 0, start };
  }

  /** Unit word(s) at the cursor with their calendar qualifier. Advances on success. */
  private unit(afterNumber: boolean): { unit: DurationUnit; mult: number; business: boolean; qualifier?: CalendarQualifier } | undefined {
    const start = this.i;
    let qualifier: CalendarQualifier | undefined;
    const q = QUALIFIERS[this.w()];
    if (q !== undefined) {
      const next = this.p(1) === '-' ? 2 : 1;
      const u = UNITS[this.w(next)];
      if (u && (u.unit === 'days' || u.unit === 'hours' || u.unit === 'weeks') && u.mult === 1 && !u.adjacentOnly) {
        qualifier = q;
        this.i += next;
      } else {
        return undefined;
      }
    }
    const w = this.w();
    const info = UNITS[w];
    if (!info || (info.adjacentOnly && !(afterNumber && this.adj(0) && qualifier === undefined))) {
      this.i = start;
      return undefined;
    }
    this.i++;
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

  private unitDuration(start: number, n: number, unit: DurationUnit): Duration {
    return {
      min: n, max: n, unit, business: unit === 'business-days', approximate: false, bound: 'exact',
      text: this.slice(start, this.i), range: this.range(start, this.i),
    };
  }

  /**
   * `1-2 business days`, `~2 weeks`, `at least 2 months`, `5+ days`, `up to 72 hours`, `<2 hours`,
   * `2 to 3 working days`, `4 / 6 / 8 weeks`, `30-minute`. Restores the cursor and returns undefined when there
   * is no duration here.
   */
  private duration(allowBareUnit = false): Duration | undefined {
    const start = this.i;
    let approximate = false;
    let bound: DurationBound = 'exact';
    for (let guard = 0; guard < 3; guard++) {
      const p = this.p();
      const w = this.w();
      if (p === '~') {
        approximate = true;
        this.i++;
      } else if (APPROX_WORDS.has(w) && !(w === 'ca' && !this.isNum(1) && this.p(1) !== '.')) {
        approximate = true;
        this.i++;
        if (this.p() === '.') this.i++;
      } else if (p === '<' || p === '≤') {
        bound = 'up-to';
        this.i += this.p(1) === '=' ? 2 : 1;
      } else if (p === '>' || p === '≥') {
        bound = 'at-least';
        this.i += this.p(1) === '=' ? 2 : 1;
      } else if ((w === 'at' && this.w(1) === 'least') || (w === 'more' && this.w(1) === 'than')) {
        bound = 'at-least';
        this.i += 2;
      } else if (w === 'at' && this.w(1) === 'most') {
        bound = 'up-to';
        this.i += 2;
      } else if ((w === 'minimum' || w === 'min') && (this.isNum(1) || this.w(1) === 'of' || this.p(1) === '.')) {
        bound = 'at-least';
        this.i += this.w(1) === 'of' || this.p(1) === '.' ? 2 : 1;
      } else if (w === 'over' && (this.isNum(1) || this.w(1) in NUMBER_WORDS)) {
        bound = 'at-least';
        this.i++;
      } else if (
        (w === 'up' && this.w(1) === 'to') ||
        ((w === 'less' || w === 'fewer') && this.w(1) === 'than')
      ) {
        bound = 'up-to';
        this.i += 2;
      } else if ((w === 'no' || w === 'not') && this.w(1) === 'more' && this.w(2) === 'than') {
        bound = 'up-to';
        this.i += 3;
      } else if ((w === 'maximum' || w === 'max') && (this.isNum(1) || this.w(1) === 'of' || this.p(1) === '.')) {
        bound = 'up-to';
        this.i += this.w(1) === 'of' || this.p(1) === '.' ? 2 : 1;
      } else if (w === 'under' && (this.isNum(1) || this.w(1) in NUMBER_WORDS)) {
        bound = 'up-to';
        this.i++;
      } else break;
    }
    const first = this.numberValue();
    if (!first) {
      if (allowBareUnit && this.i === start) {
        // `first quarter` is one quarter: makeDuration applies the unit's multiplier.
        const u = this.unit(false);
        if (u) return this.makeDuration(start, { min: 1, max: 1, approximate: false }, u, approximate, bound);
      }
      this.i = start;
      return undefined;
    }
    let value: NumberValue = first;
    let series: number[] | undefined;
    // ranges: 1-2, 2 to 3, 2 or 3, 1–2
    const beforeSep = this.i;
    const sep = this.p() === '-' ? '-' : ['to', 'through', 'thru', 'or'].includes(this.w()) ? this.w() : '';
    if (sep) {
      this.i++;
      const second = this.numberValue();
      if (second && second.max >= first.min) {
        value = { min: first.min, max: second.max, approximate: first.approximate || second.approximate };
      } else {
        this.i = beforeSep;
      }
    } else if (this.p() === '/' && this.isNum(1)) {
      series = [first.min];
      while (this.p() === '/' && this.isNum(1) && series.length < 64) {
        this.i++;
        series.push(this.numberValue()!.min);
      }
      value = { min: series[0]!, max: series[series.length - 1]!, approximate: false };
    }
    if (this.p() === '+' && this.adj(0)) {
      bound = 'at-least';
      this.i++;
    }
    if (this.p() === '-' && this.adj(0)) this.i++;
    const u = this.unit(true);
    if (!u) {
      this.i = start;
      return undefined;
    }
    if (this.p() === '+' && this.adj(0)) {
      bound = 'at-least';
      this.i++;
    }
    const d = this.makeDuration(start, value, u, approximate, bound);
    if (series) d.series = series.map((n) => n * u.mult);
    return d;
  }

  private makeDuration(
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
      text: this.slice(start, this.i),
      range: this.range(start, this.i),
    };
    if (u.qualifier !== undefined) d.qualifier = u.qualifier;
    return d;
  }

  // ---- anchors ---------------------------------------------------------------------------------------------

  /** Reads the event after `of` / `after` / `before` … into `out.anchor`, when there is one. */
  private attachAnchor(out: { anchor?: Anchor }): void {
    const anchor = this.anchor();
    if (anchor) out.anchor = anchor;
  }

  /** The event text up to the end of the clause. Never empty when returned. */
  private anchor(): Anchor | undefined {
    const start = this.i;
    while (!this.done) {
      const t = this.tok()!;
      if (t.kind === TokKind.Punct && ANCHOR_STOP_PUNCT.has(t.norm)) break;
      if (t.kind === TokKind.Word) {
        if (ANCHOR_STOP_WORDS.has(t.norm) && this.i > start) break;
        if ((t.norm === 'and' || t.norm === 'or' || t.norm === 'but') && CLAUSE_WORDS.has(this.w(1))) break;
        if (t.norm === 'for' && this.i > start && this.isDurationStartAt(1)) break;
      }
      this.i++;
    }
    let end = this.i;
    // `Once the audit is complete`: the event is the audit.
    if (end - start >= 2 && COMPLETION_WORDS.has(this.toks[end - 1]!.norm)) {
      let k = end - 2;
      if (this.toks[k]!.norm === 'been' && k - 1 > start) k--;
      const aux = this.toks[k]!.norm;
      if (aux === 'is' || aux === 'are' || aux === 'was' || aux === 'has' || aux === 'have' || aux === 'were') end = k;
    }
    if (end <= start) {
      this.i = start;
      return undefined;
    }
    return { text: this.slice(start, end), range: this.range(start, end) };
  }

  private isDurationStartAt(k: number): boolean {
    const t = this.tok(k);
    return t !== undefined && t.kind === TokKind.Num;
  }

  /** After a duration: `of X`, `after X`, `post-X`, `since X`. Returns the anchor when one is introduced. */
  private afterAnchor(): Anchor | undefined {
    const w = this.w();
    if (!AFTER_INTRO.has(w)) return undefined;
    const save = this.i;
    this.i++;
    if (w === 'post' && this.p() === '-') this.i++;
    const a = this.anchor();
    if (!a) this.fail(`expected an event after '${w}'`, save, save + 1);
    return a;
  }

  // ---- deadlines -------------------------------------------------------------------------------------------

  private tryDeadline(start: number): Timing | undefined {
    const save = this.i;
    this.i++;
    const d = this.duration();
    this.i = save;
    if (!d) return undefined;
    return this.deadline(start);
  }

  /** `within [the first] <dur> [of|after|from|since|post-] <event>`, `in <dur>`, `during the first <dur>`. */
  private deadline(start: number): Timing {
    const kw = this.w();
    this.i++;
    let first = false;
    if (this.w() === 'the' && (this.w(1) === 'first' || this.w(1) === 'initial' || this.w(1) === 'next')) {
      first = this.w(1) !== 'next';
      this.i += 2;
    } else if (this.w() === 'first' || this.w() === 'initial') {
      first = true;
      this.i++;
    }
    const within = this.duration(first);
    if (!within) this.fail(`expected a duration after '${kw}'`, this.i, this.i + 1);
    const out: DeadlineTiming = { kind: 'deadline', within, first, ...this.base(start) };
    const anchor = this.afterAnchor();
    if (anchor) out.anchor = anchor;
    this.deadlineQualifiers(out);
    out.range = this.range(start, this.i);
    return out;
  }

  /** `… for a SEV-1 and 5 business days for a SEV-2`. */
  private deadlineQualifiers(out: DeadlineTiming): void {
    if (this.w() !== 'for' || this.isDurationStartAt(1)) return;
    const q = this.qualifierText();
    if (q) out.qualifier = q;
    for (let guard = 0; guard < 8 && (this.w() === 'and' || this.w() === 'or' || this.p() === ','); guard++) {
      const save = this.i;
      this.i++;
      const d = this.duration();
      if (!d) {
        this.i = save;
        break;
      }
      const alt: { within: Duration; qualifier?: string } = { within: d };
      if (this.w() === 'for') {
        const q2 = this.qualifierText();
        if (q2) alt.qualifier = q2;
      }
      (out.alternatives ??= []).push(alt);
    }
  }

  private qualifierText(): string | undefined {
    const start = this.i;
    this.i++;
    while (!this.done && !ANCHOR_STOP_PUNCT.has(this.p()) && this.w() !== 'and' && this.w() !== 'or') this.i++;
    return this.i > start + 1 ? this.slice(start, this.i) : undefined;
  }

  /** `no later than 72 hours after X`, `no later than 2 weeks before X`, `no later than the kickoff`. */
  private noLaterThan(start: number): Timing {
    this.i += 3;
    const d = this.duration();
    if (!d) return this.relationRest(start, 'by', false, 'no later than');
    d.bound = 'up-to';
    if (BEFORE_INTRO.has(this.w())) {
      d.bound = 'at-least';
      this.skipBeforeIntro();
      const out: Timing = { kind: 'offset', direction: 'before', offset: d, axis: 'anchor', ...this.base(start) };
      this.attachAnchor(out);
      out.range = this.range(start, this.i);
      return out;
    }
    const out: DeadlineTiming = { kind: 'deadline', within: d, first: false, ...this.base(start) };
    const a = this.afterAnchor();
    if (a) out.anchor = a;
    out.range = this.range(start, this.i);
    return out;
  }

  private skipBeforeIntro(): void {
    const w = this.w();
    this.i++;
    if ((w === 'prior' && this.w() === 'to') || (w === 'ahead' && this.w() === 'of')) this.i++;
  }

  // ---- numeric phrases -------------------------------------------------------------------------------------

  private tryNumeric(): Timing | undefined {
    const save = this.i;
    try {
      const r = this.numeric();
      if (!r) this.i = save;
      return r;
    } catch (e) {
      this.i = save;
      if (e instanceof Fail) return undefined;
      throw e;
    }
  }

  /** Phrases that start with a number or a bounded/approximate number. */
  private numeric(): Timing | undefined {
    const start = this.i;
    const date = this.isoDate(start);
    if (date) return date;
    const clock = this.clock(start);
    if (clock) return clock;
    const milestone = this.milestone(start);
    if (milestone) return milestone;
    const times = this.timesCadence();
    if (times) return times;
    const sessions = this.sessions(start);
    if (sessions) return sessions;
    if (this.isNum() && (this.w(1) in MONTHS) && this.isNum(2)) return this.dayMonthDate(start);

    const d = this.duration();
    if (!d) {
      this.i = start;
      const save = this.i;
      const n = this.numberValue();
      if (n && (this.done || this.p() === ')')) this.fail('a number without a unit of time', save, this.i);
      if (n && this.w() && !(this.w() in UNITS) && this.isNum(-1)) {
        const w = this.w();
        if (w === 'sessions' || w === 'session') this.fail(`'${w}' is not a unit of time`, this.i, this.i + 1);
      }
      this.i = start;
      return undefined;
    }
    if (BEFORE_INTRO.has(this.w()) && (this.w() === 'before' || this.w(1) === 'to' || this.w(1) === 'of')) {
      this.skipBeforeIntro();
      const out: Timing = { kind: 'offset', direction: 'before', offset: d, axis: 'anchor', ...this.base(start) };
      this.attachAnchor(out);
      out.range = this.range(start, this.i);
      return out;
    }
    if (['after', 'since', 'from', 'following', 'post', 'later'].includes(this.w())) {
      const intro = this.w();
      const out: Timing = { kind: 'offset', direction: 'after', offset: d, axis: 'anchor', ...this.base(start) };
      this.i++;
      if (intro === 'later') out.axis = 'elapsed';
      else {
        if (intro === 'post' && this.p() === '-') this.i++;
        const a = this.anchor();
        if (a) out.anchor = a;
        else out.axis = 'elapsed';
      }
      out.range = this.range(start, this.i);
      return out;
    }
    if (this.w() === 'of' || d.bound === 'up-to') {
      const out: DeadlineTiming = { kind: 'deadline', within: d, first: false, ...this.base(start) };
      const a = this.afterAnchor();
      if (a) out.anchor = a;
      out.range = this.range(start, this.i);
      return out;
    }
    const out: DurationTiming = { kind: 'duration', duration: d, ...this.base(start) };
    // `1 hour meeting + follow-ups`, `30-minute discovery call`
    const nounStart = this.i;
    while (this.w() && !CLAUSE_WORDS.has(this.w()) && this.w() !== 'and' && this.w() !== 'for' && this.i - nounStart < 3) this.i++;
    if (this.i > nounStart) out.noun = this.slice(nounStart, this.i);
    if (this.p() === '+' || this.p() === '&') {
      this.i++;
      const extraStart = this.i;
      while (!this.done && !ANCHOR_STOP_PUNCT.has(this.p())) this.i++;
      if (this.i > extraStart) out.extra = this.slice(extraStart, this.i);
    }
    out.range = this.range(start, this.i);
    return out;
  }

  /** `30-Day Check-In`, `90-day review`, `30/60/90`, `30/60/90-Day Check-In Framework`. */
  private milestone(start: number): Timing | undefined {
    if (!this.isNum()) return undefined;
    const offsets: number[] = [];
    offsets.push(Number(this.tok()!.norm));
    this.i++;
    while (this.p() === '/' && this.isNum(1) && offsets.length < 16) {
      offsets.push(Number(this.tok(1)!.norm));
      this.i += 2;
    }
    const numbersEnd = this.i;
    const hyphen = this.p() === '-' && this.adj(0);
    if (hyphen) this.i++;
    const unitWord = this.w();
    const u = UNITS[unitWord];
    const unit = u && !u.adjacentOnly && u.mult === 1 && (u.unit === 'days' || u.unit === 'weeks' || u.unit === 'months') ? u.unit : undefined;
    if (unit) this.i++;
    const nounStart = this.i;
    const next = this.w();
    const isNoun = next !== '' && !CLAUSE_WORDS.has(next) && !AFTER_INTRO.has(next) && !BEFORE_INTRO.has(next) && next !== 'and' && next !== 'or' && next !== 'later';
    let ok = false;
    if (offsets.length > 1) ok = unit !== undefined ? isNoun || this.done || ANCHOR_STOP_PUNCT.has(this.p()) : !this.w() || isNoun;
    else ok = unit !== undefined && isNoun && (hyphen || MILESTONE_NOUNS.has(next));
    if (!ok) {
      this.i = start;
      return undefined;
    }
    if (isNoun) {
      // The noun runs to the end of the clause: `Check-In Framework`.
      while (!this.done && !ANCHOR_STOP_PUNCT.has(this.p()) && !(CLAUSE_WORDS.has(this.w()) && this.tok()!.spaceBefore)) this.i++;
    }
    const out: Timing = {
      kind: 'milestone',
      offsets,
      unit: unit ?? 'days',
      offsetsRange: this.range(start, numbersEnd),
      ...this.base(start),
    };
    if (this.i > nounStart) out.noun = this.slice(nounStart, this.i);
    return out;
  }

  /** `2-3 sessions over 1 week`. */
  private sessions(start: number): Timing | undefined {
    const n = this.numberValue();
    if (!n) {
      this.i = start;
      return undefined;
    }
    let value = n;
    if ((this.p() === '-' || this.w() === 'to' || this.w() === 'or') && (this.isNum(1) || this.w(1) in NUMBER_WORDS)) {
      const save = this.i;
      this.i++;
      const m = this.numberValue();
      if (m) value = { min: n.min, max: m.max, approximate: n.approximate };
      else this.i = save;
    }
    const noun = this.w();
    if (!SESSION_NOUNS.has(noun)) {
      this.i = start;
      return undefined;
    }
    this.i++;
    if (!['over', 'across', 'in', 'within', 'during'].includes(this.w())) {
      this.i = start;
      return undefined;
    }
    this.i++;
    const spanStart = this.i;
    const d = this.duration(true);
    if (!d) {
      this.i = spanStart;
      if (this.w() === 'the') this.i++;
      const d2 = this.duration(true);
      if (!d2) this.fail(`expected a duration after '${this.w(-1)}'`);
      return { kind: 'duration', duration: d2, sessions: { min: value.min, max: value.max, noun }, ...this.base(start) };
    }
    return { kind: 'duration', duration: d, sessions: { min: value.min, max: value.max, noun }, ...this.base(start) };
  }

  // ---- cadences --------------------------------------------------------------------------------------------

  private cadenceWord(): Timing {
    const start = this.i;
    let w = this.w();
    let every: { n: number; unit: DurationUnit } | undefined;
    let times: { min: number; max: number } | undefined;
    if ((w === 'bi' || w === 'semi') && this.p(1) === '-') {
      const base = CADENCE_WORDS[this.w(2)] ?? (this.w(2) === 'annual' ? CADENCE_WORDS.annual : undefined);
      if (!base) this.fail(`unknown cadence '${this.slice(start, start + 3)}'`, start, start + 3);
      if (w === 'bi') every = { n: base.n * 2, unit: base.unit };
      else if (base.unit === 'months' && base.n === 12) every = { n: 6, unit: 'months' };
      else {
        every = { ...base };
        times = { min: 2, max: 2 };
      }
      this.i += 3;
      w = '';
    } else {
      every = CADENCE_WORDS[w]!;
      this.i++;
    }
    const out: CadenceTiming = { kind: 'cadence', every, ...this.base(start) };
    if (times) out.times = times;
    this.cadenceWindow(out);
    return out;
  }

  /** `Weekly Check-Ins (Weeks 5-12)`: a window in parentheses later in the same clause scopes the cadence. */
  private cadenceWindow(out: CadenceTiming): void {
    const save = this.i;
    let j = this.i;
    while (j < this.toks.length) {
      const n = this.toks[j]!.norm;
      if (n === '(' || n === '.' || n === ';') break;
      j++;
    }
    if (this.toks[j]?.norm === '(') {
      this.i = j + 1;
      try {
        const inner = this.phrase();
        if (inner && inner.kind === 'window') {
          out.window = inner;
          if (this.p() === ')') this.i++;
          return;
        }
      } catch (e) {
        if (!(e instanceof Fail)) throw e;
      }
    }
    this.i = save;
  }

  /** `once a week`, `twice a month`, `three to five times a week`, `3x per week`. */
  private timesCadence(): Timing | undefined {
    const start = this.i;
    let times: { min: number; max: number } | undefined;
    const w = this.w();
    if (w === 'once' || w === 'twice' || w === 'thrice') {
      const n = w === 'once' ? 1 : w === 'twice' ? 2 : 3;
      times = { min: n, max: n };
      this.i++;
    } else {
      const n = this.numberValue();
      if (!n) return undefined;
      let max = n.max;
      if ((this.w() === 'to' || this.p() === '-' || this.w() === 'or') && (this.isNum(1) || this.w(1) in NUMBER_WORDS)) {
        this.i++;
        const m = this.numberValue();
        if (m) max = m.max;
      }
      if (this.w() === 'times' || (this.w() === 'x' && this.adj(0))) this.i++;
      else {
        this.i = start;
        return undefined;
      }
      times = { min: n.min, max };
    }
    if (!['a', 'an', 'per', 'each', 'every'].includes(this.w())) {
      this.i = start;
      return undefined;
    }
    this.i++;
    const u = this.unit(false);
    if (!u) {
      this.i = start;
      return undefined;
    }
    return { kind: 'cadence', every: { n: u.mult, unit: u.unit }, times, ...this.base(start) };
  }

  /** `every 30 minutes`, `every other week`, `every Monday`, `each month`. */
  private every(start: number): Timing | undefined {
    this.i++;
    if (this.w() in WEEKDAYS) {
      this.i++;
      return { kind: 'cadence', every: { n: 1, unit: 'weeks' }, ...this.base(start) };
    }
    let n = 1;
    if (this.w() === 'other' || this.w() === 'second') {
      n = 2;
      this.i++;
    }
    const d = this.duration(true);
    if (!d) {
      if (this.w(-1) === 'each') {
        this.i = start;
        return undefined;
      }
      this.fail("expected a period after 'every'");
    }
    return { kind: 'cadence', every: { n: d.min * n, unit: d.unit }, ...this.base(start) };
  }

  private ongoing(mode: OngoingMode, words: number): Timing {
    const start = this.i;
    this.i += words;
    return { kind: 'ongoing', mode, ...this.base(start) };
  }

  // ---- relations -------------------------------------------------------------------------------------------

  private relationValue(start: number, relation: RelationKind, immediate: boolean, anchor?: Anchor): RelationTiming {
    const out: RelationTiming = { kind: 'relation', relation, immediate, ...this.base(start) };
    if (anchor) out.anchor = anchor;
    return out;
  }

  /** `<keyword(s)> <event>`: skips `words` keyword tokens, then reads the event. */
  private relation(start: number, relation: RelationKind, immediate: boolean, words: number, optional = false): Timing | undefined {
    const kw = this.slice(this.i, this.i + words);
    this.i += words;
    // `At the day of the soft freeze`, `on the day of X`
    if ((relation === 'at' || relation === 'on') && this.w() === 'the' && this.w(1) === 'day' && this.w(2) === 'of') {
      this.i += 3;
      relation = 'on';
    }
    if (optional && (this.done || ANCHOR_STOP_PUNCT.has(this.p()))) {
      this.i = start;
      return undefined;
    }
    return this.relationRest(start, relation, immediate, kw);
  }

  private relationRest(start: number, relation: RelationKind, immediate: boolean, kw: string): Timing {
    if (this.w() === 'step' && this.isNum(1) && relation === 'after') return this.stepAnchor(start);
    const a = this.anchor();
    if (!a) this.fail(`expected an event after '${kw}'`, Math.max(start, this.i - 1), this.i);
    return this.relationValue(start, relation, immediate, a);
  }

  /** `Immediately after contract signing`, `right before the call`, `shortly following X`, `Immediately`. */
  private immediate(start: number): Timing | undefined {
    const w = this.w();
    this.i++;
    const next = this.w();
    if (next === 'after' || next === 'following' || next === 'upon' || next === 'on' || next === 'once' || next === 'at') {
      return this.relation(start, next === 'upon' || next === 'on' || next === 'at' ? 'upon' : 'after', true, 1);
    }
    if (next === 'before' || ((next === 'prior' || next === 'ahead') && (this.w(1) === 'to' || this.w(1) === 'of'))) {
      return this.relation(start, 'before', true, next === 'before' ? 1 : 2);
    }
    // `right away`, `straight away`, `promptly`, `immediately`: as soon as the step can start.
    if ((w === 'right' || w === 'straight') && next === 'away') {
      this.i++;
      return this.relationValue(start, 'immediately', true);
    }
    if (w !== 'immediately' && w !== 'promptly') {
      this.i = start;
      return undefined;
    }
    return this.relationValue(start, 'immediately', true);
  }

  /** `same day`, `same-day`, `the same day as X`. */
  private sameDay(start: number): Timing | undefined {
    this.i++;
    if (this.p() === '-') this.i++;
    if (this.w() !== 'day') {
      this.i = start;
      return undefined;
    }
    this.i++;
    let anchor: Anchor | undefined;
    if (this.w() === 'as' || this.w() === 'of') {
      this.i++;
      anchor = this.anchor();
    }
    return this.relationValue(start, 'same-day', true, anchor);
  }

  /** `by the end of the kickoff call`, `by EOD`, `by Friday`, `by go-live`. */
  private by(start: number): Timing | undefined {
    this.i++;
    if (this.w() === 'the' && this.w(1) === 'end' && this.w(2) === 'of') this.i++;
    if (this.w() === 'end' && this.w(1) === 'of') {
      const r = this.endOf(start);
      if (r) r.range = this.range(start, this.i);
      return r;
    }
    const inner = this.w() in WEEKDAYS || ['eod', 'cob', 'eow', 'noon', 'midnight'].includes(this.w()) || this.isNum() ? this.phrase() : undefined;
    if (inner) {
      inner.range = this.range(start, this.i);
      return inner;
    }
    const save = this.i;
    const a = this.anchor();
    if (!a) {
      this.i = save;
      return undefined;
    }
    // "by the CSM": a who, not a when. Events read like nouns of activity; people rarely follow "by" in timing.
    return this.relationValue(start, 'by', false, a);
  }

  /** `end of day`, `end of the quarter`, `end of the kickoff call`. */
  private endOf(start: number): Timing | undefined {
    if (this.w(1) !== 'of') return undefined;
    this.i += 2;
    const eventStart = this.i;
    if (this.w() === 'the') this.i++;
    const w = this.w();
    if (w === 'day' || w === 'business') {
      this.i += w === 'business' && this.w(1) === 'day' ? 2 : 1;
      return { kind: 'clock', label: 'end-of-day', ...this.base(start) };
    }
    const unitStart = this.i;
    const units: Record<string, [number, DurationUnit]> = { week: [1, 'weeks'], month: [1, 'months'], quarter: [3, 'months'], year: [12, 'months'] };
    const u = units[w];
    if (u && (this.done || ANCHOR_STOP_PUNCT.has(this.p(1)) || !this.w(1))) {
      this.i++;
      const length = this.unitDuration(unitStart, u[0], u[1]);
      return { kind: 'period', which: 'end-of', length, ...this.base(start) };
    }
    this.i = eventStart;
    return this.relationRest(start, 'by-end-of', false, 'end of');
  }

  /** `After step 1 and within 1 working day`, `After 11 working days`, `after 4 weeks since X`, `After X`. */
  private after(start: number): Timing | undefined {
    this.i++;
    if ((this.w() === 'step' || this.w() === 'steps') && this.isNum(1)) return this.stepAnchor(start);
    const d = this.duration();
    if (d) {
      const out: Timing = { kind: 'offset', direction: 'after', offset: d, axis: 'elapsed', ...this.base(start) };
      if (['since', 'from', 'of', 'after', 'following'].includes(this.w())) {
        this.i++;
        const a = this.anchor();
        if (a) {
          out.anchor = a;
          out.axis = 'anchor';
        }
      }
      out.range = this.range(start, this.i);
      return out;
    }
    return this.relationRest(start, 'after', false, 'after');
  }

  /** At `step N` (the cursor is on `step`): `step 3 or 6`, `steps 1 and 2`, then an optional timing. */
  private stepAnchor(start: number): StepAnchorTiming {
    this.i++;
    const steps: { number: number; range: Range }[] = [];
    let mode: 'all' | 'any' = 'all';
    const first = this.i;
    this.i++;
    steps.push({ number: Number(this.toks[first]!.norm), range: this.range(first, first + 1) });
    for (let guard = 0; guard < 32; guard++) {
      const sep = this.p() === ',' ? ',' : this.w() === 'or' || this.w() === 'and' || this.p() === '&' ? (this.w() || '&') : '';
      if (!sep) break;
      let k = 1;
      if (this.w(1) === 'step') k = 2;
      if (!this.isNum(k)) break;
      if (sep === 'or') mode = 'any';
      this.i += k;
      steps.push({ number: Number(this.tok()!.norm), range: this.range(this.i, this.i + 1) });
      this.i++;
    }
    const out: StepAnchorTiming = { kind: 'step-anchor', steps, mode, ...this.base(start) };
    if ((this.w() === 'and' || this.w() === 'then' || this.p() === ',') && this.w(1) !== '') {
      const save = this.i;
      this.i++;
      if (this.w() === 'then') this.i++;
      let then: Timing | undefined;
      try {
        then = this.phrase();
      } catch (e) {
        if (!(e instanceof Fail)) throw e;
      }
      if (then) out.then = then;
      else this.i = save;
    }
    out.range = this.range(start, this.i);
    return out;
  }

  /** `move to step 4`, `go to step 2`, `proceed to step 5`. */
  private gotoStep(start: number): Timing | undefined {
    this.i++;
    if (this.w() === 'to' || this.w() === 'with' || this.w() === 'back') this.i++;
    if (this.w() === 'to') this.i++;
    if (this.w() !== 'step' || !this.isNum(1)) {
      this.i = start;
      return undefined;
    }
    this.i++;
    const n = this.i;
    this.i++;
    return { kind: 'step-anchor', steps: [{ number: Number(this.toks[n]!.norm), range: this.range(n, n + 1) }], mode: 'goto', ...this.base(start) };
  }

  /** `If a decision is not communicated within 10 working days, move to step 4`. */
  private conditional(start: number): Timing | undefined {
    this.i++;
    let j = this.i;
    let kw = -1;
    while (j < this.toks.length) {
      const n = this.toks[j]!.norm;
      if (n === ',' || n === ';' || n === '.' || n === 'then') break;
      if (kw < 0 && (n === 'within' || n === 'after' || n === 'by')) kw = j;
      j++;
    }
    let condition: Timing | undefined;
    if (kw >= 0) {
      this.i = kw;
      try {
        condition = this.phrase();
      } catch (e) {
        if (!(e instanceof Fail)) throw e;
      }
    }
    this.i = j;
    if (this.p() === ',' || this.w() === 'then') this.i++;
    if (this.w() === 'then') this.i++;
    const gotoStart = this.i;
    const go = ['move', 'go', 'proceed', 'continue', 'skip', 'return', 'jump'].includes(this.w()) ? this.gotoStep(gotoStart) : undefined;
    if (go && go.kind === 'step-anchor') {
      if (condition) go.condition = condition;
      go.range = this.range(start, this.i);
      return go;
    }
    if (condition) return condition;
    this.i = start;
    return undefined;
  }

  // ---- axes and windows ------------------------------------------------------------------------------------

  /** `Day 14`, `Day -3`, `Days 31-90`, `Days -7 to 0`, `Weeks 5-12`, `Week 3`, `Month 2-3`, `Hours 0-24`. */
  private axis(start: number, unit: 'days' | 'weeks' | 'months' | 'hours'): Timing | undefined {
    this.i++;
    const numStart = this.i;
    const a = this.signedNumber();
    if (!a) {
      this.i = start;
      return undefined;
    }
    let to = a.value;
    let isRange = false;
    const sepSave = this.i;
    if (this.p() === '-' || ['to', 'through', 'thru', 'until', 'and'].includes(this.w())) {
      this.i++;
      const b = this.p() === '-' && this.isNum(1) && this.adj(1) && this.toks[this.i - 1]!.norm !== '-' ? this.signedNumber() : this.signedNumber();
      if (b) {
        to = b.value;
        isRange = true;
      } else this.i = sepSave;
    }
    const numbersRange = this.range(numStart, this.i);
    if (!isRange && unit === 'days') {
      const offset: Duration = {
        min: Math.abs(a.value), max: Math.abs(a.value), unit: 'days', business: false, approximate: false, bound: 'exact',
        text: this.slice(numStart, this.i), range: numbersRange,
      };
      const out: Timing = { kind: 'offset', direction: a.value < 0 ? 'before' : 'after', offset, axis: 'day', ...this.base(start) };
      if (['after', 'of', 'since', 'from', 'post'].includes(this.w())) {
        this.i++;
        this.attachAnchor(out);
      }
      out.range = this.range(start, this.i);
      return out;
    }
    if (to < a.value) this.fail(`window ends before it starts (${a.value} to ${to})`, numStart, this.i);
    const out: WindowTiming = { kind: 'window', unit, from: a.value, to, numbersRange, ...this.base(start) };
    if (['after', 'of', 'since', 'from', 'post'].includes(this.w())) {
      this.i++;
      this.attachAnchor(out);
      out.range = this.range(start, this.i);
    }
    return out;
  }

  /**
   * `Post-Go-Live Support (Days 1-30)`: a second zero point. The window counts from the hyphenated event
   * (`Go-Live`), not from the process start.
   */
  private postWindow(start: number): Timing | undefined {
    if (this.p(1) !== '-' || !this.adj(1) || !this.w(2) || !this.adj(2)) return undefined;
    let end = this.i + 3;
    while (end < this.toks.length && !this.toks[end]!.spaceBefore && this.toks[end]!.norm !== '(') end++;
    this.i = start;
    const group = this.labelledGroup();
    if (!group || group.kind !== 'window') {
      this.i = start;
      return undefined;
    }
    group.anchor = { text: this.slice(start + 2, end), range: this.range(start + 2, end) };
    group.range = this.range(start, this.i);
    return group;
  }

  /** `Quarter 2`, `Q3` → months. */
  private quarter(start: number): Timing | undefined {
    if (!this.isNum(1) || (this.w() === 'q' && !this.adj(1))) return undefined;
    this.i++;
    const n = Number(this.tok()!.norm);
    this.i++;
    return { kind: 'window', unit: 'months', from: 3 * n - 2, to: 3 * n, numbersRange: this.range(start, this.i), ...this.base(start) };
  }

  /** `T-10`, `T-5 days`, `T+1 hour`, `T-0`, `T-minus 10`, `D-3`. */
  private tAxis(start: number): Timing | undefined {
    const sign = this.p(1);
    if ((sign !== '-' && sign !== '+') || !this.adj(1)) return undefined;
    this.i += 2;
    if (this.w() === 'minus' || this.w() === 'plus') this.i++;
    const numStart = this.i;
    const n = this.numberValue();
    if (!n) {
      this.i = start;
      return undefined;
    }
    const u = this.unit(true);
    const offset: Duration = {
      min: n.min * (u?.mult ?? 1), max: n.max * (u?.mult ?? 1), unit: u?.unit ?? 'days', business: u?.business ?? false,
      approximate: false, bound: 'exact', text: this.slice(numStart, this.i), range: this.range(numStart, this.i),
    };
    if (u?.qualifier) offset.qualifier = u.qualifier;
    return { kind: 'offset', direction: sign === '-' ? 'before' : 'after', offset, axis: 't', ...this.base(start) };
  }

  /**
   * `Phase 2: Assessment (0-24 Hours)`, `Stage 1: Onboarding (Days 0-30)`, `Stage 5: Renewal (90 days before
   * renewal)`, `Post-Go-Live Support (Days 1-30)`: the timing is the parenthesised group.
   */
  private labelledGroup(): Timing | undefined {
    let j = this.i;
    while (j < this.toks.length && this.toks[j]!.norm !== '(' && this.toks[j]!.norm !== '.') j++;
    if (this.toks[j]?.norm !== '(') return undefined;
    this.i = j + 1;
    const inner = this.phrase();
    if (!inner) return undefined;
    if (this.p() === ')') this.i++;
    if (inner.kind === 'duration' && inner.duration.unit !== 'business-days' && inner.duration.unit !== 'minutes') {
      // A phase labelled with a range is a window on the process clock, not a length.
      const d = inner.duration;
      return {
        kind: 'window', unit: d.unit as 'hours' | 'days' | 'weeks' | 'months', from: d.min, to: d.max,
        numbersRange: d.range, text: this.text, range: inner.range, ...(this.source !== undefined ? { source: this.source } : {}),
      };
    }
    return inner;
  }

  // ---- periods and calendar anchors --------------------------------------------------------------------------

  private the(start: number): Timing | undefined {
    const next = this.w(1);
    if (next === 'same') {
      this.i++;
      const r = this.sameDay(this.i);
      if (r) r.range = this.range(start, this.i);
      return r;
    }
    if (['first', 'next', 'last', 'initial', 'following', 'previous'].includes(next)) {
      this.i++;
      const r = this.period(this.i);
      if (r) r.range = this.range(start, this.i);
      else this.i = start;
      return r;
    }
    const periods: Record<string, [number, DurationUnit, CalendarTiming['period']]> = {
      day: [1, 'days', 'day'], week: [1, 'weeks', 'week'], month: [1, 'months', 'month'], quarter: [3, 'months', 'quarter'],
    };
    const per = periods[next];
    if (per && ['before', 'after', 'of', 'prior'].includes(this.w(2))) {
      this.i += 2;
      const lengthStart = this.i - 1;
      const length = this.unitDuration(lengthStart, per[0], per[1]);
      const rel = this.w();
      if (next === 'day' && rel === 'of') {
        this.i++;
        return this.relationRest(start, 'on', false, 'the day of');
      }
      this.i++;
      if (rel === 'prior' && this.w() === 'to') this.i++;
      const which = rel === 'of' ? 'of' : rel === 'after' ? 'after' : 'before';
      const out: Timing = { kind: 'period', which, length, ...this.base(start) };
      this.attachAnchor(out);
      out.range = this.range(start, this.i);
      return out;
    }
    return undefined;
  }

  /** `first week`, `first 90 days`, `next 12 months`, `last 6 months`, `following week`, `first business day …`. */
  private period(start: number): Timing | undefined {
    const w = this.w();
    const which = w === 'initial' ? 'first' : (w as 'first' | 'next' | 'last' | 'following' | 'previous');
    this.i++;
    const d = this.duration(true);
    if (!d) {
      this.i = start;
      return undefined;
    }
    // `first business day on or before the 16th of the month`
    if ((which === 'first' || which === 'last') && d.min === 1 && this.w() === 'on' && this.w(1) === 'or') {
      const rel = this.w(2);
      if (rel === 'before' || rel === 'after') {
        this.i += 3;
        if (this.w() === 'the') this.i++;
        const dayTok = this.tok();
        if (dayTok?.kind === TokKind.Num && ['th', 'st', 'nd', 'rd'].includes(this.w(1))) {
          this.i += 2;
          if (this.w() === 'of') {
            this.i++;
            if (this.w() === 'the') this.i++;
            if (this.w() === 'month') this.i++;
          }
          const out: CalendarTiming = {
            kind: 'calendar', which, unit: d.unit, dayOfMonth: Number(dayTok.norm),
            relation: rel === 'before' ? 'on-or-before' : 'on-or-after', ...this.base(start),
          };
          return out;
        }
      }
    }
    const out: Timing = { kind: 'period', which, length: d, ...this.base(start) };
    if (AFTER_INTRO.has(this.w()) && this.w() !== 'upon') {
      const a = this.afterAnchor();
      if (a) out.anchor = a;
      out.range = this.range(start, this.i);
    }
    return out;
  }

  /** `Mondays`, `on Fridays`: every week on that day. */
  private pluralWeekday(start: number): Timing {
    this.i++;
    return { kind: 'cadence', every: { n: 1, unit: 'weeks' }, ...this.base(start) };
  }

  /** `Monday`, `(Monday)`, `Friday the week before`, `non-Friday weekday`, `Friday before the release`. */
  private weekday(negated: boolean, start = this.i): Timing {
    const out: CalendarTiming = { kind: 'calendar', weekday: WEEKDAYS[this.w()]!, ...this.base(start) };
    this.i++;
    if (negated) {
      out.negated = true;
      if (this.w() === 'weekday' || this.w() === 'day') this.i++;
    }
    if (this.w() === 'the' && (this.w(1) === 'week' || this.w(1) === 'day') && (this.w(2) === 'before' || this.w(2) === 'after')) {
      out.period = this.w(1) as 'week' | 'day';
      out.relation = this.w(2) as 'before' | 'after';
      this.i += 3;
      this.attachAnchor(out);
    } else if (this.w() === 'before' || this.w() === 'after') {
      out.relation = this.w() as 'before' | 'after';
      this.i++;
      this.attachAnchor(out);
    }
    out.range = this.range(start, this.i);
    return out;
  }

  // ---- dates and clock times -------------------------------------------------------------------------------

  /** `2024-10-04`, `2024.10.04`, `2024/10/04`. */
  private isoDate(start: number): Timing | undefined {
    const t = this.tok();
    if (!t || t.kind !== TokKind.Num || t.norm.length !== 4) return undefined;
    const sep = this.p(1);
    if ((sep !== '-' && sep !== '.' && sep !== '/') || !this.adj(1) || !this.isNum(2) || !this.adj(2) || this.p(3) !== sep || !this.adj(3) || !this.isNum(4) || !this.adj(4)) return undefined;
    const y = Number(t.norm);
    const m = Number(this.tok(2)!.norm);
    const d = Number(this.tok(4)!.norm);
    this.i += 5;
    const iso = makeIsoDate(y, m, d);
    if (!iso) this.fail(`'${this.slice(start, this.i)}' is not a real date`, start, this.i);
    return { kind: 'date', date: iso, ...this.base(start) };
  }

  /** `Jan 11, 2021`, `March 3rd 2026`. */
  private monthNameDate(): Timing | undefined {
    const start = this.i;
    const m = MONTHS[this.w()]!;
    this.i++;
    if (this.p() === '.') this.i++;
    const d = Number(this.tok()!.norm);
    this.i++;
    if (['th', 'st', 'nd', 'rd'].includes(this.w()) && this.adj(0)) this.i++;
    if (this.p() === ',') this.i++;
    if (!this.isNum() || this.tok()!.norm.length !== 4) {
      this.i = start;
      return undefined;
    }
    const y = Number(this.tok()!.norm);
    this.i++;
    const iso = makeIsoDate(y, m, d);
    if (!iso) this.fail(`'${this.slice(start, this.i)}' is not a real date`, start, this.i);
    return { kind: 'date', date: iso, ...this.base(start) };
  }

  /** `11 January 2021`. */
  private dayMonthDate(start: number): Timing | undefined {
    const d = Number(this.tok()!.norm);
    const m = MONTHS[this.w(1)]!;
    const y = Number(this.tok(2)!.norm);
    if (this.tok(2)!.norm.length !== 4) return undefined;
    this.i += 3;
    const iso = makeIsoDate(y, m, d);
    if (!iso) this.fail(`'${this.slice(start, this.i)}' is not a real date`, start, this.i);
    return { kind: 'date', date: iso, ...this.base(start) };
  }

  /** `YYYY-MM-DD`, `[DATE]`, `{{release_date}}`, `DATE:A`. */
  private placeholderDate(): Timing | undefined {
    const start = this.i;
    const p = this.p();
    if (p === '[' || p === '{') {
      const close = p === '[' ? ']' : '}';
      let j = this.i + 1;
      const limit = Math.min(this.toks.length, this.i + 12);
      let dateLike = false;
      while (j < limit && this.toks[j]!.norm !== close) {
        const n = this.toks[j]!.norm;
        if (n.includes('date') || n === 'yyyy' || n.includes('day') || n === 'when') dateLike = true;
        j++;
      }
      if (j >= limit || !dateLike) return undefined;
      this.i = j + 1;
      if (p === '{' && this.p() === '}') this.i++;
      return { kind: 'date', placeholder: this.slice(start, this.i), ...this.base(start) };
    }
    if (this.w() === 'yyyy') {
      this.i++;
      while ((this.p() === '-' || this.p() === '.' || this.p() === '/') && (this.w(1) === 'mm' || this.w(1) === 'dd')) this.i += 2;
      return { kind: 'date', placeholder: this.slice(start, this.i), ...this.base(start) };
    }
    if (this.w() === 'date' && this.p(1) === ':' && this.adj(1) && this.w(2) && this.adj(2)) {
      this.i += 3;
      return { kind: 'date', placeholder: this.slice(start, this.i), ...this.base(start) };
    }
    return undefined;
  }

  /** `9:00 AM`, `4pm UTC`, `17:30`, `(09:00 local)`. */
  private clock(start: number): Timing | undefined {
    if (!this.isNum()) return undefined;
    let hour = Number(this.tok()!.norm);
    let minute = 0;
    let k = 1;
    const hasColon = this.p(1) === ':' && this.adj(1) && this.isNum(2) && this.adj(2) && this.tok(2)!.norm.length === 2;
    if (hasColon) {
      minute = Number(this.tok(2)!.norm);
      k = 3;
    }
    const toks = this.toks;
    const mer = toks[this.i + k]?.kind === TokKind.Word ? toks[this.i + k]!.norm : '';
    let meridiem = '';
    if (mer === 'am' || mer === 'pm') {
      meridiem = mer;
      k++;
    } else if ((mer === 'a' || mer === 'p') && toks[this.i + k + 1]?.norm === '.' && toks[this.i + k + 2]?.norm === 'm') {
      meridiem = mer === 'a' ? 'am' : 'pm';
      k += toks[this.i + k + 3]?.norm === '.' ? 4 : 3;
    }
    if (!hasColon && !meridiem) return undefined;
    if (hour > 24 || minute > 59 || (meridiem && (hour < 1 || hour > 12))) return undefined;
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
    this.i += k;
    const out: Timing = { kind: 'clock', time: `${pad2(hour)}:${pad2(minute)}`, ...this.base(start) };
    if (ZONES.has(this.w())) {
      out.zone = this.tok()!.raw;
      this.i++;
      out.range = this.range(start, this.i);
    }
    return out;
  }

  private clockLabel(start: number): Timing {
    const w = this.w();
    this.i++;
    const label = w === 'eod' ? 'end-of-day' : w === 'cob' ? 'close-of-business' : w === 'eow' ? 'end-of-week' : (w as 'noon' | 'midnight');
    const out: Timing = { kind: 'clock', label, ...this.base(start) };
    if (label === 'noon') out.time = '12:00';
    if (label === 'midnight') out.time = '00:00';
    return out;
  }
}

const FULL_WEEKDAYS = new Set(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);

function isPluralWeekday(w: string): boolean {
  return w.length > 6 && w.endsWith('s') && FULL_WEEKDAYS.has(w.slice(0, -1));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function makeIsoDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > dim) return undefined;
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Parses one timing phrase. `range` is where `text` sits in the document; every range in the result lies
 * inside it. Never throws: text that is not understood gives `{ kind: 'unparsed', reason }`.
 */
export function parseTiming(text: string, range: Range, source?: TimingSource): Timing {
  const toks = tokenize(text);
  const parser = new PhraseParser(toks, text, new OffsetMapper(text, range), source);
  return parser.parse();
}

/** Convenience for the model's TimingText; memoised (see parseTimingMemo). */
export function parseTimingText(timing: TimingText): Timing {
  return parseTimingMemo(timing.text, timing.range, timing.source);
}

/** Phrases kept: a few large documents' worth of distinct timing lines. */
const PHRASE_CACHE_SIZE = 4096;
/** Longer text is parsed every time: hostile lines must not sit in memory. */
const PHRASE_CACHE_MAX_TEXT = 1000;
const phraseCache = new Map<string, Timing>();

/**
 * parseTiming with a bounded LRU memo. Where a phrase sits only moves its positions, so the memo keeps the value
 * parsed at line 0, character 0 (with the same shape of range: how many lines it spans and where it ends
 * relative to its start, which decides where positions are clamped) and moves a fresh copy to the phrase's
 * place on each use. After an edit every phrase below it has moved; none needs parsing again.
 */
export function parseTimingMemo(text: string, range: Range, source?: TimingSource): Timing {
  if (text.length > PHRASE_CACHE_MAX_TEXT) return parseTiming(text, range, source);
  const lines = range.end.line - range.start.line;
  // On the first line a position's character counts from the range's start; on later lines from the line start.
  const endCharacter = lines === 0 ? range.end.character - range.start.character : range.end.character;
  const key = `${source ?? ''}\u0000${lines}\u0000${endCharacter}\u0000${text}`;
  let parsed = phraseCache.get(key);
  if (parsed) {
    phraseCache.delete(key);
    phraseCache.set(key, parsed);
  } else {
    const origin: Range = { start: { line: 0, character: 0 }, end: { line: lines, character: endCharacter } };
    parsed = parseTiming(text, origin, source);
    phraseCache.set(key, parsed);
    if (phraseCache.size > PHRASE_CACHE_SIZE) phraseCache.delete(phraseCache.keys().next().value!);
  }
  return moveTo(parsed, range.start.line, range.start.character) as Timing;
}

export function clearPhraseCache(): void {
  phraseCache.clear();
}

/**
 * A deep copy of a parsed value with every position moved from line 0, character 0 to (line, character): the
 * memoised value itself never leaves this module, so callers may change what they get.
 */
function moveTo(value: unknown, line: number, character: number): unknown {
  if (Array.isArray(value)) return value.map((v) => moveTo(v, line, character));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (typeof o.line === 'number' && typeof o.character === 'number' && Object.keys(o).length === 2) {
    return { line: o.line + line, character: o.line === 0 ? o.character + character : o.character };
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = moveTo(o[k], line, character);
  return out;
}

/** Parses just a duration (`1-2 business days`, `2-4 weeks`), e.g. `process_meta.duration`. */
export function parseDuration(text: string, range: Range): Duration | undefined {
  const t = parseTiming(text, range);
  if (t.kind === 'duration') return t.duration;
  if (t.kind === 'deadline' && !t.anchor) return t.within;
  return undefined;
}

/**
 * Lower-case event text without articles, possessives and punctuation, for matching anchors against step
 * titles and trigger events: `The Kickoff Meeting's` → `kickoff meeting`.
 */
export function normalizeEventText(text: string): string {
  const words: string[] = [];
  for (const t of tokenize(text)) {
    if (t.kind === TokKind.Punct) continue;
    let w = t.norm;
    if (w.endsWith("'s")) w = w.slice(0, -2);
    if (w === 'the' || w === 'a' || w === 'an' || w === 'our' || w === 'their' || w === 'its' || w === 'customer\'s') continue;
    words.push(w);
  }
  return words.join(' ');
}
