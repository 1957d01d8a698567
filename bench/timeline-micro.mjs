#!/usr/bin/env node
// Micro-benchmark of the timeline on one large SOP: what the language server pays per edit for the schedule the
// timing rules share (buildTimeline with runs: 0). Builds a 2,000-line SOP of ~200 chained steps, parses it once,
// then times buildTimeline: warm (the same document again), edit (alternating with a copy shifted one line down,
// as after typing above every step) and cold (the timeline caches emptied before every run, when the build
// exports clearTimelineCaches). With --baseline DIR (a copy of another revision's tree, e.g.
// `git archive HEAD server/src | tar -x -C DIR`) both are timed run for run in turn, so a busy machine slows
// both alike and the ratio stays meaningful.
//
//   node bench/timeline-micro.mjs [--runs 50] [--steps 200] [--holidays US] [--baseline DIR] [--json] [--issues] [--tight]
//   --tight: deadlines shorter than the work (a plan that cannot be met: every step conflicts)
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const CACHE = path.join(BENCH, '.cache');

const o = { runs: 50, steps: 200, holidays: '', json: false, issues: false, baseline: undefined, tight: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [k, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
  const value = () => inline ?? argv[++i];
  if (k === '--runs') o.runs = Number(value());
  else if (k === '--steps') o.steps = Number(value());
  else if (k === '--holidays') o.holidays = value();
  else if (k === '--json') o.json = true;
  else if (k === '--issues') o.issues = true;
  else if (k === '--tight') o.tight = true;
  else if (k === '--baseline') o.baseline = path.resolve(value());
  else {
    process.stderr.write(`timeline-micro: unknown argument ${argv[i]}\n`);
    process.exit(2);
  }
}

// The bench links the sources directly, so it measures the working tree rather than whatever dist/ holds.
const ENTRY = `
import { parseSop } from './server/src/core/parse';
import { buildTimeline } from './server/src/core/timeline/schedule';
import { defaultConfig } from './server/src/core/config';
import * as timeline from './server/src/core/timeline/schedule';
export { parseSop, buildTimeline, defaultConfig };
export const clearTimelineCaches = (timeline as Record<string, unknown>).clearTimelineCaches as undefined | (() => void);
`;
fs.mkdirSync(CACHE, { recursive: true });
async function load(root, name) {
  const outfile = path.join(CACHE, `timeline-micro-${name}.cjs`);
  await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'timeline-micro-entry.ts' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    // The baseline may predate clearTimelineCaches: that import is then undefined, as intended.
    logLevel: 'error',
    nodePaths: [path.join(ROOT, 'node_modules')],
  });
  return createRequire(import.meta.url)(outfile);
}
const libs = [{ name: 'current', lib: await load(ROOT, 'current') }];
if (o.baseline) libs.push({ name: 'baseline', lib: await load(o.baseline, 'baseline') });

// ---- the document: deterministic, ~10 lines per step -------------------------------------------------------
const VERBS = ['Review', 'Prepare', 'Confirm', 'Schedule', 'Draft', 'Validate', 'Publish', 'Archive', 'Approve', 'Audit', 'Configure', 'Collect'];
const OBJECTS = ['Vendor Contract', 'Payroll Register', 'Access Request', 'Data Export', 'Training Plan', 'Site Survey', 'Budget Forecast', 'Risk Register', 'Release Notes', 'Escalation Matrix', 'Onboarding Pack', 'Quality Sample', 'Change Ticket', 'Backup Report'];
const ROLES = ['Implementation Manager', 'Payroll Specialist', 'Customer Success Manager', 'Support Team', 'Finance Operations'];

function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

function buildSop(steps) {
  const rand = lcg(11);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const lines = ['---', 'type: process', 'id: PRC-900', 'title: Regional Rollout', 'process_meta:', '  duration: 19-29 months', '---', '', '# Regional Rollout', '', '## Purpose', '', 'Moves a signed region from contract to steady operation.', '', '## Process Steps', ''];
  const titles = [];
  for (let n = 1; n <= steps; n++) {
    // The number keeps titles unique, as in long real SOPs where phases repeat the same kinds of work.
    const title = `${pick(VERBS)} ${pick(OBJECTS)} ${n}`;
    titles.push(title);
    const lo = 1 + Math.floor(rand() * 3);
    lines.push(`### Step ${n}: ${title}`);
    lines.push(`**Owner**: ${pick(ROLES)}`);
    // Deadlines leave room for the step's own work: a consistent plan, so the bench measures the common case.
    const within = o.tight ? 1 + Math.floor(rand() * 2) : lo + 1 + Math.floor(rand() * 4);
    lines.push(n === 1 ? `**Timing**: Within ${within} business days of contract signing` : `**Timing**: Within ${within} business days of ${titles[n - 2]}`);
    lines.push(`**Duration**: ${lo}-${lo + 1} business days`);
    lines.push('');
    lines.push('**Actions**:');
    lines.push(`1. Check the ${pick(OBJECTS).toLowerCase()} against the checklist`);
    lines.push(`2. Record the outcome in the ${pick(OBJECTS).toLowerCase()} log`);
    lines.push(`3. Tell the ${pick(ROLES)} when it is done`);
    lines.push('');
  }
  return lines.join('\n') + '\n';
}

const text = buildSop(o.steps);
const lineCount = text.split('\n').length - 1;
const URI = 'file:///bench/regional-rollout.md';

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

for (const l of libs) {
  const { lib } = l;
  l.doc = lib.parseSop(text, URI);
  // The same document one line further down: every range moves, every phrase stays the same.
  l.shifted = lib.parseSop(`<!-- edited -->\n${text}`, URI);
  const config = lib.defaultConfig();
  if (o.holidays) config.calendar.holidays = o.holidays;
  l.options = { config, start: '2026-03-02', runs: 0 };
  l.first = lib.buildTimeline(l.doc, l.options);
}
const first = libs[0].first;
if (o.issues) for (const i of first.issues.slice(0, 5)) process.stdout.write(`  issue ${i.rule}: ${i.message}\n`);
const issueCounts = {};
for (const i of first.issues) issueCounts[i.rule] = (issueCounts[i.rule] ?? 0) + 1;
// Both revisions must compute the same schedule, or the comparison means nothing.
const sameResult = libs.length < 2 || JSON.stringify(libs[0].first, dropStep) === JSON.stringify(libs[1].first, dropStep);
function dropStep(key, value) {
  return key === 'step' ? undefined : value;
}

function scenario(label, pickDoc, beforeRun) {
  const ms = libs.map(() => []);
  for (let i = -5; i < o.runs; i++) {
    // Alternate which revision goes first, so neither always runs right after the other's garbage.
    const order = i % 2 ? [...libs.keys()] : [...libs.keys()].reverse();
    for (const k of order) {
      const l = libs[k];
      if (beforeRun) beforeRun(l.lib);
      const doc = pickDoc(l, i);
      const t0 = performance.now();
      l.lib.buildTimeline(doc, l.options);
      const dt = performance.now() - t0;
      if (i >= 0) ms[k].push(dt);
    }
  }
  return libs.map((l, k) => {
    const sorted = [...ms[k]].sort((a, b) => a - b);
    return { scenario: label, revision: l.name, median_ms: +median(sorted).toFixed(3), min_ms: +sorted[0].toFixed(3), p90_ms: +sorted[Math.floor(sorted.length * 0.9)].toFixed(3) };
  });
}

const rows = [
  ...scenario('warm: same document', (l) => l.doc),
  ...scenario('edit: alternating shifted copies', (l, i) => (i % 2 ? l.shifted : l.doc)),
];
if (libs[0].lib.clearTimelineCaches) rows.push(...scenario('cold: caches cleared every run', (l, i) => (i % 2 ? l.shifted : l.doc), (lib) => lib.clearTimelineCaches?.()));

const result = {
  lines: lineCount,
  steps: first.steps.length,
  issues: issueCounts,
  holidays: o.holidays || 'none',
  runs: o.runs,
  same_result: sameResult,
  node: process.version,
  load: (await import('node:os')).loadavg().map((x) => +x.toFixed(2)),
  rows,
};
if (o.json) process.stdout.write(JSON.stringify(result) + '\n');
else {
  process.stdout.write(`timeline micro-bench: ${lineCount} lines, ${result.steps} steps, ${first.issues.length} issues ${JSON.stringify(issueCounts)}, holidays ${result.holidays}; buildTimeline runs:0, median of ${o.runs} (${process.version}, load ${result.load.join(' ')})\n`);
  if (libs.length > 1) process.stdout.write(`  same schedule from both revisions: ${sameResult ? 'yes' : 'NO'}\n`);
  for (const r of rows) {
    const base = rows.find((b) => b.scenario === r.scenario && b.revision === 'baseline');
    const ratio = base && r.revision !== 'baseline' ? `   ${(base.median_ms / r.median_ms).toFixed(2)}x faster (median)` : '';
    process.stdout.write(`  ${r.scenario.padEnd(34)} ${r.revision.padEnd(9)} median ${r.median_ms.toFixed(2).padStart(7)} ms   min ${r.min_ms.toFixed(2).padStart(7)} ms   p90 ${r.p90_ms.toFixed(2).padStart(7)} ms${ratio}\n`);
  }
}
if (!sameResult) process.exitCode = 1;
