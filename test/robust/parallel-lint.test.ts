import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadsForLoad } from '../../server/src/node/parallelLint';
import { ROOT, generateCorpus } from '../helpers';

/**
 * `sopls lint` on worker threads gives byte-for-byte the output of one thread, and `--cache` after a change
 * gives the output of a cold run on the same files (the built CLI, on a generated workspace big enough for
 * the worker pool to start).
 */

const CLI = path.join(ROOT, 'bin', 'sopls.js');

function lint(cwd: string, env: Record<string, string>, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'lint', '.', '--format', 'json', ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('sopls lint: two threads = one thread; --cache after a change = cold', { timeout: 120_000 }, (t) => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'lint-worker.js'))) {
    t.skip('dist/lint-worker.js is not built (run `node esbuild.mjs`)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-parallel-'));
  try {
    generateCorpus(dir, { count: 80, seed: '11', largeFraction: 0 });
    fs.writeFileSync(path.join(dir, '.sopls.json'), '{}\n');

    const cache = path.join(dir, '.cache', 'lint');
    const one = lint(dir, { SOPLS_LINT_THREADS: '1' });
    // Two threads, filling the cache on the way.
    const two = lint(dir, { SOPLS_LINT_THREADS: '2' }, '--cache', '--cache-location', cache);
    assert.equal(one.stderr, '');
    assert.equal(one.status, 1, 'the corpus has planted errors');
    const findings = JSON.parse(one.stdout) as { rule: string }[];
    assert.ok(findings.length > 20, `${findings.length} findings`);
    assert.equal(two.status, one.status);
    assert.equal(two.stdout, one.stdout, 'same findings, same order');

    // Change one document's body and another's id: the second changes what other documents resolve to.
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { documents: { file: string; id?: string }[] };
    const withId = manifest.documents.find((d) => d.id?.startsWith('POL-'))!;
    const plain = manifest.documents.find((d) => d.file.endsWith('.txt'))!;
    fs.appendFileSync(path.join(dir, plain.file), '- Confirm the cache test edit.\n');
    const idFile = path.join(dir, withId.file);
    fs.writeFileSync(idFile, fs.readFileSync(idFile, 'utf8').replace(`id: ${withId.id}`, 'id: POL-77777'));
    const cached = lint(dir, { SOPLS_LINT_THREADS: '2' }, '--cache', '--cache-location', cache);
    const cold = lint(dir, { SOPLS_LINT_THREADS: '1' });
    assert.notEqual(cold.stdout, one.stdout, 'the edits changed the findings');
    assert.equal(cached.stdout, cold.stdout, '--cache equals a cold run');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('default thread count: one per core the load average leaves free, at least one', () => {
  assert.equal(threadsForLoad(2, 0.1), 2);
  assert.equal(threadsForLoad(2, 0.7), 1);
  assert.equal(threadsForLoad(2, 18), 1);
  assert.equal(threadsForLoad(8, 3.2), 5);
  assert.equal(threadsForLoad(1, 0), 1);
});
