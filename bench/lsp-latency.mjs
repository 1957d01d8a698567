#!/usr/bin/env node
// Edit latency of the language server, measured the way an editor sees it: the built server over stdio,
// a generated workspace indexed, a 2,000-line SOP opened, then N single-character edits, each timed from
// `didChange` to the `publishDiagnostics` for that version.
//
//   node bench/lsp-latency.mjs [--corpus DIR] [--count 10000] [--server dist/server.js] [--edits 200]
//                              [--runs 1] [--json] [--cpu-prof DIR] [--slowest N]
//
// --corpus   workspace to index; default bench/corpus/n<count>-s7, generated with bench/gen-corpus.mjs if absent
// --cpu-prof the server runs with `node --cpu-prof --cpu-prof-dir=DIR` (also: SOPLS_CPU_PROF=DIR); the profile
//            is written when the server exits, so open it in Chrome DevTools or `speedscope` afterwards
// --json     one JSON object per run on stdout instead of the table
// --slowest  also list the N slowest edits (line edited, milliseconds), to see what the tail is made of
//
// The diagnostics debounce is 0 (initializationOptions.diagnosticsDelay), so the figures are the server's own
// work, not the delay an editor adds on top. Peak RSS is the server's VmHWM (Linux).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseOptions(argv) {
  const o = { corpus: undefined, count: 10000, server: path.join(ROOT, 'dist', 'server.js'), edits: 200, runs: 1, json: false, slowest: 0, cpuProf: process.env.SOPLS_CPU_PROF || undefined };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (k === '--corpus') o.corpus = path.resolve(value());
    else if (k === '--count') o.count = Number(value());
    else if (k === '--server') o.server = path.resolve(value());
    else if (k === '--edits') o.edits = Number(value());
    else if (k === '--runs') o.runs = Number(value());
    else if (k === '--json') o.json = true;
    else if (k === '--slowest') o.slowest = Number(value());
    else if (k === '--cpu-prof') o.cpuProf = path.resolve(value());
    else {
      process.stderr.write(`lsp-latency: unknown argument ${argv[i]}\n`);
      process.exit(2);
    }
  }
  o.corpus ??= path.join(ROOT, 'bench', 'corpus', `n${o.count}-s7`);
  return o;
}

/** A minimal JSON-RPC client over the server's stdio: enough to time notifications precisely. */
class Client {
  constructor(serverJs, nodeArgs, cwd) {
    this.child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    this.stderr = '';
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.child.stdout.on('data', (d) => this.onData(d));
    this.exited = new Promise((resolve) => this.child.on('exit', resolve));
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'));
      const length = m ? Number(m[1]) : 0;
      if (this.buffer.length < end + 4 + length) return;
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.onMessage(JSON.parse(body), performance.now());
    }
  }

  onMessage(msg, at) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(msg.error.message));
      else p?.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) {
      // Requests from the server: configuration (no settings), progress tokens, registrations.
      const result = msg.method === 'workspace/configuration' ? msg.params.items.map(() => ({})) : null;
      this.send({ jsonrpc: '2.0', id: msg.id, result });
    }
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(msg)) return true;
      w.resolve({ msg, at });
      return false;
    });
  }

  send(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  waitFor(test, what, timeoutMs = 600_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms; server stderr: ${this.stderr.slice(-500)}`)), timeoutMs);
      this.waiters.push({ test, resolve: (v) => (clearTimeout(timer), resolve(v)) });
    });
  }

  /** CPU time the server has used (user + system), in ms; undefined off Linux. Robust to other load, unlike wall time. */
  cpuMs() {
    try {
      const fields = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return undefined;
    }
  }

  peakRssMb() {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? +(Number(m[1]) / 1024).toFixed(1) : null;
    } catch {
      return null;
    }
  }

  async shutdown() {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await this.exited;
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function ensureCorpus(o) {
  if (fs.existsSync(path.join(o.corpus, 'manifest.json'))) return;
  process.stderr.write(`lsp-latency: generating ${o.corpus}\n`);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'gen-corpus.mjs'), '--count', String(o.count), '--seed', '7', '--out', o.corpus], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('bench/gen-corpus.mjs failed');
}

function largeDocument(corpus) {
  const manifest = JSON.parse(fs.readFileSync(path.join(corpus, 'manifest.json'), 'utf8'));
  const docs = manifest.documents.filter((d) => d.large);
  // A Markdown SOP near 2,000 lines: the steps dialect is the one with the most structure to analyse.
  const pick = docs.filter((d) => d.file.endsWith('.md')).sort((a, b) => Math.abs(a.lines - 2000) - Math.abs(b.lines - 2000))[0] ?? docs[0];
  if (!pick) throw new Error(`no large document in ${corpus}`);
  return { file: path.join(corpus, pick.file), documents: manifest.documents.length };
}

async function runOnce(o, run) {
  const { file, documents } = largeDocument(o.corpus);
  const nodeArgs = o.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProf}`, `--cpu-prof-name=sopls-server-${process.pid}-${run}.cpuprofile`] : [];
  if (o.cpuProf) fs.mkdirSync(o.cpuProf, { recursive: true });
  const client = new Client(o.server, nodeArgs, o.corpus);
  const rootUri = pathToFileURL(o.corpus).href;
  await client.request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(o.corpus) }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, inlayHint: {} },
    },
    initializationOptions: { diagnosticsDelay: 0 },
  });
  const indexed = client.waitFor((m) => m.method === '$/progress' && m.params?.value?.kind === 'end', 'end of indexing');
  const t0 = performance.now();
  client.notify('initialized', {});
  const indexEnd = await indexed;
  const indexMs = indexEnd.at - t0;

  const uri = pathToFileURL(file).href;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const published = (version) => (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version >= version;
  let version = 1;
  const opened = client.waitFor(published(version), 'diagnostics after didOpen');
  const t1 = performance.now();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text: lines.join('\n') } });
  const first = await opened;
  const openMs = first.at - t1;

  const times = [];
  const edited = [];
  const cpuBefore = client.cpuMs();
  for (let i = 0; i < o.edits; i++) {
    // A character typed at the end of a line, the lines spread through the document (7919 is prime).
    const line = (i * 7919) % lines.length;
    const character = lines[line].length;
    lines[line] += 'x';
    version++;
    const done = client.waitFor(published(version), `diagnostics for version ${version}`);
    const t = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }] });
    const { at } = await done;
    times.push(at - t);
    edited.push({ line: line + 1, ms: +(at - t).toFixed(1), text: lines[line].slice(0, 60) });
  }
  const cpuAfter = client.cpuMs();
  const rss = client.peakRssMb();
  await client.shutdown();
  const sorted = [...times].sort((a, b) => a - b);
  const r2 = (x) => +x.toFixed(2);
  return {
    documents,
    document: path.relative(o.corpus, file),
    document_lines: lines.length,
    index_ms: r2(indexMs),
    open_ms: r2(openMs),
    open_diagnostics: first.msg.params.diagnostics.length,
    edits: o.edits,
    change_p50_ms: r2(percentile(sorted, 50)),
    change_p95_ms: r2(percentile(sorted, 95)),
    change_max_ms: r2(sorted[sorted.length - 1]),
    // Server CPU per edit (USER_HZ = 100, so 10 ms resolution over the whole run): what the edits cost whatever else runs.
    change_cpu_ms: cpuBefore !== undefined && cpuAfter !== undefined ? r2((cpuAfter - cpuBefore) / o.edits) : null,
    peak_rss_mb: rss,
    ...(o.slowest ? { slowest: edited.sort((a, b) => b.ms - a.ms).slice(0, o.slowest) } : {}),
  };
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(o.server)) throw new Error(`${o.server} does not exist: run \`node esbuild.mjs\` first`);
  ensureCorpus(o);
  for (let run = 0; run < o.runs; run++) {
    const r = await runOnce(o, run);
    if (o.json) process.stdout.write(JSON.stringify(r) + '\n');
    else {
      process.stdout.write(
        `run ${run + 1}: ${r.documents} documents indexed in ${r.index_ms} ms; ${r.document} (${r.document_lines} lines) didOpen→diagnostics ${r.open_ms} ms; ` +
          `${r.edits} edits didChange→publishDiagnostics p50 ${r.change_p50_ms} ms, p95 ${r.change_p95_ms} ms, max ${r.change_max_ms} ms, server CPU ${r.change_cpu_ms} ms/edit; peak RSS ${r.peak_rss_mb} MB\n`,
      );
      for (const e of r.slowest ?? []) process.stdout.write(`  ${String(e.ms).padStart(7)} ms  line ${e.line}: ${e.text}\n`);
    }
  }
  if (o.cpuProf) process.stderr.write(`lsp-latency: CPU profiles in ${o.cpuProf}\n`);
}

main().catch((err) => {
  process.stderr.write(`lsp-latency: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
