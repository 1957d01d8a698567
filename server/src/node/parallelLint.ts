/**
 * `sopls lint` over every core: the plan of lintPlan.ts (one full parse per linted file, a cheap scan of the
 * other workspace files, the workspace rules once the index is complete) with its jobs run by worker threads.
 * The main thread reads files, hands out batches (largest first, so no worker is left with the one
 * 2,000-line SOP at the end) and runs the workspace rules, which are cheap; results come back in target
 * order, so the output equals `lintFiles`'s.
 *
 * This module is also the worker: esbuild bundles it as `dist/lint-worker.js`, and when that file runs in a
 * worker thread started here it serves requests instead.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from '../core/config';
import { scanIndexEntry } from '../core/indexScan';
import type { IndexEntry } from '../core/workspace';
import { lintFiles } from './lintFiles';
import { LintPlan, runJob, type FileJob, type JobResult, type LintFilesOptions, type LintRun } from './lintPlan';

const WORKER_FLAG = 'sopls-lint-worker';

interface Setup {
  config: ResolvedConfig;
  today: string;
}

type Request = { setup: Setup } | { jobs: FileJob[] } | { scan: { file: string; text: string }[] };
type Reply = { done: JobResult[] } | { scanned: { entry: IndexEntry }[] } | { failed: string };

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
  return threadsForLoad(cores, os.loadavg()[0] ?? 0);
}

/**
 * Worker threads pay only with cores nobody else is using: each worker compiles and warms up the whole
 * pipeline again and keeps its own heap, so on a busy machine two workers cost 1.6× the CPU of one thread for
 * no gain in wall time (bench on the shared 2-vCPU VM at load 18: 22.5 s against 13.7 s of CPU, 91–110 s of
 * wall either way). One thread per core left free by the load average, at least one; the output is the same
 * whatever the count.
 */
export function threadsForLoad(cores: number, load: number): number {
  return Math.max(1, Math.min(cores, Math.floor(cores - load + 0.5)));
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

  const { config, today } = options;
  const plan = new LintPlan(options);
  let pool: Pool | undefined;
  const run = async (jobs: FileJob[], accept: (r: JobResult) => void): Promise<void> => {
    if (jobs.length < minFiles) {
      // A cached run with a few changed files: starting workers would cost more than linting them here.
      for (const job of jobs) accept(runJob(job, config, today));
      return;
    }
    if (!pool) {
      pool = new Pool(script, Math.min(threads, Math.max(1, Math.ceil(jobs.length / 32))));
      pool.broadcast({ setup: { config, today } });
    }
    await pool.run(jobs, (reply) => {
      if ('done' in reply) for (const r of reply.done) accept(r);
    });
  };
  try {
    await run([...plan.stageOne()], (r) => plan.accept(r));
    await run(plan.stageTwo(), (r) => plan.acceptLate(r));
    return plan.finish();
  } finally {
    await (pool as Pool | undefined)?.close();
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
  run(jobs: FileJob[], onReply: (reply: Reply) => void): Promise<void> {
    // Largest first: long documents start early instead of finishing last on one busy worker.
    const queue: (FileJob | undefined)[] = [...jobs].sort((a, b) => b.text.length - a.text.length || a.index - b.index);
    const totalChars = jobs.reduce((n, j) => n + j.text.length, 0);
    // About 16 batches per worker keep messages few and the tail short.
    const batchChars = Math.max(20_000, Math.floor(totalChars / (this.workers.length * 16)));
    let next = 0;
    let outstanding = 0;
    const takeBatch = (): FileJob[] => {
      const batch: FileJob[] = [];
      let chars = 0;
      while (next < queue.length && (batch.length === 0 || chars + queue[next]!.text.length <= batchChars)) {
        chars += queue[next]!.text.length;
        batch.push(queue[next]!);
        // Sent jobs are dropped here, so the texts are not all held until the last batch is answered.
        queue[next++] = undefined;
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
        worker.postMessage({ jobs: batch } satisfies Request);
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
      this.worker.postMessage({ scan: [{ file: uri, text }] } satisfies Request);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The worker side: index scans on request (the language server); after `setup`, the jobs of a lint plan. */
function workerMain(): void {
  const port = parentPort!;
  let setup: Setup | undefined;
  port.on('message', (req: Request) => {
    try {
      if ('setup' in req) {
        setup = req.setup;
      } else if ('scan' in req) {
        port.postMessage({ scanned: req.scan.map((j) => ({ entry: scanIndexEntry(j.text, j.file) })) } satisfies Reply);
      } else {
        if (!setup) throw new Error('lint jobs before setup');
        const s = setup;
        port.postMessage({ done: req.jobs.map((job) => runJob(job, s.config, s.today)) } satisfies Reply);
      }
    } catch (err) {
      // runJob and scanIndexEntry are total; this only fires on a bug, which the CLI reports as an internal error.
      port.postMessage({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Reply);
    }
  });
}

if (!isMainThread && (workerData as { kind?: string } | undefined)?.kind === WORKER_FLAG) workerMain();
