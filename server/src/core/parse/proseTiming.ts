/**
 * Timing written in a step's prose: `Notify the customer within 2 business days`, `Run the check every 15
 * minutes`, `| Patch the servers | T-2 weeks |`, `- [ ] Book the room by Friday`.
 *
 * Fields (`Timeline: …`) and heading labels (`(Days 0-30)`) are read by steps.ts; everything else that looks
 * like timing is found here and added to the step as a TimingText with source `inline`, so the timeline engine
 * either understands it or `unparsed-timing` says it does not. Nothing that looks like timing is dropped.
 *
 * Detection only decides WHERE a phrase is; what it means is the phrase parser's job (timeline/phrases.ts).
 * It is deliberately generous about what looks like timing (a reported phrase costs an info finding; a silently
 * ignored one costs a missed deadline) and strict about numbers that are not time: a number only counts when a
 * unit of time, a Day/Week label or a T-minus marker comes with it, so `form W-4`, `Section 12`, `v1.2`,
 * `3 reviewers`, `80%` and `port 8080` never match.
 *
 * Every pattern is bounded (no nested unbounded quantifiers) and runs once per line, so detection is linear in
 * the length of the document.
 */
import type { Range, Section, Step, TimingText } from '../model';
import { comparePositions } from '../model';
import type { LineInfo } from './lines';
import { rangeOf } from './text';

const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|' +
  'eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|' +
  'a few|a couple of|a couple|couple of|few|several|half an?|half|an?|single)';
const NUMBER = `(?:\\d{1,4}(?:\\.\\d{1,2})?|${NUMBER_WORD})`;
/** `1-2`, `2 to 3`, `4 or 5`, `4 / 6 / 8`. */
const AMOUNT = `${NUMBER}(?:\\s{0,2}(?:[-\u2010-\u2015]|to|or|through|thru)\\s{0,2}${NUMBER}|(?:\\s{0,2}/\\s{0,2}\\d{1,4}){1,8})?\\+?`;
const QUALIFIER = '(?:(?:business|working|work|calendar|biz)[\\s-]{1,2})?';
const UNIT =
  '(?:minutes?|mins?|hours?|hrs?|days?|workdays?|businessdays?|weeks?|wks?|fortnights?|months?|mths?|mos|quarters?|years?|yrs?)';
/** Events whose day is a moment in a procedure: `release day`, `go-live day`. */
const EVENT_DAY = '(?:release|launch|go-live|golive|cutover|cut-over|freeze|migration|deployment|deploy|kickoff|kick-off|ship|shipping|delivery|signing|closing|final|judgment|judgement|election|demo|review|onboarding|offboarding)';
const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?';
const PERIOD_WORD = '(?:minute|hour|day|business day|working day|week|month|quarter|year)s?';
const MONTH_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

/**
 * Shapes that are timing on their own. Case-insensitive; deliberately without the `u` flag, which makes V8
 * fold case the Unicode way at every position and runs this alternation several times slower.
 */
const TRIGGERS = new RegExp(
  [
    // `3 business days`, `2-3 weeks`, `30-day`, `a few hours`, `4 / 6 / 8 weeks`, `5+ days`
    `\\b${AMOUNT}[\\s-]{0,2}${QUALIFIER}${UNIT}\\b`,
    // `Day 14`, `Weeks 3-5`, `Days -10 to -1`, `Month 2-3`, `Hours 0-24`
    `\\b(?:days?|weeks?|months?|hours?|quarters?)\\s{0,2}[-+\u2212\u2013]?\\d{1,4}(?:\\s{0,2}(?:[-\u2013\u2014]|to|through|thru)\\s{0,2}[-+\u2212\u2013]?\\d{1,4})?\\b`,
    // cadence words
    '\\b(?:hourly|daily|nightly|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|semi-?annually|bi-?annually|annually|yearly)\\b',
    // `every 15 minutes`, `every other week`, `each month`, `every Monday`
    `\\b(?:every|each)\\s{1,3}(?:other\\s{1,2}|second\\s{1,2})?(?:${NUMBER}[\\s-]{1,2})?${QUALIFIER}(?:${PERIOD_WORD}|${WEEKDAY})\\b`,
    // `once a week`, `twice a month`, `three times per day`, `3x per week`
    `\\b(?:once|twice|thrice|${NUMBER}\\s{0,2}(?:times|x))\\s{1,2}(?:a|an|per|each|every)\\s{1,2}${PERIOD_WORD}\\b`,
    // immediacy
    '\\b(?:immediately|asap|a\\.s\\.a\\.p|without (?:undue )?delay|same[- ]day|right away|straight away|at once|promptly|in a timely (?:manner|fashion)|immediate(?! (?:family|supervisor|manager|team|vicinity|area))|as (?:soon|quickly|early|fast|promptly) as (?:possible|practicable|feasible))\\b',
    // seconds, lab-style minutes (`for 10'`) and `overnight`
    '\\b\\d{1,4}\\s?seconds?\\b',
    "(?<=\\b(?:every|for|within|after|each)\\s)\\d{1,3}(?:\\s?(?:s|secs?)\\b|'(?![\\w']))",
    "\\b\\d{1,3}'(?=\\s(?:on|at|in)\\b)",
    '\\bovernight\\b',
    // weekdays
    `\\b${WEEKDAY}\\b`,
    // clock: `9:00 AM`, `17:30`, `4pm`, `EOD`, `end of day`
    '\\b\\d{1,2}:\\d{2}(?:\\s?[ap]\\.?m\\b\\.?)?',
    '\\b\\d{1,2}(?:\\.\\d{2})?\\s?[ap]\\.?m\\b\\.?',
    '\\b(?:eod|cob|eow|end of (?:the )?(?:business |working )?day|close of business|noon|midnight)\\b',
    // open-ended
    '\\b(?:ongoing|as needed|as required|as necessary|(?:if and |if or )?(?:when|if) (?:needed|necessary|required|appropriate)|periodically|(?:semi-)?regularly|continuously|constantly|occasionally|on an? (?:ongoing|regular|periodic) basis|ad[- ]hoc|on[- ]demand|once in a while|(?:at )?any ?time|at some point)\\b',
    // `first week`, `next month`, `the week before`, `the day of`
    `\\b(?:first|next|following|initial)\\s{1,2}(?:few\\s{1,2})?${QUALIFIER}(?:day|week|month|quarter|year)s?\\b`,
    '\\bthe\\s{1,2}(?:day|week|month)\\s{1,2}(?:before|after|prior to|of)\\b',
    // `release day`, `launch day`: an event's day
    `\\b(?:${EVENT_DAY})\\s{1,2}day\\b`,
    // dates: `2026-03-02`, `Jan 11, 2026`, `11 January 2026`
    '\\b\\d{4}-\\d{2}-\\d{2}\\b',
    `\\b${MONTH_NAME}\\.?\\s{1,2}\\d{1,2}(?:st|nd|rd|th)?,?\\s{1,2}\\d{4}\\b`,
    `\\b\\d{1,2}\\s{1,2}${MONTH_NAME}\\s{1,2}\\d{4}\\b`,
  ].join('|'),
  'gi',
);

/**
 * Words that relate a step to an event (`once the call is over`, `before the release`, `upon receipt`): the
 * phrase runs on to the end of the clause, which names the event.
 */
const RELATION_TRIGGERS = new RegExp(
  [
    '\\b(?:once|when(?!\\s(?:to|not|and|or|the (?:day|week|month))\\b)|whenever|upon|after(?!\\s(?:all)\\b)|before|prior to|following(?!\\s{0,2}:)|during|until|till|in advance of|ahead of|as soon as|now that|at the (?:start|end|beginning|time|close) of|on the day of|by the (?:time|end) of|for the duration of|throughout|within (?:the|that|this|its|their|a|an) (?:[\\w-]+ ){0,2}(?:day|week|month|quarter|year|timeframe|time ?frame|period|window|hour|sprint|cycle|deadline|sla)s?|(?:the )?week of|next (?:[\\w-]+ ){0,2}(?:meeting|call|release|sync|standup|stand-up|review|sprint|cycle|session|town hall))\\b',
    '\\b(?:in advance|ahead of time|beforehand)\\b',
    // `on completion`, `on labeling`, `at this point`, `at closeout`, `by the target date`
    // `On completion, …`, `On transfer, …` open a clause; `train staff on pricing` does not.
    '(?<=^\\W{0,4}|[.;:(]\\s{1,2})on (?:[a-z]+(?:ing|tion|sion|ment|val|pt|ure|fer)|sign-?off|closeout|close-out)\\b',
    '\\bat (?:this|that|which) point\\b|\\bat (?:the )?(?:time|end|start|close|beginning|conclusion|completion) of\\b|\\bat (?:the )?next\\b|\\bat (?:[\\w-]+ )?(?:closeout|close-out|kickoff|kick-off|launch|handoff|go-live|sign-off|signoff)\\b',
    // `by the release`, not `by the release lead` (a who)
    '\\bby (?:the |a |an )?(?:[\\w-]+ ){0,2}(?:date|deadline|time|freeze|release|launch|go-live|kickoff)\\b(?!\\s(?:team|lead|manager|owner|engineer|shadow|captain|coordinator)s?\\b)',
    '\\bout(?:side)? of (?:[\\w-]+ ){0,2}hours\\b',
  ].join('|'),
  'gi',
);
/** Relation words that mean nothing without the event they relate to. */
const RELATION_NEEDS_EVENT = /^(?:once|when|whenever|upon|after|before|prior to|following|during|until|till|in advance of|ahead of|as soon as|now that)$/iu;
/** An event names something: a word other than an article or a possessive. */
const EVENT_WORD = /\b(?!(?:the|a|an|your|their|its|our|his|her|my|this|that|these|those)\b)[\p{L}\d]{2,}/iu;

/** `named after`, `look after`, `called before`: not timing. */
const NOT_RELATION_BEFORE = /\b(?:named|look|looks|looked|looking|modell?ed|called|comes?|came|goes|went|listed|shown|described|mentioned|stated)\s$/iu;

/** Case-sensitive shapes: `T-2 weeks`, `T-10`, `D-3`, `T+1 hour`, `T-minus 10 days`, `24h`, `2d`, `Q3`. */
const CASED_TRIGGERS = new RegExp(
  [
    `\\b[TD](?:[-+\u2212\u2013]|-minus\\s{0,2})\\d{1,4}(?:\\s{0,2}${QUALIFIER}${UNIT}\\b)?`,
    '\\b\\d{1,4}(?:h|hr|hrs|d|w|wk|min)\\b',
    '\\bQ[1-4]\\b',
  ].join('|'),
  'gu',
);

/**
 * Words that modify the phrase that follows (`within`, `no later than`, `at least`, `~`): the span grows left
 * over them so the parser sees the whole phrase. Applied to at most LEFT_WINDOW characters before a match.
 */
const LEFT_MODIFIERS =
  /(?:\b(?:within|in|by|after|before|for|over|under|during|until|till|every|each|once|at least|at most|up to|no later than|not later than|no more than|not more than|no less than|less than|more than|fewer than|a maximum of|a minimum of|maximum|minimum|max|min|about|approximately|approx\.?|roughly|around|nearly|almost|the first|the next|the last|the following|the initial|first|next|last|initial|the same|same|(?:in|for|during|within|by|over|until|of|at) the|immediately|right|shortly|soon|just|only|well)\s{1,3}|~\s{0,2}|[<>\u2264\u2265]=?\s{0,2})+$/iu;
const LEFT_WINDOW = 48;

/** After these words the phrase goes on to name the event it is measured from. */
const ANCHOR_INTRO = /^\s{0,3}(?:before|after|of|from|since|following|prior to|ahead of|post-?|preceding|upon|as|later|ago|beforehand|thereafter|the (?:day|week) (?:before|after))\b/iu;
/** Where an event's name ends: clause punctuation or a word that starts another clause. */
const ANCHOR_END = /[.;:!?()[\]|,\u2192]|\s(?:and|or|but|then|if|unless|whichever|so that|while|to ensure|in order)\s/iu;
const MAX_ANCHOR = 80;

/** A word right before a number that makes the number a label, not an amount of time. */
const NOT_TIME_BEFORE = /\b(?:form|section|sections|sec|step|steps|rule|article|clause|page|pages|table|figure|fig|chapter|appendix|version|item|issue|ticket|rfc|iso|part|line|lines|tier|level|sev|severity|priority|port|room|no|number|#|§)\.?\s{0,2}$/iu;

const CADENCE_WORD = /^(?:hourly|daily|nightly|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|semi-?annually|bi-?annually|annually|yearly)$/iu;


export interface TimingSpan {
  /** Offsets in the line's visible text, end exclusive. */
  start: number;
  end: number;
}

/** A match: `core` is where the matched words end; the event named after them may run on into code (`the \`stable\` PR`). */
interface Hit extends TimingSpan {
  core?: number;
}

/**
 * Spans of `text` that look like timing, in order, never overlapping. `skip` are spans (code, link targets)
 * that are not prose.
 */
export function findTimingSpans(text: string, skip: readonly [number, number][] = []): TimingSpan[] {
  const hits: Hit[] = [];
  collect(TRIGGERS, text, hits);
  collect(CASED_TRIGGERS, text, hits);
  collectRelations(text, hits);
  if (hits.length === 0) return [];
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TimingSpan[] = [];
  for (const h of hits) {
    if (overlapsAny(skip, h.start, h.core ?? h.end)) continue;
    if (NOT_TIME_BEFORE.test(text.slice(Math.max(0, h.start - 12), h.start)) && /^\d/.test(text.slice(h.start))) continue;
    // `the first monthly report`: a cadence word stands alone; words before it are not part of the phrase.
    const start = CADENCE_WORD.test(text.slice(h.start, h.end)) ? h.start : growLeft(text, h.start);
    const span = { start, end: growRight(text, start, growNoun(text, h.end)) };
    const last = out[out.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else out.push(span);
  }
  return out;
}

/** Relation hits end where the event they name ends (the clause), not at the trigger word. */
function collectRelations(text: string, out: Hit[]): void {
  RELATION_TRIGGERS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RELATION_TRIGGERS.exec(text))) {
    const at = m.index;
    const word = m[0].toLowerCase();
    const before = text.slice(Math.max(0, at - 16), at);
    if (NOT_RELATION_BEFORE.test(before)) continue;
    // `the following steps` lists things; it does not follow an event.
    if (word === 'following' && /\bthe\s$/iu.test(before)) continue;
    const core = at + m[0].length;
    const end = /^(?:in advance|ahead of time|beforehand)$/.test(word) ? core : anchorEnd(text, core);
    // `… and after.`, `before their` at a line break: a relation word with no event after it says nothing.
    if (end <= core && RELATION_NEEDS_EVENT.test(word)) continue;
    if (end > core && !EVENT_WORD.test(text.slice(core, end))) continue;
    out.push({ start: at, end: Math.max(end, at + m[0].length), core: at + m[0].length });
  }
}

function collect(re: RegExp, text: string, out: TimingSpan[]): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (isClock(m[0]) && !validClock(m[0])) continue;
    out.push({ start: m.index, end: m.index + m[0].length });
  }
}

function isClock(s: string): boolean {
  return /^\d{1,2}:\d{2}/.test(s);
}

/** `17:30` yes; `1:80` (a port, a ratio) no. */
function validClock(s: string): boolean {
  const m = /^(\d{1,2}):(\d{2})/.exec(s)!;
  return Number(m[1]) <= 24 && Number(m[2]) <= 59;
}

function overlapsAny(spans: readonly [number, number][], a: number, b: number): boolean {
  for (const [s, e] of spans) if (a < e && b > s) return true;
  return false;
}

function growLeft(text: string, start: number): number {
  const from = Math.max(0, start - LEFT_WINDOW);
  const m = LEFT_MODIFIERS.exec(text.slice(from, start));
  if (!m) return start;
  let at = from + m.index;
  // Keep a leading `(` with its `)` out of it: the span starts at the first word.
  while (at < start && text.charCodeAt(at) === 32) at++;
  return at;
}

/** `30-day check-in`, `a 15-minute sync`: a hyphenated amount names what it measures; the parser wants that noun. */
const HYPHEN_AMOUNT = /\d[-\u2010\u2011]\s?(?:minute|hour|day|week|month)$/iu;
const NOUN_AFTER = /^(?:[ -]{1,2}(?!(?:and|or|but|then|if|to|for|with|before|after|of|from|since|within|by|on|at|in|is|are|was|will|should|must)\b)[a-z][a-z'-]{0,24}){1,3}/iu;

function growNoun(text: string, end: number): number {
  if (!HYPHEN_AMOUNT.test(text.slice(Math.max(0, end - 12), end))) return end;
  const m = NOUN_AFTER.exec(text.slice(end, end + 80));
  return m ? end + m[0].length : end;
}

/** `of` names an event only after a deadline word (`within 3 days of signing`), not in `two years of history`. */
const DEADLINE_WORDS = /\b(?:within|in|later than|up to|first|initial|next)\b/iu;

function growRight(text: string, start: number, end: number): number {
  const rest = text.slice(end, end + 24);
  const intro = ANCHOR_INTRO.exec(rest);
  if (!intro) return end;
  if (/^\s*of\b/iu.test(intro[0]) && !DEADLINE_WORDS.test(text.slice(start, end))) return end;
  return anchorEnd(text, end + intro[0].length);
}

/** Where the event named from `anchorStart` on ends: the end of the clause, at most MAX_ANCHOR characters on. */
function anchorEnd(text: string, anchorStart: number): number {
  const window = text.slice(anchorStart, anchorStart + MAX_ANCHOR);
  const stop = ANCHOR_END.exec(window);
  let end = anchorStart + (stop ? stop.index : window.length);
  while (end > anchorStart && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * Adds the timing phrases in each step's prose (title, fields, actions, table cells, plain lines) to the step
 * that owns the line: the innermost step whose range holds it. A phrase that overlaps timing the step already
 * has (a field value, a heading label) is that timing, not a new one.
 */
export function attachProseTiming(steps: Step[], lines: LineInfo[]): void {
  for (const step of steps) attachToStep(step, lines);
}

function attachToStep(step: Step, lines: LineInfo[]): void {
  for (const sub of step.substeps) attachToStep(sub, lines);
  const first = step.range.start.line;
  const last = Math.min(step.range.end.line, lines.length - 1);
  const found: TimingText[] = [];
  let subIndex = 0;
  const subs = [...step.substeps].sort((a, b) => a.range.start.line - b.range.start.line);
  for (let l = first; l <= last; l++) {
    while (subIndex < subs.length && subs[subIndex]!.range.end.line < l) subIndex++;
    const sub = subs[subIndex];
    if (sub && sub.range.start.line <= l && l <= sub.range.end.line) {
      l = sub.range.end.line;
      continue;
    }
    const info = lines[l];
    if (!info || (info.block !== 'text' && info.block !== 'heading') || info.text.length === 0) continue;
    // Agenda items (`1. Introductions (5 min)`) are read as agenda minutes, not as the step's timing; owner and
    // timing fields are already read (a 5 MB `Owner:` line costs nothing here).
    if (step.agenda.some((a) => a.range.start.line === l)) continue;
    if (step.fields.some((f) => f.range.start.line === l && SKIPPED_FIELDS.has(f.label))) continue;
    for (const span of findTimingSpans(info.text, info.codeSpans)) {
      const range = rangeOf(info, span.start, span.end);
      if (step.timing.some((t) => overlaps(t.range, range))) continue;
      found.push({ source: 'inline', text: info.text.slice(span.start, span.end), range });
    }
  }
  step.timing.push(...found);
}

/**
 * Timing-like phrases on lines outside every step (headings and text, not code, not a revision history or
 * references section, not frontmatter): the document's own timing.
 */
export function documentTiming(steps: readonly Step[], lines: readonly LineInfo[], sections: readonly Section[]): TimingText[] {
  const inStep = new Uint8Array(lines.length);
  for (const step of steps) {
    for (let l = step.range.start.line; l <= step.range.end.line && l < lines.length; l++) inStep[l] = 1;
  }
  for (const section of sections) {
    if (section.kind !== 'revision-history' && !/^(references?|related (documents|links|pages)|see also|further reading|changelog|history)$/i.test(section.title.trim())) continue;
    for (let l = section.range.start.line; l <= section.range.end.line && l < lines.length; l++) inStep[l] = 1;
  }
  const out: TimingText[] = [];
  for (const info of lines) {
    if (inStep[info.line] || (info.block !== 'text' && info.block !== 'heading') || info.text.length === 0) continue;
    for (const span of findTimingSpans(info.text, info.codeSpans)) {
      out.push({ source: 'inline', text: info.text.slice(span.start, span.end), range: rangeOf(info, span.start, span.end) });
    }
  }
  return out;
}

/** Fields whose value is an owner or is itself the step's timing (steps.ts TIMING_LABELS). */
const SKIPPED_FIELDS = new Set(['owner', 'timeline', 'timing', 'when', 'due', 'duration']);

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}
