#!/usr/bin/env node
// Scores the real-world corpus quickly, without the rest of the bench:
//
//   node bench/real.mjs [DIR …] [--misses] [--json]
//
// DIR defaults to test/fixtures/real. Several DIRs are scored as one corpus. --misses lists, under each
// document, the steps missed or invented, owners not found, timing phrases left silent and findings a reviewer
// rejects. `npm run bench -- --phases real` runs the same scorer as a bench phase.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchHelpers } from './lib/build-helpers.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const { 'real-corpus': out } = await buildBenchHelpers({ 'real-corpus': path.join(BENCH, 'lib', 'real-corpus-main.ts') });
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
