/**
 * The language server: connection wiring, open documents, the workspace index, configuration, diagnostics.
 * Every language feature lives in core/services; this file only finds the inputs and converts the outputs.
 *
 * Speed rules (see issue 5): an open document is parsed with its own ChunkCache, so an edit re-parses only the
 * chunk it touched, and only once its debounce expires or a request needs it; closed files are indexed with the
 * cheap scan (scanIndexEntry), never a full parse.
 */
import path from 'node:path';
import fs from 'node:fs';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResolvedConfig } from '../core/config';
import type { Finding } from '../core/findings';
import { indexEntryFromDoc, scanIndexEntry } from '../core/indexScan';
import { lintDocument } from '../core/lint/engine';
import { LINT_REFERENCE_START, TIMELINE_MEMO_KEY } from '../core/lint/timelineBridge';
import { allSteps, type SopDocument } from '../core/model';
import { detectFormat, documentFromLines, parseSopDetailed } from '../core/parse';
import { sopOverrideFor } from '../core/parse/sopFiles';
import { splitLines } from '../core/parse/lines';
import { codeActions } from '../core/services/actions';
import { complete } from '../core/services/completion';
import type { ServiceContext } from '../core/services/context';
import { inlayHints } from '../core/services/inlay';
import { definition, hover, prepareRename, references, rename, RenameError } from '../core/services/navigation';
import { documentSymbols, foldingRanges, workspaceSymbols } from '../core/services/symbols';
import { localIsoDate } from '../core/timeline/calendar';
import { renderTimeline, TIMELINE_FORMATS, isTimelineFormat } from '../core/timeline/render';
import { timelineToJson } from '../core/timeline/render/json';
import { buildTimeline, findCustomer, type Timeline } from '../core/timeline/schedule';
import { InMemoryWorkspace, type IndexEntry } from '../core/workspace';
import { findWorkspaceRoot } from '../node/files';
import {
  CustomersRequest,
  DocumentAnalyzedNotification,
  DocumentStatsRequest,
  ExportTimelineRequest,
  ScheduleRequest,
  type CustomerSummary,
  type CustomersParams,
  type DocumentAnalyzedParams,
  type DocumentStats,
  type DocumentStatsParams,
  type ExportTimelineParams,
  type ExportTimelineResult,
  type ScheduleParams,
} from '../protocol';
import { CONFIG_FILE_NAME, configTextProblems, loadFolderConfig } from './config';
import { toDiagnostic } from './diagnostics';
import { listSopFiles, MAX_INDEXED_FILE, MAX_SCHEDULE_RUNS, normaliseUri, oversizedProblem, readTextFile, readTextFileSync, SOP_FILE, uriToPath } from './files';
import { DocumentChunkCache } from './chunkCache';
import { compactEntry } from './compact';
import { scanFiles } from './indexFiles';
import { registerUnderstood } from './understood';

export interface ServerOptions {
  /** Milliseconds between the last change and re-analysis; `initializationOptions.diagnosticsDelay` overrides. */
  diagnosticsDelay?: number;
  /** Today's date (YYYY-MM-DD); the local date when absent. Tests pin it through initializationOptions.today. */
  today?: string;
}

/**
 * Everything computed for one version of an open document, shared by diagnostics, inlay hints, hover, code
 * actions and sopls/documentStats: the parse, the findings (valid while the index and config are unchanged)
 * and the schedule without Monte Carlo runs (valid while the config and today are; the lint's timing rules
 * build it through the same memo, so a keystroke schedules the document once).
 */
interface Analysis {
  version: number;
  doc: SopDocument;
  lines: string[];
  /** Generation of the index and config the findings were computed against. */
  findingsGeneration?: number;
  findings?: Finding[];
  /** Config generation, start date and today's date the timeline was built for. */
  timelineKey?: string;
  /** The schedule the lint judged (start: `timeline.start`, else lint's reference Monday). */
  timeline?: Timeline;
  /** The schedule from today, for the status bar's finish dates; the same object when the starts agree. */
  todayTimelineKey?: string;
  todayTimeline?: Timeline;
}

interface OpenState {
  cache: DocumentChunkCache;
  analysis?: Analysis;
  timer?: ReturnType<typeof setTimeout>;
}

interface Folder {
  uri: string;
  /** File-system path; absent for virtual workspaces (nothing is read from disk). */
  path?: string;
  name: string;
  config: ResolvedConfig;
}

function isConfigUri(uri: string): boolean {
  return /\/\.sopls\.json$/i.test(uri.replace(/[?#].*$/, ''));
}

/** What of an index entry other documents' findings depend on. */
function entrySignature(e: IndexEntry | undefined): string {
  if (!e) return '';
  return JSON.stringify([e.id, e.title, e.status, e.type, e.isSop, e.roles.map((r) => [r.name, r.acronym, r.aliases])]);
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const open = new Map<string, OpenState>();
  const index = new InMemoryWorkspace();
  /** Entries read from disk, by normalised URI; an open document's entry replaces its disk entry in `index`. */
  const disk = new Map<string, IndexEntry>();
  /** Client URI of each open document by normalised URI, so disk events find the open copy. */
  const openByDiskKey = new Map<string, string>();
  let folders: Folder[] = [];
  let caps: ClientCapabilities = {};
  let delay = options.diagnosticsDelay ?? 150;
  let fixedToday = options.today;
  let pullDiagnostics = false;
  /** Bumped when the index (what other documents' findings depend on) or the config changes. */
  let generation = 0;
  /** Bumped when the config changes: the timeline depends on the config and the document only. */
  let configGeneration = 0;
  /** Workspace- and config-derived values of the lint rules; a new map with every generation. */
  let lintShared = new Map<string, unknown>();
  /** `initializationOptions.workspaceTrusted === false`: `.sopls.json` is not read. */
  let trusted = true;
  /** `initializationOptions.virtualWorkspace === true`: no file system, only open documents are analysed. */
  let virtual = false;
  /** `initializationOptions.traceAnalysis`: log each parse, lint and schedule (tests count them). */
  let traceAnalysis = false;
  let globalSettings: unknown = {};
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (resolveReady = r));
  let defaultConfigCache: ResolvedConfig | undefined;

  const today = (): string => fixedToday ?? localIsoDate(new Date());
  const log = (message: string): void => connection.console.log(message);
  const trace = (what: string, uri: string, version: number): void => {
    if (traceAnalysis) log(`sopls: ${what} ${uri} v${version}`);
  };
  const bump = (): void => {
    generation++;
    lintShared = new Map();
  };
  const bumpConfig = (): void => {
    configGeneration++;
    bump();
  };

  // ---- configuration -------------------------------------------------------------------------------------------

  function folderOf(uri: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of folders) {
      const prefix = f.uri.endsWith('/') ? f.uri : `${f.uri}/`;
      if ((uri.startsWith(prefix) || normaliseUri(uri).startsWith(normaliseUri(f.uri) + '/')) && (!best || f.uri.length > best.uri.length)) best = f;
    }
    return best;
  }

  function configFor(uri: string): ResolvedConfig {
    const f = folderOf(uri) ?? folders[0];
    if (f) return f.config;
    return (defaultConfigCache ??= loadFolderConfig((globalSettings as { sop?: unknown })?.sop, undefined).config);
  }

  /** The open `.sopls.json` document of a folder, if the client has it open. */
  function openConfigDocument(folder: Folder): string | undefined {
    const key = normaliseUri(`${folder.uri.replace(/\/$/, '')}/${CONFIG_FILE_NAME}`);
    return openByDiskKey.get(key);
  }

  function readConfigFile(folder: Folder): string | undefined {
    if (!folder.path || !trusted || virtual) return undefined;
    const file = path.join(folder.path, CONFIG_FILE_NAME);
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log(`sopls: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  async function loadConfigs(): Promise<void> {
    const settingsFor = async (scopeUri: string | undefined): Promise<unknown> => {
      if (caps.workspace?.configuration) {
        try {
          return await connection.workspace.getConfiguration(scopeUri ? { scopeUri, section: 'sop' } : { section: 'sop' });
        } catch {
          return undefined;
        }
      }
      return (globalSettings as { sop?: unknown })?.sop;
    };
    for (const f of folders) {
      const loaded = loadFolderConfig(await settingsFor(f.uri), readConfigFile(f));
      f.config = loaded.config;
      for (const e of loaded.settingsErrors) log(`sopls: settings (sop.*) ignored for ${f.name}: ${e.message}`);
      // An open .sopls.json shows its problems as diagnostics (from the editor's text); otherwise the log says.
      if (loaded.fileProblems.length && !openConfigDocument(f)) {
        const file = f.path ? path.join(f.path, CONFIG_FILE_NAME) : CONFIG_FILE_NAME;
        for (const p of loaded.fileProblems) log(`sopls: ${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message} (the file is ignored)`);
      }
    }
    if (!trusted && folders.some((f) => f.path)) log('sopls: the workspace is not trusted: .sopls.json is ignored');
    const defaults = loadFolderConfig(await settingsFor(undefined), undefined);
    defaultConfigCache = defaults.config;
    bumpConfig();
  }

  // ---- the workspace index -------------------------------------------------------------------------------------

  function setEntry(key: string, entry: IndexEntry | undefined): boolean {
    const before = index.get(key);
    if (entry) index.set(entry);
    else index.delete(key);
    return entrySignature(before) !== entrySignature(entry);
  }

  async function indexFolders(targets: Folder[]): Promise<void> {
    const progress = caps.window?.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Indexing SOP documents', 0, 'Listing files…', false);
    const files: string[] = [];
    for (const f of targets) {
      if (!f.path || virtual) continue;
      files.push(...listSopFiles(f.path, { include: f.config.include, exclude: f.config.exclude, warn: log }));
    }
    const started = Date.now();
    let lastReport = 0;
    const entries = await scanFiles(files, {
      log,
      progress: (scanned) => {
        if (!progress || Date.now() - lastReport <= 100) return;
        lastReport = Date.now();
        progress.report(Math.round((scanned / Math.max(1, files.length)) * 100), `${scanned}/${files.length} files`);
      },
    });
    for (const entry of entries) {
      if (!entry) continue;
      disk.set(entry.uri, entry);
      if (!openByDiskKey.has(entry.uri)) index.set(entry);
    }
    progress?.done();
    bump();
    log(`sopls: indexed ${files.length} files in ${targets.length} folder(s) in ${Date.now() - started} ms`);
  }

  // ---- open documents -----------------------------------------------------------------------------------------

  function stateOf(uri: string): OpenState {
    let st = open.get(uri);
    if (!st) {
      st = { cache: new DocumentChunkCache() };
      open.set(uri, st);
    }
    return st;
  }

  /** Parses the open document if its version changed and refreshes its index entry. */
  function analyze(uri: string): Analysis | undefined {
    const td = documents.get(uri);
    if (!td || isConfigUri(uri)) return undefined;
    const st = stateOf(uri);
    if (st.analysis?.version === td.version) return st.analysis;
    const text = td.getText();
    if (text.length > MAX_INDEXED_FILE) {
      // Past the size budget the document is not parsed (a 20 MB paste would hold the server for a minute
      // and gigabytes): it gets one diagnostic saying so, and the index keeps no entry for it.
      const doc = documentFromLines(uri, detectFormat(uri, text), [], undefined, [oversizedProblem(text.length)]);
      st.analysis = { version: td.version, doc, lines: [] };
      return st.analysis;
    }
    const result = parseSopDetailed(text, uri, { cache: st.cache, sopOverride: sopOverrideFor(uri, configFor(uri)) });
    st.cache.endParse();
    trace('parse', uri, td.version);
    const lines = result.lines.length === result.doc.lineCount && result.lines.length ? result.lines.map((l) => l.raw) : splitLines(text).lines;
    st.analysis = { version: td.version, doc: result.doc, lines };
    if (setEntry(uri, indexEntryFromDoc(result.doc))) {
      bump();
      othersChanged(uri);
    }
    return st.analysis;
  }

  /** Where lint's schedule starts (lint/timelineBridge.ts): hints and hovers use the same one, so they agree with the findings. */
  const lintStart = (config: ResolvedConfig): string => config.timeline.start ?? LINT_REFERENCE_START;
  const timelineKey = (uri: string): string => `${configGeneration}|${lintStart(configFor(uri))}|${today()}`;

  function findingsOf(uri: string, a: Analysis): Finding[] {
    if (a.findings && a.findingsGeneration === generation) return a.findings;
    // The timing rules keep the schedule in the engine's per-document memo: hand them this version's schedule
    // when it is already built, and keep the one they build.
    const memo = new Map<string, unknown>();
    const key = timelineKey(uri);
    if (a.timeline && a.timelineKey === key) memo.set(TIMELINE_MEMO_KEY, a.timeline);
    trace('lint', uri, a.version);
    try {
      a.findings = lintDocument({ doc: a.doc, workspace: index, config: configFor(uri), today: today(), shared: lintShared, memo });
    } catch (err) {
      log(`sopls: lint failed on ${uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      a.findings = [];
    }
    a.findingsGeneration = generation;
    const built = memo.get(TIMELINE_MEMO_KEY) as Timeline | undefined;
    if (built && a.timelineKey !== key) {
      trace('schedule', uri, a.version);
      a.timeline = built;
      a.timelineKey = key;
    }
    return a.findings;
  }

  /** The schedule without Monte Carlo runs that the lint's timing rules judge: built once per version and config. */
  function timelineOf(uri: string, a: Analysis): Timeline {
    const key = timelineKey(uri);
    if (a.timeline && a.timelineKey === key) return a.timeline;
    const config = configFor(uri);
    // Exactly the options of lintTimeline (lint/timelineBridge.ts), so either can stand for the other.
    trace('schedule', uri, a.version);
    a.timeline = buildTimeline(a.doc, { config, today: today(), start: lintStart(config), runs: 0 });
    a.timelineKey = key;
    return a.timeline;
  }

  /** The schedule from today (or `timeline.start`): the dates the status bar shows. */
  function todayTimelineOf(uri: string, a: Analysis): Timeline {
    const config = configFor(uri);
    const start = config.timeline.start ?? today();
    if (start === lintStart(config)) return timelineOf(uri, a);
    const key = `${configGeneration}|${start}|${today()}`;
    if (a.todayTimeline && a.todayTimelineKey === key) return a.todayTimeline;
    trace('schedule from today', uri, a.version);
    a.todayTimeline = buildTimeline(a.doc, { config, today: today(), start, runs: 0 });
    a.todayTimelineKey = key;
    return a.todayTimeline;
  }

  function contextFor(uri: string): ServiceContext | undefined {
    const a = analyze(uri);
    if (!a) return undefined;
    return { doc: a.doc, lines: a.lines, workspace: index, config: configFor(uri), today: today(), timeline: () => timelineOf(uri, a) };
  }

  /** Documents sopls has something to say about: SOPs, documents with sopls frontmatter, and `.sop.md` files. */
  function relevant(uri: string, doc: SopDocument): boolean {
    const td = documents.get(uri);
    return doc.isSop || !!doc.meta.id || !!doc.meta.type || /\.sop\.md$/i.test(uri) || td?.languageId === 'sop';
  }

  /** Problems of an open `.sopls.json` (none when the workspace is untrusted or virtual: it is not used). */
  function configDiagnostics(uri: string): Diagnostic[] {
    const td = documents.get(uri);
    if (!td || !trusted || virtual) return [];
    return configTextProblems(td.getText()).map((p) => ({
      range: p.range,
      severity: DiagnosticSeverity.Error,
      source: 'sopls',
      message: `${p.message} (.sopls.json is ignored until this is fixed)`,
    }));
  }

  function diagnosticsOf(uri: string): Diagnostic[] {
    if (isConfigUri(uri)) return configDiagnostics(uri);
    const a = analyze(uri);
    if (!a) return [];
    const opts = {
      relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation !== false,
      codeDescription: true,
    };
    return findingsOf(uri, a).map((f) => toDiagnostic(f, opts));
  }

  function schedule(uri: string, ms: number): void {
    const st = stateOf(uri);
    if (st.timer) clearTimeout(st.timer);
    st.timer = setTimeout(() => {
      st.timer = undefined;
      void ready.then(() => publish(uri));
    }, ms);
  }

  function publish(uri: string): void {
    const td = documents.get(uri);
    if (!td) return;
    try {
      const version = td.version;
      if (!pullDiagnostics) {
        const diagnostics = diagnosticsOf(uri);
        void connection.sendDiagnostics({ uri, version, diagnostics });
      } else {
        analyze(uri);
      }
      if (isConfigUri(uri)) return;
      const params: DocumentAnalyzedParams = { uri, version };
      void connection.sendNotification(DocumentAnalyzedNotification, params);
    } catch (err) {
      log(`sopls: analysis failed on ${uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  /** Something other documents depend on changed: their findings may differ now. */
  function othersChanged(except?: string): void {
    if (pullDiagnostics) {
      if (caps.workspace?.diagnostics?.refreshSupport) void ready.then(() => connection.languages.diagnostics.refresh());
      return;
    }
    for (const uri of open.keys()) if (uri !== except && documents.get(uri)) schedule(uri, delay);
  }

  function everythingChanged(): void {
    bump();
    if (pullDiagnostics) {
      if (caps.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
    } else {
      for (const uri of open.keys()) if (documents.get(uri)) schedule(uri, 0);
    }
    if (caps.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh();
  }

  documents.onDidOpen((e) => {
    const key = normaliseUri(e.document.uri);
    openByDiskKey.set(key, e.document.uri);
    if (key !== e.document.uri && disk.has(key)) index.delete(key);
    stateOf(e.document.uri);
  });

  documents.onDidChangeContent((e) => {
    // didOpen fires this too: the first analysis is not delayed.
    const st = open.get(e.document.uri);
    schedule(e.document.uri, st?.analysis ? delay : 0);
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const st = open.get(uri);
    if (st?.timer) clearTimeout(st.timer);
    open.delete(uri);
    const key = normaliseUri(uri);
    openByDiskKey.delete(key);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
    if (isConfigUri(uri)) return;
    // The saved file is what the index knows now (an unsaved edit is gone with the editor).
    void (async () => {
      const file = virtual ? undefined : uriToPath(uri);
      const text = file ? await readTextFile(file) : undefined;
      if (openByDiskKey.has(key)) return;
      const entry = text !== undefined ? compactEntry(scanIndexEntry(text, key)) : undefined;
      if (entry) disk.set(key, entry);
      else disk.delete(key);
      let changed = setEntry(uri, undefined);
      if (entry) changed = setEntry(key, entry) || changed;
      if (changed) {
        bump();
        othersChanged();
      }
    })();
  });

  // ---- lifecycle ---------------------------------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as {
      diagnosticsDelay?: unknown;
      today?: unknown;
      settings?: unknown;
      workspaceTrusted?: unknown;
      virtualWorkspace?: unknown;
      traceAnalysis?: unknown;
    };
    if (typeof init.diagnosticsDelay === 'number' && init.diagnosticsDelay >= 0) delay = init.diagnosticsDelay;
    trusted = init.workspaceTrusted !== false;
    traceAnalysis = init.traceAnalysis === true;
    virtual = init.virtualWorkspace === true;
    if (typeof init.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(init.today)) fixedToday = init.today;
    if (init.settings !== undefined) globalSettings = { sop: init.settings };
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    const wsFolders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : []);
    folders = wsFolders.map((f) => makeFolder(f));
    // Messages name other documents relative to the workspace (one folder; several keep bare file names).
    if (wsFolders.length === 1) index.root = wsFolders[0]!.uri;
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '-', '[', ','] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'SOP' },
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'sopls', version: typeof SOPLS_VERSION === 'string' ? SOPLS_VERSION : '0.0.0-dev' },
    };
    if (pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: 'sopls', interFileDependencies: true, workspaceDiagnostics: false };
    }
    return result;
  });

  function makeFolder(f: WorkspaceFolder): Folder {
    const p = uriToPath(f.uri);
    const folder: Folder = { uri: f.uri, name: f.name, config: loadFolderConfig(undefined, undefined).config };
    if (p && !virtual) folder.path = p;
    return folder;
  }

  connection.onInitialized(() => {
    // vscode-languageserver throws when this is subscribed for a client without folder support.
    if (caps.workspace?.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(onFoldersChanged);
    void (async () => {
      try {
        if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
          await connection.client.register(DidChangeWatchedFilesNotification.type, {
            watchers: [{ globPattern: '**/*.{md,markdown,txt}' }, { globPattern: '**/.sopls.json' }],
          });
        }
        if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
          await connection.client.register(DidChangeConfigurationNotification.type, { section: 'sop' });
        }
      } catch (err) {
        log(`sopls: registration failed: ${String(err)}`);
      }
      try {
        await loadConfigs();
        if (!virtual) await indexFolders(folders);
      } catch (err) {
        log(`sopls: indexing failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      } finally {
        resolveReady();
      }
      // Findings of documents opened while indexing may have changed (links now resolve).
      everythingChanged();
    })();
  });

  connection.onDidChangeConfiguration((change) => {
    if (!caps.workspace?.configuration) globalSettings = change.settings ?? {};
    void ready.then(async () => {
      await loadConfigs();
      everythingChanged();
    });
  });

  function onFoldersChanged(e: { added: WorkspaceFolder[]; removed: WorkspaceFolder[] }): void {
    void ready.then(async () => {
      for (const removed of e.removed) {
        folders = folders.filter((f) => f.uri !== removed.uri);
        const prefix = normaliseUri(removed.uri).replace(/\/?$/, '/');
        for (const key of [...disk.keys()]) {
          if (!key.startsWith(prefix)) continue;
          disk.delete(key);
          if (!openByDiskKey.has(key)) index.delete(key);
        }
      }
      const added = e.added.map(makeFolder);
      folders.push(...added);
      await loadConfigs();
      if (!virtual) await indexFolders(added);
      everythingChanged();
    });
  }

  connection.onDidChangeWatchedFiles((params) => {
    // A virtual workspace has no files to read: open documents are all there is.
    if (virtual) return;
    void ready.then(async () => {
      let configChanged = false;
      let changed = false;
      for (const c of params.changes) {
        const key = normaliseUri(c.uri);
        if (isConfigUri(key)) {
          configChanged = true;
          continue;
        }
        if (!SOP_FILE.test(key)) continue;
        if (c.type === FileChangeType.Deleted) {
          disk.delete(key);
          if (!openByDiskKey.has(key)) changed = setEntry(key, undefined) || changed;
          continue;
        }
        const file = uriToPath(key);
        const text = file ? readTextFileSync(file) : undefined;
        if (text === undefined) continue;
        const entry = compactEntry(scanIndexEntry(text, key));
        disk.set(key, entry);
        // The editor's copy of an open document is the truth, not the file on disk.
        if (!openByDiskKey.has(key)) changed = setEntry(key, entry) || changed;
      }
      if (configChanged) await loadConfigs();
      if (changed || configChanged) everythingChanged();
    });
  });

  // ---- diagnostics (pull) -----------------------------------------------------------------------------------------

  connection.languages.diagnostics.on(async (params) => {
    await ready;
    const uri = params.textDocument.uri;
    return { kind: DocumentDiagnosticReportKind.Full, items: documents.get(uri) ? diagnosticsOf(uri) : [] };
  });

  // ---- features ----------------------------------------------------------------------------------------------------

  const guard = <T>(fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      log(`sopls: request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return fallback;
    }
  };

  const withContext = <T>(uri: string, fallback: T, fn: (ctx: ServiceContext) => T): T =>
    guard(fallback, () => {
      const ctx = contextFor(uri);
      if (!ctx || !relevant(uri, ctx.doc)) return fallback;
      return fn(ctx);
    });

  connection.onCompletion((p) =>
    withContext(p.textDocument.uri, [], (ctx) =>
      complete(ctx, p.position, {
        snippetSupport: !!caps.textDocument?.completion?.completionItem?.snippetSupport,
        markdown: !!caps.textDocument?.completion?.completionItem?.documentationFormat?.includes('markdown'),
      }),
    ),
  );
  connection.onHover((p) => withContext(p.textDocument.uri, null, (ctx) => hover(ctx, p.position)));
  connection.onDefinition((p) => withContext(p.textDocument.uri, [], (ctx) => definition(ctx, p.position)));
  connection.onReferences((p) => withContext(p.textDocument.uri, [], (ctx) => references(ctx, p.position, p.context.includeDeclaration)));
  connection.onPrepareRename((p) => withContext(p.textDocument.uri, null, (ctx) => prepareRename(ctx, p.position)));
  connection.onRenameRequest((p) =>
    withContext(p.textDocument.uri, null, (ctx) => {
      try {
        return rename(ctx, p.position, p.newName);
      } catch (err) {
        if (err instanceof RenameError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
        throw err;
      }
    }),
  );
  connection.onDocumentSymbol((p) => withContext(p.textDocument.uri, [], (ctx) => documentSymbols(ctx)));
  connection.onWorkspaceSymbol(async (p) => {
    await ready;
    return guard([], () => workspaceSymbols(index, p.query));
  });
  connection.onFoldingRanges((p) => withContext(p.textDocument.uri, [], (ctx) => foldingRanges(ctx)));
  connection.onCodeAction((p) =>
    withContext(p.textDocument.uri, [], (ctx) =>
      codeActions(ctx, p.range, p.context.diagnostics, {
        createFiles: !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create'),
        documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
        version: documents.get(p.textDocument.uri)?.version ?? null,
      }),
    ),
  );
  connection.languages.inlayHint.on((p) => withContext(p.textDocument.uri, [], (ctx) => inlayHints(ctx, p.range)));

  // ---- custom requests ---------------------------------------------------------------------------------------------

  /** The model of a document, open or not: requests from the preview may name a file that is not open. */
  async function modelOf(uri: string): Promise<{ doc: SopDocument; analysis?: Analysis } | undefined> {
    const a = analyze(uri);
    if (a) return { doc: a.doc, analysis: a };
    const file = virtual ? undefined : uriToPath(uri);
    const text = file ? await readTextFile(file) : undefined;
    if (text === undefined) return undefined;
    return { doc: parseSopDetailed(text, uri).doc };
  }

  /** The full schedule (Monte Carlo included) for sopls/schedule and sopls/exportTimeline; never cached. */
  async function requestedTimeline(p: ScheduleParams): Promise<{ doc: SopDocument; timeline: Timeline }> {
    // Request limits: each Monte Carlo run costs memory per step, so `runs: 1e9` would never answer.
    if (p.runs !== undefined && !(Number.isInteger(p.runs) && p.runs >= 0 && p.runs <= MAX_SCHEDULE_RUNS)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `runs needs a whole number from 0 to ${MAX_SCHEDULE_RUNS}, got ${JSON.stringify(p.runs)}`);
    }
    if (p.seed !== undefined && !Number.isFinite(p.seed)) throw new ResponseError(ErrorCodes.InvalidParams, `seed needs a number, got ${JSON.stringify(p.seed)}`);
    const m = await modelOf(p.uri);
    if (!m) throw new ResponseError(ErrorCodes.InvalidParams, `sopls: cannot read ${p.uri}`);
    const customer = p.customer ? findCustomer(index.entries(), p.customer) : undefined;
    if (p.customer && !customer) throw new ResponseError(ErrorCodes.InvalidParams, `No customer document declares ${p.customer}.`);
    const timeline = buildTimeline(m.doc, {
      config: configFor(p.uri),
      today: today(),
      ...(p.start ? { start: p.start } : {}),
      ...(p.holidays ? { holidays: p.holidays } : {}),
      ...(customer ? { customer } : {}),
      ...(p.runs !== undefined ? { runs: p.runs } : {}),
      ...(p.seed !== undefined ? { seed: p.seed } : {}),
    });
    return { doc: m.doc, timeline };
  }

  connection.onRequest(ScheduleRequest, async (p: ScheduleParams) => {
    await ready;
    return timelineToJson((await requestedTimeline(p)).timeline);
  });

  /** How `sopls timeline` names the document in iCalendar UIDs: its id, else its path from the workspace root. */
  function documentKey(doc: SopDocument, uri: string): string {
    if (doc.meta.id?.value) return doc.meta.id.value;
    const file = virtual ? undefined : uriToPath(uri);
    if (file) return path.relative(findWorkspaceRoot(path.dirname(file)), file).split(path.sep).join('/');
    const folder = folderOf(uri);
    return folder && uri.startsWith(folder.uri) ? decodeURIComponent(uri.slice(folder.uri.replace(/\/?$/, '/').length)) : uri;
  }

  connection.onRequest(ExportTimelineRequest, async (p: ExportTimelineParams): Promise<ExportTimelineResult | null> => {
    await ready;
    if (typeof p?.format !== 'string' || !isTimelineFormat(p.format)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `unknown format "${String(p?.format)}" (expected ${TIMELINE_FORMATS.join(', ')})`);
    }
    if (p.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(p.start)) throw new ResponseError(ErrorCodes.InvalidParams, `start needs a date YYYY-MM-DD, got "${p.start}"`);
    const r = await requestedTimeline(p);
    // `sopls timeline` refuses a document that is not an SOP; the client says so.
    if (!r.doc.isSop) return null;
    // A holiday code date-holidays does not know would silently drop every holiday: an error, as in the CLI.
    const problem = r.timeline.calendarProblems[0];
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `calendar: ${problem.message}`);
    return { content: renderTimeline(r.timeline, p.format, { documentKey: documentKey(r.doc, p.uri), today: today() }) };
  });

  connection.onRequest(CustomersRequest, async (p: CustomersParams | undefined) => {
    await ready;
    const home = p?.uri ? folderOf(p.uri) : undefined;
    const out: (CustomerSummary & { home: boolean })[] = [];
    for (const e of index.entries()) {
      if (!e.id || e.type?.toLowerCase() !== 'customer') continue;
      out.push({ id: e.id, ...(e.title ? { title: e.title } : {}), uri: e.uri, home: !!home && folderOf(e.uri) === home });
    }
    out.sort((a, b) => Number(b.home) - Number(a.home) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out.map(({ home: _home, ...c }) => c);
  });

  connection.onRequest(DocumentStatsRequest, async (p: DocumentStatsParams): Promise<DocumentStats | null> => {
    await ready;
    const a = analyze(p.uri);
    if (!a || !a.doc.isSop) return null;
    // Conflicts as the diagnostics count them; finish dates from today, as the preview shows them.
    const judged = timelineOf(p.uri, a);
    const dated = todayTimelineOf(p.uri, a);
    const stats: DocumentStats = {
      isSop: true,
      steps: allSteps(a.doc).filter((s) => s.kind !== 'substep').length,
      conflicts: judged.issues.filter((i) => i.rule === 'timeline-conflict' || i.rule === 'dependency-cycle').length,
    };
    if (dated.finish.earliest) stats.finishEarliest = dated.finish.earliest;
    if (dated.finish.latest) stats.finishLatest = dated.finish.latest;
    return stats;
  });

  registerUnderstood(connection, async (uri) => { await ready; return (await modelOf(uri))?.doc; });
  documents.listen(connection);
  connection.listen();
}

declare const SOPLS_VERSION: string | undefined;
