/**
 * The hand-labelled real-world corpus (test/fixtures/real/): the labels are well formed and point at the lines
 * they describe, every document's source and licence is recorded, and sopls scores at least the floor below on
 * the tuning documents and on the hold-out quarter. Raise a floor when the recogniser improves; a change that
 * lowers a score fails here. `node bench/real.mjs --misses` shows what each document loses.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadCorpus, ratios, scoreCorpus, type CorpusDocument } from '../../bench/lib/real-corpus';

const DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'real');
const corpus: CorpusDocument[] = fs.existsSync(DIR) ? loadCorpus(DIR) : [];

/**
 * Floors, in percent, for the tuning set and for the hold-out set; timing silent is a count. They are the scores
 * of the last change that raised them (the scorer is deterministic), not the goals: issue 11 asks for SOPs
 * recognised ≥ 95%, step recall ≥ 90% and precision ≥ 95%, owner recall ≥ 85%, timing ≥ 80% understood and none
 * silent, on both sets. Raise a floor whenever a change lifts its score.
 */
const FLOOR = {
  // Measured on all 79 documents (58 tuning, 21 hold-out) after session 4 added twelve documents from eight new
  // organisations (67 documents before: tuning 100 / 88.4 / 92.3 / 77.2 / 98.4 / 4 silent, hold-out 88.9 / 72.8 /
  // 89.4 / 52.2 / 76.6 / 31 silent). The new shapes (bold role lead-ins, sentence steps, policies with criteria
  // lists) lowered several scores; the recogniser did not change.
  // Session 4's step work (lists that are not steps, sequence words, `Step N` labels, duties headings) raised the
  // tuning SOPs recognised from 98.3 to 100, steps from 88.4 / 91.5 to 90.2 / 95.5 and owners from 74.3 to 77.7;
  // the hold-out did not move.
  // Then the findings branch (timing shapes: dates without a year, halves of a period, the evening before…):
  // tuning 99% understood, none silent.
  // Session 4's owner work (vocabulary, role headings, inheritance at every depth, sentence subjects, line wraps,
  // prefix owners) raised tuning owners from 77.7 to 81.6.
  // Session 5 rotated the hold-out: 11 of its 21 documents (every other one in file-name order) moved into tuning,
  // where their misses may now be read; the other 10 stay held out, joined by fresh documents fetched and labelled
  // without running sopls. The tuning set then scored 98.6 / 88.1 / 94.6 / 74.8 / 97.4 / 11 silent.
  // Session 5's step work (bold numbered headings, appendices by their own title, prose sub-steps beside lists,
  // criteria and catalogue lead-ins, time headings inside templates) raised steps to 90.3 / 95.9, owners to 75.1.
  // Session 5's owner work (modal lead-ins, a role as the document's title, an introduction naming the checklist
  // a party follows, a step's Participants row, acronyms that spell out a thing) raised tuning owners to 82.8
  // and the hold-out's to 74.2.
  // Session 5's timing work (open bounds, lead times, counting words, out-of-hours, `at the latest`, counts per
  // period…): tuning 99.9% understood, none silent.
  // All of session 5's branches merged: tuning owners 85.
  tuning: { sopRecognised: 98.6, stepRecall: 90.3, stepPrecision: 95.9, ownerRecall: 85, timingUnderstood: 99.9, timingSilent: 0 },
  // The hold-out, scored once at the end of session 5 with the 22 fresh documents (32 in all): 93.8 / 69.3 / 90.9 /
  // 55.4 / 82.3 / 44 silent. On the 22 fresh documents alone, main at the start of the session scored 95.5 / 68.9 /
  // 89.9 / 39.7 / 86.7 / 22 silent and at the end 95.5 / 68.9 / 89.4 / 39.7 / 87.7 / 21: the session's tuning did
  // not carry over. Only then were its placeholder findings read (16 false ones: Jekyll `{{ site.baseurl }}`).
  holdout: { sopRecognised: 93.8, stepRecall: 69.3, stepPrecision: 90.9, ownerRecall: 55.4, timingUnderstood: 82.3, timingSilent: 44 },
};
/** Rules with at least this many findings on the corpus must be at least MIN_PRECISION precise (goal: 90%). */
const PRECISION_MIN_FINDINGS = 20;
// missing-owner: 48.1% of 54 on the 67 documents at the start of session 3, 50% of 56 at its end (recall
// 44.1% → 47.5%). Most of its false findings come from steps the recogniser reads wrongly, not from the rule.
// Session 4's twelve new documents brought it to 38.1% of 84: 20 of the new false findings are one checklist whose
// owners sit in bold lead-ins ('**Before the workshop, the host will**') that the recogniser does not read as roles.
// The findings branch then asked for a written ownership convention before per-step findings (owners read only
// from sentences are not one): 43.8% of 73.
// Session 5 read those lead-ins and other owners (see FLOOR): 65.6% of 61 on all documents (tuning 66.7% of 54).
// Session 5's owner work: 65.6% on the 79 documents. The 22 fresh hold-out documents brought it to 57.1% of 77 (the
// hold-out alone 33.3% of 24): the floor follows the larger corpus, the goal stays 90%.
const MIN_PRECISION = 57;

const RULE_IDS = new Set([
  'missing-owner', 'unknown-role', 'broken-link', 'duplicate-id', 'frontmatter-schema', 'placeholder', 'step-numbering',
  'link-to-deprecated', 'review-overdue', 'agenda-overrun', 'unreadable-content', 'timeline-conflict', 'dependency-cycle',
  'unresolved-reference', 'unparsed-timing', 'duration-mismatch', 'target-missed',
]);
const TIMING_KINDS = new Set(['deadline', 'offset', 'window', 'milestone', 'duration', 'relation', 'cadence', 'ongoing', 'immediate', 'date', 'clock', 'weekday']);
const OWNER_SOURCES = new Set(['label', 'parenthesis', 'bullet', 'section', 'table', 'raci', 'sentence']);
const LICENCES = new Set(['MIT', 'MIT OR Apache-2.0', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', 'MPL-2.0', 'CC0-1.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'Unlicense', 'public-domain']);

/** Words of a line or title without Markdown punctuation, lower case. */
function words(s: string): string[] {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
}

test('the corpus holds at least 40 labelled documents from at least 20 sources', { skip: corpus.length === 0 && 'no corpus yet' }, () => {
  assert.ok(corpus.length >= 40, `${corpus.length} documents`);
  const sources = JSON.parse(fs.readFileSync(path.join(DIR, 'SOURCES.json'), 'utf8')) as { file: string; repo: string; organisation: string; commit: string; licence: string; path: string }[];
  const orgs = new Set(sources.map((s) => s.organisation.toLowerCase()));
  assert.ok(orgs.size >= 20, `${orgs.size} organisations`);
  const holdout = corpus.filter((d) => d.labels.holdout).length;
  assert.ok(holdout >= corpus.length / 5, `${holdout} hold-out documents of ${corpus.length}`);
});

test('every document has its source, commit and an open licence recorded', { skip: corpus.length === 0 && 'no corpus yet' }, () => {
  const sources = JSON.parse(fs.readFileSync(path.join(DIR, 'SOURCES.json'), 'utf8')) as { file: string; repo: string; commit: string; licence: string; path: string }[];
  const byFile = new Map(sources.map((s) => [s.file, s]));
  for (const d of corpus) {
    const s = byFile.get(d.file);
    assert.ok(s, `${d.file} is not in SOURCES.json`);
    assert.match(s.commit, /^[0-9a-f]{40}$/, `${d.file}: commit`);
    assert.match(s.repo, /^[\w.-]+\/[\w.-]+$/, `${d.file}: repo`);
    assert.ok(s.path, `${d.file}: path`);
    assert.ok(LICENCES.has(s.licence), `${d.file}: licence ${s.licence}`);
  }
});

for (const d of corpus) {
  test(`labels of ${d.file} are well formed and point at their lines`, () => {
    const lines = d.text.split(/\r?\n/);
    const L = d.labels;
    assert.equal(typeof L.isSop, 'boolean');
    let prev = 0;
    for (const s of L.steps) {
      assert.ok(Number.isInteger(s.line) && s.line >= 1 && s.line <= lines.length, `step line ${s.line}`);
      assert.ok(s.line > prev, `steps in document order, one per line (line ${s.line})`);
      prev = s.line;
      const first = words(s.title).find((w) => w.length >= 3) ?? words(s.title)[0];
      if (first) assert.ok(words(lines[s.line - 1]!).some((w) => w.startsWith(first.slice(0, 6))), `step line ${s.line} does not hold "${s.title}"`);
      if (s.owner) assert.ok(OWNER_SOURCES.has(s.ownerSource ?? ''), `step line ${s.line}: ownerSource ${s.ownerSource}`);
    }
    for (const t of L.timing) {
      assert.ok(TIMING_KINDS.has(t.kind), `timing line ${t.line}: kind ${t.kind}`);
      assert.ok((lines[t.line - 1] ?? '').toLowerCase().includes(t.text.toLowerCase()), `timing line ${t.line} does not hold "${t.text}"`);
    }
    for (const f of [...(L.findings?.expected ?? []), ...(L.findings?.rejected ?? [])]) {
      assert.ok(RULE_IDS.has(f.rule), `finding rule ${f.rule}`);
      assert.ok(f.line >= 1 && f.line <= lines.length, `finding line ${f.line}`);
    }
  });
}

test('sopls scores at least the floor on the tuning and the hold-out documents', { skip: corpus.length === 0 && 'no corpus yet' }, () => {
  const score = scoreCorpus(corpus);
  for (const set of ['tuning', 'holdout'] as const) {
    const r = ratios(score[set]);
    const floor = FLOOR[set];
    for (const key of ['sopRecognised', 'stepRecall', 'stepPrecision', 'ownerRecall', 'timingUnderstood'] as const) {
      assert.ok((r[key] ?? 100) >= floor[key], `${set} ${key} ${r[key]}% is below the floor ${floor[key]}%`);
    }
    assert.ok(r.timingSilent <= floor.timingSilent, `${set}: ${r.timingSilent} timing phrases silently ignored`);
  }
  const all = ratios(score.all);
  for (const [rule, f] of Object.entries(all.findingPrecision)) {
    if (f.reported >= PRECISION_MIN_FINDINGS) assert.ok((f.precision ?? 0) >= MIN_PRECISION, `${rule}: precision ${f.precision}% of ${f.reported}`);
  }
});
