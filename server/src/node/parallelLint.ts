/**
 * `sopls lint` over every core. remark-parse dominates the cost of linting a file (≈0.3–0.6 MB/s here), so a
 * large workspace is linted by worker threads, each running the pure `lintText` on its share of the files
 * against the same workspace snapshot (plain `IndexEntry` data, rebuilt into an `InMemoryWorkspace` once per
 * worker). The main thread reads and indexes the files (cheap scan, no remark), hands out batches largest
 * first so no worker is left with the one 2,000-line SOP at the end, and puts the results back in order.
 *
 * This module is also the worker: esbuild bundles it as `dist/lint-worker.js`, and when that file runs in a
 * worker thread started here it serves lint requests instead.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from '../core/config';
import type { Finding } from '../core/findings';
import { lintText } from '../core/lint/lintText';
import { InMemoryWorkspace, type IndexEntry } from '../core/workspace';
import { LintCache, sha256 } from './cache';
import { lintFiles, type FileResult, type LintFilesOptions, type LintRun } from './lintFiles';
import { loadWorkspace, readText, workspaceFingerprint } from './workspaceLoad';

const WORKER_FLAG = 'sopls-lint-worker';

interface WorkerSetup {
  kind: typeof WORKER_FLAG;
  entries: IndexEntry[];
  config: ResolvedConfig;
  today: string;
}

interface Job {
  index: number;
  file: string;
  text: string;
  named: boolean;
}

type Request = { jobs: Job[] } | { done: true };
type Reply = { results: { index: number; linted: boolean; findings: Finding[] }[] } | { failed: string };

export interface ParallelOptions {
  /** Worker threads; default: every core (`os.availableParallelism()`). 1 lints in this thread. */
  threads?: number;
  /** Below this many files to lint, worker start-up (≈50 ms each) costs more than it saves. */
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

function defaultWorkerScript(): string {
  return path.join(__dirname, 'lint-worker.js');
}

/**
 * The same run as `lintFiles` (same workspace, cache, results in target order), with the files that need
 * linting spread over worker threads. Falls back to `lintFiles` in this thread for small runs, one thread, or
 * when the worker script is not there (tests run from sources).
 */
export async function lintFilesParallel(options: LintFilesOptions & ParallelOptions): Promise<LintRun> {
  const threads = options.threads ?? defaultThreads();
  const script = options.workerScript ?? defaultWorkerScript();
  const minFiles = options.minFilesForWorkers ?? 64;
  if (threads <= 1 || options.targets.length < minFiles || !fs.existsSync(script)) return lintFiles(options);

  const { root, targets, config, today } = options;
  const walk = { root, include: config.include, exclude: config.exclude };
  const { workspace, texts } = loadWorkspace(root, walk, targets.map((t) => t.file));
  let cache: LintCache | undefined;
  if (options.cacheFile) {
    const key = sha256(JSON.stringify([options.version, config, today, workspaceFingerprint(workspace.entries())]));
    cache = LintCache.open(options.cacheFile, key);
  }

  const results: (FileResult | undefined)[] = new Array(targets.length);
  const hashes: string[] = new Array(targets.length);
  const unreadable: string[] = [];
  const jobs: Job[] = [];
  let cacheHits = 0;
  targets.forEach((t, index) => {
    const text = texts.get(t.file) ?? readText(t.file);
    if (text === undefined) {
      unreadable.push(t.file);
      return;
    }
    if (cache) {
      hashes[index] = sha256(text);
      const hit = cache.get(t.file, hashes[index]!, t.named);
      if (hit) {
        cacheHits++;
        results[index] = { file: t.file, linted: hit.linted, findings: hit.findings };
        return;
      }
    }
    jobs.push({ index, file: t.file, text, named: t.named });
  });

  if (jobs.length) {
    const fresh = await runJobs(jobs, { entries: [...workspace.entries()], config, today }, Math.min(threads, Math.ceil(jobs.length / 8)), script);
    for (const r of fresh) {
      const t = targets[r.index]!;
      results[r.index] = { file: t.file, linted: r.linted, findings: r.findings };
      cache?.set(t.file, { hash: hashes[r.index]!, named: t.named, linted: r.linted, findings: r.findings });
    }
  }
  cache?.save();
  return { results: results.filter((r): r is FileResult => r !== undefined), unreadable, cacheHits };
}

/** Lints `jobs` on `threads` workers; resolves with one result per job (any order). */
async function runJobs(
  jobs: Job[],
  setup: Omit<WorkerSetup, 'kind'>,
  threads: number,
  script: string,
): Promise<{ index: number; linted: boolean; findings: Finding[] }[]> {
  // Largest first: the long documents start early instead of finishing last on one busy worker.
  const queue = [...jobs].sort((a, b) => b.text.length - a.text.length || a.index - b.index);
  const totalChars = queue.reduce((n, j) => n + j.text.length, 0);
  // Batches of about 1/(8·threads) of the remaining work keep messages few and the tail short.
  const batchChars = Math.max(20_000, Math.floor(totalChars / (threads * 16)));
  const out: { index: number; linted: boolean; findings: Finding[] }[] = [];
  let next = 0;
  const takeBatch = (): Job[] => {
    const batch: Job[] = [];
    let chars = 0;
    while (next < queue.length && (batch.length === 0 || chars + queue[next]!.text.length <= batchChars)) {
      chars += queue[next]!.text.length;
      batch.push(queue[next++]!);
    }
    return batch;
  };

  const data: WorkerSetup = { kind: WORKER_FLAG, ...setup };
  const workers: Promise<void>[] = [];
  for (let w = 0; w < threads; w++) {
    workers.push(
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(script, { workerData: data });
        let settled = false;
        const finish = (err?: Error): void => {
          if (settled) return;
          settled = true;
          if (err) {
            void worker.terminate();
            reject(err);
          } else resolve();
        };
        const feed = (): void => {
          const batch = takeBatch();
          const msg: Request = batch.length ? { jobs: batch } : { done: true };
          worker.postMessage(msg);
          if (!batch.length) finish();
        };
        worker.on('message', (reply: Reply) => {
          if ('failed' in reply) {
            finish(new Error(`lint worker failed: ${reply.failed}`));
            return;
          }
          for (const r of reply.results) out.push(r);
          feed();
        });
        worker.on('error', (err) => finish(err));
        worker.on('exit', (code) => {
          if (!settled) finish(new Error(`lint worker exited with code ${code} before finishing`));
        });
        feed();
      }),
    );
  }
  await Promise.all(workers);
  return out;
}

/** The worker side: one workspace snapshot and one `shared` memo for every file this worker lints. */
function workerMain(setup: WorkerSetup): void {
  const port = parentPort!;
  const workspace = new InMemoryWorkspace(setup.entries);
  const shared = new Map<string, unknown>();
  port.on('message', (req: Request) => {
    if ('done' in req) {
      port.close();
      return;
    }
    try {
      const results = req.jobs.map((job) => {
        const r = lintText({ text: job.text, uri: job.file, workspace, config: setup.config, today: setup.today, force: job.named, shared });
        return { index: job.index, linted: r.linted, findings: r.findings };
      });
      port.postMessage({ results } satisfies Reply);
    } catch (err) {
      // lintText is total; this only fires on a bug, and the CLI reports it as an internal error.
      port.postMessage({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Reply);
    }
  });
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | undefined)?.kind === WORKER_FLAG) {
  workerMain(workerData as WorkerSetup);
}
