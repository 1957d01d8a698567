import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSop } from '../../../server/src/core/parse';
import { buildTimeline, type Timeline } from '../../../server/src/core/timeline/schedule';
import { withoutCompletion } from '../../../server/src/core/timeline/resolve';

// Day 0 is Monday 2026-03-02; no holidays. Business day k is the k-th working day after it (Mon = 0, Tue = 1, …,
// next Mon = 5). A step of N business days that starts on business day s finishes on business day s + N - 1.
function timeline(text: string): Timeline {
  return buildTimeline(parseSop(text, 'file:///c.md'), { start: '2026-03-02', runs: 0 });
}

function conflicts(t: Timeline) {
  return t.issues.filter((i) => i.rule === 'timeline-conflict');
}

test('insufficient duration: the step it counts from finishes in time, its own minimum does not fit', () => {
  // Cutover: business days 0-1 (Mon-Tue). Hypercare is due 2 business days later, business day 3 (Thu), but
  // needs at least 3 business days from Wednesday: business day 4 (Fri).
  const t = timeline(`# Release

## Process Steps

### Step 1: Cutover
**Duration**: 2 business days

### Step 2: Hypercare
**Duration**: 3-5 business days
**Timeline**: Within 2 business days of Cutover
`);
  const c = conflicts(t);
  assert.equal(c.length, 1);
  assert.equal(c[0]!.message, '2. Hypercare is due by business day 3 (2026-03-05), but 1. Cutover finishes only by business day 1 (2026-03-03), so 2. Hypercare can finish only by business day 4 (2026-03-06)');
  // On Hypercare's Timeline line (0-based 9); related on Cutover's first timing, its Duration line.
  assert.equal(c[0]!.range.start.line, 9);
  assert.deepEqual(c[0]!.related.map((r) => [r.range.start.line, r.message]), [[5, '1. Cutover: earliest finish business day 1 (2026-03-03)']]);
  assert.deepEqual(c[0]!.data, { due: 3, other: '1. Cutover', earliestFinish: 4 });
});

test('insufficient duration counted from an earlier step: that step is related information too', () => {
  // Cutover 0-1, Smoke Test 2, Hypercare 3-5 (Thu, Fri, Mon 9th). Due 3 business days after Cutover: day 4 (Fri).
  const t = timeline(`# Release

## Process Steps

### Step 1: Cutover
**Duration**: 2 business days

### Step 2: Smoke Test
**Duration**: 1 business day

### Step 3: Hypercare
**Duration**: 3 business days
**Timeline**: Within 3 business days of completion of Cutover
`);
  assert.deepEqual(t.issues.filter((i) => i.rule === 'unresolved-reference'), []);
  const c = conflicts(t);
  assert.equal(c.length, 1);
  assert.equal(c[0]!.message, '3. Hypercare is due by business day 4 (2026-03-06), but 2. Smoke Test finishes only by business day 2 (2026-03-04), so 3. Hypercare can finish only by business day 5 (2026-03-09)');
  assert.deepEqual(c[0]!.related.map((r) => r.message), [
    '2. Smoke Test: earliest finish business day 2 (2026-03-04)',
    '1. Cutover: the deadline counts from its earliest finish business day 1 (2026-03-03)',
  ]);
  assert.deepEqual(c[0]!.steps, ['3. Hypercare', '2. Smoke Test']);
});

test('a deadline counted from a step with no deadline of its own still applies', () => {
  // Before: the deadline waited for Intake's latest finish, which only Review itself could bound, so it never
  // applied. Intake 0-4 (5 business days), Review needs 2 more (5-6) but is due 1 after Intake: day 5.
  const t = timeline(`# Intake

## Process Steps

### Step 1: Intake
**Duration**: 1 week

### Step 2: Review
**Duration**: 2 business days
**Timeline**: Within 1 business day of Intake
`);
  assert.deepEqual(conflicts(t).map((c) => c.data), [{ due: 5, other: '1. Intake', earliestFinish: 6 }]);
  // Latest dates stay at the earliest ones (the deadline cannot be met, which the conflict says): Intake Fri 6th,
  // Review Tue 10th (business days 5-6), never a runaway of latest finishes into the year before.
  assert.deepEqual(t.steps.map((s) => s.latest?.finish), ['2026-03-06', '2026-03-10']);
  assert.deepEqual(t.steps.map((s) => s.slack), [0, 0]);
});

test("trigger events of the document's Trigger section match in their other grammatical forms", () => {
  const doc = (anchor: string) => `# Vendor Onboarding

## Trigger

- The vendor portal opening

## Process Steps

### Step 1: Portal Walkthrough
**Duration**: 3 business days
**Timeline**: Within 1 business day of ${anchor}
`;
  for (const anchor of ['the vendor portal opening', 'the vendor portal being opened', 'the vendor portal opens', 'vendor portal opening']) {
    const t = timeline(doc(anchor));
    assert.deepEqual(t.steps[0]!.timings.find((x) => x.value.kind === 'deadline')?.reference, { kind: 'trigger', text: 'The vendor portal opening' }, anchor);
    // Three business days from Monday end Wednesday (day 2); due Tuesday (day 1).
    assert.deepEqual(t.issues.map((i) => [i.rule, i.message]), [['timeline-conflict', '1. Portal Walkthrough is due by business day 1 (2026-03-03), but it takes until business day 2 (2026-03-04)']], anchor);
  }
});

test('common start events count as the trigger without a Trigger section', () => {
  for (const anchor of ['ticket creation', 'the request being logged', 'the incident being declared', 'manager approval', 'the change window opening', 'receipt of the signed order form']) {
    const t = timeline(`# Ops\n\n## Process Steps\n\n### Step 1: Triage\n**Duration**: 1 business day\n**Timeline**: Within 1 business day of ${anchor}\n`);
    assert.equal(t.steps[0]!.timings.find((x) => x.value.kind === 'deadline')?.reference?.kind, 'trigger', anchor);
    assert.deepEqual(t.issues, [], anchor);
  }
});

test('"completion of X", "X completion", "X is complete" name step X', () => {
  assert.equal(withoutCompletion('completion of Eligibility Check'), 'Eligibility Check');
  assert.equal(withoutCompletion('the completion of the Eligibility Check'), 'Eligibility Check');
  assert.equal(withoutCompletion('Eligibility Check completion'), 'Eligibility Check');
  assert.equal(withoutCompletion('Eligibility Check is complete'), 'Eligibility Check');
  assert.equal(withoutCompletion('Eligibility Check has been completed'), 'Eligibility Check');
  assert.equal(withoutCompletion('Completion Review'), 'Completion Review');
  const t = timeline(`# Checks

## Process Steps

### Step 1: Eligibility Check
**Duration**: 1 business day

### Step 2: Risk Scoring
**Timeline**: Within 5 business days of completion of Eligibility Check

### Step 3: Offer Letter
**Timeline**: Within 5 business days of the completion of Eligibility Check

### Step 4: Welcome Pack
**Timeline**: Within 5 business days of Eligibility Check completion

### Step 5: Archive
**Timeline**: After Eligibility Check is complete
`);
  assert.deepEqual(t.issues, []);
  for (const s of t.steps.slice(1)) assert.deepEqual(s.timings[0]!.reference, { kind: 'step', index: 0 }, s.label);
});

test('a deadline missed only when every range runs long is not a conflict', () => {
  // Shortest: Setup days 0-1, the hour-long Kickoff on day 2, due day 3. Longest: Setup ends day 4 and the
  // Kickoff falls on day 5. That risk shows as `atRisk` (and in P90), not as a finding or negative slack.
  const t = timeline(`# Rollout

## Process Steps

### Step 1: Setup
**Duration**: 2-5 business days

### Step 2: Kickoff
**Duration**: 1 hour
**Timeline**: Within 3 business days of contract signing
`);
  assert.deepEqual(t.issues, []);
  assert.deepEqual(t.steps[1]!.dependsOn.map((d) => [d.on, d.kind]), [[0, 'sequence']]);
  // The latest schedule uses the shortest durations, like the earliest: the Kickoff must be done by Thursday
  // (business day 3, position 4) and Setup must leave it its hour (4 - 1/8): both by Thu 03-05. Setup could start
  // as late as 1.875 (two days before 3.875), the Kickoff as late as 3.875: 1.88 business days of slack each.
  assert.deepEqual([t.steps[0]!.latest?.finish, t.steps[1]!.latest?.finish], ['2026-03-05', '2026-03-05']);
  assert.deepEqual(t.steps.map((s) => [s.slack, s.critical]), [[1.88, false], [1.88, false]]);
  // At their longest Setup ends Fri 03-06 and the Kickoff falls on Mon 03-09, after its due Thu 03-05: both are
  // at risk (no negative slack, no finding).
  assert.equal(t.steps[1]!.due, '2026-03-05');
  assert.deepEqual(t.steps.map((s) => s.atRisk), [true, true]);
});

test('steps merely listed in order are not "due before a step that must come first"', () => {
  // Each fits: Prepare on day 0 (due day 10), Send on day 1 (due day 5). Only the order of the list links them.
  const t = timeline(`# Mailing

## Process Steps

### Step 1: Prepare
**Duration**: 1 business day
**Timeline**: Within 10 business days of contract signing

### Step 2: Send
**Duration**: 1 business day
**Timeline**: Within 5 business days of contract signing
`);
  assert.deepEqual(t.issues, []);
});

test('a forward reference is cut from its loop, the document order of the rest still holds', () => {
  // Checks (day 2) is timed from Publish, which comes after it: a loop. Only that reference is cut, so Publish still
  // follows Checks and misses its own deadline, day 1: Checks alone already ends on day 2 (so no "can finish only
  // by" for Publish's own work).
  const t = timeline(`# Release

## Process Steps

### Step 1: Build
**Duration**: 2 business days

### Step 2: Checks
**Duration**: 1 business day
**Timeline**: Within 2 business days of Step 3

### Step 3: Publish
**Duration**: 2 business days
**Timeline**: Within 1 business day of contract signing
`);
  assert.deepEqual(t.issues.map((i) => [i.rule, i.steps]), [
    ['dependency-cycle', ['2. Checks', '3. Publish']],
    ['timeline-conflict', ['3. Publish', '2. Checks']],
  ]);
  assert.equal(conflicts(t)[0]!.message, '3. Publish is due by business day 1 (2026-03-03), but 2. Checks finishes only by business day 2 (2026-03-04)');
  assert.deepEqual(t.steps.map((s) => s.earliest?.finish), ['2026-03-03', '2026-03-04', '2026-03-06']);
});
