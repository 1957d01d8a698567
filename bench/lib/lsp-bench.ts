/**
 * Language-server figures for `npm run bench`, printed as one JSON line:
 *   index_ms     `initialized` → the end of the server's "Indexing" work-done progress over the whole corpus
 *   open_ms      didOpen of the large SOP → its first publishDiagnostics
 *   change_ms    didChange → publishDiagnostics for that version, over N single-character edits spread through
 *                the document (p50/p95/max)
 *   peak_rss_mb  the server's VmHWM at the end
 * The diagnostics debounce is set to 0 through initializationOptions so the figures are the server's work,
 * not the configured delay an editor adds on top.
 *
 *   node bench/.cache/lsp-bench.js SERVER_JS CORPUS_DIR LARGE_FILE [EDITS]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileUri, LspClient, type Message } from '../../test/robust/lsp-client';

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

async function main(): Promise<void> {
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
    initializationOptions: { diagnosticsDelay: 0 },
  });
  if (init.error) throw new Error(`initialize failed: ${init.error.message}`);

  // The progress token is created by the server; its `end` marks the index as complete.
  const indexDone = client.waitFor((m) => m.method === '$/progress' && (m.params as { value?: { kind?: string } }).value?.kind === 'end', 600_000, 'end of indexing progress');
  const t0 = performance.now();
  client.notify('initialized', {});
  await indexDone;
  const indexMs = performance.now() - t0;

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
  const rss = client.rssKb();
  await client.shutdown();
  const sorted = [...times].sort((a, b) => a - b);
  const result = {
    documents: undefined as number | undefined,
    index_ms: +indexMs.toFixed(1),
    open_ms: +openMs.toFixed(1),
    open_diagnostics: diagnosticCount,
    edits,
    change_p50_ms: +percentile(sorted, 50).toFixed(2),
    change_p95_ms: +percentile(sorted, 95).toFixed(2),
    change_max_ms: +sorted[sorted.length - 1]!.toFixed(2),
    peak_rss_mb: rss ? +(rss.peak / 1024).toFixed(1) : null,
    malformed_frames: client.malformed.length,
  };
  delete result.documents;
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`lsp-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
