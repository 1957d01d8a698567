/**
 * The language server's index alone, cold then warm, as the bench's LSP phase measures it (`initialized` → the
 * end of the indexing progress, the server's CPU from /proc/PID/stat), without the edits: for profiling the
 * indexer (`--node-arg=--cpu-prof` passes flags to the server's node) and for before/after runs of one build.
 * Also prints the CPU until the first `workspace/symbol` answer after the progress ends (the index handed to
 * the workspace), and the server's VmHWM.
 *
 *   node bench/.cache/index-bench.js SERVER_JS CORPUS_DIR [--node-arg=FLAG]… [--rounds N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileUri, LspClient } from '../../test/robust/lsp-client';

const args = process.argv.slice(2);
const nodeArgs = args.filter((a) => a.startsWith('--node-arg=')).map((a) => a.slice('--node-arg='.length));
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 1;
const [serverJs, corpusArg] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds');
if (!serverJs || !corpusArg) {
  process.stderr.write('usage: index-bench SERVER_JS CORPUS_DIR [--node-arg=FLAG]… [--rounds N]\n');
  process.exit(2);
}
const corpus = path.resolve(corpusArg);

function procStat(pid: number | undefined): { cpuMs: number; hwmMb: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s*(\d+)/.exec(status);
    return { cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100, hwmMb: hwm ? Number(hwm[1]) / 1024 : NaN };
  } catch {
    return undefined;
  }
}

async function run(storagePath: string): Promise<Record<string, number | string>> {
  const client = new LspClient(process.execPath, [...nodeArgs, path.resolve(serverJs!), '--stdio'], { cwd: corpus });
  const rootUri = fileUri(corpus);
  const init = await client.request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(corpus) }],
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, workspaceFolders: true } },
    initializationOptions: { diagnosticsDelay: 0, storagePath },
  });
  if (init.error) throw new Error(`initialize failed: ${init.error.message} ${client.stderr.join("")}`);
  const done = client.waitFor((m) => m.method === '$/progress' && (m.params as { value?: { kind?: string } }).value?.kind === 'end', 900_000, 'end of indexing');
  const s0 = procStat(client.proc.pid);
  const t0 = performance.now();
  client.notify('initialized', {});
  await done;
  const wall = performance.now() - t0;
  const s1 = procStat(client.proc.pid);
  const symbols = await client.request('workspace/symbol', { query: 'zzzz-no-such' });
  const s2 = procStat(client.proc.pid);
  const all = await client.request('workspace/symbol', { query: '' });
  await client.request('shutdown', null);
  client.notify('exit', null);
  await new Promise((r) => setTimeout(r, 500));
  return {
    index_wall_ms: Math.round(wall),
    index_cpu_ms: s1 && s0 ? s1.cpuMs - s0.cpuMs : NaN,
    until_symbols_cpu_ms: s2 && s0 ? s2.cpuMs - s0.cpuMs : NaN,
    hwm_mb: Math.round(s2?.hwmMb ?? NaN),
    symbols: Array.isArray(all.result) ? all.result.length : String(symbols.error?.message ?? '?'),
  };
}

async function main(): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-index-bench-'));
    try {
      const cold = await run(storage);
      const warm = await run(storage);
      process.stdout.write(JSON.stringify({ load: os.loadavg()[0]!.toFixed(1), cold, warm }) + '\n');
    } finally {
      fs.rmSync(storage, { recursive: true, force: true });
    }
  }
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
