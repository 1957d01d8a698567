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
const index = new WorkspaceIndex();
const folders = new Folders(true);
const analyses = new Analyses({
  document: (u) => (u === uri ? { version, getText: () => text, languageId: 'markdown' } : undefined),
  index,
  folders,
  today: () => TODAY,
  log: (m) => process.stderr.write(m + '\n'),
  trace: () => undefined,
  onStale: () => undefined,
});

const analyse = (): unknown => {
  const a = analyses.analyze(uri)!;
  return analyses.findingsOf(uri, a);
};

analyse();
const lines = text.split('\n');
const times: number[] = [];
for (let i = 0; i < edits; i++) {
  const line = Math.floor(((i * 7919) % lines.length + lines.length) % lines.length);
  lines[line] += 'x';
  text = lines.join('\n');
  version++;
  const c0 = cpu();
  const findings = analyse();
  times.push(cpu() - c0);
  if (check) {
    const memo = timingSpansMemo();
    memo.bypass = true;
    simulationMemo.enabled = false;
    const doc = parseSopDetailed(text, uri).doc;
    const full = lintDocument({ doc, workspace: new InMemoryWorkspace([]), config: defaultConfig(), today: TODAY });
    memo.bypass = false;
    simulationMemo.enabled = true;
    if (JSON.stringify(full) !== JSON.stringify(findings)) throw new Error(`edit ${i} (line ${line}): findings differ from a full analysis`);
  }
}

const parse: number[] = [];
for (let i = 0; i < 12; i++) {
  const c0 = cpu();
  parseSop(text, uri);
  if (i >= 5) parse.push(cpu() - c0);
}
const sorted = [...times].sort((a, b) => a - b);
const pct = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const full = [...parse].sort((a, b) => a - b)[3]!;
const x = (v: number): string => (v / full).toFixed(2);
const mean = times.reduce((s, t) => s + t, 0) / times.length;
process.stdout.write(
  `full parse ${full.toFixed(1)} ms CPU; edit CPU p50 ${pct(50).toFixed(1)} / p95 ${pct(95).toFixed(1)} / p99 ${pct(99).toFixed(1)} ms = ${x(pct(50))}× / ${x(pct(95))}× / ${x(pct(99))}×; mean ${mean.toFixed(1)} ms (${x(mean)}×); simulations reused ${simulationMemo.hits}, run ${simulationMemo.misses}\n`,
);
