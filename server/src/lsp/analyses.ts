/**
 * Analyses of the open documents: for each version, one parse (with the document's own chunk cache, so an edit
 * re-parses only the chunk it touched, and its memo of the recogniser's section walks), the findings (the timing
 * rules' reused while what they read is unchanged: core/incremental/) and the schedule without Monte Carlo runs,
 * shared by diagnostics, inlay hints, hover, code actions and sopls/documentStats.
 *
 * Findings are current for one index revision and one configuration load. The lint reads other documents through
 * the tracking workspace (readTracking.ts), so each analysis knows what it read; when the index changes,
 * `settle` keeps the findings whose reads the change does not touch (they move to the new revision) and returns
 * the open documents whose findings it made stale, to be re-analysed and re-published.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResolvedConfig } from '../core/config';
import type { Finding } from '../core/findings';
import { IncrementalLint } from '../core/incremental/lint';
import { SectionMemos } from '../core/incremental/sections';
import { indexEntryFromDoc } from '../core/indexScan';
import { LINT_REFERENCE_START } from '../core/lint/timelineBridge';
import type { SopDocument } from '../core/model';
import { detectFormat, documentFromLines, parseSopDetailed } from '../core/parse';
import { timingSpansMemo } from '../core/parse/proseTiming';
import { rolePartiesMemo } from '../core/parse/vocabulary';
import { splitLines } from '../core/parse/lines';
import { sopOverrideFor } from '../core/parse/sopFiles';
import type { ServiceContext } from '../core/services/context';
import { buildTimeline, simulationMemo, type Timeline } from '../core/timeline/schedule';
import { DocumentChunkCache } from './chunkCache';
import { MAX_INDEXED_FILE, oversizedProblem } from './files';
import { isConfigUri, type Folders } from './folders';
import { affects, TrackedShared, type Reads } from './readTracking';
import type { WorkspaceIndex } from './workspaceIndex';

export interface Analysis {
  version: number;
  doc: SopDocument;
  lines: string[];
  findings?: Finding[];
  /** Index revision and configuration load the findings are current for. */
  findingsRevision?: number;
  findingsConfig?: number;
  /** What the lint read from other documents (readTracking.ts keys). */
  reads?: Reads;
  /** Config revision, start date and today's date the timeline was built for. */
  timelineKey?: string;
  /**
   * The schedule with the lint's start (`timeline.start`, else lint's reference Monday), for hints and hovers:
   * built when they first ask (the lint's own runs on a recording view of the model, core/incremental/lint.ts).
   */
  timeline?: Timeline;
  /** The schedule from today, for the status bar's finish dates; the same object when the starts agree. */
  todayTimelineKey?: string;
  todayTimeline?: Timeline;
}

export interface AnalysisEnv {
  /** The editor's copy of an open document. */
  document(uri: string): Pick<TextDocument, 'version' | 'getText' | 'languageId'> | undefined;
  index: WorkspaceIndex;
  folders: Folders;
  today(): string;
  log(message: string): void;
  /** `traceAnalysis`: one log line per parse, lint and schedule. */
  trace(what: string, uri: string, version: number): void;
  /** Open documents whose findings an index change made stale (the caller re-publishes them). */
  onStale(uris: string[], except: string | undefined): void;
}

interface OpenState {
  cache: DocumentChunkCache;
  analysis?: Analysis;
  /** The document's lint across edits: the timing rules' findings reused while what they read is unchanged. */
  lint: IncrementalLint;
  /** The recogniser's walk of each section, replayed while its lines are unchanged. */
  sections: SectionMemos;
  /** What the timing rules read from other documents when they last ran (their memo is dropped when it changes). */
  timingReads?: Reads;
}

/** Where lint's schedule starts (lint/timelineBridge.ts): hints and hovers use the same one, so they agree with the findings. */
const lintStart = (config: ResolvedConfig): string => config.timeline.start ?? LINT_REFERENCE_START;

export class Analyses {
  private readonly open = new Map<string, OpenState>();
  /** Workspace- and config-derived values of the lint rules, each kept while what it read is unchanged. */
  private shared: TrackedShared;
  private sharedConfig = -1;

  constructor(private readonly env: AnalysisEnv) {
    this.shared = new TrackedShared().attach(env.index.tracking);
    // Open documents are read again after every edit: untouched paragraphs reuse their timing phrases and the
    // parties they name…
    timingSpansMemo().bypass = false;
    rolePartiesMemo().bypass = false;
    // …and a schedule whose numbers an edit left alone reuses its simulation runs.
    simulationMemo.enabled = true;
  }

  /** A document was opened (or is about to be analysed). */
  track(uri: string): void {
    if (!this.open.has(uri)) this.open.set(uri, { cache: new DocumentChunkCache(), lint: new IncrementalLint(), sections: new SectionMemos() });
  }

  forget(uri: string): void {
    this.open.delete(uri);
  }

  uris(): IterableIterator<string> {
    return this.open.keys();
  }

  /** The latest analysis of `uri`, without analysing. */
  latest(uri: string): Analysis | undefined {
    return this.open.get(uri)?.analysis;
  }

  /** Parses the open document if its version changed and refreshes its index entry. */
  analyze(uri: string): Analysis | undefined {
    const td = this.env.document(uri);
    if (!td || isConfigUri(uri)) return undefined;
    this.track(uri);
    const st = this.open.get(uri)!;
    if (st.analysis?.version === td.version) return st.analysis;
    const text = td.getText();
    if (text.length > MAX_INDEXED_FILE) {
      // Past the size budget the document is not parsed (a 20 MB paste would hold the server for a minute
      // and gigabytes): it gets one diagnostic saying so, and the index keeps no entry for it.
      const doc = documentFromLines(uri, detectFormat(uri, text), [], undefined, [oversizedProblem(text.length)]);
      st.analysis = { version: td.version, doc, lines: [] };
      this.env.index.setOpen(uri, undefined);
      this.settle(uri);
      return st.analysis;
    }
    const result = parseSopDetailed(text, uri, { cache: st.cache, sectionMemos: st.sections, sopOverride: sopOverrideFor(uri, this.env.folders.configFor(uri)) });
    st.cache.endParse();
    this.env.trace('parse', uri, td.version);
    const lines = result.lines.length === result.doc.lineCount && result.lines.length ? result.lines.map((l) => l.raw) : splitLines(text).lines;
    st.analysis = { version: td.version, doc: result.doc, lines };
    this.env.index.setOpen(uri, indexEntryFromDoc(result.doc));
    this.settle(uri);
    return st.analysis;
  }

  /**
   * Applies the index's pending change: findings whose reads it does not touch stay current (at the new
   * revision), the others are dropped; the documents that lost theirs go to `onStale` (`except`: the document
   * being analysed, which is re-linted anyway).
   */
  settle(except?: string): void {
    const change = this.env.index.takeChange();
    if (!change) return;
    this.shared.invalidate(change.keys);
    const stale: string[] = [];
    for (const [uri, st] of this.open) {
      if (st.timingReads && affects(change.keys, st.timingReads)) {
        st.lint.forget();
        delete st.timingReads;
      }
      const a = st.analysis;
      if (!a?.findings || a.findingsRevision === undefined) continue;
      if (a.reads && !affects(change.keys, a.reads)) {
        a.findingsRevision = change.revision;
        continue;
      }
      delete a.findings;
      delete a.findingsRevision;
      if (uri !== except) stale.push(uri);
    }
    if (stale.length) this.env.onStale(stale, except);
  }

  private timelineKey(uri: string): string {
    return `${this.env.folders.revision}|${lintStart(this.env.folders.configFor(uri))}|${this.env.today()}`;
  }

  /** Whether the findings of `a` are current for the index and configuration as they are now. */
  isCurrent(a: Analysis): boolean {
    return !!a.findings && a.findingsRevision === this.env.index.revision && a.findingsConfig === this.env.folders.revision;
  }

  findingsOf(uri: string, a: Analysis): Finding[] {
    // Changes not yet settled (a file event, another document's parse) must not be read as current.
    this.settle();
    if (this.isCurrent(a)) return a.findings!;
    if (this.sharedConfig !== this.env.folders.revision) {
      this.shared = new TrackedShared().attach(this.env.index.tracking);
      this.sharedConfig = this.env.folders.revision;
    }
    // The timing rules build the schedule on a recording view of the model (core/incremental): it is not kept
    // for hints and hovers, which build their own (timelineOf) when asked.
    const key = this.timelineKey(uri);
    this.env.trace('lint', uri, a.version);
    const reads: Reads = new Set();
    const config = this.env.folders.configFor(uri);
    const st = this.open.get(uri);
    const lint = st?.lint ?? new IncrementalLint();
    const timingReads: Reads = new Set();
    try {
      const result = this.env.index.tracking.track(reads, () =>
        lint.run({
          doc: a.doc,
          workspace: this.env.index.tracking,
          config,
          today: this.env.today(),
          shared: this.shared,
          key,
          aroundTiming: (run) => this.env.index.tracking.track(timingReads, run),
        }),
      );
      a.findings = result.findings;
      if (st && !result.timingReused) st.timingReads = timingReads;
      for (const k of st?.timingReads ?? timingReads) reads.add(k);
    } catch (err) {
      this.env.log(`sopls: lint failed on ${uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      a.findings = [];
    }
    a.reads = reads;
    a.findingsRevision = this.env.index.revision;
    a.findingsConfig = this.env.folders.revision;
    return a.findings;
  }

  /** The schedule without Monte Carlo runs that the lint's timing rules judge: built once per version and config. */
  timelineOf(uri: string, a: Analysis): Timeline {
    const key = this.timelineKey(uri);
    if (a.timeline && a.timelineKey === key) return a.timeline;
    const config = this.env.folders.configFor(uri);
    // Exactly the options of lintTimeline (lint/timelineBridge.ts), so either can stand for the other.
    this.env.trace('schedule', uri, a.version);
    a.timeline = buildTimeline(a.doc, { config, today: this.env.today(), start: lintStart(config), runs: 0 });
    a.timelineKey = key;
    return a.timeline;
  }

  /** The schedule from today (or `timeline.start`): the dates the status bar shows. */
  todayTimelineOf(uri: string, a: Analysis): Timeline {
    const config = this.env.folders.configFor(uri);
    const today = this.env.today();
    const start = config.timeline.start ?? today;
    if (start === lintStart(config)) return this.timelineOf(uri, a);
    const key = `${this.env.folders.revision}|${start}|${today}`;
    if (a.todayTimeline && a.todayTimelineKey === key) return a.todayTimeline;
    this.env.trace('schedule from today', uri, a.version);
    a.todayTimeline = buildTimeline(a.doc, { config, today, start, runs: 0 });
    a.todayTimelineKey = key;
    return a.todayTimeline;
  }

  /** What a language feature needs for `uri` (undefined when it is not an open, analysable document). */
  contextFor(uri: string): ServiceContext | undefined {
    const a = this.analyze(uri);
    if (!a) return undefined;
    return {
      doc: a.doc,
      lines: a.lines,
      workspace: this.env.index.workspace,
      config: this.env.folders.configFor(uri),
      today: this.env.today(),
      timeline: () => this.timelineOf(uri, a),
    };
  }

  /** Documents sopls has something to say about: SOPs, documents with sopls frontmatter, and `.sop.md` files. */
  relevant(uri: string, doc: SopDocument): boolean {
    return doc.isSop || !!doc.meta.id || !!doc.meta.type || /\.sop\.md$/i.test(uri) || this.env.document(uri)?.languageId === 'sop';
  }
}
