#!/usr/bin/env node
// `npm run bench:hostile`: the hostile-repository reproductions of issue 15 (bench/lib/hostile-bench.ts), timed
// with their peak RSS. Builds dist/ and the bench helper, runs it, writes bench/results-hostile.json.
//
//   node bench/hostile.mjs [--cli PATH --server PATH] [--only NAME,…] [--timeout S] [--fuzz N [--seed S]] [--out FILE]
//
// --cli/--server measure another build (e.g. an older commit's dist/) for before/after figures.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchHelpers } from './lib/build-helpers.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const argv = process.argv.slice(2);
const outAt = argv.indexOf('--out');
const out = outAt >= 0 ? path.resolve(argv.splice(outAt, 2)[1]) : path.join(BENCH, 'results-hostile.json');

if (!argv.includes('--cli')) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
const { 'hostile-bench': helper } = await buildBenchHelpers({ 'hostile-bench': path.join(BENCH, 'lib', 'hostile-bench.ts') });
const r = spawnSync(process.execPath, [helper, ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (r.status !== 0) process.exit(r.status ?? 1);
fs.writeFileSync(out, r.stdout);
process.stdout.write(r.stdout);
