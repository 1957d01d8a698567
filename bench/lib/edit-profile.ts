/**
 * The bench's LSP edits, in process: the large SOP opened and edited as `bench/lib/lsp-bench.ts` edits it (a
 * character typed at the end of line (i·7919) mod n), each version analysed through the language server's own
 * path (lsp/analyses.ts: chunk cache, section memos, incremental lint), timed in CPU per edit, and compared with
 * one warm full parse. Run it under `node --cpu-prof` to see where an edit's time goes.
 *
 *   node -e "import('./bench/lib/build-helpers.mjs').then((m) => m.buildBenchHelpers({ 'edit-profile': 'bench/lib/edit-profile.ts' }))"
 *   node --enable-source-maps bench/.cache/edit-profile.js FILE [EDITS] [--check]
 *
 * --check: after every edit, compare the findings with a fresh full analysis (slow; correctness, not speed).
 */
import fs from 'node:fs';
import { defaultConfig } from '../../server/src/core/config';
import { lintDocument } from '../../server/src/core/lint/engine';
import { parseSop, parseSopDetailed } from '../../server/src/core/parse';
import { timingSpansMemo } from '../../server/src/core/parse/proseTiming';
import { rolePartiesMemo } from '../../server/src/core/parse/vocabulary';
import { SectionMemos } from '../../server/src/core/incremental/sections';
import { stableSkips } from '../../server/src/core/incremental/tracked';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { Analyses } from '../../server/src/lsp/analyses';
import { Folders } from '../../server/src/lsp/folders';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import { simulationMemo } from '../../server/src/core/timeline/schedule';

const args = process.argv.slice(2);
const check = args.includes('--check');
const [file, editsArg] = args.filter((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: edit-profile FILE [EDITS] [--check]\n');
  process.exit(2);
}
const edits = Number(editsArg ?? 200);
const uri = `file://${fs.realpathSync(file)}`;
const TODAY = '2026-03-02';

const cpu = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

let text = fs.readFileSync(file, 'utf8');
let version = 1;
/** CPU in the parse (model build) of the document, summed over both documents' edits. */
let parseCpu = 0;

/** One open document in its own Analyses (the server's per-document state), analysed as the publisher does. */
function openDocument(): () => unknown {
  const analyses = new Analyses({
    document: (u) => (u === uri ? { version, getText: () => text, languageId: 'markdown' } : undefined),
    index: new WorkspaceIndex(),
    folders: new Folders(true),
    today: () => TODAY,
    log: (m) => process.stderr.write(m + '\n'),
    trace: () => undefined,
    onStale: () => undefined,
  });
  return () => {
    const c0 = cpu();
    const a = analyses.analyze(uri)!;
    parseCpu += cpu() - c0;
    return analyses.findingsOf(uri, a);
  };
}

/**
 * --baseline: a second open document analysed edit by edit, interleaved with the first (so at the same machine
 * load), with this session's memos off (simulation runs, parties per paragraph, line identity in section replays): before and after in one run.
 */
const withoutNewMemos = <T>(run: () => T): T => {
  simulationMemo.enabled = false;
  rolePartiesMemo().bypass = true;
  SectionMemos.identityReplay = false;
  try {
    return run();
  } finally {
    simulationMemo.enabled = true;
    rolePartiesMemo().bypass = false;
    SectionMemos.identityReplay = true;
  }
};
const analyse = openDocument();
const baseline = args.includes('--baseline') ? openDocument() : undefined;
analyse();
if (baseline) withoutNewMemos(baseline);
parseCpu = 0;
const lines = text.split('\n');
const times: number[] = [];
const baseTimes: number[] = [];
for (let i = 0; i < edits; i++) {
  const line = Math.floor(((i * 7919) % lines.length + lines.length) % lines.length);
  lines[line] += 'x';
  text = lines.join('\n');
  version++;
  if (baseline && i % 2 === 1) {
    const b0 = cpu();
    withoutNewMemos(baseline);
    baseTimes.push(cpu() - b0);
  }
  const c0 = cpu();
  const findings = analyse();
  times.push(cpu() - c0);
  if (baseline && i % 2 === 0) {
    const b0 = cpu();
    withoutNewMemos(baseline);
    baseTimes.push(cpu() - b0);
  }
  if (check) {
    const memo = timingSpansMemo();
    memo.bypass = true;
    simulationMemo.enabled = false;
    rolePartiesMemo().bypass = true;
    const doc = parseSopDetailed(text, uri).doc;
    const full = lintDocument({ doc, workspace: new InMemoryWorkspace([]), config: defaultConfig(), today: TODAY });
    memo.bypass = false;
    simulationMemo.enabled = true;
    rolePartiesMemo().bypass = false;
    if (JSON.stringify(full) !== JSON.stringify(findings)) throw new Error(`edit ${i} (line ${line}): findings differ from a full analysis`);
  }
}

const parse: number[] = [];
for (let i = 0; i < 12; i++) {
  const c0 = cpu();
  parseSop(text, uri);
  if (i >= 5) parse.push(cpu() - c0);
}
const full = [...parse].sort((a, b) => a - b)[3]!;
function row(name: string, ts: number[]): string {
  const sorted = [...ts].sort((a, b) => a - b);
  const pct = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  const x = (v: number): string => (v / full).toFixed(2);
  const mean = ts.reduce((s, t) => s + t, 0) / ts.length;
  return `${name}: edit CPU p50 ${pct(50).toFixed(1)} / p95 ${pct(95).toFixed(1)} / p99 ${pct(99).toFixed(1)} ms = ${x(pct(50))}× / ${x(pct(95))}× / ${x(pct(99))}×; mean ${mean.toFixed(1)} ms (${x(mean)}×)\n`;
}
process.stdout.write(`full parse ${full.toFixed(1)} ms CPU; model build ${(parseCpu / edits / (baseline ? 2 : 1)).toFixed(1)} ms per edit; simulations reused ${simulationMemo.hits}, run ${simulationMemo.misses}\n`);
process.stdout.write(row("now", times));
process.stdout.write(`stable skips ${stableSkips.count}\n`);
if (baseline) process.stdout.write(row('without the new memos', baseTimes));
