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
import { TextMemo, textKey } from '../incremental/textMemo';
import { comparePositions } from '../model';
import { identityMap, type LineInfo } from './lines';
import { rangeOf } from './text';
import { atWordStarts } from './wordStarts';

/**
 * The timing phrases of a paragraph depend on its text alone: the language server reads the document again
 * after every edit, and the paragraphs the edit did not touch are not searched again (core/incremental).
 * Off until a caller that reads documents again turns it on (the language server's Analyses): `sopls lint` reads
 * each file once, and there the memo only held thousands of paragraphs (≈40 MB more peak RSS on 1,000 files).
 */
const TIMING_SPANS = new TextMemo<TimingSpan[]>(8192, 4000, (spans) => spans.map((s) => ({ start: s.start, end: s.end })));
TIMING_SPANS.bypass = true;

/** The memo of timing phrases per paragraph: turned on by the language server, counted and cleared by tests. */
export function timingSpansMemo(): TextMemo<TimingSpan[]> {
  return TIMING_SPANS;
}

const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|' +
  'eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|' +
  'a few|a couple of|a couple|couple of|few|several|half an?|half|an?|single)';
/** `one (1)`, `five (5)`: contracts repeat a number word in digits. */
const NUMBER = `(?:\\d{1,4}(?:\\.\\d{1,2})?|${NUMBER_WORD}(?:\\s{0,2}\\(\\d{1,4}\\))?)(?:\\s{1,2}and\\s{1,2}(?:a|one)\\s{1,2}half)?`;
/** `1-2`, `2 to 3`, `4 or 5`, `4 / 6 / 8`. */
const AMOUNT = `${NUMBER}(?:\\s{0,2}(?:[-\u2010-\u2015]|to|or|through|thru|and)\\s{0,2}${NUMBER}|(?:\\s{0,2}/\\s{0,2}\\d{1,4}){1,8}|(?:\\s{0,2},\\s{0,2}\\d{1,4}){1,8},?\\s{1,2}(?:and|or|&)\\s{1,2}\\d{1,4})?\\+?(?:\\s{1,2}or\\s{1,2}(?:more|longer|less|fewer))?`;
/** `or two`, `or more`, `or so`, `and up` after a unit: `a day or two`, `3 months or longer`. */
const AFTER_UNIT = '(?:\\s{1,2}(?:or|and)\\s{1,2}(?:more|longer|less|fewer|shorter|so|up|over|two|three|four|five|six|a half)\\b)?';
/** `two weeks' notice`, `a month ahead`, `3 days in advance`: the words that make an amount a lead time. */
const LEAD_TIME = "(?:'s?|s')?\\s{1,2}(?:(?:written|advance|prior)\\s{1,2})?(?:notice|ahead|beforehand|earlier|in advance|prior)\\b(?!\\s{1,2}(?:to|of)\\b)";
/** `2 elapsed calendar days`, `5 consecutive days`, `3 full working days`: how the time is counted (grammar COUNTING_WORDS). */
const COUNTING = '(?:(?:elapsed|consecutive|full|clear|whole|entire|complete|additional|more|extra|further|straight|continuous|uninterrupted|solid|successive|subsequent|remaining|spare)\\s{1,2}){0,2}';
const QUALIFIER = `${COUNTING}(?:(?:business|working|work|calendar|biz|person|man|engineer|staff|developer)[\\s-]{1,2})?`;
const UNIT =
  '(?:minutes?|mins?|hours?|hrs?|days?|workdays?|businessdays?|weeks?|wks?|fortnights?|months?|mths?|mos?|quarters?|years?|yrs?|' +
  'sprints?|shifts?|semesters?|weekends?|nights?|pay[\\s-]periods?|(?:release|sprint|billing|pay|review)[\\s-]cycles?)';
/** What an ordinal counts: `second week`, `3rd business day`. */
const ORDINAL = '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|\\d{1,3}(?:st|nd|rd|th))';
/** Nouns whose moments a procedure is timed by: `between releases`, `mid-sprint`, `end of the cycle`. */
const PERIOD_NOUN = '(?:sprint|cycle|week|month|quarter|year|term|semester|shift|day|release|period|milestone|phase|iteration|season|meeting|call|session|review)s?';
/** Events whose day is a moment in a procedure: `release day`, `go-live day`. */
const EVENT_DAY = '(?:release|launch|go-live|golive|cutover|cut-over|freeze|migration|deployment|deploy|kickoff|kick-off|ship|shipping|delivery|signing|closing|final|judgment|judgement|election|demo|review|onboarding|offboarding|idle|holiday|quiet|buffer|planning|hack|on-call|exam|audit)';
const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?';
const PERIOD_WORD = '(?:minute|hour|day|business day|working day|week|month|quarter|year)s?';
const MONTH_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

/** `As part of …`, `As mentioned …`: `as` that does not start a clause of time. */
const NOT_AS_CLAUSE = 'a|an|part|well|such|described|mentioned|noted|shown|stated|per|of|for|to|in|with|long|soon|needed|required|necessary|appropriate|always|usual|follows|above|below|discussed|explained|outlined|defined|specified|listed|much|many|far|if|though';
/**
 * Shapes that are timing on their own. Case-insensitive; deliberately without the `u` flag, which makes V8
 * fold case the Unicode way at every position and runs this alternation several times slower.
 */
const TRIGGERS = new RegExp(
  [
    // `3 business days`, `2-3 weeks`, `30-day`, `a few hours`, `4 / 6 / 8 weeks`, `5+ days`
    // (first: an alternation takes the first branch that matches at a position)
    `\\b${AMOUNT}[\\s-]{0,2}${QUALIFIER}${UNIT}${LEAD_TIME}`,
    `\\b(?:between\\s{1,2})?${AMOUNT}[\\s-]{0,2}${QUALIFIER}${UNIT}\\b${AFTER_UNIT}`,
    // `Day One`, `Week two`
    '\\b(?:day|week|month)\\s{1,2}(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\b',
    // `in the morning`, `the following evening`, `every night`
    '\\b(?:in the|during the|the next|the following|next|following|same|that|each|every|first thing in the) (?:morning|afternoon|evening|night)\\b',
    // `every extraction day`, `each release day`: work that recurs with an event's day (singular: after `every`
    // a noun; `every employer runs` is a verb)
    '\\b(?:every|each)\\s{1,2}(?:[a-z-]{3,20}\\s{1,2}){1,2}(?:day|night|morning|sprint|release|cycle|iteration|session|visit)\\b',
    // `every sprint`, `each release`, `every weekday`
    '\\b(?:every|each)\\s{1,2}(?:other\\s{1,2})?(?:sprint|release|cycle|shift|iteration|semester|term|morning|afternoon|evening|night|weekday|business day|working day)s?\\b',
    // `month-end`, `end-of-quarter`
    '\\bend-of-(?:day|week|month|quarter|year|sprint)\\b',
    // urgency
    '\\b(?:urgently|expeditiously|instantly|forthwith|swiftly|speedily|posthaste|indefinitely|first thing|without (?:further|any|unnecessary) (?:undue )?delay)\\b',
    // time points in protocols: `t = 0`, `time zero`
    '\\b(?:t|time)\\s{0,2}=\\s{0,2}\\d{1,4}(?:\\.\\d{1,2})?(?:\\s?(?:h|hrs?|hours?|min|minutes?|s|sec)\\b)?|\\btime zero\\b',
    // `Day 14`, `Weeks 3-5`, `Days -10 to -1`, `Month 2-3`, `Hours 0-24`
    `\\b(?:days?|weeks?|months?|hours?|quarters?)\\s{0,2}[-+\u2212\u2013]?\\d{1,4}(?:\\s{0,2}(?:[-\u2013\u2014]|to|through|thru|and|&)\\s{0,2}[-+\u2212\u2013]?\\d{1,4})?\\b`,
    // cadence words
    '\\b(?:hourly|daily|nightly|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|semi-?annually|bi-?annually|annually|yearly)\\b',
    // `every 15 minutes`, `every other week`, `each month`, `every Monday`
    `\\b(?:every|each)\\s{1,3}(?:other\\s{1,2}|second\\s{1,2})?(?:${NUMBER}[\\s-]{1,2})?${QUALIFIER}(?:${PERIOD_WORD}|${WEEKDAY})\\b`,
    // `once a week`, `twice a month`, `three times per day`, `3x per week`
    `\\b(?:once|twice|thrice|${NUMBER}\\s{0,2}(?:times|x))\\s{1,2}(?:a|an|per|each|every)\\s{1,2}${PERIOD_WORD}\\b`,
    // immediacy
    '\\b(?:immediately|asap|a\\.s\\.a\\.p|without (?:undue )?delay|same[- ]day|right away|straight away|at once|promptly|in a timely (?:manner|fashion)|immediate(?! (?:family|supervisor|manager|team|vicinity|area))|as (?:soon|quickly|early|fast|promptly|swiftly|rapidly)(?: and as [a-z]{2,15})? as (?:(?:is |reasonably |humanly )?(?:possible|practicable|practical|feasible|reasonable)|(?:you|we|they|i|one|he|she) (?:reasonably |possibly )?(?:can|could|are able|is able|am able))|at (?:the|your|their) earliest (?:opportunity|convenience)|same (?:business |working |calendar )?day)\\b',
    // `a week-long rotation`, `all day`, `around the clock`, `after-hours`
    '\\b(?:(?:hour|day|week|month|year)-long|all[- ]day|full[- ]day|around the clock|round the clock|after-hours|off-hours|out-of-hours)\\b',
    // seconds, lab-style minutes (`for 10'`) and `overnight`
    '\\b\\d{1,4}\\s?(?:seconds?|secs?)\\b',
    // `the previous day`, `the prior evening`, `the day prior`
    '\\bthe (?:previous|prior|preceding) (?:day|morning|afternoon|evening|night|week)\\b|\\bthe (?:day|week|evening|night) prior\\b',
    // protocol time points: `time 0`, `time point 0`
    '\\btime(?: ?point)?\\s{1,2}0\\b(?![.,]?\\d)',
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
    '\\bthe\\s{1,2}(?:day|week|month|morning|afternoon|evening|night)\\s{1,2}(?:before|after|prior to|of)\\b',
    // `the first half of the quarter`, `second half of the year`
    `\\b(?:first|second|latter|last) half of (?:the |each |every |a |this |next )?${PERIOD_NOUN}\\b`,
    // `the second Tuesday of every month`, `last Friday of the quarter`
    `\\b(?:${ORDINAL}|last|final)\\s{1,2}${WEEKDAY}(?:\\s{1,2}of\\s{1,2}(?:the|each|every)\\s{1,2}(?:month|quarter|year|sprint))?\\b`,
    // `the last 2 weeks`, `the final two weeks of the sprint`, `the past 30 days`
    `\\b(?:last|final|past|previous|remaining)\\s{1,2}(?:${NUMBER}|few|several)\\s{1,2}${QUALIFIER}(?:day|week|month|quarter|year|sprint|hour)s?\\b`,
    // `quarter end`, `FY end`, `year-end close`
    '\\b(?:year|month|quarter|week|sprint|fy|fiscal year|financial year)[- ]end\\b',
    // `bi-annual`, `biennial`, `annual review`
    '\\b(?:bi-?annual|semi-?annual|bienni(?:al|ally))\\b|\\bannual\\s{1,2}(?:review|audit|check|renewal|training|meeting|survey|report|refresh|recertification|assessment|test|drill|update|attestation|reconciliation)s?\\b',
    // `release day`, `launch week`: an event's day or week
    `\\b(?:${EVENT_DAY})\\s{1,2}(?:day|week)\\b`,
    // ordinal periods: `second week`, `3rd business day`, `first, second and third month`
    `\\b${ORDINAL}(?:\\s{0,2},?\\s{0,2}(?:(?:and|or|&)\\s{1,2})?${ORDINAL}){0,4}\\s{1,2}${QUALIFIER}(?:day|week|month|quarter|year|sprint|hour)s?\\b`,
    // counts per period: `8-12 reviews per year`, `per week`
    `\\b(?:${AMOUNT}\\s{1,2}(?:[a-z-]{2,20}\\s{1,2}){0,2})?per\\s{1,2}(?:annum|${PERIOD_WORD}|sprint|release|shift)\\b`,
    // vague moments: `eventually`, `later on`, `yesterday`, `this week`, `mid-week`, `soon after`
    '\\b(?:eventually|afterwards?|later on|subsequently|thereafter|retroactively|retrospectively|in the meantime|meanwhile|simultaneously|concurrently|at the same time|yesterday|today|tonight|tomorrow|soon|in due course|on time|in time(?! ?zones?\\b)|at (?:the )?(?:latest|earliest)|last[- ]minute|at short notice|on short notice|up-?front)\\b',
    '\\b(?:this|last|next|coming|previous|past|current) (?:morning|afternoon|evening|week|month|quarter|year|sprint|cycle|weekend)\\b',
    '\\bmid-?(?:week|month|quarter|year|sprint|cycle|day|morning|afternoon|release|term|way|point)\\b',
    '\\b(?:later|earlier) (?:in|that|this|the same) (?:the )?(?:day|week|month|quarter|year|sprint|cycle|process|release)\\b',
    `\\b(?:start|beginning|middle|end|close) of (?:the |each |every |this |next |a |the following )?(?:[\\w-]{1,20} ){0,2}${PERIOD_NOUN}\\b`,
    // recurring and regular work: `regular updates`, `frequently`, `from time to time`
    '\\b(?:regular|periodic|frequent|recurring|routine|timely|continual)\\s{1,2}(?:updates?|check-?ins?|reviews?|meetings?|syncs?|calls?|reports?|reporting|intervals?|backups?|audits?|scans?|tests?|testing|cleanups?|maintenance|communications?|contact|touchpoints?|reminders?|status|follow-?ups?|basis|cadence|cycles?)\\b',
    '\\b(?:frequently|routinely|repeatedly|recurring|from time to time|every so often|now and then|at (?:regular )?intervals)\\b',
    // weekdays as a class, round-the-clock work
    '\\b(?:weekdays|weekends?|workweek)\\b',
    '\\b24\\s?[/x\\u00d7]\\s?7\\b',
    // pre-/post- an event: `pre-release`, `post-incident`
    '\\b(?:pre|post)-(?:release|launch|incident|deploy(?:ment)?|migration|go-?live|cutover|freeze|onboarding|kickoff|event|meeting|call|review|merge|install(?:ation)?|upgrade|cut)\\b',
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
    '\\b(?:once|when(?!\\s(?:to|not|and|or|the (?:day|week|month))\\b)|whenever|upon|after(?!\\s(?:all)\\b)|before|prior to|following(?!\\s{0,2}:)|during|until|till|in advance of|ahead of|as soon as|now that|at the (?:start|end|beginning|time|close) of|on the day of|by the (?:time|end) of|for the duration of|throughout|within (?:(?:the|that|this|these|those|its|their|our|your|a|an|any) )?(?:[\\w-]+ ){0,3}(?:day|week|month|quarter|year|timeframe|time ?frame|timescale|time ?limit|time|period|window|hour|sprint|cycle|deadline|sla|turnaround|timeline|interval)s?|(?:the )?week of|next (?:[\\w-]+ ){0,2}(?:meeting|call|release|sync|standup|stand-up|review|sprint|cycle|session|town hall))\\b',
    '\\b(?:in advance|ahead of time|beforehand)\\b',
    // `for the remainder of the sprint`, `over the course of the week`, `up to and including the release date`,
    // `from the date of the incident`, `from receipt of the request`
    '\\b(?:for|during) the (?:remainder|rest|balance) of\\b|\\bover the course of\\b|\\bup (?:to and including|until)\\b',
    '\\bfrom (?:the )?(?:date|day|time|moment|point|start|beginning|end|receipt|completion|notification|submission) of\\b|\\bfrom receipt\\b',
    // `on completion`, `on labeling`, `at this point`, `at closeout`, `by the target date`
    // `On completion, …`, `On transfer, …` open a clause; `train staff on pricing` does not.
    '(?<=^\\W{0,4}|[.;:(]\\s{1,2})on (?:[a-z]+(?:ing|tion|sion|ment|val|pt|ure|fer)|sign-?off|closeout|close-out)\\b',
    '\\bat (?:this|that|which) point\\b|\\bat (?:the )?(?:very )?(?:time|end|start|close|beginning|conclusion|completion) of\\b|\\bat (?:the )?next\\b|\\bat (?:[\\w-]+ )?(?:closeout|close-out|kickoff|kick-off|launch|handoff|go-live|sign-off|signoff)\\b',
    // `by the release`, not `by the release lead` (a who)
    '\\bby (?:the |a |an |your |their |his |her |our |its |each )?(?:[\\w-]+ ){0,2}(?:date|deadline|time|freeze|release|launch|go-live|kickoff)\\b(?!\\s(?:team|lead|manager|owner|engineer|shadow|captain|coordinator)s?\\b)',
    '\\bout(?:side)?(?: of)? (?:[\\w-]+ ){0,2}hours\\b',
    // `at latest with the start of X`, `at the latest by the review`
    '\\bat (?:the )?(?:latest|earliest) (?:with|upon|by|on|when|at|before)\\b',
    // `as of the cut-over`, `between releases`, `for the full retention period`
    '\\bas of\\b',
    // `on your start date`, `on the same day`, `while the build runs`
    '\\bon (?:the|your|their|his|her|our|its|a|an|each|every) (?:[\\w-]{1,20} ){0,2}(?:date|day|morning|afternoon|evening|night|weekend)\\b',
    '\\b(?:while|whilst)\\b',
    `\\bbetween (?:the |two |consecutive |successive |each )?(?:[\\w-]{1,20} ){0,2}${PERIOD_NOUN}\\b`,
    '\\b(?:for|throughout) (?:the|a|an|its|their|this|that) (?:[\\w-]{1,20} ){0,2}(?:period|window|term|lifetime|life|duration|length|timeframe|time frame|sprint|cycle|week|month|quarter|year|semester|shift|season|iteration)s?\\b',
    // `this step happens on labeling`: an event in a gerund after a verb of happening
    '(?<=\\b(?:happens?|occurs?|runs?|starts?|ends?|done|performed|triggered|fires?|due|sent|applied|updated|added|removed|created|closed|opened)\\s)on [a-z]{2,20}ing\\b',
    // `As requests come in, …`: a clause that says when
    `(?<=^\\W{0,4}|[.;:]\\s{1,2})as (?!(?:${NOT_AS_CLAUSE})\\b)(?:[\\w'-]{1,20} ){1,4}(?:comes?(?: in)?|arrives?|closes?|opens?|happens?|occurs?|progress(?:es)?|approach(?:es)?|evolves?|develops?|unfolds?|nears?|begins?|starts?|ends?|finishes|lands?|merges?|changes?|rolls? (?:in|out)|ships?|grows?|moves?|becomes? (?:available|ready)|gets? (?:closer|near|merged|approved)|is (?:merged|approved|released|published|closed|resolved|ready)|are (?:merged|approved|released|published|closed|resolved|ready))\\b`,
  ].join('|'),
  'gi',
);
/** Heading-only: a heading that names the moment its steps happen at (`With Code Freeze`, `At release`). */
const HEADING_MOMENT =
  /^(?:with|at|around|near|on|upon|from|until|till|during|after|before)\s{1,2}(?:the\s{1,2})?(?:[\w-]{1,20}\s{1,2}){0,3}?(?:freeze|release|launch|cutover|cut-over|go-?live|kickoff|kick-off|deadline|rc|ga|cut|start|end|close|completion|sign-?off|handoff|hand-off|deployment|deploy|migration|merge|review|retro|retrospective|ship|announcement|branch|tag)s?\s{0,2}$/iu;

/** Heading-only: a heading that is the event its steps happen at (`Code Freeze`, `Release`, `Go-live`). */
const HEADING_EVENT =
  /^(?:(?:the|code|feature|soft|hard|final|major|minor|patch|beta|rc|docs?|release|product|public)\s{1,2}){0,3}(?:release|launch|go-?live|cutover|cut-over|freeze|kickoff|kick-off|retrospective|retro|release day|launch day|ga)s?\s{0,2}$/iu;

/** Relation words that mean nothing without the event they relate to. */
const RELATION_NEEDS_EVENT = /^(?:once|when|whenever|upon|after|before|prior to|following|during|until|till|in advance of|ahead of|as soon as|now that|as of|while|whilst)$/iu;
/** An event names something: a word other than an article or a possessive. */
const EVENT_WORD = /\b(?!(?:the|a|an|your|their|its|our|his|her|my|this|that|these|those)\b)[\p{L}\d]{2,}|(?:^|\s)v?\.?\d{1,4}(?:\.\d{1,4}){0,3}\b/iu;

/** `named after`, `look after`, `called before`: not timing. */
const NOT_RELATION_BEFORE = /\b(?:named|look|looks|looked|looking|modell?ed|called|comes?|came|goes|went|listed|shown|described|mentioned|stated)\s$/iu;

const CASED_MONTH = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';

/** Case-sensitive shapes: `T-2 weeks`, `T-10`, `D-3`, `T+1 hour`, `T-minus 10 days`, `24h`, `2d`, `Q3`. */
const CASED_TRIGGERS = new RegExp(
  [
    `\\b[TD](?:[-+\u2212\u2013]|-minus\\s{0,2})\\d{1,4}(?:\\s{0,2}${QUALIFIER}${UNIT}\\b)?`,
    '\\b\\d{1,4}(?:h|hr|hrs|d|w|wk|min)\\b',
    // `30m` is minutes; `$30m` and `€5m` are money
    '\\b(?<![$\u00a3\u20ac\u00a5][\\d.,]{0,8})\\d{1,3}m\\b(?![\\d.,]*\\s?(?:users|people|rows|records|requests|dollars|euros|pounds|usd|eur|gbp))',
    '\\bQ[1-4]\\b',
    // `T0`: a protocol's first time point
    '\\bT0\\b',
    // `16 h`, `30 s`, `16-18 h`: lab shorthand with a space
    '\\b\\d{1,4}(?:\\.\\d{1,2})?(?:\\s{0,2}[-\u2013]\\s{0,2}\\d{1,4}(?:\\.\\d{1,2})?)?\\s(?:h|hr|s|sec|secs)\\b(?![-\\w])',
    // weekday abbreviations
    '\\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri)\\b',
    // `incubate O/N`: overnight
    '\\bO/N\\b',
    // month and day without a year, a month after a word of time: `June 30`, `3rd of May`, `by March`
    `\\b(?:${CASED_MONTH})\\.?\\s{1,2}\\d{1,2}(?:st|nd|rd|th)?\\b(?!\\.\\d|:)`,
    `\\b\\d{1,2}(?:st|nd|rd|th)?\\s{1,2}(?:of\\s{1,2})?(?:${CASED_MONTH})\\b`,
    // `by March`, `in early June`, `until April 30` (a day after the month is part of the phrase)
    '\\b(?:[Ii]n|[Bb]y|[Uu]ntil|[Bb]efore|[Aa]fter|[Dd]uring|[Ff]rom|[Ss]ince|[Tt]hrough|[Ee]arly|[Ll]ate|[Mm]id-?|[Ee]nd of|[Bb]eginning of|[Ss]tart of)\\s{1,2}(?:January|February|March|April|June|July|August|September|October|November|December)\\b(?:\\s{1,2}\\d{1,2}(?:st|nd|rd|th)?\\b(?!\\.\\d|:))?',
    // `mid-March`, `mid-Sept`
    `\\b[Mm]id-(?:${CASED_MONTH})\\b`,
    // headings and labels that are a day of the month: `the 15th of each month`
    '\\b\\d{1,2}(?:st|nd|rd|th)\\s{1,2}of\\s{1,2}(?:the|each|every)\\s{1,2}month\\b',
  ].join('|'),
  'gu',
);

/** Every shape above begins a word: the searches try word starts only (parse/wordStarts.ts; same matches). */
const SEARCH_TRIGGERS = atWordStarts(TRIGGERS);
const SEARCH_CASED_TRIGGERS = atWordStarts(CASED_TRIGGERS);
const SEARCH_RELATION_TRIGGERS = atWordStarts(RELATION_TRIGGERS);
/** Each trigger regex as written and as searched: tests check the search is on and finds the same matches. */
export const TRIGGER_SEARCHES: readonly (readonly [written: RegExp, searched: RegExp])[] = [
  [TRIGGERS, SEARCH_TRIGGERS],
  [CASED_TRIGGERS, SEARCH_CASED_TRIGGERS],
  [RELATION_TRIGGERS, SEARCH_RELATION_TRIGGERS],
];

/**
 * Words that modify the phrase that follows (`within`, `no later than`, `at least`, `~`): the span grows left
 * over them so the parser sees the whole phrase. Applied to at most LEFT_WINDOW characters before a match.
 */
const LEFT_MODIFIERS =
  /(?:\b(?:within|in|by|after|before|for|over|under|during|until|till|every|each|once|at least|at most|up to|no later than|not later than|no (?:sooner|earlier) than|not (?:sooner|earlier) than|not before|no more than|not more than|no less than|less than|more than|fewer than|a maximum of|a minimum of|maximum|minimum|max|min|about|approximately|approx\.?|roughly|around|nearly|almost|the first|the next|the last|the following|the initial|first|next|last|initial|the same|same|(?:in|for|during|within|by|over|until|of|at) the|immediately|right|shortly|soon|just|only|well)\s{1,3}|~\s{0,2}|[<>\u2264\u2265]=?\s{0,2})+$/iu;
const LEFT_WINDOW = 48;

/** After these words the phrase goes on to name the event it is measured from. */
const ANCHOR_INTRO = /^\s{0,3}(?:before|after|of|from|since|following|prior to|ahead of|post-?|preceding|upon|as|later|ago|beforehand|thereafter|the (?:day|week) (?:before|after))\b/iu;
/** Where an event's name ends: clause punctuation or a word that starts another clause. */
const ANCHOR_END = /\.(?!\d)|[;:!?()[\]|,\u2192]|\s(?:and|or|but|then|if|unless|whichever|so that|while|to ensure|in order)\s/iu;
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
  collect(SEARCH_TRIGGERS, text, hits);
  collect(SEARCH_CASED_TRIGGERS, text, hits);
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
  SEARCH_RELATION_TRIGGERS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SEARCH_RELATION_TRIGGERS.exec(text))) {
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
    // `not before the soak ends` is the earliest moment, the opposite of `before`: the parser needs the `not`.
    const not = word === 'before' ? /\bnot\s{1,2}$/iu.exec(before) : null;
    const from = not ? at - not[0].length : at;
    out.push({ start: from, end: Math.max(end, at + m[0].length), core: at + m[0].length });
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
const DEADLINE_WORDS = /\b(?:within|in|later than|up to|first|initial|next|last|final)\b/iu;

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
  const prose = proseLines(lines);
  for (const step of steps) attachToStep(step, prose);
}

function attachToStep(step: Step, prose: ProseLines): void {
  for (const sub of step.substeps) attachToStep(sub, prose);
  const first = step.range.start.line;
  const last = Math.min(step.range.end.line, prose.lines.length - 1);
  const own: number[] = [];
  let subIndex = 0;
  const subs = [...step.substeps].sort((a, b) => a.range.start.line - b.range.start.line);
  for (let l = first; l <= last; l++) {
    while (subIndex < subs.length && subs[subIndex]!.range.end.line < l) subIndex++;
    const sub = subs[subIndex];
    if (sub && sub.range.start.line <= l && l <= sub.range.end.line) {
      l = sub.range.end.line;
      continue;
    }
    // Owner lines say who, not when (and a 5 MB `Owner:` line costs nothing here). Agenda items
    // (`1. Introductions (5 min)`) and timing fields are read: a phrase the step already has (a field's value)
    // is skipped below, and the rest of the line is timing like any other.
    if (step.fields.some((f) => f.range.start.line === l && SKIPPED_FIELDS.has(f.label))) continue;
    own.push(l);
  }
  const found: TimingText[] = [];
  for (const t of timingInLines(prose, own)) {
    if (step.timing.some((have) => overlaps(have.range, t.range))) continue;
    found.push(t);
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
  const own: number[] = [];
  for (let l = 0; l < lines.length; l++) if (!inStep[l]) own.push(l);
  return timingInLines(proseLines(lines), own);
}

/** Fields whose value is an owner: never timing. */
const SKIPPED_FIELDS = new Set(['owner']);

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

/** The prose of one line: its visible text (or an HTML line with its tags blanked), or undefined when it is not prose. */
interface Prose {
  info: LineInfo;
  text: string;
  skip: readonly [number, number][];
  /** Columns (in `text`) of table cells under a timing header: each cell is one timing phrase. */
  cells?: [number, number][];
  table: boolean;
}

interface ProseLines {
  lines: readonly LineInfo[];
  prose: (Prose | undefined)[];
}

/**
 * Which lines are prose and what their text is: text and heading lines; HTML lines with the tags blanked out
 * (`<div>Notify them <b>within 2 days</b></div>`), comments left out; the body of a MyST admonition fence
 * (```` ```{note} ````), which renders as prose though markdown sees a code block; table rows, with the cells of
 * timing columns (`| When |`, `| Week |`) marked.
 */
function proseLines(lines: readonly LineInfo[]): ProseLines {
  const prose: (Prose | undefined)[] = new Array(lines.length);
  let inComment = false;
  let admonition = false;
  let timingColumns: Set<number> | undefined;
  for (let l = 0; l < lines.length; l++) {
    const info = lines[l]!;
    if (info.block === 'code') {
      const fence = CODE_FENCE.exec(info.raw);
      if (fence) {
        admonition = !admonition && ADMONITION.test(fence[1] ?? '');
        continue;
      }
      if (admonition) prose[l] = { info: { ...info, text: info.raw, map: identityMap(0, info.raw.length) }, text: info.raw, skip: [], table: false };
      continue;
    }
    admonition = false;
    if (info.block === 'html') {
      const blanked = blankHtml(info.text, inComment);
      inComment = blanked.inComment;
      if (/[\p{L}\d]/u.test(blanked.text)) prose[l] = { info, text: blanked.text, skip: [], table: false };
      continue;
    }
    inComment = false;
    if ((info.block !== 'text' && info.block !== 'heading') || info.text.length === 0) {
      timingColumns = undefined;
      continue;
    }
    const table = info.block === 'text' && info.text.startsWith('|');
    if (!table) timingColumns = undefined;
    const p: Prose = { info, text: info.text, skip: info.codeSpans ?? [], table };
    if (table) {
      const next = lines[l + 1];
      if (next && next.block === 'text' && TABLE_DELIMITER.test(next.text)) {
        timingColumns = new Set();
        splitCells(info.text, p.skip).forEach(([a, b], k) => {
          if (TIMING_HEADER.test(info.text.slice(a, b).replace(/[*_`]/g, '').trim())) timingColumns!.add(k);
        });
      } else if (timingColumns?.size && !TABLE_DELIMITER.test(info.text)) {
        p.cells = splitCells(info.text, p.skip).filter((_, k) => timingColumns!.has(k)).filter(([a, b]) => TIMING_CELL.test(info.text.slice(a, b)));
      }
    }
    prose[l] = p;
  }
  return { lines, prose };
}

const CODE_FENCE = /^\s{0,3}(?:`{3,}|~{3,})\s{0,4}(\{[\w-]{1,30}\})?/u;
/** MyST/Sphinx admonitions: prose in a fence. */
const ADMONITION = /^\{(?:note|tip|hint|important|warning|caution|attention|danger|error|seealso|admonition|topic|sidebar|margin|dropdown)\}$/u;
const TABLE_DELIMITER = /^\|?\s{0,4}:?-{1,}:?\s{0,4}(?:\|\s{0,4}:?-{1,}:?\s{0,4}){0,64}\|?$/u;
/** Column headers whose cells say when (the step-table reader in shapes/ takes one such column; every one is timing). */
const TIMING_HEADER =
  /^(?:due|due date|deadline|when|timing|timeline|time|times|timeframe|time ?frame|duration|sla|target date|target time|by when|date|dates|day|days|week|weeks|month|schedule|frequency|cadence|how often|effort|estimated time|start|end|start date|end date|time ?points?|interval|incubation(?: time)?|hold time|wait|elapsed(?: time)?|turnaround|response time|resolution time|deadline)(?:\s{0,2}\((?:h|hrs?|hours?|min|mins?|minutes?|s|secs?|seconds?|days?|weeks?|months?)\))?$/iu;
/** A cell worth reading as timing: it has a letter or a digit and is not a lone dash or `N/A`-style blank. */
const TIMING_CELL = /[\p{L}\d]/u;

/** Cell spans of a table row's visible text, split at pipes outside code spans. */
function splitCells(text: string, skip: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let start = text.startsWith('|') ? 1 : 0;
  for (let i = start; i <= text.length && out.length < 64; i++) {
    if (i < text.length && (text[i] !== '|' || text[i - 1] === '\\' || overlapsAny(skip, i, i + 1))) continue;
    let a = start;
    let b = i;
    while (a < b && text[a] === ' ') a++;
    while (b > a && text[b - 1] === ' ') b--;
    if (i < text.length || a < b) out.push([a, b]);
    start = i + 1;
  }
  return out;
}

/** HTML tags and comments replaced by spaces (so columns stay where they were); `inComment` carries a comment over lines. */
function blankHtml(text: string, inComment: boolean): { text: string; inComment: boolean } {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (inComment) {
      const end = text.indexOf('-->', i);
      const to = end < 0 ? text.length : end + 3;
      out += ' '.repeat(to - i);
      i = to;
      if (end >= 0) inComment = false;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      inComment = true;
      continue;
    }
    if (text[i] === '<') {
      const close = text.indexOf('>', i);
      if (close > i && close - i <= 300 && !text.slice(i, close).includes('<', 1)) {
        out += ' '.repeat(close + 1 - i);
        i = close + 1;
        continue;
      }
    }
    out += text[i];
    i++;
  }
  return { text: out.replace(/&nbsp;/g, '      ').replace(/&amp;/g, '&    '), inComment };
}

/**
 * The timing phrases on the given lines (ascending line numbers). Consecutive lines of one paragraph or list item
 * (a soft line break) are read as one text, so `within 24` at the end of a line and `hours of X` at the start of
 * the next are one phrase whose range spans both lines. Table rows, headings and list items each stand alone.
 */
function timingInLines(prose: ProseLines, lineNumbers: readonly number[]): TimingText[] {
  const out: TimingText[] = [];
  let run: Prose[] = [];
  const flush = (): void => {
    if (run.length) out.push(...timingInRun(run));
    run = [];
  };
  let prev = -2;
  for (const l of lineNumbers) {
    const p = prose.prose[l];
    if (!p) {
      flush();
      prev = -2;
      continue;
    }
    const before = run[run.length - 1];
    if (!(before && l === prev + 1 && continuesParagraph(before, p))) flush();
    run.push(p);
    prev = l;
  }
  flush();
  return out;
}

/** `b` carries on the paragraph `a` is in: same kind of block, not a heading, table row or new list item. */
function continuesParagraph(a: Prose, b: Prose): boolean {
  if (a.info.block !== b.info.block || a.info.block === 'heading' || a.table || b.table) return false;
  return b.info.itemDepth === 0 && b.info.ordinal === undefined;
}

/** One paragraph's lines joined by a space; spans found in it are mapped back to each line's columns. */
function timingInRun(run: Prose[]): TimingText[] {
  let joined = '';
  const offsets: number[] = [];
  const skip: [number, number][] = [];
  const forced: [number, number][] = [];
  for (const p of run) {
    // A line break, not a space: words of a phrase run on over it (`\s`), a noun after a hyphenated amount does not.
    if (joined.length) joined += '\n';
    offsets.push(joined.length);
    const at = joined.length;
    joined += p.text;
    for (const [a, b] of p.skip) skip.push([at + a, at + b]);
    for (const [a, b] of p.cells ?? []) forced.push([at + a, at + b]);
  }
  let spans = TIMING_SPANS.get(textKey(joined, skip), () => findTimingSpans(joined, skip));
  if (run.length === 1 && run[0]!.info.block === 'heading' && (HEADING_MOMENT.test(joined) || HEADING_EVENT.test(joined)) && spans.length === 0) {
    spans = [{ start: 0, end: joined.length }];
  }
  if (forced.length) spans = mergeSpans(spans, forced);
  return spans.map((span) => timingText(run, offsets, span));
}

/** Table cells of a timing column are whole phrases: a span found inside one becomes the cell. */
function mergeSpans(spans: TimingSpan[], cells: [number, number][]): TimingSpan[] {
  const all = [...spans.map((s) => [s.start, s.end] as [number, number]), ...cells].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: TimingSpan[] = [];
  for (const [a, b] of all) {
    const last = out[out.length - 1];
    if (last && a < last.end) last.end = Math.max(last.end, b);
    else out.push({ start: a, end: b });
  }
  return out;
}

/**
 * The model's text and range of a span of a run. A phrase on one line is that line's text; a phrase across lines
 * keeps its line breaks, each later line indented to its source column, so the phrase parser's positions (which
 * count a later line's characters from its start) land on the right columns.
 */
function timingText(run: Prose[], offsets: number[], span: TimingSpan): TimingText {
  const first = lineAt(offsets, span.start);
  const last = lineAt(offsets, Math.max(span.start, span.end - 1));
  const a = span.start - offsets[first]!;
  const b = span.end - offsets[last]!;
  const startInfo = run[first]!.info;
  const endInfo = run[last]!.info;
  if (first === last) return { source: 'inline', text: run[first]!.text.slice(a, b), range: rangeOf(startInfo, a, b) };
  const start = rangeOf(startInfo, a, run[first]!.text.length).start;
  const end = rangeOf(endInfo, 0, b).end;
  let text = run[first]!.text.slice(a);
  for (let k = first + 1; k <= last; k++) {
    const p = run[k]!;
    const upto = k === last ? b : p.text.length;
    text += '\n' + ' '.repeat(p.info.map[0] ?? 0) + p.text.slice(0, upto);
  }
  return { source: 'inline', text, range: { start, end } };
}

/** Index of the run line holding joined offset `at`. */
function lineAt(offsets: number[], at: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
