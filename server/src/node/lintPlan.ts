/**
 * The work of one `sopls lint` run, with ONE parse per linted file (issue 14). It used to scan every file
 * cheaply for the workspace index and then parse the linted ones fully; now:
 *   stage 1: every workspace file is read once. A file being linted is parsed fully (`analyseText`): its index
 *            entry comes from that model, the rules that do not read the workspace run on it, and only the
 *            small view the workspace rules need is kept. A workspace file that is not linted gets the cheap
 *            scan, as before.
 *   stage 2: with `--cache`, linted files whose index entry came from the index cache are parsed only when
 *            their lint-cache entry missed.
 *   finish:  the workspace rules run on the kept views against the complete index (`finishText`).
 * Jobs are plain data and `runJob` is pure, so the same plan runs in this thread (`lintFiles`) or over worker
 * threads (`lintFilesParallel`), with identical output.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { ResolvedConfig } from '../core/config';
import { scanIndexEntry } from '../core/indexScan';
import { analyseText, finishText, workspaceEntry, type AnalysedText } from '../core/lint/lintText';
import { InMemoryWorkspace, type IndexEntry } from '../core/workspace';
import { LintCache, sha256 } from './cache';
import type { Finding } from '../core/findings';
import { walkDocuments, type Target } from './files';
import { readText, workspaceFingerprint } from './workspaceLoad';

export interface LintFilesOptions {
  root: string;
  targets: Target[];
  config: ResolvedConfig;
  today: string;
  version: string;
  /** Cache file path; no cache when absent. */
  cacheFile?: string;
}

export interface FileResult {
  file: string;
  /** False for files found in a folder that are neither SOPs nor carry sopls frontmatter. */
  linted: boolean;
  findings: Finding[];
}

export interface LintRun {
  results: FileResult[];
  /** Files that could not be read (permissions, vanished). */
  unreadable: string[];
  /** Files served from the cache. */
  cacheHits: number;
}

export interface FileJob {
  /** Position of the file in the plan's file list. */
  index: number;
  file: string;
  text: string;
  /** `analyse` for a linted file (full parse and local rules), `scan` for an index entry alone. */
  kind: 'analyse' | 'scan';
  /** Linted even when it is not an SOP (named on the command line). */
  named: boolean;
}

export interface JobResult {
  index: number;
  entry: IndexEntry;
  analysed?: AnalysedText;
}

export function runJob(job: FileJob, config: ResolvedConfig, today: string): JobResult {
  if (job.kind === 'scan') return { index: job.index, entry: scanIndexEntry(job.text, job.file) };
  const analysed = analyseText({ text: job.text, uri: job.file, config, today, force: job.named });
  return { index: job.index, entry: analysed.entry, analysed };
}

export class LintPlan {
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  /** The target index of each file being linted. */
  private readonly targetOf = new Map<string, number>();
  private readonly entries: (IndexEntry | undefined)[] = [];
  private readonly hashes: (string | undefined)[] = [];
  /**
   * Analyses of linted files (without their entry, which is in `entries`), by file index, until `finish` turns
   * them into findings: serialised, so 10,000 of them sit outside the JS heap (a heap grows to a multiple of
   * what it holds) and hold no slice of a file's text.
   */
  private readonly analysed = new Map<number, Buffer>();
  /** Texts of linted files whose entry came from the index cache: parsed in stage 2 only if their lint cache missed. */
  private readonly deferred = new Map<number, string>();
  private readonly unreadableFiles = new Set<string>();
  private readonly indexCache: IndexCache | undefined;
  private workspace: InMemoryWorkspace | undefined;
  private cache: LintCache | undefined;
  private readonly results: (FileResult | undefined)[];
  private cacheHits = 0;

  constructor(private readonly options: LintFilesOptions) {
    const { root, targets, config } = options;
    const seen = new Set<string>();
    // The workspace files exactly as loadWorkspace lists them: the walk, then targets outside it, once each.
    for (const f of [...walkDocuments(root, { root, include: config.include, exclude: config.exclude }), ...targets.map((t) => t.file)]) {
      if (!seen.has(f)) {
        seen.add(f);
        this.fileIndex.set(f, this.files.length);
        this.files.push(f);
      }
    }
    targets.forEach((t, i) => {
      if (!this.targetOf.has(t.file)) this.targetOf.set(t.file, i);
    });
    this.indexCache = options.cacheFile ? IndexCache.open(`${options.cacheFile}.index`, options.version) : undefined;
    this.results = new Array(targets.length);
  }

  /** Stage 1, one file at a time: reads it and says what to run on it (nothing when the index cache has it). */
  *stageOne(): Generator<FileJob> {
    for (let index = 0; index < this.files.length; index++) {
      const file = this.files[index]!;
      const text = readText(file);
      if (text === undefined) {
        this.unreadableFiles.add(file);
        continue;
      }
      const target = this.targetOf.get(file);
      const kind = target === undefined ? 'scan' : 'analyse';
      if (this.indexCache) {
        const hash = sha256(text);
        this.hashes[index] = hash;
        const hit = this.indexCache.get(file, hash, kind === 'analyse');
        if (hit) {
          this.entries[index] = hit;
          if (target !== undefined) this.deferred.set(index, text);
          continue;
        }
      }
      yield { index, file, text, kind, named: target !== undefined && this.options.targets[target]!.named };
    }
  }

  accept(result: JobResult): void {
    // Only what the workspace rules read is kept (workspaceEntry, workspaceView), and as a copy: a string taken
    // from a file (an owner, an id) is a slice that keeps the file's whole text alive, so holding the parse's
    // own objects until the end held every text of the run.
    const file = this.files[result.index]!;
    if (this.indexCache) this.indexCache.set(file, this.hashes[result.index]!, structuredClone(result.entry), result.analysed !== undefined);
    this.entries[result.index] = structuredClone(workspaceEntry(result.entry));
    if (result.analysed) {
      const { entry: _entry, ...rest } = result.analysed;
      this.analysed.set(result.index, v8.serialize(rest));
    }
  }

  /** The kept analysis of a file, or undefined. */
  private analysisOf(index: number): AnalysedText | undefined {
    const kept = this.analysed.get(index);
    return kept && { ...(v8.deserialize(kept) as Omit<AnalysedText, 'entry'>), entry: this.entries[index]! };
  }

  /** After stage 1: the workspace is complete; serves lint-cache hits and lists the linted files still to parse. */
  stageTwo(): FileJob[] {
    const { targets, config, today } = this.options;
    this.indexCache?.save();
    const entries = this.entries.filter((e): e is IndexEntry => e !== undefined);
    this.workspace = new InMemoryWorkspace(entries, this.options.root);
    if (this.options.cacheFile) {
      const key = sha256(JSON.stringify([this.options.version, config, today, workspaceFingerprint(this.workspace.entries())]));
      this.cache = LintCache.open(this.options.cacheFile, key);
    }
    const jobs: FileJob[] = [];
    targets.forEach((t, ti) => {
      const index = this.fileIndex.get(t.file)!;
      if (this.unreadableFiles.has(t.file)) return;
      const hit = this.cache?.get(t.file, this.hashes[index] ?? '', t.named);
      if (hit) {
        this.cacheHits++;
        this.results[ti] = { file: t.file, linted: hit.linted, findings: hit.findings };
        this.analysed.delete(index);
        return;
      }
      if (this.targetOf.get(t.file) !== ti || !this.analysed.has(index)) {
        const text = this.deferred.get(index) ?? readText(t.file);
        if (text === undefined) return;
        jobs.push({ index: -1 - ti, file: t.file, text, kind: 'analyse', named: t.named });
      }
    });
    this.deferred.clear();
    return jobs;
  }

  /** A stage-2 result (its index names the target, see stageTwo). */
  acceptLate(result: JobResult): void {
    const ti = -1 - result.index;
    this.finishTarget(ti, result.analysed!);
  }

  /** The workspace rules on every kept analysis, in target order. */
  finish(): LintRun {
    const { targets } = this.options;
    const shared = new Map<string, unknown>();
    const unreadable: string[] = [];
    targets.forEach((t, ti) => {
      if (this.results[ti]) return;
      const index = this.fileIndex.get(t.file)!;
      const analysed = this.targetOf.get(t.file) === ti ? this.analysisOf(index) : undefined;
      if (!analysed) {
        unreadable.push(t.file);
        return;
      }
      this.finishTarget(ti, analysed, shared);
      this.analysed.delete(index);
    });
    this.cache?.save();
    return { results: this.results.filter((r): r is FileResult => r !== undefined), unreadable, cacheHits: this.cacheHits };
  }

  private finishTarget(ti: number, analysed: AnalysedText, shared?: Map<string, unknown>): void {
    const t = this.options.targets[ti]!;
    const findings = finishText(analysed, { workspace: this.workspace!, config: this.options.config, today: this.options.today, shared: shared ?? this.lateShared });
    this.results[ti] = { file: t.file, linted: analysed.linted, findings };
    const index = this.fileIndex.get(t.file)!;
    this.cache?.set(t.file, { hash: this.hashes[index] ?? '', named: t.named, linted: analysed.linted, findings });
  }

  private readonly lateShared = new Map<string, unknown>();
}

/**
 * With `--cache`, the index entries of unchanged files are kept too (next to the lint cache, in
 * `<cache>.index`): a cached run then reads only what changed instead of the whole workspace. An entry is a
 * pure function of path, content and how it was made (full parse of a linted file, cheap scan of another), so
 * it is reused when the content hash and the kind match and the sopls build is the same (version plus the size
 * and time of this bundle, so a rebuilt development copy starts afresh).
 */
class IndexCache {
  private dirty = false;
  private constructor(
    private readonly file: string,
    private data: { key: string; entries: Record<string, { hash: string; entry: IndexEntry; full?: boolean; sum?: string }> },
  ) {}

  static open(file: string, version: string): IndexCache {
    let build = '';
    try {
      const st = fs.statSync(__filename);
      build = `${st.size}:${st.mtimeMs}`;
    } catch {
      // Not bundled (tests): the version alone keys the cache.
    }
    const key = `${version}|${build}|full-entries`;
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

  get(file: string, hash: string, full: boolean): IndexEntry | undefined {
    const hit: unknown = Object.prototype.hasOwnProperty.call(this.data.entries, file) ? this.data.entries[file] : undefined;
    if (typeof hit !== 'object' || hit === null) return undefined;
    const { hash: stored, entry, full: storedFull, sum } = hit as { hash?: unknown; entry?: unknown; full?: unknown; sum?: unknown };
    // A damaged or edited entry (checksum mismatch) is a miss: the file is read again.
    if (stored !== hash || (storedFull === true) !== full || typeof entry !== 'object' || entry === null) return undefined;
    if (sum !== sha256(JSON.stringify([hash, entry, full]))) return undefined;
    return entry as IndexEntry;
  }

  set(file: string, hash: string, entry: IndexEntry, full: boolean): void {
    this.data.entries[file] = { hash, entry, full, sum: sha256(JSON.stringify([hash, entry, full])) };
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
