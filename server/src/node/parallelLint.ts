/**
 * `sopls lint` over every core. remark-parse dominates the cost of linting a file (≈0.3–0.6 MB/s here), so a
 * large workspace is handled by worker threads in two rounds over one pool:
 *   1. index: each worker runs the cheap `scanIndexEntry` on its share of the workspace files;
 *   2. lint: every worker gets the finished workspace snapshot (plain `IndexEntry` data, rebuilt once per
 *      worker into an `InMemoryWorkspace`) and runs the pure `lintText` on its share of the targets.
 * The main thread only reads files and hands out batches, largest first so no worker is left with the one
 * 2,000-line SOP at the end; results go back in target order, so the output equals `lintFiles`'s.
 *
 * This module is also the worker: esbuild bundles it as `dist/lint-worker.js`, and when that file runs in a
 * worker thread started here it serves requests instead.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from '../core/config';
import type { Finding } from '../core/findings';
import { scanIndexEntry } from '../core/indexScan';
import { lintText } from '../core/lint/lintText';
import { InMemoryWorkspace, type IndexEntry } from '../core/workspace';
import { LintCache, sha256 } from './cache';
import { walkDocuments } from './files';
import { lintFiles, type FileResult, type LintFilesOptions, type LintRun } from './lintFiles';
import { readText, workspaceFingerprint } from './workspaceLoad';

const WORKER_FLAG = 'sopls-lint-worker';

interface Job {
  index: number;
  file: string;
  text: string;
  named: boolean;
}

interface Setup {
  entries: IndexEntry[];
  /** The workspace root, so messages name other documents relative to it. */
  root: string;
  config: ResolvedConfig;
  today: string;
}

type Request = { scan: Job[] } | { setup: Setup } | { lint: Job[] };
type Reply =
  | { scanned: { index: number; entry: IndexEntry }[] }
  | { linted: { index: number; linted: boolean; findings: Finding[] }[] }
  | { failed: string };

export interface ParallelOptions {
  /** Worker threads; default: every core (`os.availableParallelism()`), or SOPLS_LINT_THREADS. 1 lints here. */
  threads?: number;
  /** Below this many files, worker start-up (≈100 ms each) costs more than it saves. */
  minFilesForWorkers?: number;
  /** The worker script; default `lint-worker.js` next to this bundle. */
  workerScript?: string;
}

export function defaultThreads(): number {
  // SOPLS_LINT_THREADS pins the count (the benchmark measures 1 thread against all of them).
  const pinned = Number(process.env.SOPLS_LINT_THREADS);
  if (Number.isInteger(pinned) && pinned > 0) return pinned;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, cores);
}

/**
 * The same run as `lintFiles` (same workspace, cache and results in target order), spread over worker
 * threads. Falls back to `lintFiles` in this thread for small runs, one thread, or when the worker script is
 * not there (tests run from sources).
 */
export async function lintFilesParallel(options: LintFilesOptions & ParallelOptions): Promise<LintRun> {
  const threads = options.threads ?? defaultThreads();
  const script = options.workerScript ?? path.join(__dirname, 'lint-worker.js');
  const minFiles = options.minFilesForWorkers ?? 64;
  if (threads <= 1 || options.targets.length < minFiles || !fs.existsSync(script)) return lintFiles(options);

  const { root, targets, config, today } = options;
  // The workspace files exactly as loadWorkspace lists them: the walk, then targets outside it, once each.
  const files: string[] = [];
  const seen = new Set<string>();
  for (const f of [...walkDocuments(root, { root, include: config.include, exclude: config.exclude }), ...targets.map((t) => t.file)]) {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  }
  const texts = new Map<string, string>();
  const hashes = new Map<string, string>();
  const entries: (IndexEntry | undefined)[] = [];
  const scanJobs: Job[] = [];
  const indexCache = options.cacheFile ? IndexCache.open(`${options.cacheFile}.index`, options.version) : undefined;
  for (const file of files) {
    const text = readText(file);
    if (text === undefined) continue;
    texts.set(file, text);
    const index = entries.length;
    entries.push(undefined);
    if (indexCache) {
      const hash = sha256(text);
      hashes.set(file, hash);
      const hit = indexCache.get(file, hash);
      if (hit) {
        entries[index] = hit;
        continue;
      }
    }
    scanJobs.push({ index, file, text, named: false });
  }

  let pool: Pool | undefined;
  const startPool = (jobs: number): Pool => (pool ??= new Pool(script, Math.min(threads, Math.max(1, Math.ceil(jobs / 32)))));
  try {
    if (scanJobs.length >= minFiles) {
      await startPool(scanJobs.length).run(scanJobs, (batch) => ({ scan: batch }), (reply) => {
        if ('scanned' in reply) for (const s of reply.scanned) entries[s.index] = s.entry;
      });
    } else {
      for (const j of scanJobs) entries[j.index] = scanIndexEntry(j.text, j.file);
    }
    if (indexCache) {
      for (const j of scanJobs) indexCache.set(j.file, hashes.get(j.file)!, entries[j.index]!);
      indexCache.save();
    }
    const workspace = new InMemoryWorkspace(entries as IndexEntry[], root);

    let cache: LintCache | undefined;
    if (options.cacheFile) {
      const key = sha256(JSON.stringify([options.version, config, today, workspaceFingerprint(workspace.entries())]));
      cache = LintCache.open(options.cacheFile, key);
    }
    const results: (FileResult | undefined)[] = new Array(targets.length);
    const unreadable: string[] = [];
    const lintJobs: Job[] = [];
    let cacheHits = 0;
    targets.forEach((t, index) => {
      const text = texts.get(t.file) ?? readText(t.file);
      if (text === undefined) {
        unreadable.push(t.file);
        return;
      }
      if (cache) {
        if (!hashes.has(t.file)) hashes.set(t.file, sha256(text));
        const hit = cache.get(t.file, hashes.get(t.file)!, t.named);
        if (hit) {
          cacheHits++;
          results[index] = { file: t.file, linted: hit.linted, findings: hit.findings };
          return;
        }
      }
      lintJobs.push({ index, file: t.file, text, named: t.named });
    });

    const record = (index: number, linted: boolean, findings: Finding[]): void => {
      const t = targets[index]!;
      results[index] = { file: t.file, linted, findings };
      cache?.set(t.file, { hash: hashes.get(t.file) ?? '', named: t.named, linted, findings });
    };
    if (lintJobs.length >= minFiles) {
      const p = startPool(lintJobs.length);
      p.broadcast({ setup: { entries: entries as IndexEntry[], root, config, today } });
      await p.run(lintJobs, (batch) => ({ lint: batch }), (reply) => {
        if ('linted' in reply) for (const r of reply.linted) record(r.index, r.linted, r.findings);
      });
    } else {
      // A cached run with a few changed files: starting workers would cost more than linting them here.
      const shared = new Map<string, unknown>();
      for (const job of lintJobs) {
        const r = lintText({ text: job.text, uri: job.file, workspace, config, today, force: job.named, shared });
        record(job.index, r.linted, r.findings);
      }
    }
    cache?.save();
    return { results: results.filter((r): r is FileResult => r !== undefined), unreadable, cacheHits };
  } finally {
    await pool?.close();
  }
}

/**
 * With `--cache`, the index entries of unchanged files are kept too (next to the lint cache, in
 * `<cache>.index`): a cached run then scans only what changed instead of the whole workspace. An entry is a
 * pure function of path and content, so it is reused when the content hash matches and the sopls build is
 * the same (version plus the size and time of this bundle, so a rebuilt development copy starts afresh).
 */
class IndexCache {
  private dirty = false;
  private constructor(
    private readonly file: string,
    private data: { key: string; entries: Record<string, { hash: string; entry: IndexEntry; sum?: string }> },
  ) {}

  static open(file: string, version: string): IndexCache {
    let build = '';
    try {
      const st = fs.statSync(__filename);
      build = `${st.size}:${st.mtimeMs}`;
    } catch {
      // Not bundled (tests): the version alone keys the cache.
    }
    const key = `${version}|${build}`;
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as IndexCache['data'];
      if (parsed && parsed.key === key && parsed.entries && typeof parsed.entries === 'object' && !Array.isArray(parsed.entries)) return new IndexCache(file, parsed);
    } catch {
      // No cache yet, or a damaged one: start empty.
    }
    const fresh = new IndexCache(file, { key, entries: {} });
    fresh.dirty = true;
    return fresh;
  }

  get(path: string, hash: string): IndexEntry | undefined {
    const hit: unknown = Object.prototype.hasOwnProperty.call(this.data.entries, path) ? this.data.entries[path] : undefined;
    if (typeof hit !== 'object' || hit === null) return undefined;
    const { hash: stored, entry, sum } = hit as { hash?: unknown; entry?: unknown; sum?: unknown };
    // A damaged or edited entry (checksum mismatch) is a miss: the file is scanned again.
    if (stored !== hash || typeof entry !== 'object' || entry === null || sum !== sha256(JSON.stringify([hash, entry]))) return undefined;
    return entry as IndexEntry;
  }

  set(path: string, hash: string, entry: IndexEntry): void {
    this.data.entries[path] = { hash, entry, sum: sha256(JSON.stringify([hash, entry])) };
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(this.data));
      fs.renameSync(tmp, this.file);
      this.dirty = false;
    } catch {
      // The index cache only saves time; a read-only folder must not fail the lint.
    }
  }
}

/** Worker threads fed from one queue: whoever answers gets the next batch. */
class Pool {
  private readonly workers: Worker[] = [];
  private failure: Error | undefined;
  private onFailure: ((err: Error) => void) | undefined;

  constructor(script: string, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: { kind: WORKER_FLAG } });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`lint worker exited with code ${code}`));
      });
      this.workers.push(worker);
    }
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.onFailure?.(err);
  }

  broadcast(msg: Request): void {
    for (const w of this.workers) w.postMessage(msg);
  }

  /** Sends every job once, in batches; resolves when every batch has been answered. */
  run(jobs: Job[], wrap: (batch: Job[]) => Request, onReply: (reply: Reply) => void): Promise<void> {
    // Largest first: long documents start early instead of finishing last on one busy worker.
    const queue = [...jobs].sort((a, b) => b.text.length - a.text.length || a.index - b.index);
    const totalChars = queue.reduce((n, j) => n + j.text.length, 0);
    // About 16 batches per worker keep messages few and the tail short.
    const batchChars = Math.max(20_000, Math.floor(totalChars / (this.workers.length * 16)));
    let next = 0;
    let outstanding = 0;
    const takeBatch = (): Job[] => {
      const batch: Job[] = [];
      let chars = 0;
      while (next < queue.length && (batch.length === 0 || chars + queue[next]!.text.length <= batchChars)) {
        chars += queue[next]!.text.length;
        batch.push(queue[next++]!);
      }
      return batch;
    };
    return new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.onFailure = reject;
      const listeners: [Worker, (reply: Reply) => void][] = [];
      const done = (): void => {
        for (const [w, l] of listeners) w.off('message', l);
        this.onFailure = undefined;
        resolve();
      };
      const feed = (worker: Worker): void => {
        const batch = takeBatch();
        if (!batch.length) return;
        outstanding++;
        worker.postMessage(wrap(batch));
      };
      for (const worker of this.workers) {
        const listener = (reply: Reply): void => {
          outstanding--;
          if ('failed' in reply) {
            this.fail(new Error(`lint worker failed: ${reply.failed}`));
            return;
          }
          onReply(reply);
          feed(worker);
          if (outstanding === 0 && next >= queue.length) done();
        };
        worker.on('message', listener);
        listeners.push([worker, listener]);
      }
      for (const worker of this.workers) feed(worker);
      if (outstanding === 0) done();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * One worker thread that scans index entries off the caller's thread: the language server hands it the large
 * files of a workspace, so a multi-megabyte document being indexed never holds up a hover. Undefined when the
 * worker script is not there (tests run from sources); a failed worker answers undefined, and the caller scans
 * on its own thread instead.
 */
export class ScanWorker {
  private readonly waiting: ((entry: IndexEntry | undefined) => void)[] = [];
  private failed = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => this.waiting.shift()?.('scanned' in reply ? reply.scanned[0]?.entry : undefined));
    const fail = (): void => {
      this.failed = true;
      for (const w of this.waiting.splice(0)) w(undefined);
    };
    worker.on('error', fail);
    worker.on('exit', fail);
  }

  static start(script = path.join(__dirname, 'lint-worker.js')): ScanWorker | undefined {
    if (!fs.existsSync(script)) return undefined;
    return new ScanWorker(new Worker(script, { workerData: { kind: WORKER_FLAG } }));
  }

  /** The index entry of `text` (scanned as `uri`), or undefined when the worker has failed. */
  scan(uri: string, text: string): Promise<IndexEntry | undefined> {
    if (this.failed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.worker.postMessage({ scan: [{ index: 0, file: uri, text, named: false }] } satisfies Request);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The worker side: scans on request; after `setup`, lints against one snapshot with one shared memo. */
function workerMain(): void {
  const port = parentPort!;
  let setup: Setup | undefined;
  let workspace: InMemoryWorkspace | undefined;
  let shared = new Map<string, unknown>();
  port.on('message', (req: Request) => {
    try {
      if ('setup' in req) {
        setup = req.setup;
        workspace = new InMemoryWorkspace(setup.entries, setup.root);
        shared = new Map();
      } else if ('scan' in req) {
        port.postMessage({ scanned: req.scan.map((j) => ({ index: j.index, entry: scanIndexEntry(j.text, j.file) })) } satisfies Reply);
      } else {
        if (!setup || !workspace) throw new Error('lint request before setup');
        const ws = workspace;
        const s = setup;
        const linted = req.lint.map((job) => {
          const r = lintText({ text: job.text, uri: job.file, workspace: ws, config: s.config, today: s.today, force: job.named, shared });
          return { index: job.index, linted: r.linted, findings: r.findings };
        });
        port.postMessage({ linted } satisfies Reply);
      }
    } catch (err) {
      // lintText and scanIndexEntry are total; this only fires on a bug, which the CLI reports as an internal error.
      port.postMessage({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Reply);
    }
  });
}

if (!isMainThread && (workerData as { kind?: string } | undefined)?.kind === WORKER_FLAG) workerMain();
