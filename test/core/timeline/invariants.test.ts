/**
 * Invariants every schedule keeps, property-tested with fast-check over generated SOPs and checked on every seed,
 * example and rule fixture. On the schedule with the shortest durations: earliest start ≤ earliest finish ≤ latest
 * finish, latest start ≥ the plan's earliest day and ≥ the earliest start (slack ≥ 0), P50 ≤ P90, critical ⇔
 * zero slack — unless a conflict finding names the step. No date is ever invalid (no NaN).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseSop } from '../../../server/src/core/parse';
import { buildTimeline, type Timeline } from '../../../server/src/core/timeline/schedule';
import { createCalendar } from '../../../server/src/core/timeline/calendar';
import { timelineToJson } from '../../../server/src/core/timeline/render/json';
import { ROOT, seedFiles } from '../../helpers';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Every violation of the invariants in one timeline, as readable lines (empty when it holds). */
export function invariantViolations(t: Timeline): string[] {
  const out: string[] = [];
  const excused = new Set<string>();
  for (const i of t.issues) if (i.rule === 'timeline-conflict' || i.rule === 'dependency-cycle') for (const s of i.steps) excused.add(s);
  const rows = t.steps.filter((s) => s.included && s.earliest && s.latest);
  let planStart = t.start;
  for (const s of rows) if (s.earliest!.start < planStart) planStart = s.earliest!.start;
  const json = JSON.stringify(timelineToJson(t));
  if (json.includes('NaN')) out.push('NaN in the JSON');
  for (const s of rows) {
    const e = s.earliest!;
    const l = s.latest!;
    for (const d of [e.start, e.finish, l.start, l.finish, s.p50, s.p90, s.due]) if (d !== undefined && !ISO.test(d)) out.push(`${s.label}: bad date ${d}`);
    if (s.p50 && s.p90 && s.p50 > s.p90) out.push(`${s.label}: P50 ${s.p50} after P90 ${s.p90}`);
    if (excused.has(s.label)) continue;
    if (e.start > e.finish) out.push(`${s.label}: earliest start ${e.start} after earliest finish ${e.finish}`);
    if (e.finish > l.finish) out.push(`${s.label}: earliest finish ${e.finish} after latest finish ${l.finish}`);
    if (l.start < planStart) out.push(`${s.label}: latest start ${l.start} before the plan's first day ${planStart}`);
    if (l.start < e.start) out.push(`${s.label}: latest start ${l.start} before earliest start ${e.start}`);
    if (!(s.slack! >= 0)) out.push(`${s.label}: slack ${s.slack}`);
    if (s.critical !== (s.slack === 0)) out.push(`${s.label}: critical ${s.critical} with slack ${s.slack}`);
  }
  const f = t.finish;
  for (const d of [f.earliest, f.latest, f.p50, f.p90]) if (d !== undefined && !ISO.test(d)) out.push(`finish: bad date ${d}`);
  if (f.p50 && f.p90 && f.p50 > f.p90) out.push(`finish: P50 ${f.p50} after P90 ${f.p90}`);
  if (f.earliest && f.latest && f.earliest > f.latest) out.push(`finish: earliest ${f.earliest} after latest ${f.latest}`);
  return out;
}

// ---- generated SOPs ----------------------------------------------------------------------------------------

const NOUNS = ['Intake', 'Review', 'Setup', 'Kickoff', 'Training', 'Audit', 'Launch', 'Handoff', 'Survey', 'Billing', 'Cutover', 'Signoff'];
const UNITS = ['business days', 'days', 'hours', 'weeks'];

interface GenStep {
  depth: 0 | 1;
  duration?: { lo: number; hi: number; unit: number };
  timing?:
    | { kind: 'within'; n: number; unit: number; of: number | 'signing' }
    | { kind: 'day'; n: number }
    | { kind: 'during'; of: number }
    | { kind: 'after'; of: number }
    | { kind: 'window'; from: number; to: number }
    | { kind: 'milestone'; n: number }
    | { kind: 'cadence' }
    | { kind: 'weekday'; day: number; form: number }
    | { kind: 'ladder'; n: number; of: number | 'none' };
  dependsOn?: number;
}

const genStep = fc.record(
  {
    depth: fc.constantFrom<0 | 1>(0, 0, 1),
    duration: fc.record({ lo: fc.integer({ min: 1, max: 5 }), hi: fc.integer({ min: 0, max: 4 }), unit: fc.integer({ min: 0, max: 3 }) }).map((d) => ({ ...d, hi: d.lo + d.hi })),
    timing: fc.oneof(
      fc.record({ kind: fc.constant('within' as const), n: fc.integer({ min: 1, max: 15 }), unit: fc.integer({ min: 0, max: 3 }), of: fc.oneof(fc.constant('signing' as const), fc.integer({ min: 0, max: 11 })) }),
      fc.record({ kind: fc.constant('day' as const), n: fc.integer({ min: -5, max: 40 }) }),
      fc.record({ kind: fc.constant('during' as const), of: fc.integer({ min: 0, max: 11 }) }),
      fc.record({ kind: fc.constant('after' as const), of: fc.integer({ min: 0, max: 11 }) }),
      fc.record({ kind: fc.constant('window' as const), from: fc.integer({ min: 0, max: 30 }), to: fc.integer({ min: 0, max: 30 }) }).map((w) => ({ ...w, to: w.from + w.to })),
      fc.record({ kind: fc.constant('milestone' as const), n: fc.constantFrom(30, 60, 90) }),
      fc.constant({ kind: 'cadence' as const }),
      fc.record({ kind: fc.constant('weekday' as const), day: fc.integer({ min: 0, max: 4 }), form: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('ladder' as const), n: fc.integer({ min: 1, max: 8 }), of: fc.oneof(fc.constant('none' as const), fc.integer({ min: 0, max: 11 })) }),
    ),
    dependsOn: fc.integer({ min: 0, max: 11 }),
  },
  { requiredKeys: ['depth'] },
) as fc.Arbitrary<GenStep>;

function title(i: number): string {
  return `${NOUNS[i % NOUNS.length]} ${['Alpha', 'Bravo', 'Charlie', 'Delta'][Math.floor(i / NOUNS.length) % 4]}`;
}

/** A Markdown SOP from generated steps; references point only at titles that exist (or at a missing one, rarely). */
export function sopText(steps: GenStep[]): string {
  const lines = ['# Generated Plan', '', '## Process Steps', ''];
  let number = 0;
  steps.forEach((s, i) => {
    const name = title(i);
    const other = (k: number) => title(k % steps.length);
    if (s.depth === 1 && i > 0) lines.push(`#### ${name}`);
    else lines.push(`### Step ${++number}: ${name}${s.timing?.kind === 'window' ? ` (Days ${s.timing.from}-${s.timing.to})` : ''}`);
    lines.push(`**Owner**: ${['Ops', 'Finance', 'CSM'][i % 3]}`);
    if (s.duration) lines.push(`**Duration**: ${s.duration.lo === s.duration.hi ? s.duration.lo : `${s.duration.lo}-${s.duration.hi}`} ${UNITS[s.duration.unit]}`);
    const t = s.timing;
    if (t?.kind === 'within') lines.push(`**Timing**: Within ${t.n} ${UNITS[t.unit]} of ${t.of === 'signing' ? 'contract signing' : other(t.of)}`);
    else if (t?.kind === 'day') lines.push(`**Timing**: Day ${t.n}`);
    else if (t?.kind === 'during') lines.push(`**Timing**: During the ${other(t.of)}`);
    else if (t?.kind === 'after') lines.push(`**Timing**: After ${other(t.of)}`);
    else if (t?.kind === 'milestone') lines.push(`**Timing**: ${t.n}-day check-in`);
    else if (t?.kind === 'cadence') lines.push('**Timing**: Weekly');
    else if (t?.kind === 'weekday') {
      const day = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][t.day]!;
      lines.push(`**Timing**: ${[day, `by ${day}`, `${day} the week before`, `${day} of week 2`][t.form]}`);
    } else if (t?.kind === 'ladder') lines.push(`**Timing**: ${t.of === 'none' ? `After ${t.n} weeks` : `No reply after ${t.n} weeks since the ${other(t.of)}`}`);
    if (s.dependsOn !== undefined && s.dependsOn % 3 === 0) lines.push(`**Depends on**: ${other(s.dependsOn)}`);
    lines.push('');
  });
  return lines.join('\n');
}

// npm test runs 2,000 (about 15 s); `SOPLS_INVARIANT_RUNS=10000` is the full check, run before a release and for the timeline report.
const RUNS = Number(process.env['SOPLS_INVARIANT_RUNS'] ?? 2_000);

test(`invariants hold on ${RUNS} generated schedules (fast-check)`, () => {
  let checked = 0;
  // One US calendar for every run (building date-holidays' tables is the slow part, not the schedule).
  const calendar = createCalendar({ holidays: 'US' }).calendar;
  fc.assert(
    fc.property(fc.array(genStep, { minLength: 1, maxLength: 9 }), fc.constantFrom('2026-03-02', '2026-07-02', '2026-12-24'), (steps, start) => {
      const t = buildTimeline(parseSop(sopText(steps), 'file:///gen.md'), { start, calendar, runs: 12, seed: 3 });
      checked++;
      const v = invariantViolations(t);
      if (v.length) throw new Error(`${v.join('\n')}\n---\n${sopText(steps)}`);
    }),
    { numRuns: RUNS, seed: 20260302 },
  );
  assert.equal(checked >= RUNS, true);
});

function documentsToCheck(): string[] {
  const files = [...seedFiles()];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(md|txt)$/.test(e.name) && e.name !== 'README.md') files.push(p);
    }
  };
  walk(path.join(ROOT, 'examples'));
  walk(path.join(ROOT, 'test/fixtures/rules'));
  return files;
}

test('invariants hold on every seed, example and rule fixture (three start dates, US holidays)', () => {
  const files = documentsToCheck();
  assert.ok(files.length > 20, `only ${files.length} documents`);
  for (const file of files) {
    const doc = parseSop(fs.readFileSync(file, 'utf8'), `file://${file}`);
    for (const start of ['2026-03-02', '2026-07-02', '2026-12-24']) {
      const t = buildTimeline(doc, { start, holidays: 'US', runs: 200, seed: 1 });
      assert.deepEqual(invariantViolations(t), [], `${path.relative(ROOT, file)} from ${start}`);
    }
  }
});

test('a plan with no schedulable steps says so instead of giving invalid dates', () => {
  const t = buildTimeline(parseSop('# Notes\n\n## Process Steps\n\n### Step 1: Keep Watch\n**Timing**: Ongoing\n', 'file:///n.md'), { start: '2026-03-02', runs: 100 });
  const j = timelineToJson(t);
  assert.deepEqual(j.finish, { unscheduled: 'no step has timing that can be scheduled' });
  assert.ok(!JSON.stringify(j).includes('NaN'));
});
