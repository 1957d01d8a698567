/**
 * A seeded mutation fuzzer for the hostile shapes of issue 15: real documents (the examples and seeds) mutated
 * by splicing in the fragments that once stalled or fooled sopls — BOMs, NULs, runs of brackets, YAML anchors
 * and repeated keys, deep list nesting, long lines, disable/enable comments, escape sequences — and by deleting,
 * duplicating and swapping ranges. Each mutant is parsed, scanned for the index and linted; it must not throw,
 * every range must lie inside the document, and the characters its regexes examine must stay within a
 * per-character budget (counted, not timed). `npm test` runs a short fixed-seed round
 * (test/robust/fuzz-hostile.test.ts); `npm run bench:hostile -- --fuzz N` a long one.
 */
import { defaultConfig } from '../../server/src/core/config';
import { scanIndexEntry } from '../../server/src/core/indexScan';
import { lintText } from '../../server/src/core/lint/lintText';
import { parseSop } from '../../server/src/core/parse';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { prng } from '../helpers';
import { countRegexWork } from './regexWork';
import { collectRanges, documentLines, rangeProblem, realDocuments } from './sop-arbitraries';

type Random = () => number;

const pick = <T>(rnd: Random, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const count = (rnd: Random, max: number): number => 1 + Math.floor(rnd() * max);

/** Fragments that hit a budget or a once-quadratic path; `n` scales the repeats. */
const FRAGMENTS: ((rnd: Random) => string)[] = [
  () => '\uFEFF',
  () => '\u0000',
  () => '\x1b[2J\x1b]0;title\x07',
  (r) => '[a] '.repeat(count(r, 1200)),
  (r) => '[x](y) '.repeat(count(r, 400)),
  (r) => '\n' + Array.from({ length: count(r, 30) }, () => '[a] '.repeat(count(r, 200))).join('\n') + '\n',
  (r) => '---\nid: PRC-1\n' + Array.from({ length: count(r, 400) }, (_, i) => `a${i}: &x${i} v\nb${i}: *x${i}`).join('\n') + '\n---\n',
  (r) => '---\nid: PRC-2\n' + Array.from({ length: count(r, 3000) }, (_, i) => `k${i % 50}: v`).join('\n') + '\n---\n',
  (r) => '1. ' + '1. 2) - > '.repeat(count(r, 200)) + 'deep\n',
  (r) => Array.from({ length: count(r, 120) }, (_, i) => ' '.repeat(2 * i) + '- level').join('\n') + '\n',
  (r) => 'word '.repeat(count(r, 6000)),
  (r) => Array.from({ length: count(r, 300) }, (_, i) => (i % 2 ? '<!-- sopls-enable -->' : '<!-- sopls-disable placeholder -->')).join('\n') + '\n',
  (r) => '[CLIENT NAME] '.repeat(count(r, 300)) + '\n',
  (r) => '### Step 1: X\n**Owner**: ' + 'CSM and AE, '.repeat(count(r, 500)) + '\n',
  (r) => '**Timeline**: ' + 'within 2 days of '.repeat(count(r, 300)) + 'kickoff\n',
  (r) => '<!-- sopls-disable '.repeat(count(r, 300)),
  () => '\r\n\r',
  () => 'é😀\u200b\u202e',
];

function mutate(rnd: Random, text: string): string {
  const at = () => Math.floor(rnd() * (text.length + 1));
  switch (Math.floor(rnd() * 5)) {
    case 0:
    case 1: {
      const i = at();
      return text.slice(0, i) + pick(rnd, FRAGMENTS)(rnd) + text.slice(i);
    }
    case 2: {
      const i = at();
      return text.slice(0, i) + text.slice(i + count(rnd, 200));
    }
    case 3: {
      const i = at();
      const piece = text.slice(i, i + count(rnd, 400));
      return text.slice(0, i) + piece.repeat(count(rnd, 20)) + text.slice(i);
    }
    default:
      return pick(rnd, FRAGMENTS)(rnd) + text;
  }
}

/** Regex characters examined per character of input (plus a fixed allowance) before a mutant is flagged. */
export const WORK_PER_CHAR = 400;
const WORK_ALLOWANCE = 2_000_000;

export interface FuzzFailure {
  seed: number;
  iteration: number;
  problem: string;
  /** The mutant, to replay. */
  text: string;
  uri: string;
}

export interface FuzzReport {
  documents: number;
  failures: FuzzFailure[];
  /** The largest regex work per input character seen. */
  maxWorkPerChar: number;
}

export function fuzzHostile(seed: number, iterations: number): FuzzReport {
  const rnd = prng(seed);
  const docs = realDocuments();
  const failures: FuzzFailure[] = [];
  let maxWorkPerChar = 0;
  // One-time work (the schema validator compiled, holiday data loaded) is not charged to the first mutant.
  const counter = countRegexWork();
  for (const d of docs) check(d.text, d.uri, counter);
  try {
    for (let i = 0; i < iterations; i++) {
      const base = pick(rnd, docs);
      let text = base.text;
      for (let m = count(rnd, 4); m > 0; m--) text = mutate(rnd, text);
      const uri = rnd() < 0.5 ? base.uri : base.uri.replace(/\.\w+$/, rnd() < 0.5 ? '.md' : '.txt');
      const { problem, work } = check(text, uri, counter);
      maxWorkPerChar = Math.max(maxWorkPerChar, work / Math.max(1, text.length));
      const overBudget = work > WORK_PER_CHAR * text.length + WORK_ALLOWANCE ? `regexes examined ${work} characters for ${text.length} of input` : undefined;
      if (problem || overBudget) failures.push({ seed, iteration: i, problem: (problem ?? overBudget)!, text, uri });
    }
  } finally {
    counter.restore();
  }
  return { documents: iterations, failures, maxWorkPerChar };
}

/** Runs sopls on one mutant; `work` counts only sopls's own regex work, not the range checks after it. */
function check(text: string, uri: string, counter: ReturnType<typeof countRegexWork>): { problem?: string; work: number } {
  counter.reset();
  try {
    const doc = parseSop(text, uri);
    const entry = scanIndexEntry(text, uri);
    const { findings } = lintText({ text, uri, workspace: new InMemoryWorkspace([entry]), config: defaultConfig(), today: '2026-11-23', force: true });
    const work = counter.read().chars;
    const lines = documentLines(text);
    for (const { path, range } of [...collectRanges(doc), ...collectRanges(findings)]) {
      const p = rangeProblem(range, lines);
      if (p) return { problem: `${path}: ${p}`, work };
    }
    return { work };
  } catch (err) {
    return { problem: `threw ${err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 4).join(' | ') : String(err)}`, work: counter.read().chars };
  }
}
