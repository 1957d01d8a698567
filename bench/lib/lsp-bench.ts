/**
 * Language-server figures for `npm run bench`, printed as one JSON line:
 *   index_ms     `initialized` → the end of the server's "Indexing" work-done progress over the whole corpus
 *   open_ms      didOpen of the large SOP → its first publishDiagnostics
 *   change_ms    didChange → publishDiagnostics for that version, over N single-character edits spread through
 *                the document (p50/p95/max)
 *   peak_rss_mb  the server's VmHWM at the end
 *   warm_index_ms  a second server started on the same workspace and storage folder (a restart): its index
 *                comes from the entries the first one persisted (`initializationOptions.storagePath`)
 *   full_parse_ms  one warm full parse of the large document in this process (parseSop, no chunk cache; median
 *                of 7 after 5 warm-up runs; `_cpu_ms` its CPU time): the yardstick of issue 14's edit target
 *                (p95 edit → diagnostics ≤ 0.15×, p99 ≤ 0.4×), measured in the same run on the same machine load
 *   *_cpu_ms     the server process's own CPU time (user + system, /proc/PID/stat) over the same interval:
 *                on a loaded machine the wall clock mostly measures the other processes
 * The diagnostics debounce is set to 0 through initializationOptions so the figures are the server's work,
 * not the configured delay an editor adds on top. The storage folder is a fresh temporary one (removed after).
 *
 *   node bench/.cache/lsp-bench.js SERVER_JS CORPUS_DIR LARGE_FILE [EDITS]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileUri, LspClient, type Message } from '../../test/robust/lsp-client';
import { parseSop } from '../../server/src/core/parse';

const [serverJs, corpusArg, largeArg, editsArg] = process.argv.slice(2);
if (!serverJs || !corpusArg || !largeArg) {
  process.stderr.write('usage: lsp-bench SERVER_JS CORPUS_DIR LARGE_FILE [EDITS]\n');
  process.exit(2);
}
const corpus = path.resolve(corpusArg);
const large = path.resolve(largeArg);
const edits = Number(editsArg ?? 200);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** CPU time (user + system) of a process so far, in ms; undefined where /proc is missing. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

const diff = (a: number | undefined, b: number | undefined): number | null => (a === undefined || b === undefined ? null : +(b - a).toFixed(0));

/** Starts a server on the corpus and waits for the end of its indexing progress. */
async function startIndexed(storagePath: string): Promise<{ client: LspClient; indexMs: number; indexCpuMs: number | null }> {
  const client = new LspClient(process.execPath, [serverJs!, '--stdio'], { cwd: corpus });
  const rootUri = fileUri(corpus);
  const init = await client.request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(corpus) }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { synchronization: { didSave: true }, publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    },
    initializationOptions: { diagnosticsDelay: 0, storagePath },
  });
  if (init.error) throw new Error(`initialize failed: ${init.error.message}`);

  // The progress token is created by the server; its `end` marks the index as complete.
  const indexDone = client.waitFor((m) => m.method === '$/progress' && (m.params as { value?: { kind?: string } }).value?.kind === 'end', 600_000, 'end of indexing progress');
  const cpu0 = cpuMs(client.proc.pid);
  const t0 = performance.now();
  client.notify('initialized', {});
  await indexDone;
  const indexMs = performance.now() - t0;
  return { client, indexMs, indexCpuMs: diff(cpu0, cpuMs(client.proc.pid)) };
}

async function main(): Promise<void> {
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-lsp-bench-'));
  try {
    await measure(storage);
  } finally {
    fs.rmSync(storage, { recursive: true, force: true });
  }
}

async function measure(storage: string): Promise<void> {
  const { client, indexMs, indexCpuMs } = await startIndexed(storage);
  const indexRss = client.rssKb();

  const uri = fileUri(large);
  let text = fs.readFileSync(large, 'utf8');
  const diagnosticsFor = (version: number) => (m: Message) => {
    const p = m.params as { uri?: string; version?: number } | undefined;
    return m.method === 'textDocument/publishDiagnostics' && p?.uri === uri && (p.version === undefined || p.version >= version);
  };
  let version = 1;
  const opened = client.waitFor(diagnosticsFor(version), 60_000, 'diagnostics after didOpen');
  const t1 = performance.now();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: large.endsWith('.md') ? 'markdown' : 'plaintext', version, text } });
  const first = await opened;
  const openMs = performance.now() - t1;
  const editsCpu0 = cpuMs(client.proc.pid);
  const diagnosticCount = ((first.params as { diagnostics?: unknown[] }).diagnostics ?? []).length;

  const lines = text.split('\n');
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    // A typed character at the end of a line spread through the document: the edit a person makes.
    const line = Math.floor(((i * 7919) % lines.length + lines.length) % lines.length);
    const character = lines[line]!.length;
    lines[line] += 'x';
    version++;
    const published = client.waitFor(diagnosticsFor(version), 60_000, `diagnostics for version ${version}`);
    const t = performance.now();
    client.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
    });
    await published;
    times.push(performance.now() - t);
  }
  text = lines.join('\n');
  const editsCpu = diff(editsCpu0, cpuMs(client.proc.pid));
  const rss = client.rssKb();
  await client.shutdown();

  // A restart: the same workspace and storage folder, so the index comes from what the first server saved.
  // SOPLS_BENCH_NO_RESTART=1 skips it (a server without a persisted index would only index cold again).
  const warm = process.env['SOPLS_BENCH_NO_RESTART'] ? undefined : await startIndexed(storage);
  const warmRss = warm?.client.rssKb();
  await warm?.client.shutdown();

  const sorted = [...times].sort((a, b) => a - b);
  const parse = warmFullParse(text, uri);
  const result = {
    documents: undefined as number | undefined,
    index_ms: +indexMs.toFixed(1),
    index_cpu_ms: indexCpuMs,
    warm_index_ms: warm ? +warm.indexMs.toFixed(1) : null,
    warm_index_cpu_ms: warm ? warm.indexCpuMs : null,
    open_ms: +openMs.toFixed(1),
    open_diagnostics: diagnosticCount,
    edits,
    change_p50_ms: +percentile(sorted, 50).toFixed(2),
    change_p95_ms: +percentile(sorted, 95).toFixed(2),
    change_p99_ms: +percentile(sorted, 99).toFixed(2),
    change_max_ms: +sorted[sorted.length - 1]!.toFixed(2),
    change_cpu_ms_per_edit: editsCpu === null ? null : +(editsCpu / edits).toFixed(2),
    full_parse_ms: +parse.wallMs.toFixed(2),
    full_parse_cpu_ms: +parse.cpuMs.toFixed(2),
    change_p95_vs_full_parse: +(percentile(sorted, 95) / parse.wallMs).toFixed(3),
    change_p99_vs_full_parse: +(percentile(sorted, 99) / parse.wallMs).toFixed(3),
    change_cpu_per_edit_vs_full_parse_cpu: editsCpu === null ? null : +(editsCpu / edits / parse.cpuMs).toFixed(3),
    index_peak_rss_mb: indexRss ? +(indexRss.peak / 1024).toFixed(1) : null,
    peak_rss_mb: rss ? +(rss.peak / 1024).toFixed(1) : null,
    warm_peak_rss_mb: warmRss ? +(warmRss.peak / 1024).toFixed(1) : null,
    malformed_frames: client.malformed.length + (warm?.client.malformed.length ?? 0),
  };
  delete result.documents;
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** One warm full parse of `text` (no chunk cache): median wall and CPU time of 7 runs after 5 warm-up runs. */
function warmFullParse(text: string, uri: string): { wallMs: number; cpuMs: number } {
  for (let i = 0; i < 5; i++) parseSop(text, uri);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 7; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    parseSop(text, uri);
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[3]!;
  return { wallMs: median(walls), cpuMs: median(cpus) };
}

main().catch((err: unknown) => {
  process.stderr.write(`lsp-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
