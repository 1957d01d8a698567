import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseSop } from '../../../server/src/core/parse';
import { defaultConfig } from '../../../server/src/core/config';
import { allSteps, type Range } from '../../../server/src/core/model';
import { BusinessAxis, businessAxisFor, clearAxisCache } from '../../../server/src/core/timeline/axis';
import { createCalendar } from '../../../server/src/core/timeline/calendar';
import { parseTiming, parseTimingMemo, parseTimingText, clearPhraseCache, type Timing } from '../../../server/src/core/timeline/phrases';
import { eventStems, indexCandidates, resolveAnchor, type Candidate, type Candidates } from '../../../server/src/core/timeline/resolve';
import { buildTimeline, clearTimelineCaches, type TimelineOptions } from '../../../server/src/core/timeline/schedule';
import { ROOT, SEEDS_DIR, seedFiles } from '../../helpers';

/**
 * The memoised phrases, the shared business-day axis and the reference index must never change a result: every
 * timeline here is computed with them and without them (caches: false) and compared whole.
 */

function exampleFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(md|txt)$/.test(e.name) && e.name !== 'README.md') out.push(full);
    }
  };
  walk(path.join(ROOT, 'examples'));
  return out.sort();
}

const seeds = seedFiles();
const examples = exampleFiles();

function makeRange(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** The same text pushed down and to the right: every range moves, every phrase stays. */
function shifted(text: string): string {
  return `<!-- moved -->\n\n${text}`;
}

const OPTION_SETS: [string, TimelineOptions][] = [
  ['lint (runs 0)', { start: '2026-03-02', runs: 0 }],
  ['US holidays, Monte Carlo', { start: '2026-07-02', holidays: 'US', runs: 60, seed: 3 }],
  ['closed dates, DE-BY', { start: '2026-12-21', config: { ...defaultConfig(), calendar: { workweek: [1, 2, 3, 4], closed: ['2026-12-24', '2026-12-31'], holidays: 'DE-BY' } }, runs: 0 }],
];

function checkFile(file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const uri = `file:///${path.basename(file)}`;
  for (const [label, options] of OPTION_SETS) {
    for (const variant of [text, shifted(text)]) {
      // Parsed afresh for every build: the model is shared by the timeline it produces.
      const plain = buildTimeline(parseSop(variant, uri), { ...options, caches: false });
      clearTimelineCaches();
      const cold = buildTimeline(parseSop(variant, uri), options);
      const warm = buildTimeline(parseSop(variant, uri), options);
      assert.deepStrictEqual(cold, plain, `${path.basename(file)} ${label}: cold caches differ`);
      assert.deepStrictEqual(warm, plain, `${path.basename(file)} ${label}: warm caches differ`);
    }
    // Warm from the unshifted document, then the shifted one: every phrase comes from the memo, moved.
    clearTimelineCaches();
    buildTimeline(parseSop(text, uri), options);
    const moved = buildTimeline(parseSop(shifted(text), uri), options);
    assert.deepStrictEqual(moved, buildTimeline(parseSop(shifted(text), uri), { ...options, caches: false }), `${path.basename(file)} ${label}: moved phrases differ`);
  }
}

test('examples: cached and uncached timelines are deep-equal', () => {
  assert.ok(examples.length >= 5, `expected the examples folder, found ${examples.length} files`);
  for (const file of examples) checkFile(file);
});

test('seeds: cached and uncached timelines are deep-equal', { skip: seeds.length === 0 && `no seeds at ${SEEDS_DIR}` }, () => {
  assert.equal(seeds.length, 5);
  for (const file of seeds) checkFile(file);
});

test('a long chain with broken deadlines: the skipped re-evaluations give the same plan', () => {
  // Every deadline is shorter than the step's own work.
  const lines = ['# Chain', '', '## Process Steps', ''];
  for (let n = 1; n <= 40; n++) {
    lines.push(`### Step ${n}: Prepare Ledger Batch ${n}`, '**Owner**: Finance Operations');
    lines.push(n === 1 ? '**Timing**: Within 1 business day of contract signing' : `**Timing**: Within 1 business day of Prepare Ledger Batch ${n - 1}`);
    lines.push(`**Duration**: ${2 + (n % 3)} business days`, '');
  }
  const doc = lines.join('\n');
  const plain = buildTimeline(parseSop(doc, 'file:///chain.md'), { start: '2026-03-02', runs: 0, caches: false });
  const cached = buildTimeline(parseSop(doc, 'file:///chain.md'), { start: '2026-03-02', runs: 0 });
  assert.deepStrictEqual(cached, plain);
  // Hand-computed. Deadlines count from the step named, never from what depends on it, so the backward pass
  // settles (it used to lower the finishes round after round until its limit, a year before the start). Step n
  // takes 2 + n % 3 business days (3, 4, 2, 3, …) and every deadline is shorter than its work, so every step is a
  // conflict. A latest finish is never before the step's own earliest finish (the conflict says what is wrong),
  // so the latest dates are the earliest ones: step 1 days 0-2 (Wed 03-04), step 2 3-6 (Tue 03-10), step 3 7-8
  // (Thu 03-12), step 4 9-11 (Tue 03-17), and no step has slack.
  assert.equal(cached.issues.filter((i) => i.rule === 'timeline-conflict').length, 40);
  assert.deepEqual(cached.steps.slice(0, 4).map((s) => s.latest?.finish), ['2026-03-04', '2026-03-10', '2026-03-12', '2026-03-17']);
  assert.deepEqual(cached.steps.slice(0, 4).map((s) => s.slack), [0, 0, 0, 0]);
  assert.ok(cached.steps.every((s) => s.latest!.finish === s.earliest!.finish));
  // Steps 1-39 take 117 business days (done by business day 116); step 40 is due one later and takes three.
  assert.equal(cached.issues[39]!.message, '40. Prepare Ledger Batch 40 is due by business day 117 (2026-08-12), but 39. Prepare Ledger Batch 39 finishes only by business day 116 (2026-08-11), so 40. Prepare Ledger Batch 40 can finish only by business day 119 (2026-08-14)');
});

// ---- phrases -------------------------------------------------------------------------------------------------

const PHRASES = [
  'Within 5 business days of account setup',
  'Book a call within 2 business days of initial contact. Share notes.',
  'within 3 days of the\nsecurity sign-off',
  'within 3 days of the\r\nsecurity sign-off\rand the review',
  'Days 31-90',
  '30/60/90-Day Check-In',
  'After step 3 or 6',
  'within the kickoff',
  '',
  'Weekly (Fridays 9:00 AM UTC) for the first 90 days',
  '~2 weeks',
  '2024-02-30',
];

test('memoised phrases equal a fresh parse wherever the phrase sits, clamped ranges included', () => {
  clearPhraseCache();
  for (const text of PHRASES) {
    const lines = text.split(/\r\n|\r|\n/);
    const last = lines[lines.length - 1]!.length;
    const ranges: Range[] = [
      makeRange(0, 0, lines.length - 1, lines.length === 1 ? text.length : last),
      makeRange(7, 10, 7 + lines.length - 1, lines.length === 1 ? 10 + text.length : last),
      makeRange(30, 4, 30 + lines.length - 1, lines.length === 1 ? 4 + text.length : last),
      // Shorter than the text: positions clamp to the end.
      makeRange(2, 0, 2, 10),
      makeRange(12, 6, 12, 9),
      makeRange(4, 8, 5, 3),
      // An end before the start (never produced by the parser, still handled alike).
      makeRange(9, 5, 8, 2),
    ];
    for (const source of [undefined, 'timeline', 'duration'] as const) {
      for (const range of ranges) {
        const fresh = parseTiming(text, range, source);
        assert.deepStrictEqual(parseTimingMemo(text, range, source), fresh, `${JSON.stringify(text)} at ${JSON.stringify(range)}`);
        assert.deepStrictEqual(parseTimingMemo(text, range, source), fresh, `${JSON.stringify(text)} again`);
      }
    }
  }
});

test('memoised phrases are copies: changing one does not change the next', () => {
  clearPhraseCache();
  const timing = { source: 'timeline' as const, text: 'Within 24 hours of contract signing', range: makeRange(3, 11, 3, 46) };
  const first = parseTimingText(timing) as Extract<Timing, { kind: 'deadline' }>;
  assert.equal(first.kind, 'deadline');
  first.within.max = 999;
  first.range.start.line = 99;
  first.anchor!.text = 'changed';
  const second = parseTimingText(timing);
  assert.deepStrictEqual(second, parseTiming(timing.text, timing.range, timing.source));
});

test('every timing phrase of the seeds and examples parses the same through the memo', () => {
  clearPhraseCache();
  let count = 0;
  for (const file of [...seeds, ...examples]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const variant of [text, shifted(text)]) {
      for (const step of allSteps(parseSop(variant, 'file:///x.md'))) {
        for (const t of step.timing) {
          assert.deepStrictEqual(parseTimingText(t), parseTiming(t.text, t.range, t.source));
          count++;
        }
      }
    }
  }
  assert.ok(count >= 40, `only ${count} phrases`);
});

// ---- reference resolution ---------------------------------------------------------------------------------

function stepCandidate(title: string, index: number): Candidate {
  return { ref: { kind: 'step', index }, label: `${index + 1}. ${title}`, stems: eventStems(title), stepIndex: index };
}

function candidatesOf(titles: string[], triggers: string[] = ['contract signing', 'start', 'deal close']): Candidates {
  return {
    steps: titles.map(stepCandidate),
    triggers: triggers.map((text) => ({ ref: { kind: 'trigger', text }, label: text, stems: eventStems(text) })),
    processStems: eventStems('Customer Onboarding'),
    stepNumbers: new Map(titles.map((_, i) => [i + 1, i])),
  };
}

test('the reference index resolves and suggests exactly as comparing with every step does', () => {
  const titles = [
    'Kickoff Meeting', 'Kick-off Call Prep', 'Account Setup Procedures', 'Needs Assessment Process', 'Onboarding',
    'Onboarding Onboarding Review', 'Configuration Review', 'Configure Tenant', 'Go-Live', 'Launch Readiness Review',
    'Training Sessions', 'Train the Trainers', 'Welcome Email', 'Executive Business Review', 'Review', 'Renewal Prep',
    'Data Migration', 'Data Migration Dry Run', 'Success Plan', 'Security Sign-off', 'Contract Signing Follow-up',
  ];
  const anchors = [
    'the kickoff meeting', 'kick-off call', 'account set up', 'needs assessment', 'onboarding', 'onboard onboard',
    'configuration', 'configur', 'go live', 'launch', 'training', 'trainer', 'welcome', 'review', 'the review',
    'executive review', 'renewal', 'data migration', 'migration dry run', 'success', 'security signoff', 'step 4',
    'step 40', 'contract signing', 'signing', 'deal', 'customer onboarding', 'kikcoff meting', 'acount setup',
    'data migraton', 'xyz', 'welcome emali', 'trainings', 'sessions', 'assessments', 'configurations review',
    'the onboarding of the customer', 'go-live readiness', 'tenant', 'plan',
  ];
  const plain = candidatesOf(titles);
  const indexed = indexCandidates(plain);
  let resolved = 0;
  let suggested = 0;
  for (const anchor of anchors) {
    for (const asking of [undefined, 0, 4, 14]) {
      const exclude = new Set<number>(asking === undefined ? [] : [asking]);
      for (const triggers of [plain.triggers, []]) {
        const want = resolveAnchor(anchor, { ...plain, triggers }, exclude);
        const got = resolveAnchor(anchor, { ...indexed, triggers }, exclude);
        assert.deepStrictEqual(got, want, `"${anchor}" excluding ${asking}`);
        if (want.ref) resolved++;
        if (want.suggestion) suggested++;
        // Without suggestions only the suggestion goes.
        assert.deepStrictEqual(resolveAnchor(anchor, { ...indexed, triggers }, exclude, { suggest: false }), want.ref ? { ref: want.ref } : {});
      }
    }
  }
  // Both branches are exercised, not just one.
  assert.ok(resolved > 100 && suggested > 20, `resolved ${resolved}, suggested ${suggested}`);
});

test('an index built for other arrays is ignored, not trusted', () => {
  const indexed = indexCandidates(candidatesOf(['Kickoff Meeting', 'Welcome Email']));
  const other = candidatesOf(['Data Migration', 'Kickoff Meeting']);
  assert.deepStrictEqual(resolveAnchor('kickoff', { ...other, index: indexed.index }, new Set()), { ref: { kind: 'step', index: 1 } });
});

// ---- axis ------------------------------------------------------------------------------------------------------

test('the business-day axis is shared between equal calendars and only those', () => {
  clearAxisCache();
  const us = createCalendar({ holidays: 'US' }).calendar;
  const us2 = createCalendar({ holidays: 'us', workweek: [5, 4, 3, 2, 1, 1] }).calendar;
  const gb = createCalendar({ holidays: 'GB' }).calendar;
  const closed = createCalendar({ holidays: 'US', closed: ['2026-07-06'] }).calendar;
  const a = businessAxisFor(us, '2026-07-02');
  assert.equal(businessAxisFor(us2, '2026-07-02'), a);
  assert.notEqual(businessAxisFor(us, '2026-07-03'), a);
  assert.notEqual(businessAxisFor(gb, '2026-07-02'), a);
  const c = businessAxisFor(closed, '2026-07-02');
  assert.notEqual(c, a);
  const fresh = new BusinessAxis(closed, '2026-07-02');
  for (let day = c.startDay - 400; day < c.startDay + 800; day += 3) {
    assert.equal(c.startPosOfDay(day), fresh.startPosOfDay(day));
    assert.equal(c.endPosOfDay(day), fresh.endPosOfDay(day));
  }
  // 2026-07-06 (Monday) is closed only in the second calendar: business day 1 after Thursday the 2nd differs.
  assert.equal(a.date(a.dayAt(1)), '2026-07-06');
  assert.equal(c.date(c.dayAt(1)), '2026-07-07');
});
