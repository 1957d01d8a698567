import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTiming, parseTimingText, parseDuration, normalizeEventText, phraseOps, type Timing } from '../../../server/src/core/timeline/phrases';
import { repeatTo } from '../../../server/src/core/timeline/linearity';
import { parseSop } from '../../../server/src/core/parse';
import { allSteps, makeRange, type Range } from '../../../server/src/core/model';
import { seedFiles } from '../../helpers';
import { summarize } from './summary';
import fs from 'node:fs';
import path from 'node:path';

function lineRange(text: string, line = 0, character = 0): Range {
  return makeRange(line, character, line, character + text.length);
}

function parse(text: string): Timing {
  return parseTiming(text, lineRange(text));
}

/**
 * [shape, phrase, expected summary]. Shapes are the rows of shared/timing-phrases.md plus SEED (every timing
 * phrase the five seed SOPs use, as the model hands them over) and the parser's own edge cases.
 */
const CASES: [string, string, string][] = [
  // SEED
  ["SEED", "Within 24 hours of contract signing", "deadline 24 hours of \"contract signing\""],
  ["SEED", "Within 48 hours of initial contact", "deadline 48 hours of \"initial contact\""],
  ["SEED", "Within 72 hours of needs assessment", "deadline 72 hours of \"needs assessment\""],
  ["SEED", "Within 5 business days of account setup", "deadline 5 business-days(business) of \"account setup\""],
  ["SEED", "60 minutes", "duration 60 minutes"],
  ["SEED", "During the kickoff meeting", "relation during of \"the kickoff meeting\""],
  ["SEED", "Within 1 business day of contract signing", "deadline 1 business-days(business) of \"contract signing\""],
  ["SEED", "Within 3 business days of initial contact", "deadline 3 business-days(business) of \"initial contact\""],
  ["SEED", "Ongoing", "ongoing ongoing"],
  ["SEED", "Immediately after contract signing", "relation after immediate of \"contract signing\""],
  ["SEED", "Complete within 2 business days of contract signing.", "deadline 2 business-days(business) of \"contract signing\" action=complete"],
  ["SEED", "Schedule within 12 business days of contract signing.", "deadline 12 business-days(business) of \"contract signing\" action=schedule"],
  ["SEED", "Complete during the kickoff meeting.", "relation during of \"the kickoff meeting\""],
  ["SEED", "Complete within the first 90 days post-onboarding.", "deadline 90 days first of \"onboarding\" action=complete"],
  ["SEED", "Days 0-30", "window days 0..30"],
  ["SEED", "Days 31-90", "window days 31..90"],
  ["SEED", "Days 91-365", "window days 91..365"],
  ["SEED", "Day 0", "offset after 0 days axis=day"],
  ["SEED", "Day 14", "offset after 14 days axis=day"],
  ["SEED", "Weeks 5-12", "window weeks 5..12"],
  ["SEED", "Month 2-3", "window months 2..3"],
  ["SEED", "30 days", "duration 30 days"],
  ["SEED", "90 Days Before Renewal", "offset before 90 days axis=anchor of \"Renewal\""],
  ["SEED", "Stage 5: Renewal (90 days before renewal)", "offset before 90 days axis=anchor of \"renewal\""],
  ["SEED", "1-2 business days", "duration 1-2 business-days(business)"],
  ["SEED", "1 hour meeting + follow-ups", "duration 1 hours noun=\"meeting\" extra=\"follow-ups\""],
  ["SEED", "1-2 weeks", "duration 1-2 weeks"],
  ["SEED", "2-3 sessions over 1 week", "duration 1 weeks sessions=2-3 sessions"],
  ["SEED", "1-3 business days", "duration 1-3 business-days(business)"],
  ["SEED", "2-4 weeks", "duration 2-4 weeks"],
  ["SEED", "30-Day Check-In", "milestone 30 days \"Check-In\""],
  ["SEED", "30/60/90-Day Check-In Framework", "milestone 30/60/90 days \"Check-In Framework\""],
  ["SEED", "Weekly", "cadence every 1 weeks"],
  ["SEED", "Bi-weekly", "cadence every 2 weeks"],
  ["SEED", "Monthly", "cadence every 1 months"],
  ["SEED", "quarterly", "cadence every 3 months"],
  ["SEED", "Day 1: Onboarding Call (30 min)", "offset after 1 days axis=day"],
  ["SEED", "Weekly Check-Ins (Weeks 5-12)", "cadence every 1 weeks in window weeks 5..12"],
  ["SEED", "Monthly Business Review (Month 2-3)", "cadence every 1 months in window months 2..3"],
  ["SEED", "Stage 4: Expansion (Ongoing)", "ongoing ongoing"],
  ["SEED", "Stage 1: Onboarding (Days 0-30)", "window days 0..30"],
  ["SEED", "<5 minutes", "deadline <=5 minutes"],
  ["SEED", "Within 10 business days of contract signing", "deadline 10 business-days(business) of \"contract signing\""],
  ["SEED", "Schedule within 12 business days of contract signing", "deadline 12 business-days(business) of \"contract signing\" action=schedule"],
  // WITHIN_OF
  ["WITHIN_OF", "within 14 days of customer start date", "deadline 14 days of \"customer start date\""],
  ["WITHIN_OF", "Reply within two working days of the ticket", "deadline 2 business-days(working) of \"the ticket\" action=reply"],
  ["WITHIN_OF", "within 2-3 calendar days of go-live", "deadline 2-3 days(calendar) of \"go-live\""],
  ["WITHIN_OF", "no later than 72 hours after the incident", "deadline <=72 hours of \"the incident\""],
  // WITHIN_BARE
  ["WITHIN_BARE", "within 2 working days", "deadline 2 business-days(working)"],
  ["WITHIN_BARE", "(within 24 hours)", "deadline 24 hours"],
  ["WITHIN_BARE", "within a week", "deadline 1 weeks"],
  ["WITHIN_BARE", "within half an hour", "deadline 0.5 hours"],
  ["WITHIN_BARE", "Book a 45-minute scoping call within 3 business days.", "deadline 3 business-days(business)"],
  // WITHIN_FIRST
  ["WITHIN_FIRST", "within the first 24 hours of Disclosure", "deadline 24 hours first of \"Disclosure\""],
  ["WITHIN_FIRST", "in the first week", "deadline 1 weeks first"],
  ["WITHIN_FIRST", "within the first week of onboarding", "deadline 1 weeks first of \"onboarding\""],
  // N_BEFORE
  ["N_BEFORE", "3 months before the credit expiry date", "offset before 3 months axis=anchor of \"the credit expiry date\""],
  ["N_BEFORE", "at least 2 months before the release", "offset before >=2 months axis=anchor of \"the release\""],
  // N_AFTER
  ["N_AFTER", "1-3 days after the Release Date", "offset after 1-3 days axis=anchor of \"the Release Date\""],
  ["N_AFTER", "after 4 weeks since the initial request", "offset after 4 weeks axis=anchor of \"the initial request\""],
  ["N_AFTER", "up to 3 business days after the audit", "offset after <=3 business-days(business) axis=anchor of \"the audit\""],
  // AFTER_N
  ["AFTER_N", "After 11 working days", "offset after 11 business-days(working) axis=elapsed"],
  ["AFTER_N", "reminder after 1 week", "offset after 1 weeks axis=elapsed"],
  // IMMEDIATELY_REL
  ["IMMEDIATELY_REL", "Immediately after judgment day", "relation after immediate of \"judgment day\""],
  ["IMMEDIATELY_REL", "right before the call", "relation before immediate of \"the call\""],
  // STEP_ANCHOR
  ["STEP_ANCHOR", "After step 1 and within 1 working day", "step-anchor all 1 then(deadline 1 business-days(working))"],
  ["STEP_ANCHOR", "After step 3 or 6", "step-anchor any 3,6"],
  ["STEP_ANCHOR", "move to step 4", "step-anchor goto 4"],
  ["STEP_ANCHOR", "If a decision is not communicated within 10 working days, move to step 4", "step-anchor goto 4 if(deadline 10 business-days(working))"],
  // DAY_LABEL
  ["DAY_LABEL", "Day -3", "offset before 3 days axis=day"],
  ["DAY_LABEL", "Day 3 after go-live", "offset after 3 days axis=day of \"go-live\""],
  // DAY_RANGE
  ["DAY_RANGE", "Day 1-3", "window days 1..3"],
  ["DAY_RANGE", "Days -7 to 0", "window days -7..0"],
  ["DAY_RANGE", "Day -12 to -10", "window days -12..-10"],
  // WEEK_LABEL
  ["WEEK_LABEL", "Week 0", "window weeks 0..0"],
  ["WEEK_LABEL", "Week -2 to -1", "window weeks -2..-1"],
  ["WEEK_LABEL", "Weeks 1-4", "window weeks 1..4"],
  ["WEEK_LABEL", "Week 3", "window weeks 3..3"],
  // MONTH_LABEL
  ["MONTH_LABEL", "Months 4-6", "window months 4..6"],
  ["MONTH_LABEL", "Quarter 2", "window months 4..6"],
  ["MONTH_LABEL", "Q3", "window months 7..9"],
  // T_MINUS
  ["T_MINUS", "T-10", "offset before 10 days axis=t"],
  ["T_MINUS", "T-5 days", "offset before 5 days axis=t"],
  ["T_MINUS", "T+1 hour", "offset after 1 hours axis=t"],
  ["T_MINUS", "T-0", "offset before 0 days axis=t"],
  ["T_MINUS", "D-3", "offset before 3 days axis=t"],
  ["T_MINUS", "T-minus 10 days", "offset before 10 days axis=t"],
  // N_DAY_MILESTONE
  ["N_DAY_MILESTONE", "90-day review", "milestone 90 days \"review\""],
  ["N_DAY_MILESTONE", "30/60/90", "milestone 30/60/90 days"],
  // PHASE_HOUR_WINDOW
  ["PHASE_HOUR_WINDOW", "Phase 2: Assessment (0-24 Hours)", "window hours 0..24"],
  ["PHASE_HOUR_WINDOW", "(24-72 Hours)", "duration 24-72 hours"],
  // DUR_RANGE
  ["DUR_RANGE", "2-3 weeks", "duration 2-3 weeks"],
  ["DUR_RANGE", "45-90 days", "duration 45-90 days"],
  ["DUR_RANGE", "1-30 workdays", "duration 1-30 business-days(workdays)"],
  ["DUR_RANGE", "2 to 3 working days", "duration 2-3 business-days(working)"],
  // APPROX_DUR
  ["APPROX_DUR", "~2 weeks", "duration ~2 weeks"],
  ["APPROX_DUR", "about 1 hour", "duration ~1 hours"],
  ["APPROX_DUR", "approximately five weeks", "duration ~5 weeks"],
  ["APPROX_DUR", "roughly 3 months", "duration ~3 months"],
  ["APPROX_DUR", "a few days", "duration ~2-4 days"],
  ["APPROX_DUR", "several weeks", "duration ~3-7 weeks"],
  // BOUNDED_DUR
  ["BOUNDED_DUR", "up to 72 hours", "deadline <=72 hours"],
  ["BOUNDED_DUR", "no later than 72 hours", "deadline <=72 hours"],
  ["BOUNDED_DUR", "<2 hours", "deadline <=2 hours"],
  ["BOUNDED_DUR", "5+ business days", "duration >=5 business-days(business)"],
  // PAREN_DUR
  ["PAREN_DUR", "(10 min)", "duration 10 minutes"],
  ["PAREN_DUR", "(90 minutes)", "duration 90 minutes"],
  ["PAREN_DUR", "(4-6 hours)", "duration 4-6 hours"],
  ["PAREN_DUR", "(Within 1 Hour)", "deadline 1 hours"],
  ["PAREN_DUR", "Open tickets get answered (<2 hour SLA)", "deadline <=2 hours"],
  ["PAREN_DUR", "Reply to the customer (within 8 hours).", "deadline 8 hours"],
  // ROLE_DASH_DUR
  ["ROLE_DASH_DUR", "(Sales Team) - 30 minutes", "duration 30 minutes"],
  // LABELLED_FIELD
  ["LABELLED_FIELD", "Timeline: 90 Days", "duration 90 days"],
  ["LABELLED_FIELD", "Duration: 1 day", "duration 1 days"],
  ["LABELLED_FIELD", "Goal: 14 days", "duration 14 days"],
  ["LABELLED_FIELD", "Estimated time: 2 hours", "duration 2 hours"],
  ["LABELLED_FIELD", "TIME ~2 weeks", "duration ~2 weeks"],
  ["LABELLED_FIELD", "**Timing:** within 3 days", "deadline 3 days"],
  ["LABELLED_FIELD", "timeframe: 1-2 weeks", "duration 1-2 weeks"],
  // CAL_QUAL
  ["CAL_QUAL", "3 calendar days", "duration 3 days(calendar)"],
  ["CAL_QUAL", "2 business hours", "duration 2 business-hours(business)"],
  ["CAL_QUAL", "3 business weeks", "duration 3 business-weeks(business)"],
  // NUMBERS
  ["NUMBERS", "half a day", "duration 0.5 days"],
  ["NUMBERS", "twenty-four hours", "duration 24 hours"],
  ["NUMBERS", "1.5 hours", "duration 1.5 hours"],
  ["NUMBERS", "24h", "duration 24 hours"],
  ["NUMBERS", "5d", "duration 5 days"],
  // PERCENT_SLA
  ["PERCENT_SLA", "80% of tickets get a first reply within 2 working days", "deadline 2 business-days(working) p80"],
  // WEEKDAY_ANCHOR
  ["WEEKDAY_ANCHOR", "(Monday)", "calendar weekday=1"],
  ["WEEKDAY_ANCHOR", "Friday the week before", "calendar weekday=5 before the week"],
  ["WEEKDAY_ANCHOR", "non-Friday weekday", "calendar weekday=5 not"],
  ["WEEKDAY_ANCHOR", "first business day on or before the 16th of the month", "calendar first business-days on-or-before day=16"],
  ["WEEKDAY_ANCHOR", "end of the quarter", "period end-of 3 months"],
  ["WEEKDAY_ANCHOR", "by Friday", "calendar weekday=5"],
  // CLOCK_TIME
  ["CLOCK_TIME", "9:00 AM", "clock 09:00"],
  ["CLOCK_TIME", "4pm UTC", "clock 16:00 UTC"],
  ["CLOCK_TIME", "(09:00 local)", "clock 09:00 local"],
  ["CLOCK_TIME", "17:30", "clock 17:30"],
  ["CLOCK_TIME", "EOD", "clock end-of-day"],
  ["CLOCK_TIME", "by EOD", "clock end-of-day"],
  ["CLOCK_TIME", "at 9:00 AM", "clock 09:00"],
  // ORDINAL_PERIOD
  ["ORDINAL_PERIOD", "the week before the release", "period before 1 weeks of \"the release\""],
  ["ORDINAL_PERIOD", "the day before", "period before 1 days"],
  ["ORDINAL_PERIOD", "the following week", "period following 1 weeks"],
  ["ORDINAL_PERIOD", "the week of the launch", "period of 1 weeks of \"the launch\""],
  // FIRST_PERIOD
  ["FIRST_PERIOD", "first week", "period first 1 weeks"],
  ["FIRST_PERIOD", "first few days", "period first ~2-4 days"],
  ["FIRST_PERIOD", "first 90 days", "period first 90 days"],
  ["FIRST_PERIOD", "next 12 months", "period next 12 months"],
  ["FIRST_PERIOD", "last 6 months", "period last 6 months"],
  ["FIRST_PERIOD", "first three months", "period first 3 months"],
  // ABS_DATE
  ["ABS_DATE", "2024-10-04", "date 2024-10-04"],
  ["ABS_DATE", "2024.10.04", "date 2024-10-04"],
  ["ABS_DATE", "Jan 11, 2021", "date 2021-01-11"],
  ["ABS_DATE", "11 January 2021", "date 2021-01-11"],
  // PLACEHOLDER_DATE
  ["PLACEHOLDER_DATE", "DATE:A", "date placeholder DATE:A"],
  ["PLACEHOLDER_DATE", "YYYY-MM-DD", "date placeholder YYYY-MM-DD"],
  ["PLACEHOLDER_DATE", "[DATE]", "date placeholder [DATE]"],
  ["PLACEHOLDER_DATE", "{{release_date}}", "date placeholder {{release_date}}"],
  // CADENCE
  ["CADENCE", "daily", "cadence every 1 days"],
  ["CADENCE", "every 30 minutes", "cadence every 30 minutes"],
  ["CADENCE", "once a week", "cadence every 1 weeks times=1-1"],
  ["CADENCE", "three to five times a week", "cadence every 1 weeks times=3-5"],
  ["CADENCE", "every other week", "cadence every 2 weeks"],
  ["CADENCE", "every Monday", "cadence every 1 weeks"],
  ["CADENCE", "twice a month", "cadence every 1 months times=2-2"],
  ["CADENCE", "semi-annually", "cadence every 6 months"],
  ["CADENCE", "bi-monthly", "cadence every 2 months"],
  ["CADENCE", "fortnightly", "cadence every 2 weeks"],
  ["CADENCE", "Fortnightly reviews post-launch for the first 60 days.", "cadence every 2 weeks"],
  ["CADENCE", "The policy is reviewed quarterly by the compliance lead.", "cadence every 3 months"],
  ["CADENCE", "Biweekly sessions during rollout.", "cadence every 2 weeks"],
  // IMMEDIATE
  ["IMMEDIATE", "IMMEDIATELY", "relation immediately immediate"],
  ["IMMEDIATE", "ASAP", "relation immediately immediate"],
  ["IMMEDIATE", "without undue delay", "relation immediately immediate"],
  ["IMMEDIATE", "as soon as the contract is signed", "relation after immediate of \"the contract is signed\""],
  ["IMMEDIATE", "same day", "relation same-day immediate"],
  ["IMMEDIATE", "the same day", "relation same-day immediate"],
  ["IMMEDIATE", "same day as the kickoff", "relation same-day immediate of \"the kickoff\""],
  // EVENT_ANCHOR
  ["EVENT_ANCHOR", "At the day of the soft freeze", "relation on of \"the soft freeze\""],
  ["EVENT_ANCHOR", "On release day", "relation on of \"release day\""],
  ["EVENT_ANCHOR", "Before the call", "relation before of \"the call\""],
  ["EVENT_ANCHOR", "After the call", "relation after of \"the call\""],
  ["EVENT_ANCHOR", "Once the audit is complete", "relation after of \"the audit\""],
  ["EVENT_ANCHOR", "upon receipt of the signed contract", "relation upon of \"receipt of the signed contract\""],
  ["EVENT_ANCHOR", "by the end of the kickoff call", "relation by-end-of of \"the kickoff call\""],
  ["EVENT_ANCHOR", "once the kickoff call is complete", "relation after of \"the kickoff call\""],
  ["EVENT_ANCHOR", "when the contract is signed", "relation upon of \"the contract is signed\""],
  ["EVENT_ANCHOR", "following the handoff meeting", "relation after of \"the handoff meeting\""],
  ["EVENT_ANCHOR", "Email the customer a welcome pack within 24 hours of contract signing. Then:", "deadline 24 hours of \"contract signing\""],
  ["EVENT_ANCHOR", "Book a 45-minute scoping call within 4 business days of initial contact.", "deadline 4 business-days(business) of \"initial contact\""],
  ["EVENT_ANCHOR", "Hold a 20-minute internal sync.", "duration 20 minutes noun=\"internal sync\""],
  // ONGOING
  ["ONGOING", "as needed", "ongoing as-needed"],
  ["ONGOING", "periodically", "ongoing periodic"],
  ["ONGOING", "TBD", "ongoing tbd"],
  ["ONGOING", "when available", "ongoing tbd"],
  ["ONGOING", "regularly", "ongoing periodic"],
  ["ONGOING", "continuous", "ongoing continuous"],
  ["ONGOING", "ad hoc", "ongoing as-needed"],
  ["ONGOING", "to be determined", "ongoing tbd"],
  ["ONGOING", "N/A", "ongoing tbd"],
  ["ONGOING", "as required", "ongoing as-needed"],
  ["ONGOING", "if needed", "ongoing as-needed"],
  // HARD_CASES
  ["HARD_CASES", "within 3 calendar days for a SEV-1 and 5 business days for a SEV-2", "deadline 3 days(calendar) [for a SEV-1] | 5 business-days(business) [for a SEV-2]"],
  ["HARD_CASES", "Post-Go-Live Support (Days 1-30)", "window days 1..30 of \"Go-Live\""],
  ["HARD_CASES", "at least 10 weeks before the release, i.e., 5 weeks before the soft freeze", "offset before >=10 weeks axis=anchor of \"the release\""],
  ["HARD_CASES", "after 4 / 6 / 8 / 10 / 12 weeks since the initial request", "offset after 4/6/8/10/12 weeks axis=anchor of \"the initial request\""],
  // UNPARSED
  ["UNPARSED", "2026-02-30", "unparsed: '2026-02-30' is not a real date"],
  ["UNPARSED", "within the kickoff", "unparsed: expected a duration after 'within'"],
  ["UNPARSED", "foo bar baz", "unparsed: no timing phrase recognised"],
  ["UNPARSED", "3 sessions", "unparsed: 'sessions' is not a unit of time"],
  ["UNPARSED", "24", "unparsed: a number without a unit of time"],
  ["UNPARSED", "within 5 days of", "unparsed: expected an event after 'of'"],
  ["UNPARSED", "reviewed by the director", "unparsed: no timing phrase recognised"],
  ["UNPARSED", "constructor", "unparsed: no timing phrase recognised"],
  ["UNPARSED", "Days 30-0", "unparsed: window ends before it starts (30 to 0)"],
];

for (const [shape, phrase, expected] of CASES) {
  test(`timing ${shape}: ${phrase}`, () => {
    assert.equal(summarize(parse(phrase)), expected);
  });
}

test('every shape of timing-phrases.md has at least one case', () => {
  const shapes = new Set(CASES.map((c) => c[0]));
  for (const s of [
    'WITHIN_OF', 'WITHIN_BARE', 'WITHIN_FIRST', 'N_BEFORE', 'N_AFTER', 'AFTER_N', 'IMMEDIATELY_REL', 'STEP_ANCHOR',
    'DAY_LABEL', 'DAY_RANGE', 'WEEK_LABEL', 'MONTH_LABEL', 'T_MINUS', 'N_DAY_MILESTONE', 'PHASE_HOUR_WINDOW',
    'DUR_RANGE', 'APPROX_DUR', 'BOUNDED_DUR', 'PAREN_DUR', 'ROLE_DASH_DUR', 'LABELLED_FIELD', 'CAL_QUAL',
    'PERCENT_SLA', 'WEEKDAY_ANCHOR', 'CLOCK_TIME', 'ORDINAL_PERIOD', 'FIRST_PERIOD', 'ABS_DATE', 'PLACEHOLDER_DATE',
    'CADENCE', 'IMMEDIATE', 'EVENT_ANCHOR', 'ONGOING',
  ]) {
    assert.ok(shapes.has(s), `missing shape ${s}`);
  }
});

test('ranges: the phrase, its duration and its anchor point at the exact source columns', () => {
  // As if the phrase sat after `Timeline: ` on line 7.
  const text = 'Within 5 business days of account setup';
  const t = parseTiming(text, lineRange(text, 7, 10), 'timeline');
  assert.equal(t.kind, 'deadline');
  if (t.kind !== 'deadline') return;
  assert.equal(t.source, 'timeline');
  assert.deepEqual(t.range, makeRange(7, 10, 7, 49));
  assert.deepEqual(t.within.range, makeRange(7, 17, 7, 32));
  assert.equal(t.within.text, '5 business days');
  assert.deepEqual(t.anchor?.range, makeRange(7, 36, 7, 49));
  assert.equal(t.anchor?.text, 'account setup');
});

test('ranges: a phrase inside a sentence covers only the phrase', () => {
  const text = 'Book a call within 2 business days of initial contact. Share notes.';
  const t = parseTiming(text, lineRange(text, 3, 2));
  assert.equal(summarize(t), 'deadline 2 business-days(business) of "initial contact"');
  assert.deepEqual(t.range, makeRange(3, 14, 3, 55));
});

test('ranges: window numbers, milestone numbers, step numbers, unparsed reason', () => {
  const w = parse('Days 31-90');
  assert.ok(w.kind === 'window');
  if (w.kind === 'window') assert.deepEqual(w.numbersRange, makeRange(0, 5, 0, 10));
  const m = parse('30/60/90-Day Check-In');
  assert.ok(m.kind === 'milestone');
  if (m.kind === 'milestone') assert.deepEqual(m.offsetsRange, makeRange(0, 0, 0, 8));
  const s = parse('After step 3 or 6');
  assert.ok(s.kind === 'step-anchor');
  if (s.kind === 'step-anchor') assert.deepEqual(s.steps.map((x) => x.range), [makeRange(0, 11, 0, 12), makeRange(0, 16, 0, 17)]);
  const u = parse('within the kickoff');
  assert.ok(u.kind === 'unparsed');
  if (u.kind === 'unparsed') {
    assert.deepEqual(u.range, makeRange(0, 0, 0, 18));
    assert.deepEqual(u.reasonRange, makeRange(0, 7, 0, 10));
  }
});

test('ranges: a phrase spanning two lines maps columns on the second line', () => {
  const text = 'within 3 days of the\nsecurity sign-off';
  const t = parseTiming(text, makeRange(4, 8, 5, 17));
  assert.ok(t.kind === 'deadline');
  if (t.kind === 'deadline') {
    assert.equal(t.anchor?.text, 'the\nsecurity sign-off');
    assert.deepEqual(t.anchor?.range, makeRange(4, 25, 5, 17));
  }
});

test('ranges: a shorter source range clamps positions instead of overflowing', () => {
  const text = 'Within 24 hours of contract signing';
  const t = parseTiming(text, makeRange(2, 0, 2, 10));
  assert.deepEqual(t.range, makeRange(2, 0, 2, 10));
});

test('empty and whitespace-only timing text is unparsed with a reason', () => {
  assert.equal(summarize(parse('')), 'unparsed: empty timing text');
  assert.equal(summarize(parse('   ')), 'unparsed: empty timing text');
});

test('parseTimingText takes the model TimingText and keeps its source', () => {
  const t = parseTimingText({ source: 'duration', text: '1-2 weeks', range: makeRange(1, 14, 1, 23) });
  assert.equal(t.source, 'duration');
  assert.equal(summarize(t), 'duration 1-2 weeks');
});

test('parseDuration reads declared durations and rejects other phrases', () => {
  assert.equal(parseDuration('2-4 weeks', lineRange('2-4 weeks'))?.max, 4);
  assert.equal(parseDuration('up to 3 days', lineRange('up to 3 days'))?.bound, 'up-to');
  assert.equal(parseDuration('Weekly', lineRange('Weekly')), undefined);
});

test('normalizeEventText drops articles, possessives and punctuation', () => {
  assert.equal(normalizeEventText('The Kickoff Meeting'), 'kickoff meeting');
  assert.equal(normalizeEventText("the customer's go-live"), 'customer go live');
  assert.equal(normalizeEventText('Needs Assessment.'), 'needs assessment');
});

test('every timing phrase the parser finds in the five seeds is understood', { skip: seedFiles().length === 0 && 'seeds not present' }, () => {
  let count = 0;
  const kinds = new Map<string, number>();
  for (const file of seedFiles()) {
    const doc = parseSop(fs.readFileSync(file, 'utf8'), `file:///${path.basename(file)}`);
    for (const step of allSteps(doc)) {
      for (const timing of step.timing) {
        const t = parseTimingText(timing);
        count++;
        kinds.set(t.kind, (kinds.get(t.kind) ?? 0) + 1);
        assert.notEqual(t.kind, 'unparsed', `${path.basename(file)} step "${step.title}": ${timing.text} → ${summarize(t)}`);
      }
    }
  }
  assert.ok(count >= 50, `expected the seeds to carry at least 50 timing phrases, found ${count}`);
  for (const k of ['deadline', 'relation', 'window', 'offset', 'milestone', 'duration', 'ongoing']) assert.ok(kinds.has(k), `no ${k} in the seeds`);
});

// ---- linearity -----------------------------------------------------------------------------------------------

const RANGE_100K = (s: string): Range => lineRange(s);
const PATHOLOGICAL_UNITS = [
  'within ', 'within 1 day of a ', '1-', '((((', 'after step 1 and ', 'a ', '30/', 'Day -', 'Weekly x ', 'if within ',
  '~', 'Post-Go-Live ', 'stage ', '1.', 'T-', 'at least ', 'no later than ', 'every ', 'bi-', '[', '{{', 'once ',
  'x'.repeat(999) + ' ',
];

/** Work the parser does on `text` (characters tokenized + tokens examined), counted, not timed. */
function opsFor(text: string): number {
  phraseOps.count = 0;
  const t = parseTiming(text, RANGE_100K(text));
  assert.ok(t.range.end.character <= text.length);
  return phraseOps.count;
}

/** Shapes of the robust suite's timing probes (test/robust/probes.ts) and the grammar's own recursive rules. */
const GROWTH_UNITS = [
  ...PATHOLOGICAL_UNITS,
  '1 ', 'business days ', 'within 5 business days of ', 'Days 0-30 ', '1234567890', '-,/+(). ', 'after before during ',
  'Phase (', 'by ', 'the ', 'for ', 'first ', 'Weekly (', 'If a, ', '(Sales) - ', 'every other ', 'T-minus ',
];

test('a 100 KB pathological line costs a bounded amount of work per character, for every pattern', () => {
  for (const unit of PATHOLOGICAL_UNITS) {
    const line = repeatTo(unit, 100_000);
    const ops = opsFor(line);
    assert.ok(ops <= 4 * line.length, `${JSON.stringify(unit)}: ${ops} operations for ${line.length} characters`);
  }
});

test('parser work grows linearly: 8x the input costs at most 10x the operations', () => {
  for (const unit of GROWTH_UNITS) {
    const small = opsFor(repeatTo(unit, 12_500));
    const large = opsFor(repeatTo(unit, 100_000));
    assert.ok(large <= 10 * small, `${JSON.stringify(unit)}: 8x input took ${(large / small).toFixed(1)}x the operations (${small} → ${large})`);
  }
});

test('the operation count sees the work: a longer anchor costs more', () => {
  const short = opsFor('within 3 days of the review');
  const long = opsFor('within 3 days of the review of the quarterly security audit findings');
  assert.ok(long > short, `${short} vs ${long}`);
});
