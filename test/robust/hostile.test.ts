import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseSop } from '../../server/src/core/parse';
import { scanIndexEntry } from '../../server/src/core/indexScan';
import { lintText } from '../../server/src/core/lint/lintText';
import { buildTimeline } from '../../server/src/core/timeline/schedule';
import { defaultConfig } from '../../server/src/core/config';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { collectRanges, documentLines, rangeProblem } from './sop-arbitraries';

/**
 * Hostile documents: each must be answered (a model, findings, a timeline) with the right shape. Speed is not
 * judged here (a loaded machine would fail it at random): `npm run bench` times these shapes. Each case runs
 * in a worker thread of this same file, so a case that hangs is stopped by a hang guard far beyond any speed
 * goal and reported, instead of stalling the whole suite.
 */

/** Not a speed goal: only there so a hang fails this file instead of stalling `npm test`. */
const HANG_GUARD_MS = 300_000;

interface CaseResult {
  steps: number;
  rules: string[];
  problems: string[];
  timelineSteps: number;
  badRange?: string;
  error?: string;
}

const ROLES = '## Roles\n\n- Customer Success Manager (CSM): runs onboarding\n- Account Executive (AE): sells\n\n';
const FM = '---\nid: PRC-900\ntype: process\ntitle: Hostile\nstatus: active\n---\n# Hostile\n\n';

const CASES: Record<string, () => { text: string; uri: string }> = {
  'a 5 MB line (Markdown)': () => ({ text: FM + ROLES + '### Step 1: Long\n**Owner**: CSM\n\n' + 'lorem ipsum [COMPANY] PRC-1 '.repeat(180_000) + '\n', uri: 'file:///ws/long.md' }),
  'a 5 MB line (plain text)': () => ({ text: 'Step-by-Step Procedures\n1. Long\nOwner: CSM\n' + 'lorem ipsum [COMPANY] PRC-1 '.repeat(180_000) + '\n', uri: 'file:///ws/long.txt' }),
  'a 5 MB owner line of many owners': () => ({ text: 'Step-by-Step Procedures\n1. Crowded\nOwner: ' + 'CSM and AE, '.repeat(430_000) + '\n', uri: 'file:///ws/owners.txt' }),
  'a 5 MB timeline line': () => ({ text: 'Step-by-Step Procedures\n1. Late\nOwner: CSM\nTimeline: ' + 'within 5 business days of '.repeat(200_000) + 'contract signing\n', uri: 'file:///ws/timeline.txt' }),
  'lists nested 1,000 levels (one per line)': () => ({ text: FM + Array.from({ length: 1000 }, (_, i) => '  '.repeat(i) + '- level ' + i).join('\n') + '\n', uri: 'file:///ws/nested.md' }),
  'lists nested 1,000 levels (one line)': () => ({ text: FM + '- '.repeat(1000) + 'deep\n1. ' + '1. '.repeat(1000) + 'deeper\n', uri: 'file:///ws/nested-line.md' }),
  '10,000 steps (Markdown)': () => ({
    text: FM + ROLES + '## Process Steps\n\n' + Array.from({ length: 10_000 }, (_, i) => `### Step ${i + 1}: Task ${i + 1}\n**Owner**: CSM\n**Duration**: 1 business day\n`).join('\n'),
    uri: 'file:///ws/many.md',
  }),
  '10,000 steps (plain text)': () => ({
    text: 'Responsibilities\n| Role |\nResponsibility |\n| Customer Success Manager (CSM) |\nRuns it. |\nStep-by-Step Procedures\n' + Array.from({ length: 10_000 }, (_, i) => `${i + 1}. Task ${i + 1}\nOwner: CSM\nTimeline: Within ${i + 2} business days of contract signing`).join('\n') + '\n',
    uri: 'file:///ws/many.txt',
  }),
  'a cycle of 1,000 references': () => ({
    text: FM + ROLES + '## Process Steps\n\n' + Array.from({ length: 1000 }, (_, i) => `### Step ${i + 1}: Task ${i + 1}\n**Owner**: CSM\n**Timeline**: Within 2 business days of Task ${((i + 1) % 1000) + 1}\n`).join('\n'),
    uri: 'file:///ws/cycle.md',
  }),
};

function runCase(name: string): CaseResult {
  const { text, uri } = CASES[name]!();
  try {
    const doc = parseSop(text, uri);
    const workspace = new InMemoryWorkspace([scanIndexEntry(text, uri)]);
    const { findings } = lintText({ text, uri, workspace, config: defaultConfig(), today: '2026-11-23', force: true });
    const timeline = buildTimeline(doc, { today: '2026-11-23', start: '2026-03-02', runs: 5, seed: 1 });
    const lines = documentLines(text);
    let badRange: string | undefined;
    for (const { path, range } of [...collectRanges(doc), ...collectRanges(findings), ...collectRanges(timeline)]) {
      const p = rangeProblem(range, lines);
      if (p) {
        badRange = `${path}: ${p}`;
        break;
      }
    }
    return {
      steps: doc.steps.length,
      rules: [...new Set(findings.map((f) => f.rule))].sort(),
      problems: doc.problems.map((p) => p.code),
      timelineSteps: timeline.steps.length,
      ...(badRange ? { badRange } : {}),
    };
  } catch (err) {
    return { steps: 0, rules: [], problems: [], timelineSteps: 0, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

if (!isMainThread && (workerData as { hostileCase?: string } | undefined)?.hostileCase) {
  parentPort!.postMessage(runCase((workerData as { hostileCase: string }).hostileCase));
} else if (isMainThread) {
  /** Runs a case in a worker; rejects when it hangs past `boundMs`. */
  const inWorker = (name: string, boundMs: number): Promise<CaseResult> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: { hostileCase: name } });
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`"${name}" hung (no answer after ${boundMs / 1000} s)`));
      }, boundMs);
      worker.once('message', (r: CaseResult) => {
        clearTimeout(timer);
        void worker.terminate();
        resolve(r);
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });

  const expectations: [string, (r: CaseResult) => void][] = [
    // Past 2.5 MB Markdown is read as plain text (parse/index.ts), and says so.
    ['a 5 MB line (Markdown)', (r) => assert.deepEqual(r.problems, ['document-too-large'])],
    ['a 5 MB line (plain text)', (r) => assert.equal(r.steps, 1)],
    ['a 5 MB owner line of many owners', (r) => assert.equal(r.steps, 1)],
    ['a 5 MB timeline line', (r) => assert.equal(r.steps, 1)],
    ['lists nested 1,000 levels (one per line)', (r) => assert.equal(r.steps, 0)],
    ['lists nested 1,000 levels (one line)', (r) => assert.equal(r.steps, 0)],
    ['10,000 steps (Markdown)', (r) => assert.deepEqual([r.steps, r.timelineSteps], [10_000, 10_000])],
    ['10,000 steps (plain text)', (r) => assert.deepEqual([r.steps, r.timelineSteps], [10_000, 10_000])],
    ['a cycle of 1,000 references', (r) => assert.ok(r.rules.includes('dependency-cycle'), `rules: ${r.rules.join(', ')}`)],
  ];

  // Two cases at a time: each is one worker, and the bounds leave room for sharing the machine.
  describe('hostile content', { concurrency: 2 }, () => {
    for (const [name, check] of expectations) {
      test(`${name} is answered`, async () => {
        const r = await inWorker(name, HANG_GUARD_MS);
        assert.equal(r.error, undefined, `threw: ${r.error}`);
        assert.equal(r.badRange, undefined, `range outside the document: ${r.badRange}`);
        check(r);
      });
    }
  });
}
