import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { GROWTH_LIMIT } from './growth';
import { regexProbes } from './probes';
import { backtrackTraceFlags, BACKTRACKS_PER_CHAR, countRegexWork, FALLBACK_TRACE, type RegexWork } from './regexWork';

/**
 * No catastrophic backtracking in the parser's patterns or the timing-phrase parser, judged by work counted,
 * not time (see regexWork.ts): each probe (a long line built to make one pattern backtrack) runs on n and 8n
 * characters in a child process whose V8 reports any regex call past BACKTRACKS_PER_CHAR backtracks per input
 * character, and the characters its regexes examine grow at most GROWTH_LIMIT× from n to 8n. The same probes
 * are timed in `npm run bench` (phase growth).
 */

const SMALL = 12_500;
const LARGE = SMALL * 8;

interface ProbeWork {
  small: RegexWork;
  large: RegexWork;
}

const probeName = process.env['SOPLS_REGEX_PROBE'];

if (probeName) {
  // Child: run one probe at both sizes, print the counts as the last line.
  const probe = regexProbes().find((p) => p.name === probeName)!;
  const counter = countRegexWork();
  const measure = (size: number): RegexWork => {
    const input = probe.make(size);
    counter.reset();
    probe.run(input);
    return counter.read();
  };
  const work: ProbeWork = { small: measure(SMALL), large: measure(LARGE) };
  counter.restore();
  process.stdout.write('\n' + JSON.stringify(work) + '\n');
} else {
  const runChild = (name: string): Promise<{ work: ProbeWork; fallbacks: string[] }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [...backtrackTraceFlags(BACKTRACKS_PER_CHAR * LARGE), __filename], {
        env: { ...process.env, SOPLS_REGEX_PROBE: name },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.on('error', reject);
      child.on('close', (code) => {
        const lines = out.split('\n');
        const last = lines.filter((l) => l.startsWith('{')).pop();
        if (code !== 0 || !last) return reject(new Error(`probe child exited ${code}: ${out.slice(-500)}`));
        resolve({ work: JSON.parse(last) as ProbeWork, fallbacks: lines.filter((l) => l.startsWith(FALLBACK_TRACE)) });
      });
    });

  describe('regex work grows linearly', { concurrency: 2 }, () => {
    for (const probe of regexProbes()) {
      test(`no super-linear regex work: ${probe.name}`, async () => {
        const { work, fallbacks } = await runChild(probe.name);
        assert.deepEqual(fallbacks.slice(0, 3), [], `a regex call backtracked more than ${BACKTRACKS_PER_CHAR}× its input`);
        const ratio = work.large.chars / Math.max(1, work.small.chars);
        assert.ok(ratio <= GROWTH_LIMIT, `${SMALL} → ${LARGE} characters: regexes examined ${work.small.chars} → ${work.large.chars} characters, ${ratio.toFixed(1)}× (limit ${GROWTH_LIMIT}×)`);
      });
    }
  });

  test('the counters see what they are meant to see', async () => {
    // A scanner that re-runs a pattern over the rest of the line at each position is charged quadratically.
    const counter = countRegexWork();
    const quadratic = (s: string) => {
      for (let i = 0; i < s.length; i++) /z/.test(s.slice(i));
    };
    quadratic('a'.repeat(100));
    const small = counter.read().chars;
    counter.reset();
    quadratic('a'.repeat(800));
    const large = counter.read().chars;
    counter.restore();
    assert.ok(large / small > 40, `quadratic scan counted ${small} → ${large}`);
    // And V8 reports a catastrophic pattern under the same flags.
    const traced = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [...backtrackTraceFlags(BACKTRACKS_PER_CHAR * 40), '-e', "/^(a+)+b/.test('a'.repeat(40))"], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.on('close', () => resolve(out));
    });
    assert.ok(traced.includes(FALLBACK_TRACE), `no trace for a catastrophic pattern: ${traced.slice(0, 200)}`);
  });
}
