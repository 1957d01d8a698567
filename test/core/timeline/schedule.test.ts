import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSop } from '../../../server/src/core/parse';
import { defaultConfig } from '../../../server/src/core/config';
import { buildTimeline, conditionHolds, customerFromData, type Timeline } from '../../../server/src/core/timeline/schedule';
import { timelineToJson } from '../../../server/src/core/timeline/render/json';
import { renderText } from '../../../server/src/core/timeline/render/text';

// Our own small SOPs in the dialects the seeds use. 2026-03-02 is a Monday; US holidays apply.
const CHAIN = `# Partner Onboarding

## Procedure

### Step 1: Welcome Call
**Owner**: Partner Manager
**Timing**: Within 24 hours of contract signing

### Step 2: Discovery Workshop
**Owner**: Solutions Architect
**Timing**: Within 48 hours of the welcome call

### Step 3: Sandbox Provisioning
**Owner**: Platform Team
**Timing**: Within 72 hours of discovery workshop

### Step 4: Launch Review
**Owner**: Partner Manager
**Timing**: Within 5 business days of sandbox provisioning
**Duration**: 60 minutes

### Step 5: Success Plan
**Owner**: Partner Manager
**Timing**: During the launch review
`;

function timeline(text: string, extra: Parameters<typeof buildTimeline>[1] = {}): Timeline {
  return buildTimeline(parseSop(text, 'file:///t.md'), { start: '2026-03-02', holidays: 'US', runs: 200, seed: 7, ...extra });
}

function row(t: Timeline, title: string) {
  const s = t.steps.find((x) => x.title === title);
  assert.ok(s, `no step ${title}`);
  return s;
}

test('chained references: latest finishes follow each anchor, weekends rolled back', () => {
  const t = timeline(CHAIN);
  assert.deepEqual(t.issues, []);
  // Mon + 24 h = Tue; + 48 h = Thu; + 72 h = Sun → Fri; + 5 business days = Fri 13th.
  assert.deepEqual(t.steps.map((s) => s.latest?.finish), ['2026-03-03', '2026-03-05', '2026-03-06', '2026-03-13', '2026-03-13']);
  assert.deepEqual(row(t, 'Discovery Workshop').dependsOn.map((d) => [d.on, d.kind]), [[0, 'timing']]);
  assert.deepEqual(row(t, 'Launch Review').dependsOn.map((d) => [d.on, d.kind]), [[2, 'timing'], [2, 'sequence']]);
  assert.deepEqual(row(t, 'Success Plan').dependsOn.map((d) => [d.on, d.kind]), [[3, 'during']]);
  assert.equal(row(t, 'Welcome Call').earliest?.start, '2026-03-02');
});

test('holidays move deadlines: start on Thursday 2026-07-02 (US)', () => {
  const t = timeline(CHAIN, { start: '2026-07-02' });
  // Thu + 24 h = Fri 3rd (observed holiday) → Thu 2nd; + 48 h = Sat 4th → Thu 2nd; + 72 h = Sun 5th → Thu 2nd;
  // + 5 business days skips the holiday and weekend → Fri 10th. Without holidays the Friday counts.
  assert.deepEqual(t.steps.map((s) => s.latest?.finish), ['2026-07-02', '2026-07-02', '2026-07-02', '2026-07-10', '2026-07-10']);
  const plain = timeline(CHAIN, { start: '2026-07-02', holidays: '' });
  assert.deepEqual(plain.steps.map((s) => s.latest?.finish), ['2026-07-03', '2026-07-03', '2026-07-06', '2026-07-13', '2026-07-13']);
});

const DURATIONS = `---
type: process
id: PRC-9
title: Tenant Setup
process_meta:
  duration: 1-2 weeks
---
# Tenant Setup

## Process Steps

### Step 1: Intake
**Owner**: Coordinator
**Duration**: 1-2 business days

### Step 2: Build
**Owner**: Engineer
**Duration**: 1-2 weeks

### Step 3: Sign-off
**Owner**: Coordinator
**Duration**: 1 business day
`;

test('durations run in document order; ranges give earliest, P50/P90 and a critical path', () => {
  const t = timeline(DURATIONS);
  const [intake, build, signoff] = t.steps;
  assert.deepEqual(intake!.earliest, { start: '2026-03-02', finish: '2026-03-02' });
  // Build starts after intake's one day: Tue 3rd, one calendar week → Mon 9th.
  assert.deepEqual(build!.earliest, { start: '2026-03-03', finish: '2026-03-09' });
  assert.deepEqual(signoff!.earliest, { start: '2026-03-10', finish: '2026-03-10' });
  assert.ok(t.steps.every((s) => s.critical));
  assert.equal(t.finish.earliest, '2026-03-10');
  // Maximum durations: intake Mon-Tue, build Wed 4th + 14 days → Tue 17th, sign-off Wed 18th.
  assert.equal(t.finish.latest, '2026-03-18');
  assert.ok(t.finish.p50! >= t.finish.earliest! && t.finish.p90! <= t.finish.latest!);
  assert.ok(t.finish.p50! <= t.finish.p90!);
  // 1-2 weeks declared; the steps take 9-17 days, and the simulated P90 finish is past two weeks (03-15).
  assert.deepEqual(t.issues.map((i) => i.rule), ['duration-mismatch', 'target-missed']);
  assert.match(t.issues[0]!.message, /declared duration "1-2 weeks" does not contain the computed 1\.3-2\.4 weeks/);
});

test('the Monte Carlo is deterministic for a seed and changes with it', () => {
  const a = timelineToJson(timeline(DURATIONS, { runs: 500, seed: 3 }));
  const b = timelineToJson(timeline(DURATIONS, { runs: 500, seed: 3 }));
  assert.deepEqual(a, b);
  const many = new Set<string>();
  for (let seed = 1; seed <= 8; seed++) many.add(JSON.stringify(timelineToJson(timeline(DURATIONS, { runs: 50, seed })).steps.map((s) => s.p50)));
  assert.ok(many.size > 1, 'different seeds should give some different medians');
});

test('timeline-conflict: a step due before what it depends on can finish', () => {
  const text = `# Rollout

## Procedure

### Step 1: Account Setup
**Owner**: Ops
**Duration**: 5 business days

### Step 2: Kickoff
**Owner**: CSM
**Timing**: Within 2 business days of contract signing
`;
  const t = timeline(text);
  const c = t.issues.filter((i) => i.rule === 'timeline-conflict');
  assert.equal(c.length, 1);
  assert.equal(c[0]!.message, '2. Kickoff is due by business day 2 (2026-03-04), but 1. Account Setup finishes only by business day 4 (2026-03-06)');
  assert.deepEqual(c[0]!.steps, ['2. Kickoff', '1. Account Setup']);
  assert.equal(c[0]!.range.start.line, 10);
  assert.equal(c[0]!.related[0]!.range.start.line, 6);
});

test('timeline-conflict: due before a step that must come first is due', () => {
  const text = `# Rollout

## Procedure

### Step 1: Account Setup
**Timing**: Within 10 business days of contract signing

### Step 2: Kickoff
**Timing**: Within 7 business days of contract signing
`;
  const t = timeline(text);
  assert.deepEqual(t.issues.map((i) => i.message), [
    '2. Kickoff is due by business day 7 (2026-03-11), before 1. Account Setup (due by business day 10 (2026-03-16)), which must come first',
  ]);
});

test('dependency-cycle names every step of the loop and the rest still schedules', () => {
  const text = `# Loop

## Procedure

### Step 1: Draft
**Timing**: Within 2 days of review

### Step 2: Review
**Timing**: Within 2 days of approval

### Step 3: Approval
**Timing**: Within 1 day of draft

### Step 4: Publish
**Timing**: Within 3 business days of contract signing
`;
  const t = timeline(text);
  const cycles = t.issues.filter((i) => i.rule === 'dependency-cycle');
  assert.equal(cycles.length, 1);
  assert.deepEqual(cycles[0]!.steps, ['1. Draft', '2. Review', '3. Approval']);
  assert.equal(cycles[0]!.related.length, 2);
  assert.equal(row(t, 'Publish').latest?.finish, '2026-03-05');
});

test('unresolved-reference suggests the closest step; unparsed-timing is info', () => {
  const text = `# Security

## Procedure

### Step 1: Security Review
**Timing**: Within 3 days of the security sign-off

### Step 2: Audit Prep
**Timing**: sometime soonish
`;
  const t = timeline(text);
  const unresolved = t.issues.find((i) => i.rule === 'unresolved-reference')!;
  // The step itself is never a candidate, and nothing else shares a word with "security sign-off" ("signoff" is
  // not "signing"): no suggestion beats a misleading one.
  assert.equal(unresolved.message, '"the security sign-off" in 1. Security Review matches no step, trigger event or milestone');
  assert.equal(unresolved.data!.suggestion, undefined);
  assert.deepEqual(unresolved.range, { start: { line: 5, character: 29 }, end: { line: 5, character: 50 } });
  const unparsed = t.issues.find((i) => i.rule === 'unparsed-timing')!;
  assert.equal(unparsed.severity, 'info');
  assert.equal(unparsed.message, 'timing "sometime soonish" of 2. Audit Prep is not understood: no timing phrase recognised');
});

test('renewal is start + contract term; "90 days before renewal" lands 90 days earlier', () => {
  const text = `# Renewal

## Process

### Stage 1: Renewal (90 days before renewal)
**Owner**: CSM
**Duration**: 90 days
`;
  const t = timeline(text);
  assert.equal(t.steps[0]!.earliest?.start, '2026-12-02');
  const cfg = defaultConfig();
  cfg.timeline.contractTermMonths = 6;
  // 2026-09-02 minus 90 days
  assert.equal(timeline(text, { config: cfg }).steps[0]!.earliest?.start, '2026-06-04');
});

test('customer documents: start date, region and tier; conditioned steps kept or dropped', () => {
  const text = `# Enterprise Setup

## Procedure

### Step 1: Provision Tenant
**Duration**: 2 business days

### Step 2: Configure SSO if enterprise tier
**Condition**: if enterprise tier
**Duration**: 1 business day

### Step 3: Train Admins
**Duration**: 1 business day
`;
  const acme = customerFromData({ id: 'CUS-001', title: 'Acme', contract_signed: '2026-06-01', region: 'US', tier: 'enterprise' });
  const small = customerFromData({ id: 'CUS-002', contract_signed: '2026-06-01', region: 'DE-BY', tier: 'standard' });
  const a = buildTimeline(parseSop(text, 'file:///e.md'), { customer: acme, runs: 0 });
  assert.equal(a.start, '2026-06-01');
  assert.equal(a.calendar, 'Mon–Fri, holidays US');
  assert.deepEqual(a.steps.map((s) => s.included), [true, true, true]);
  assert.equal(row(a, 'Train Admins').earliest?.finish, '2026-06-04');
  const b = buildTimeline(parseSop(text, 'file:///e.md'), { customer: small, runs: 0 });
  assert.deepEqual(b.steps.map((s) => s.included), [true, false, true]);
  // Without SSO, training follows provisioning; Corpus Christi (Thu 2026-06-04) is a holiday in Bavaria.
  assert.equal(row(b, 'Train Admins').earliest?.finish, '2026-06-03');
  assert.equal(conditionHolds('if enterprise tier', small), false);
  assert.equal(conditionHolds('if enterprise tier', acme), true);
  assert.equal(conditionHolds('if the customer asks', acme), undefined);
  assert.match(renderText(b), /dropped: if enterprise tier/);
});

test('stage windows and day labels (stages dialect)', () => {
  const text = `# Customer Success

## PROCESS

### Stage 1: Onboarding (Days 0-30)

**Owner**: CSM
**Duration**: 30 days

**Day 0: Welcome**
- [ ] Send the welcome pack

**Day 14: Midpoint Review**
- [ ] Review adoption

### Stage 2: Adoption (Days 31-60)

**Owner**: CSM

**Weekly Check-Ins** (Weeks 4-8):
- [ ] Review usage
`;
  const t = timeline(text);
  assert.deepEqual(row(t, 'Onboarding').earliest, { start: '2026-03-02', finish: '2026-03-31' });
  assert.equal(row(t, 'Day 14: Midpoint Review').earliest?.start, '2026-03-16');
  // Weekly check-ins are recurring work, not a step that finishes: a cadence running weeks 4-8 (from day 21,
  // 2026-03-23, to day 55, 2026-04-26), listed rather than scheduled, so it is no sub-step outside its stage.
  assert.deepEqual(t.cadences.map((c) => [c.title, c.every, c.from, c.to]), [['Weekly Check-Ins', '1 week', '2026-03-23', '2026-04-26']]);
  assert.equal(row(t, 'Weekly Check-Ins').earliest, undefined);
  assert.equal(t.issues.filter((i) => i.rule === 'duration-mismatch').length, 0);
});

test('json output has the documented shape', () => {
  const j = timelineToJson(timeline(CHAIN));
  assert.equal(j.start, '2026-03-02');
  assert.equal(j.calendar, 'Mon–Fri, holidays US');
  assert.deepEqual(Object.keys(j.steps[0]!).sort(), ['critical', 'dependsOn', 'due', 'earliest', 'latest', 'milestone', 'number', 'owners', 'p50', 'p90', 'slack', 'title']);
  assert.deepEqual(j.cadences, []);
  assert.deepEqual(j.steps[3]!.dependsOn, [3]);
  assert.deepEqual(j.conflicts, []);
});

test('bad input never throws: empty document, invalid start and holiday code', () => {
  const t = buildTimeline(parseSop('', 'file:///empty.md'), { start: 'not-a-date', today: '2026-03-02', holidays: 'XX', runs: 10 });
  assert.equal(t.start, '2026-03-02');
  assert.deepEqual(t.steps, []);
  assert.equal(t.calendarProblems[0]!.option, 'holidays');
  assert.match(renderText(t), /no scheduled steps/);
});
