/**
 * Relative scales, hand-computed. One convention everywhere (docs/timeline.md "Relative scales"): where a
 * document uses Day 0, Day N is N days after it; where its first day is Day 1, Day 1 is the start; Week 1 starts
 * on the start day; a Day label under a Week heading counts from that week's first day; `after X` windows and
 * offsets count from the day X happens; T-minus labels count back from the go-live / launch / release step.
 *
 * Calendar used below (2026, no holidays): Mon 03-02 is the start. Weeks from the start: week 1 03-02..03-08,
 * week 2 03-09, week 3 03-16, week 4 03-23 (Mon). 03-02 + 30 days = Wed 04-01.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSop } from '../../../server/src/core/parse';
import { buildTimeline, type Timeline } from '../../../server/src/core/timeline/schedule';

const PLAN = `# Partner Rollout

## Process Steps

### Stage 1: Preparation (Week 1)
**Owner**: Ops

### Stage 2: Pilot (Week 4)
**Owner**: Ops

#### Day 2: Pilot Briefing
**Owner**: Ops

#### Day 4: Pilot Review
**Owner**: Ops

### Stage 3: Go-Live (Day 30)
**Owner**: Ops

### Stage 4: Hypercare (Weeks 1-3 after go-live)
**Owner**: Support

### Stage 5: Retrospective
**Owner**: Ops
**Timing**: 3 days after go-live

### Stage 6: Pre-Kickoff (Days -10 to -1)
**Owner**: Sales

### Stage 7: Code Freeze
**Owner**: Eng
**Timing**: T-2 weeks

### Stage 8: Final Check
**Owner**: Eng
**Timing**: D-3
`;

const DAY_ONE = `# Trial Program

## Process Steps

### Step 1: Welcome (Day 1)
**Owner**: CSM

### Step 2: First Session (Day 5)
**Owner**: CSM

### Step 3: Trial Window (Days 1-14)
**Owner**: CSM
`;

function plan(text: string, start = '2026-03-02'): Timeline {
  return buildTimeline(parseSop(text, 'file:///w/plan.md'), { start, runs: 0 });
}

function row(t: Timeline, title: string): [string, string] {
  const s = t.steps.find((x) => x.title === title || x.title.endsWith(`: ${title}`));
  assert.ok(s?.earliest, `${title} is scheduled`);
  return [s.earliest.start, s.earliest.finish];
}

test('relative scales: the hand-computed table', () => {
  const t = plan(PLAN);
  const day1 = plan(DAY_ONE);
  const cases: [Timeline, string, [string, string], string][] = [
    // Week 1 starts on the start day: Mon 03-02 to Sun 03-08, business days end Fri 03-06.
    [t, 'Preparation', ['2026-03-02', '2026-03-06'], 'Week 1 = the start week'],
    // Week 4 starts 3 × 7 = 21 days after the start: Mon 03-23; its business days end Fri 03-27.
    [t, 'Pilot', ['2026-03-23', '2026-03-27'], 'Week 4 = days 21-27'],
    // Under Week 4, Day 2 is the week's second day: 03-23 + 1 = Tue 03-24 (not 03-04 in week 1).
    [t, 'Pilot Briefing', ['2026-03-24', '2026-03-24'], 'Day 2 under Week 4'],
    // Day 4 of week 4: 03-23 + 3 = Thu 03-26.
    [t, 'Pilot Review', ['2026-03-26', '2026-03-26'], 'Day 4 under Week 4'],
    // The document uses negative days (Days -10 to -1), so it counts from Day 0: Day 30 = 03-02 + 30 = Wed 04-01.
    [t, 'Go-Live', ['2026-04-01', '2026-04-01'], 'Day 30 in a Day-0 document'],
    // Weeks 1-3 after go-live: week 1 starts on the go-live day, 04-01; three weeks = 21 days, to Tue 04-21.
    [t, 'Hypercare', ['2026-04-01', '2026-04-21'], 'Weeks 1-3 after a named milestone'],
    // 3 days after go-live: 04-01 + 3 = Sat 04-04, moved to the next business day, Mon 04-06.
    [t, 'Retrospective', ['2026-04-06', '2026-04-06'], '3 days after a named milestone'],
    // Days -10 to -1: 03-02 - 10 = Fri 02-20 to 03-02 - 1 = Sun 03-01; last business day Fri 02-27.
    [t, 'Pre-Kickoff', ['2026-02-20', '2026-02-27'], 'a pre-start phase in negative days'],
    // T-2 weeks counts back from the go-live it counts down to: 04-01 - 14 = Wed 03-18.
    [t, 'Code Freeze', ['2026-03-18', '2026-03-18'], 'T-2 weeks before go-live'],
    // D-3: 04-01 - 3 = Sun 03-29; a day before the event moves back to Fri 03-27.
    [t, 'Final Check', ['2026-03-27', '2026-03-27'], 'D-3 before go-live'],
    // A document whose first day is Day 1: Day 1 is the start, Mon 03-02.
    [day1, 'Welcome', ['2026-03-02', '2026-03-02'], 'Day 1 is the start'],
    // ... and Day 5 is four days later, Fri 03-06.
    [day1, 'First Session', ['2026-03-06', '2026-03-06'], 'Day 5 in a Day-1 document'],
    // Days 1-14 are the start and the 13 days after it: 03-02 to Sun 03-15, last business day Fri 03-13.
    [day1, 'Trial Window', ['2026-03-02', '2026-03-13'], 'Days 1-14 in a Day-1 document'],
  ];
  for (const [timeline, title, expected, why] of cases) assert.deepEqual(row(timeline, title), expected, why);
});

test('relative scales: a pre-start phase is the plan\'s first day and keeps the invariants', () => {
  const t = plan(PLAN);
  const pre = t.steps.find((s) => s.title === 'Pre-Kickoff')!;
  assert.ok(pre.latest!.start >= '2026-02-20');
  assert.ok(t.steps.every((s) => !s.earliest || s.slack! >= 0));
  // The countdown steps do not wait for go-live to finish: they come before it.
  assert.ok(row(t, 'Code Freeze')[1] < row(t, 'Go-Live')[0]);
});

// ---- weekday plans and escalation ladders (docs/timeline.md "Weekday plans", "Escalation ladders") --------------

const RELEASE_WEEK = `# Firmware Release

## Process Steps

### Step 1: Cutover (Day 24)
**Owner**: Eng

### Step 2: Monday: Branch Freeze
**Owner**: Eng

### Step 3: Changelog
**Owner**: Docs
**Timing**: by Thursday

### Step 4: Partner Notice
**Owner**: PM
**Timing**: Friday the week before

### Step 5: Release (Wednesday)

#### Smoke Tests
**Owner**: QA

### Step 6: Support Briefing
**Owner**: Support
**Timing**: Tuesday of week 2
`;

const START_WEEK = `# Patch Week

## Process Steps

### Step 1: Monday - Triage
**Owner**: Eng

### Step 2: Wednesday - Patch
**Owner**: Eng

### Step 3: Verify
**Owner**: QA
**Timing**: Friday
`;

const LADDER = `# Permit Chase

## Process Steps

### Step 1: File the Permit Request
**Owner**: Admin
**Duration**: 3 business days

### Step 2: First Chase
**Owner**: Admin
**Timing**: No response after 2 weeks since the permit request

### Step 3: Call the Office
**Owner**: Admin
**Timing**: After 4 weeks

### Step 4: Written Complaints
**Owner**: Admin
**Timing**: after 10 / 20 days since the permit request

### Step 5: Kickoff
**Owner**: Admin
**Timing**: After 2 weeks
`;

test('weekday plans and escalation ladders: the hand-computed table', () => {
  const week = plan(RELEASE_WEEK);
  const startWeek = plan(START_WEEK, '2026-03-04');
  const ladder = plan(LADDER);
  const cases: [Timeline, string, [string, string], string][] = [
    // Day 24 = 03-02 + 24 = Thu 03-26: the cutover's calendar week is Mon 03-23..Sun 03-29.
    [week, 'Cutover', ['2026-03-26', '2026-03-26'], 'the release step (Day 24)'],
    // A title that starts with a weekday: Monday of the cutover week, 03-23.
    [week, 'Monday: Branch Freeze', ['2026-03-23', '2026-03-23'], 'Monday of the release week'],
    // `by Thursday` is a deadline (Thu 03-26); with no length the step can be done on day 0, Mon 03-02.
    [week, 'Changelog', ['2026-03-02', '2026-03-02'], 'by Thursday: a deadline, not the day'],
    // Friday the week before: Fri 03-27 - 7 = Fri 03-20.
    [week, 'Partner Notice', ['2026-03-20', '2026-03-20'], 'Friday the week before'],
    // `Release (Wednesday)` is placed by its weekday (so it is not the release week's step): Wed 03-25.
    [week, 'Release (Wednesday)', ['2026-03-25', '2026-03-25'], 'a weekday in parentheses at the end of the title'],
    // A sub-step with no timing under the Wednesday step happens that Wednesday, 03-25.
    [week, 'Smoke Tests', ['2026-03-25', '2026-03-25'], 'a step held by a weekday heading'],
    // Week 2 of the plan starts on day 7, Mon 03-09: its Tuesday is 03-10.
    [week, 'Support Briefing', ['2026-03-10', '2026-03-10'], 'Tuesday of week 2'],
    // No release step: the week of the start date. Start Wed 03-04, so its week is Mon 03-02..Sun 03-08 and
    // Monday is two days before the start.
    [startWeek, 'Monday - Triage', ['2026-03-02', '2026-03-02'], 'Monday of the start week, before a Wednesday start'],
    [startWeek, 'Wednesday - Patch', ['2026-03-04', '2026-03-04'], 'Wednesday of the start week = the start'],
    [startWeek, 'Verify', ['2026-03-06', '2026-03-06'], 'Friday of the start week'],
    // The permit request takes Mon 03-02 to Wed 03-04 (3 business days); two weeks later is Wed 03-18.
    [ladder, 'First Chase', ['2026-03-18', '2026-03-18'], 'no response after 2 weeks since the request'],
    // The next rung counts from the request too: 03-04 + 28 = Wed 04-01 (not 03-18 + 28 = 04-15).
    [ladder, 'Call the Office', ['2026-04-01', '2026-04-01'], 'after 4 weeks: the next rung, from the same event'],
    // A series opens a ladder of its own: 03-04 + 10 = Sat 03-14, moved to Mon 03-16; through 03-04 + 20 = Tue 03-24.
    [ladder, 'Written Complaints', ['2026-03-16', '2026-03-24'], 'after 10 / 20 days: first rung through last'],
  ];
  for (const [timeline, title, expected, why] of cases) assert.deepEqual(row(timeline, title), expected, why);
  // The last rung (after 2 weeks, no later than the 20 days before it) is out of order: a finding naming both.
  const outOfOrder = ladder.issues.find((i) => i.rule === 'timeline-conflict');
  assert.deepEqual(outOfOrder?.steps, ['5. Kickoff', '4. Written Complaints']);
});
