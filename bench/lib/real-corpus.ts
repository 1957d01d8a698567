/**
 * Scores sopls against the hand-labelled real-world corpus (test/fixtures/real/): is each document recognised as
 * an SOP or not, which steps were found, which owners, whether every timing phrase was understood or at least
 * reported, and how many findings a reviewer would accept. Used by `npm run bench` (phase `real`) and by
 * test/real/corpus.test.ts, which holds the floor the corpus must not fall below.
 *
 * Label format: test/fixtures/real/README.md. Lines in labels are 1-based; the model's are 0-based.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../../server/src/core/configLoad';
import type { Finding } from '../../server/src/core/findings';
import { indexEntryFromDoc } from '../../server/src/core/indexScan';
import { lintDocument } from '../../server/src/core/lint/engine';
import { allSteps, type SopDocument, type Step, type TimingText } from '../../server/src/core/model';
import { parseSop } from '../../server/src/core/parse';
import { parseTimingText } from '../../server/src/core/timeline/phrases';
import { InMemoryWorkspace } from '../../server/src/core/workspace';

export interface LabelStep {
  line: number;
  title: string;
  number?: string;
  group?: boolean;
  owner?: string | null;
  ownerSource?: string;
}

export interface LabelTiming {
  line: number;
  text: string;
  kind: string;
  meaning?: string;
}

export interface LabelFinding {
  rule: string;
  line: number;
  why?: string;
}

export interface Labels {
  isSop: boolean;
  why?: string;
  holdout?: boolean;
  steps: LabelStep[];
  timing: LabelTiming[];
  findings: { expected: LabelFinding[]; rejected?: LabelFinding[] };
}

export interface CorpusDocument {
  file: string;
  path: string;
  text: string;
  labels: Labels;
}

/** Counts for one document or a whole set; ratios are derived when printing. */
export interface Tally {
  documents: number;
  sopCorrect: number;
  labelledSteps: number;
  stepsFound: number;
  predictedSteps: number;
  predictedStepsMatched: number;
  labelledOwners: number;
  ownersFound: number;
  timingLabelled: number;
  timingUnderstood: number;
  timingReported: number;
  timingSilent: number;
  /** Per rule: findings reported, those a reviewer accepts (labelled expected), and labelled findings found. */
  findings: Record<string, { reported: number; accepted: number; expected: number; found: number }>;
}

export interface DocumentScore {
  file: string;
  holdout: boolean;
  labelIsSop: boolean;
  isSop: boolean;
  recognisedBy?: unknown;
  tally: Tally;
  /** What went wrong, for reading the bench output: missed steps, extra steps, silent timing, rejected findings. */
  misses: string[];
}

export interface CorpusScore {
  documents: DocumentScore[];
  tuning: Tally;
  holdout: Tally;
  all: Tally;
}

/** The labelled fixtures of a corpus folder, in file name order. */
export function loadCorpus(dir: string): CorpusDocument[] {
  const out: CorpusDocument[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.labels.json')) continue;
    const stem = name.slice(0, -'.labels.json'.length);
    const docName = fs.readdirSync(dir).find((n) => n !== name && n.startsWith(stem + '.') && !n.endsWith('.json'));
    if (!docName) throw new Error(`${name}: no document ${stem}.* beside it`);
    const labels = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Labels;
    out.push({ file: docName, path: path.join(dir, docName), text: fs.readFileSync(path.join(dir, docName), 'utf8'), labels });
  }
  return out;
}

export function emptyTally(): Tally {
  return {
    documents: 0,
    sopCorrect: 0,
    labelledSteps: 0,
    stepsFound: 0,
    predictedSteps: 0,
    predictedStepsMatched: 0,
    labelledOwners: 0,
    ownersFound: 0,
    timingLabelled: 0,
    timingUnderstood: 0,
    timingReported: 0,
    timingSilent: 0,
    findings: {},
  };
}

export function addTally(into: Tally, t: Tally): void {
  for (const key of Object.keys(t) as (keyof Tally)[]) {
    if (key === 'findings') continue;
    (into[key] as number) += t[key] as number;
  }
  for (const [rule, f] of Object.entries(t.findings)) {
    const acc = (into.findings[rule] ??= { reported: 0, accepted: 0, expected: 0, found: 0 });
    acc.reported += f.reported;
    acc.accepted += f.accepted;
    acc.expected += f.expected;
    acc.found += f.found;
  }
}

/** The date `review-overdue` measures from, fixed so scores do not change with the calendar. */
const TODAY = '2026-12-01';

/** Rules scored elsewhere: unparsed-timing is the "reported" column of the timing score. */
const RULES_SCORED_ELSEWHERE = new Set(['unparsed-timing']);

export function scoreDocument(d: CorpusDocument): DocumentScore {
  const doc = parseSop(d.text, `file:///corpus/${d.file}`);
  const ws = new InMemoryWorkspace([indexEntryFromDoc(doc)]);
  const findings = lintDocument({ doc, workspace: ws, config: resolveConfig().config, today: TODAY, shared: new Map() });
  const tally = emptyTally();
  const misses: string[] = [];
  const lines = d.text.split(/\r?\n/);
  tally.documents = 1;
  if (doc.isSop === d.labels.isSop) tally.sopCorrect = 1;
  else misses.push(d.labels.isSop ? 'not recognised as an SOP' : 'wrongly recognised as an SOP');
  scoreSteps(d.labels, doc, tally, misses);
  if (d.labels.isSop) scoreTiming(d.labels, doc, findings, lines, tally, misses);
  scoreFindings(d.labels, findings, tally, misses);
  return {
    file: d.file,
    holdout: !!d.labels.holdout,
    labelIsSop: d.labels.isSop,
    isSop: doc.isSop,
    recognisedBy: doc.recognisedBy,
    tally,
    misses,
  };
}

function stepLine(s: Step): number {
  return s.headingRange.start.line + 1;
}

function scoreSteps(labels: Labels, doc: SopDocument, tally: Tally, misses: string[]): void {
  const predicted = doc.isSop ? allSteps(doc) : [];
  const byLine = new Map<number, Step>();
  for (const s of predicted) if (!byLine.has(stepLine(s))) byLine.set(stepLine(s), s);
  const labelLines = new Set(labels.isSop ? labels.steps.map((s) => s.line) : []);
  tally.predictedSteps = predicted.length;
  for (const s of predicted) {
    if (labelLines.has(stepLine(s))) tally.predictedStepsMatched++;
    else if (misses.length < 60) misses.push(`extra step line ${stepLine(s)}: ${s.title.slice(0, 60)}`);
  }
  if (!labels.isSop) return;
  for (const label of labels.steps) {
    if (label.group) continue;
    tally.labelledSteps++;
    const found = byLine.get(label.line);
    if (found) tally.stepsFound++;
    else misses.push(`missed step line ${label.line}: ${label.title.slice(0, 60)}`);
    if (label.owner) {
      tally.labelledOwners++;
      if (found && ownerMatches(found, label.owner)) tally.ownersFound++;
      else if (found) misses.push(`owner of line ${label.line}: want "${label.owner}" (${label.ownerSource ?? '?'}), got ${describeOwners(found)}`);
    }
  }
}

function describeOwners(s: Step): string {
  return s.owners.length ? s.owners.map((o) => `"${o.name}"`).join(', ') : 'none';
}

const FILLER = new Set(['the', 'a', 'an', 'team', 'of', 'and', 'or', 's']);

function ownerWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .map((w) => w.replace(/s$/, ''))
    .filter((w) => w && !FILLER.has(w));
}

/**
 * An owner counts when one name the model found shares a word with the labelled owner (after dropping filler
 * words): "Release Manager" finds "release managers", "IC" does not find "Incident Commander" unless the model
 * resolved the acronym. A document-level fallback owner is not the step's owner.
 */
export function ownerMatches(step: Step, labelOwner: string): boolean {
  const want = new Set(ownerWords(labelOwner));
  for (const o of step.owners) {
    if (o.placeholder) continue;
    if (o.source === 'document') continue;
    if (ownerWords(o.name).some((w) => want.has(w))) return true;
  }
  return false;
}

function timingUnderstood(t: TimingText): boolean {
  try {
    return parseTimingText(t).kind !== 'unparsed';
  } catch {
    return false;
  }
}

/** Columns [from, to) of the labelled phrase on its line; the whole line when the text is not found as written. */
function labelSpan(label: LabelTiming, lines: string[]): [number, number] {
  const line = lines[label.line - 1] ?? '';
  const at = line.toLowerCase().indexOf(label.text.toLowerCase());
  return at >= 0 ? [at, at + label.text.length] : [0, line.length];
}

function overlapsOnLine(range: { start: { line: number; character: number }; end: { line: number; character: number } }, line0: number, span: [number, number]): boolean {
  if (line0 < range.start.line || line0 > range.end.line) return false;
  const from = range.start.line === line0 ? range.start.character : 0;
  const to = range.end.line === line0 ? range.end.character : Number.MAX_SAFE_INTEGER;
  return from < span[1] && span[0] < to;
}

function scoreTiming(labels: Labels, doc: SopDocument, findings: Finding[], lines: string[], tally: Tally, misses: string[]): void {
  const phrases = doc.isSop ? [...allSteps(doc).flatMap((s) => s.timing), ...(doc.timing ?? [])] : [];
  const unparsed = findings.filter((f) => f.rule === 'unparsed-timing');
  for (const label of labels.timing) {
    tally.timingLabelled++;
    const span = labelSpan(label, lines);
    const line0 = label.line - 1;
    const covering = phrases.filter((p) => overlapsOnLine(p.range, line0, span));
    if (covering.some(timingUnderstood)) tally.timingUnderstood++;
    else if (unparsed.some((f) => overlapsOnLine(f.range, line0, span))) tally.timingReported++;
    else {
      tally.timingSilent++;
      misses.push(`silent timing line ${label.line}: "${label.text}" (${label.kind})`);
    }
  }
}

function scoreFindings(labels: Labels, findings: Finding[], tally: Tally, misses: string[]): void {
  const expected = labels.findings?.expected ?? [];
  const key = (rule: string, line: number) => `${rule}@${line}`;
  const expectedKeys = new Set(expected.map((f) => key(f.rule, f.line)));
  const reportedKeys = new Set<string>();
  for (const f of findings) {
    if (RULES_SCORED_ELSEWHERE.has(f.rule)) continue;
    const line = f.range.start.line + 1;
    const acc = (tally.findings[f.rule] ??= { reported: 0, accepted: 0, expected: 0, found: 0 });
    acc.reported++;
    reportedKeys.add(key(f.rule, line));
    if (expectedKeys.has(key(f.rule, line))) acc.accepted++;
    else misses.push(`rejected ${f.rule} line ${line}: ${f.message.slice(0, 80)}`);
  }
  for (const e of expected) {
    const acc = (tally.findings[e.rule] ??= { reported: 0, accepted: 0, expected: 0, found: 0 });
    acc.expected++;
    if (reportedKeys.has(key(e.rule, e.line))) acc.found++;
    else misses.push(`missed finding ${e.rule} line ${e.line}`);
  }
}

export function scoreCorpus(docs: CorpusDocument[]): CorpusScore {
  const documents = docs.map(scoreDocument);
  const tuning = emptyTally();
  const holdout = emptyTally();
  const all = emptyTally();
  for (const d of documents) {
    addTally(d.holdout ? holdout : tuning, d.tally);
    addTally(all, d.tally);
  }
  return { documents, tuning, holdout, all };
}

const pct = (n: number, d: number): number | null => (d === 0 ? null : Math.round((1000 * n) / d) / 10);

/** The ratios the targets are stated in, as percentages (null when nothing was there to count). */
export function ratios(t: Tally) {
  const findingPrecision: Record<string, { reported: number; precision: number | null; recall: number | null }> = {};
  for (const [rule, f] of Object.entries(t.findings).sort()) {
    findingPrecision[rule] = { reported: f.reported, precision: pct(f.accepted, f.reported), recall: pct(f.found, f.expected) };
  }
  return {
    documents: t.documents,
    sopRecognised: pct(t.sopCorrect, t.documents),
    stepRecall: pct(t.stepsFound, t.labelledSteps),
    stepPrecision: pct(t.predictedStepsMatched, t.predictedSteps),
    ownerRecall: pct(t.ownersFound, t.labelledOwners),
    timingUnderstood: pct(t.timingUnderstood, t.timingLabelled),
    timingReported: pct(t.timingReported, t.timingLabelled),
    timingSilent: t.timingSilent,
    timingLabelled: t.timingLabelled,
    findingPrecision,
  };
}

/** A plain-text report: one line per document, then the totals for tuning, hold-out and all documents. */
export function formatScore(score: CorpusScore, options: { misses?: boolean } = {}): string {
  const out: string[] = [];
  const cell = (v: number | null) => (v === null ? '   -' : `${v.toFixed(0).padStart(4)}`);
  out.push('document                                            sop  steps R/P    owners  timing U/R/silent  findings ok/all');
  for (const d of score.documents) {
    const r = ratios(d.tally);
    const f = Object.values(d.tally.findings).reduce((a, x) => [a[0]! + x.accepted, a[1]! + x.reported], [0, 0]);
    out.push(
      `${(d.holdout ? '*' : ' ') + d.file.slice(0, 50).padEnd(51)} ${d.isSop === d.labelIsSop ? ' ok' : 'BAD'}  ${cell(r.stepRecall)}/${cell(r.stepPrecision)}  ${cell(r.ownerRecall)}    ${d.tally.timingUnderstood}/${d.tally.timingReported}/${d.tally.timingSilent} of ${d.tally.timingLabelled}`.padEnd(110) +
        ` ${f[0]}/${f[1]}`,
    );
    if (options.misses) for (const m of d.misses) out.push(`      ${m}`);
  }
  out.push('(* = hold-out document, kept out of tuning)');
  const p = (v: number | null) => (v === null ? '-' : `${v}%`);
  for (const [name, t] of [['tuning', score.tuning], ['hold-out', score.holdout], ['all', score.all]] as const) {
    const r = ratios(t);
    out.push(
      `${name}: ${r.documents} documents; SOP recognised ${p(r.sopRecognised)}; steps recall ${p(r.stepRecall)} precision ${p(r.stepPrecision)}; ` +
        `owners ${p(r.ownerRecall)}; timing understood ${p(r.timingUnderstood)} reported ${p(r.timingReported)} silent ${r.timingSilent} of ${r.timingLabelled}`,
    );
    const rules = Object.entries(r.findingPrecision).map(([rule, f]) => `${rule} ${p(f.precision)} of ${f.reported} (recall ${p(f.recall)})`);
    out.push(`  finding precision: ${rules.join('; ') || 'no findings'}`);
  }
  return out.join('\n');
}

/** `node real-corpus.js [DIR …] [--misses] [--json]`, as the bench and bench/real.mjs run it. */
export function main(argv: string[]): void {
  const dirs = argv.filter((a) => !a.startsWith('--'));
  if (dirs.length === 0) dirs.push(path.join(process.cwd(), 'test', 'fixtures', 'real'));
  const score = scoreCorpus(dirs.flatMap((d) => loadCorpus(d)));
  if (argv.includes('--json')) {
    process.stdout.write(
      JSON.stringify(
        {
          tuning: ratios(score.tuning),
          holdout: ratios(score.holdout),
          all: ratios(score.all),
          documents: score.documents.map((d) => ({ file: d.file, holdout: d.holdout, recognisedBy: d.recognisedBy, ...ratios(d.tally), misses: d.misses })),
        },
        null,
        2,
      ) + '\n',
    );
  } else process.stdout.write(formatScore(score, { misses: argv.includes('--misses') }) + '\n');
}

