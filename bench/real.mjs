#!/usr/bin/env node
// Scores the real-world corpus quickly, without the rest of the bench:
//
//   node bench/real.mjs [DIR …] [--misses] [--json]
//
// DIR defaults to test/fixtures/real. Several DIRs are scored as one corpus. --misses lists, under each
// document, the steps missed or invented, owners not found, timing phrases left silent and findings a reviewer
// rejects. `npm run bench -- --phases real` runs the same scorer as a bench phase.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(BENCH, '.cache', 'real-corpus.js');
fs.mkdirSync(path.dirname(out), { recursive: true });
const esbuild = await import('esbuild');
await esbuild.build({
  entryPoints: [path.join(BENCH, 'lib', 'real-corpus.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
