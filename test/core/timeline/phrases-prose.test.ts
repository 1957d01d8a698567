import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTimingSpans } from '../../../server/src/core/parse/proseTiming';
import { parseSop } from '../../../server/src/core/parse';
import { allSteps } from '../../../server/src/core/model';
import { parseTiming, parseTimingText } from '../../../server/src/core/timeline/phrases';
import { summarize } from './summary';

function spans(text: string): string[] {
  return findTimingSpans(text).map((s) => text.slice(s.start, s.end));
}

/** [kind, sentence, the timing phrases found in it]. Sentences are written for these tests. */
const DETECTED: [string, string, string[]][] = [
  ['deadline', 'Send the summary within 2 business days of the review.', ['within 2 business days of the review']],
  ['deadline', 'Patch it no later than 72 hours after disclosure, and tell the vendor.', ['no later than 72 hours after disclosure']],
  ['deadline', 'Reply within ~3 weeks.', ['within ~3 weeks']],
  ['offset', 'Book the venue 2 hours before the review call.', ['2 hours before the review call']],
  ['offset', 'Freeze three working days before the release.', ['three working days before the release']],
  ['offset', 'Request budget at least 2 months before the audit.', ['at least 2 months before the audit']],
  ['offset', 'Chase again after 3 weeks since the request.', ['after 3 weeks since the request']],
  ['offset', 'Escalate after 10 days.', ['after 10 days']],
  ['offset', '| Label the racks | T-2 weeks |', ['T-2 weeks']],
  ['offset', 'Code freeze at T-10, go/no-go at T+1 hour.', ['T-10', 'T+1 hour']],
  ['window', 'Weeks 3-5: shadow a senior engineer.', ['Weeks 3-5']],
  ['window', 'Days -10 to -1 are for rehearsal.', ['Days -10 to -1']],
  ['milestone', 'Day 14: first review', ['Day 14']],
  ['milestone', 'Hold the 30-day check-in with the new hire.', ['30-day check-in']],
  ['duration', 'The walkthrough takes 4 to 8 months end to end.', ['4 to 8 months']],
  ['duration', 'Introductions (30 min)', ['30 min']],
  ['duration', 'Run the soak test for 24h.', ['for 24h']],
  ['duration', 'Spin for 10\' at 4 degrees.', ["for 10'"]],
  ['cadence', 'Post a status update every 15 minutes.', ['every 15 minutes']],
  ['cadence', 'Review access quarterly and rotate keys annually.', ['quarterly', 'annually']],
  ['cadence', 'Meet once a week, fortnightly in summer.', ['once a week', 'fortnightly']],
  ['immediate', 'Page the on-call engineer immediately.', ['immediately']],
  ['immediate', 'Revoke the token ASAP and notify without undue delay.', ['ASAP', 'without undue delay']],
  ['immediate', 'Acknowledge the report as soon as possible.', ['as soon as possible']],
  ['weekday', 'Submit the timesheet by Friday.', ['by Friday']],
  ['clock', 'The call starts at 9:00 AM; notes are due by EOD.', ['9:00 AM', 'by EOD']],
  ['ongoing', 'Update the runbook as needed.', ['as needed']],
  ['relation', 'Once the call is over, send the notes.', ['Once the call is over']],
  ['relation', 'Before the release, tag the build.', ['Before the release']],
  ['relation', 'Archive the ticket upon receipt of the signed form.', ['upon receipt of the signed form']],
  ['relation', 'Ship it on release day.', ['release day']],
  ['date', 'Cut-over is on 2026-03-02.', ['2026-03-02']],
  // phrases without an amount
  ['vague', 'Eventually, archive the old tickets.', ['Eventually']],
  ['vague', 'The totals are corrected retroactively.', ['retroactively']],
  ['vague', 'Check the queue mid-week and again at the end of the sprint.', ['mid-week', 'at the end of the sprint']],
  ['vague', 'Rebuild the image you tagged yesterday.', ['yesterday']],
  ['vague', 'Keep the mirror tidy between releases.', ['between releases']],
  ['vague', 'Hold the records for the full audit period.', ['for the full audit period']],
  ['vague', 'As tickets come in, tag each one.', ['As tickets come in']],
  ['vague', 'Ship it as quickly and as safely as possible.', ['as quickly and as safely as possible']],
  ['vague', 'This check happens on merging, not on review.', ['on merging']],
  ['vague', 'Post regular updates in the channel.', ['regular updates']],
  ['vague', 'Greet them on your start date.', ['on your start date']],
  ['vague', 'Stay with the pager while the migration runs.', ['while the migration runs']],
  ['vague', 'After .2, cut monthly patches.', ['After .2', 'monthly']],
  ['vague', 'The freeze starts the same business day.', ['same business day']],
  ['vague', 'Support runs around the clock in launch week.', ['around the clock', 'in launch week']],
  // ordinals, counts per period, time points
  ['ordinal', 'Meet on their first, second and third month with us.', ['first, second and third month']],
  ['ordinal', 'Pay is processed on the 15th of each month.', ['15th of each month']],
  ['per', 'Each editor takes 6-10 papers per year.', ['6-10 papers per year']],
  ['lab', 'Incubate for 16 h, then spin 30 s.', ['for 16 h', '30 s']],
  ['lab', 'Grow the starter culture O/N and sample at t = 0.', ['O/N', 't = 0']],
  ['axis', 'Day One: badge and laptop.', ['Day One']],
  ['effort', 'Spend up to eight person-hours on it.', ['up to eight person-hours']],
  // moments relative to the step's day, halves of a period, work that recurs with an event
  ['relation', 'Autoclave the tips the evening before.', ['the evening before']],
  ['relation', 'Thaw the reagents the day prior, or the previous night.', ['the day prior', 'the previous night']],
  ['window', 'Book renewals in the first half of the quarter.', ['in the first half of the quarter']],
  ['cadence', 'Log the fridge temperature every sampling day.', ['every sampling day']],
  // dates without a year, parts of a month
  ['date', 'Send the survey by April 12 and close it on 3rd May.', ['by April 12', '3rd May']],
  ['date', 'Plan the offsite for mid-October.', ['for mid-October']],
  // protocol time points and short units
  ['lab', 'Read the plate at time 0, then at T0 plus 30sec.', ['time 0', 'T0', '30sec']],
  ['cadence', 'Rotate the key every 6 mo.', ['every 6 mo']],
  ['relation', 'Ask for feedback at the very end of the session.', ['at the very end of the session']],
  // session 5: families from the rotated hold-out and common SOP phrasings
  ["deadline", "Respond within one (1) business day.", ["within one (1) business day"]],
  ["deadline", "Report no later than 2 elapsed calendar days after the event.", ["no later than 2 elapsed calendar days after the event"]],
  ["deadline", "Escalate it within the agreed timescale.", ["within the agreed timescale"]],
  ["deadline", "The candidate hears back within a week or two.", ["within a week or two"]],
  ["offset", "Deploy no sooner than 3 days after the request is approved.", ["no sooner than 3 days after the request is approved"]],
  ["offset", "Give the landlord three months' notice.", ["three months' notice"]],
  ["offset", "Book the hall a month ahead.", ["a month ahead"]],
  ["duration", "Debts overdue four or more months go to collections.", ["four or more months"]],
  ["duration", "It usually takes between 2 and 4 weeks.", ["between 2 and 4 weeks"]],
  ["duration", "Keep the logs for a minimum of seven years.", ["for a minimum of seven years"]],
  ["duration", "Allow one and a half hours.", ["one and a half hours"]],
  ["duration", "A timeboxed (30m) triage.", ["30m"]],
  ["milestone", "Check in with the hire at 30, 60 and 90 days.", ["30, 60 and 90 days"]],
  ["cadence", "Each engineer books 2 focus weeks in each quarter.", ["in each quarter"]],
  ["cadence", "Patch on the second Tuesday of every month.", ["second Tuesday of every month"]],
  ["cadence", "Hold a bi-annual audit.", ["bi-annual"]],
  ["immediate", "Flag it as early as you can, then move swiftly with the fix.", ["as early as you can", "swiftly"]],
  ["relation", "Outside of these hours, page the on-call engineer.", ["Outside of these hours"]],
  ["relation", "Act at latest with the start of the corrective action.", ["at latest with the start of the corrective action"]],
  ["relation", "Tell them well ahead of their credit running out.", ["well ahead of their credit running out"]],
  ["relation", "Ship fixes in the next appropriate release.", ["in the next appropriate release"]],
  ["relation", "Stay on the pager for the remainder of the sprint.", ["for the remainder of the sprint"]],
  ["vague", "As things progress, update the forecast.", ["As things progress"]],
  ["window", "During weeks 3 and 4, pair on tickets.", ["During weeks 3 and 4"]],
  ["period", "Freeze the final two weeks of the sprint.", ["final two weeks of the sprint"]],
  ["period", "Reconcile at quarter end.", ["quarter end"]],
];

/** Numbers that are not time and words that only look like timing. */
const NOT_TIMING: string[] = [
  'Fill in form W-4 and return it.',
  'See Section 12 and Step 3 of RFC 2119.',
  'Upgrade to v1.2, then to 1.20.0.',
  'Assign 3 reviewers to the change.',
  'Keep the disk below 80% and open port 8080.',
  'The policy was adopted in 2024.',
  'Connect to localhost:8080 for the dashboard.',
  'Follow the following steps carefully.',
  'The project is named after its founder.',
  'Work through the list and after.',
  'Install version 3.4 and restart port 443.',
  'Use a regular expression for the 5 fields.',
  'As part of the review, list 4 risks.',
  'Choose between the red and the blue option.',
  'Train the staff on pricing and billing.',
  'The third reviewer signs section 4.',
  'Set the resistor to 30 ohms and the gain to 2x.',
  'Each team member reviews every new hire form.',
  'Mix 2 parts of buffer with 1 part of sample at 0.5 molar.',
  'The May release notes list 12 fixes.',
  'Every employer runs its own payroll.',
  'The fund raised $30m and hired 5m users.',
  'Choose between 2 and 3 reviewers.',
  'Steps 3 and 4 are optional.',
  'Bring it within the team channel.',
  'In each case, list 2 owners.',
];

for (const [kind, sentence, expected] of DETECTED) {
  test(`prose timing ${kind}: ${sentence}`, () => {
    assert.deepEqual(spans(sentence), expected);
  });
}

for (const sentence of NOT_TIMING) {
  test(`prose without timing: ${sentence}`, () => {
    assert.deepEqual(spans(sentence), []);
  });
}

test('every phrase found in the detection table is understood by the parser', () => {
  for (const [, sentence] of DETECTED) {
    for (const phrase of spans(sentence)) {
      const t = parseTiming(phrase, { start: { line: 0, character: 0 }, end: { line: 0, character: phrase.length } });
      assert.notEqual(t.kind, 'unparsed', `${phrase} → ${summarize(t)}`);
    }
  }
});

test('code spans are not prose: a phrase inside inline code is skipped', () => {
  const text = 'Set `every 5 minutes` in the config, then wait 2 hours.';
  const code: [number, number][] = [[4, 21]];
  assert.deepEqual(findTimingSpans(text, code).map((s) => text.slice(s.start, s.end)), ['2 hours']);
});

const DOC = `# Standard Operating Procedure: Freezer Swap

## Process Steps

### Step 1: Plan the swap
**Owner**: Lab Manager
**Timing**: Within 5 business days of the order

Book the engineer at least 2 weeks before the swap.

| Task | When |
|------|------|
| Label the racks | T-3 days |

\`\`\`
sleep 10 minutes
\`\`\`

#### 1.1 Check the alarms
Check the log daily.

### Step 2: Sign off
**Owner**: Lab Manager

Record the temperatures \`every 5 minutes\` and again within 24 hours of the move.
`;

test('parseSop puts timing found in prose on the step that holds the line, with exact ranges', () => {
  const doc = parseSop(DOC, 'swap.md');
  const byTitle = new Map(allSteps(doc).map((s) => [s.title, s]));
  const plan = byTitle.get('Plan the swap')!;
  assert.deepEqual(
    plan.timing.map((t) => `${t.source}: ${t.text}`),
    ['timing: Within 5 business days of the order', 'inline: at least 2 weeks before the swap', 'inline: T-3 days'],
  );
  const inline = plan.timing[1]!;
  assert.deepEqual(inline.range, { start: { line: 8, character: 18 }, end: { line: 8, character: 50 } });
  assert.equal(DOC.split('\n')[8]!.slice(18, 50), 'at least 2 weeks before the swap');
  const sub = plan.substeps.find((s) => /Check the alarms/.test(s.title));
  assert.ok(sub, `sub-steps: ${plan.substeps.map((s) => s.title).join(', ')}`);
  assert.deepEqual(sub.timing.map((t) => t.text), ['daily']);
  const sign = byTitle.get('Sign off')!;
  assert.deepEqual(sign.timing.map((t) => t.text), ['within 24 hours of the move']);
  for (const s of allSteps(doc)) for (const t of s.timing) assert.notEqual(parseTimingText(t).kind, 'unparsed', t.text);
});

test('a field value is not found twice: prose timing never overlaps the step timing it already has', () => {
  const doc = parseSop('# SOP\n\n## Steps\n\n### Step 1: Kickoff\n**Owner**: CSM\n**Timing**: Within 2 days of signing\n', 'k.md');
  assert.deepEqual(doc.steps[0]!.timing.map((t) => t.source), ['timing']);
});

test('detection is linear: a long line of near-misses is scanned once', () => {
  // Would take seconds if any pattern backtracked over the line; the assertion is on the result, not the clock.
  const line = 'within the '.repeat(5000) + 'and 3 reviewers '.repeat(5000);
  const found = findTimingSpans(line);
  assert.ok(found.length < 10_000);
});

test('a phrase split by a soft line break is one phrase whose range spans both lines', () => {
  const doc = parseSop('# SOP\n\n## Steps\n\n1. Revoke the badge within 24\n   hours of the last day, then log it.\n', 'soft.md');
  const step = allSteps(doc)[0]!;
  const t = step.timing.find((x) => x.range.start.line === 4)!;
  assert.ok(t, step.timing.map((x) => x.text).join(' | '));
  assert.deepEqual(t.range, { start: { line: 4, character: 20 }, end: { line: 5, character: 24 } });
  assert.equal(t.text.replace(/\s+/g, ' '), 'within 24 hours of the last day');
  assert.notEqual(parseTimingText(t).kind, 'unparsed');
});

test('list items, table rows and headings are not joined to the line after them', () => {
  const doc = parseSop('# SOP\n\n## Steps\n\n1. Wait 2\n2. Days later, file it.\n', 'items.md');
  for (const s of allSteps(doc)) for (const t of s.timing) assert.equal(t.range.start.line, t.range.end.line, t.text);
});

test('cells under a timing column are timing, whatever they say; other columns only when they look like it', () => {
  const text = '# SOP\n\n## Steps\n\n| Task | Owner | Week |\n|---|---|---|\n| Tag the build | Lead | buffer |\n| Fix 3 bugs | Lead | 4 |\n';
  const doc = parseSop(text, 'table.md');
  const phrases = [...allSteps(doc).flatMap((s) => s.timing), ...(doc.timing ?? [])].map((t) => t.text);
  assert.ok(phrases.includes('buffer'), phrases.join(' | '));
  assert.ok(phrases.includes('4'), phrases.join(' | '));
  assert.ok(!phrases.some((p) => /bugs|Lead/.test(p)), phrases.join(' | '));
});

test('prose in HTML blocks and MyST admonitions is read; HTML comments and code fences are not', () => {
  const text = [
    '# SOP', '', '## Process Steps', '', '### Step 1: Rotate the keys', '**Owner**: Security Lead', '',
    '<div>', '  <b>Note:</b> rotate again within 3 days of a leak.', '  <!-- every 5 minutes -->', '</div>', '',
    '```{note}', 'Check the dashboard weekly.', '```', '',
    '```', 'sleep 10 minutes', '```', '',
  ].join('\n');
  const doc = parseSop(text, 'html.md');
  const phrases = [...allSteps(doc).flatMap((s) => s.timing), ...(doc.timing ?? [])].map((t) => t.text);
  assert.deepEqual(phrases.sort(), ['weekly', 'within 3 days of a leak']);
});

test('agenda items and timing fields are read for timing too; the field value is not found twice', () => {
  const text = '# SOP\n\n## Steps\n\n### Step 1: Kickoff\n**Owner**: CSM\n**Timing**: Within 2 days of signing\n\n1. Introductions (5 min)\n2. Demo, repeated weekly (20 min)\n';
  const doc = parseSop(text, 'agenda.md');
  const step = doc.steps[0]!;
  assert.deepEqual(step.timing.map((t) => `${t.source}: ${t.text}`), ['timing: Within 2 days of signing', 'inline: 5 min', 'inline: weekly', 'inline: 20 min']);
});
