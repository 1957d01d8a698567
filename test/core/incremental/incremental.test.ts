import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../../../server/src/core/config';
import { IncrementalLint } from '../../../server/src/core/incremental/lint';
import { SectionMemos } from '../../../server/src/core/incremental/sections';
import { stableSkips, TrackedMemo } from '../../../server/src/core/incremental/tracked';
import { lintDocument } from '../../../server/src/core/lint/engine';
import { parseSopDetailed } from '../../../server/src/core/parse';
import { timingSpansMemo } from '../../../server/src/core/parse/proseTiming';
import { rolePartiesMemo } from '../../../server/src/core/parse/vocabulary';
import { buildTimeline, simulationMemo } from '../../../server/src/core/timeline/schedule';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';
import { DocumentChunkCache } from '../../../server/src/lsp/chunkCache';
import { listDocuments, prng, ROOT, seedFiles, generateCorpus } from '../../helpers';

/**
 * The incremental analysis of an open document (core/incremental/, the language server's per-document chunk
 * cache) must give exactly what a fresh full analysis gives: the same model and the same findings, after any
 * edit. Random edits on every seed, example and shape fixture, and on documents of the bench generator.
 */

const config = defaultConfig();
const workspace = new InMemoryWorkspace([]);
const TODAY = '2026-03-02';

/** The editor's side of one open document: its chunk cache and its lint across versions. */
class OpenDocument {
  private readonly cache = new DocumentChunkCache();
  readonly lint = new IncrementalLint();
  readonly sections = new SectionMemos();
  parsedChunks = 0;

  constructor(private readonly uri: string) {
    timingSpansMemo().bypass = false; // as the language server's Analyses does
    rolePartiesMemo().bypass = false;
    simulationMemo.enabled = true;
  }

  analyse(text: string): { doc: unknown; findings: unknown } {
    const r = parseSopDetailed(text, this.uri, { cache: this.cache, sectionMemos: this.sections });
    this.cache.endParse();
    this.parsedChunks = r.parsedChunks;
    const findings = this.lint.run({ doc: r.doc, workspace, config, today: TODAY, key: 'k' }).findings;
    return { doc: r.doc, findings };
  }
}

/** A fresh full analysis: no chunk cache, no memo of timing phrases or simulation runs, one plain lint. */
function fresh(text: string, uri: string): { doc: unknown; findings: unknown } {
  const memo = timingSpansMemo();
  const was = memo.bypass;
  const simulations = simulationMemo.enabled;
  const parties = rolePartiesMemo().bypass;
  memo.bypass = true;
  rolePartiesMemo().bypass = true;
  simulationMemo.enabled = false;
  try {
    const doc = parseSopDetailed(text, uri).doc;
    return { doc, findings: lintDocument({ doc, workspace, config, today: TODAY }) };
  } finally {
    memo.bypass = was;
    rolePartiesMemo().bypass = parties;
    simulationMemo.enabled = simulations;
  }
}

const PHRASES = ['x', ' within 2 business days', '\n', '\n\n', 'Owner: Site Lead\n', '## Step 9: Confirm the handover\n', ' after step 2', '- [ ] Check the badge\n', '1. Book the room (30 min)\n', ' by Friday'];

/** One random edit: an insertion (a character, a timing phrase, a line break, a step), a deletion or a line moved. */
function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const kind = rnd();
  if (kind < 0.55) return text.slice(0, at) + PHRASES[Math.floor(rnd() * PHRASES.length)]! + text.slice(at);
  if (kind < 0.85) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 40)));
  const lines = text.split('\n');
  const from = Math.floor(rnd() * lines.length);
  const [line] = lines.splice(from, 1);
  lines.splice(Math.floor(rnd() * lines.length), 0, line!);
  return lines.join('\n');
}

/** Analyses compared, and how many times the timing rules' findings were reused (the memo must be exercised). */
function differential(files: string[], edits: number, seed: number): { compared: number; reused: number } {
  const rnd = prng(seed);
  let compared = 0;
  let reused = 0;
  for (const file of files) {
    let text = fs.readFileSync(file, 'utf8');
    const uri = `file://${file}`;
    const open = new OpenDocument(uri);
    for (let i = 0; i <= edits; i++) {
      if (i > 0) text = edit(text, rnd);
      const inc = open.analyse(text);
      const full = fresh(text, uri);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(inc.doc)), JSON.parse(JSON.stringify(full.doc)), `${file}, edit ${i}: the model differs`);
      assert.deepStrictEqual(inc.findings, full.findings, `${file}, edit ${i}: the findings differ`);
      compared++;
    }
    reused += open.lint.counts.reused;
  }
  return { compared, reused };
}

describe('incremental analysis = full analysis', () => {
  test('random edits on the seeds, the examples and the shape fixtures', () => {
    const files = [...seedFiles(), ...listDocuments(path.join(ROOT, 'examples')), ...listDocuments(path.join(ROOT, 'test', 'fixtures', 'shapes'))];
    assert.ok(files.length >= 10, `only ${files.length} documents`);
    const { compared, reused } = differential(files, 8, 14);
    assert.ok(compared > files.length * 8);
    assert.ok(reused > files.length, `the timing rules' findings were reused ${reused} times`);
  });

  test('random edits on documents of the bench generator (large ones included)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-incremental-'));
    try {
      generateCorpus(dir, { count: 16, seed: '5', largeFraction: 0.1 });
      const files = listDocuments(dir);
      assert.ok(files.length >= 14);
      const { reused } = differential(files, 6, 15);
      assert.ok(reused > files.length, `the timing rules' findings were reused ${reused} times`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A procedure long enough that its sections are separate chunks, with timings the schedule reads. */
function longProcedure(): string {
  const out = ['---', 'id: PRC-77', 'type: procedure', 'owner: Ops Lead', '---', '', '# Warehouse move', '', '## Roles', '', '- **Ops Lead**: runs the move', '- **Site Lead**: runs a site', '', '## Procedure', ''];
  for (let i = 1; i <= 30; i++) {
    out.push(`### Step ${i}: Pack aisle ${i}`, '', `Owner: ${i % 2 ? 'Ops Lead' : 'Site Lead'}`, `Timeline: within ${(i % 4) + 1} business days`, '', `Label every crate of aisle ${i} before it leaves the shelf.`, `Count the crates twice and note the total.`, '');
  }
  return out.join('\n');
}

describe('an edit re-does only the work it touched (counted, not timed)', () => {
  test('prose typed in one step: one chunk parsed, one paragraph searched for timings, the schedule not rebuilt', () => {
    const uri = 'file:///w/move.md';
    const open = new OpenDocument(uri);
    // Step 3 names no owner, so recognition asks the document's role vocabulary (learnt only when asked).
    const lines = longProcedure().split('\n').filter((l, i, all) => !(l === 'Owner: Ops Lead' && all[i - 2] === '### Step 3: Pack aisle 3'));
    open.analyse(lines.join('\n'));
    assert.ok(open.parsedChunks > 10, `the document was read in ${open.parsedChunks} chunks`);
    assert.deepEqual(open.lint.counts, { computed: 1, reused: 0 });
    const memo = timingSpansMemo();
    const row = lines.findIndex((l) => l === 'Label every crate of aisle 17 before it leaves the shelf.');
    lines[row] = 'Label every crate of aisle 17 before it leaves the shelf, and tape it.';
    const misses = memo.misses;
    const partyMisses = rolePartiesMemo().misses;
    const inc = open.analyse(lines.join('\n'));
    assert.equal(open.parsedChunks, 1);
    assert.equal(memo.misses - misses, 1, 'only the edited paragraph is searched for timing phrases');
    assert.equal(rolePartiesMemo().misses - partyMisses, 1, 'only the edited paragraph is searched for parties');
    assert.deepEqual(open.lint.counts, { computed: 1, reused: 1 });
    assert.deepStrictEqual(inc.findings, fresh(lines.join('\n'), uri).findings);
  });

  test('a timing changed in one step: the schedule is rebuilt, and its findings change with it', () => {
    const uri = 'file:///w/move.md';
    const open = new OpenDocument(uri);
    const lines = longProcedure().split('\n');
    open.analyse(lines.join('\n'));
    const row = lines.findIndex((l) => l.startsWith('Timeline:'));
    lines[row] = 'Timeline: within 3 business days after step 9';
    const inc = open.analyse(lines.join('\n'));
    assert.equal(open.parsedChunks, 1);
    assert.deepEqual(open.lint.counts, { computed: 2, reused: 0 });
    assert.deepStrictEqual(inc.findings, fresh(lines.join('\n'), uri).findings);
  });
});

/** Stages with day windows (a target each: the lint simulates them) and durations, as the bench's large SOPs have. */
function stagedProcedure(): string {
  const out = ['---', 'id: PRC-78', 'type: procedure', '---', '', '# Clinic onboarding', '', '## Roles', '', '- **Project Lead**: runs it', '- **Trainer**: trains staff', '', '## Procedure', ''];
  for (let i = 1; i <= 12; i++) {
    const from = (i - 1) * 4;
    out.push(`### Stage ${i}: Rollout wave ${i} (Days ${from}-${from + 3})`, '', `**Owner**: ${i % 2 ? 'Project Lead' : 'Trainer'}`, `**Duration**: ${(i % 3) + 1}-${(i % 3) + 3} business days`, '', `Walk ward ${i} through the new check-in screens.`, '');
  }
  return out.join('\n');
}

describe('sections replayed by the identity of their lines (counted, not timed)', () => {
  test('a task typed in one stage of a large generated SOP: the other stages meet their very line objects again', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-identity-'));
    try {
      generateCorpus(dir, { count: 12, seed: '5', largeFraction: 0.1 });
      const file = listDocuments(dir).filter((f) => f.endsWith('.md')).sort((x, y) => fs.statSync(y).size - fs.statSync(x).size)[0]!;
      const uri = `file://${file}`;
      const open = new OpenDocument(uri);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      open.analyse(lines.join('\n'));
      const row = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('- [ ]'));
      lines[row] += ' Note who signed.';
      const skips = stableSkips.count;
      const inc = open.analyse(lines.join('\n'));
      assert.ok(stableSkips.count - skips >= 10, `line objects met again: ${stableSkips.count - skips}`);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(inc)), JSON.parse(JSON.stringify(fresh(lines.join('\n'), uri))));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the simulation runs of a schedule (counted, not timed)', () => {
  test('an edit that leaves the numbers alone reuses them; one that changes a duration runs them again', () => {
    const uri = 'file:///w/clinic.md';
    const open = new OpenDocument(uri);
    const lines = stagedProcedure().split('\n');
    open.analyse(lines.join('\n'));
    const owner = lines.findIndex((l) => l === '**Owner**: Trainer');
    lines[owner] = '**Owner**: Project Lead';
    let { hits, misses } = simulationMemo;
    let inc = open.analyse(lines.join('\n'));
    assert.deepEqual(open.lint.counts, { computed: 2, reused: 0 }, 'an owner is read by the schedule');
    assert.deepEqual([simulationMemo.hits - hits, simulationMemo.misses - misses], [1, 0], 'the runs are reused');
    assert.deepStrictEqual(inc.findings, fresh(lines.join('\n'), uri).findings);

    const duration = lines.findIndex((l) => l.startsWith('**Duration**: 3-5'));
    lines[duration] = '**Duration**: 6-9 business days';
    ({ hits, misses } = simulationMemo);
    inc = open.analyse(lines.join('\n'));
    assert.deepEqual([simulationMemo.hits - hits, simulationMemo.misses - misses], [0, 1], 'a new duration is simulated');
    assert.deepStrictEqual(inc.findings, fresh(lines.join('\n'), uri).findings);
  });

  test('a schedule built on reused runs equals one built without the memo', () => {
    const doc = parseSopDetailed(stagedProcedure(), 'file:///w/clinic.md').doc;
    const options = { config, today: TODAY, start: TODAY, runs: 0 };
    simulationMemo.enabled = false;
    const plain = buildTimeline(doc, options);
    simulationMemo.enabled = true;
    buildTimeline(doc, options);
    const hits = simulationMemo.hits;
    const reused = buildTimeline(doc, options);
    assert.equal(simulationMemo.hits - hits, 1);
    assert.deepStrictEqual(reused, plain);
    assert.ok(plain.issues.some((i) => i.rule === 'target-missed') || plain.steps.some((t) => t.scheduled), 'the document is scheduled');
  });
});

describe('TrackedMemo', () => {
  // Items hold an object, so they are read field by field (a small object of primitives, a position, is read whole).
  const sum = (m: { items: { n: number; note?: { text: string } }[] }): number => m.items.reduce((s, i) => s + i.n, 0);

  test('reuses while what it read is unchanged, recomputes when it changed', () => {
    const memo = new TrackedMemo<number>();
    assert.deepEqual(memo.run({ items: [{ n: 1, note: { text: 'a' } }, { n: 2 }] }, 'k', sum), { result: 3, reused: false });
    // `note` was never read: a new note does not matter.
    assert.deepEqual(memo.run({ items: [{ n: 1, note: { text: 'b' } }, { n: 2 }] }, 'k', sum), { result: 3, reused: true });
    assert.deepEqual(memo.run({ items: [{ n: 1 }, { n: 5 }] }, 'k', sum), { result: 6, reused: false });
    assert.deepEqual(memo.run({ items: [{ n: 1 }, { n: 5 }, { n: 1 }] }, 'k', sum), { result: 7, reused: false });
    assert.deepEqual(memo.run({ items: [{ n: 1 }, { n: 5 }, { n: 1 }] }, 'other key', sum), { result: 7, reused: false });
  });

  test('a result that passes on a part of the model is a read of all of it', () => {
    const memo = new TrackedMemo<{ line: number; character: number }>();
    const first = (m: { steps: { range: { start: { line: number; character: number } } }[] }) => m.steps[0]!.range.start;
    assert.deepEqual(memo.run({ steps: [{ range: { start: { line: 4, character: 0 } } }] }, 'k', first).result, { line: 4, character: 0 });
    const moved = memo.run({ steps: [{ range: { start: { line: 5, character: 0 } } }] }, 'k', first);
    assert.deepEqual(moved, { result: { line: 5, character: 0 }, reused: false });
  });

  test('optional fields, key lists and `in` are reads too', () => {
    const memo = new TrackedMemo<string>();
    const describeIt = (m: { a?: number; b?: number }) => `${Object.keys(m).join(',')}|${'b' in m}|${m.a ?? 'none'}`;
    assert.equal(memo.run({ a: 1 }, 'k', describeIt).result, 'a|false|1');
    assert.deepEqual(memo.run({ a: 1, b: 2 }, 'k', describeIt), { result: 'a,b|true|1', reused: false });
    assert.deepEqual(memo.run({ b: 2, a: 1 }, 'k', describeIt), { result: 'b,a|true|1', reused: false });
  });

  test('one object reached by two paths must be one object again', () => {
    const memo = new TrackedMemo<boolean>();
    const same = (m: { x: { v: number }; y: { v: number } }) => m.x === m.y;
    const shared = { v: 1 };
    assert.equal(memo.run({ x: shared, y: shared }, 'k', same).result, true);
    assert.deepEqual(memo.run({ x: { v: 1 }, y: { v: 1 } }, 'k', same), { result: false, reused: false });
  });

  test('a computation that writes to the model is never reused', () => {
    const memo = new TrackedMemo<number>();
    const bump = (m: { n: number }) => ++m.n;
    const model = { n: 1 };
    assert.equal(memo.run(model, 'k', bump).result, 2);
    assert.deepEqual(memo.run({ n: 2 }, 'k', bump), { result: 3, reused: false });
  });
});
