/**
 * The language server: wires the connection to the session's parts. Each part is a module with its own state
 * and tests; this file only connects events to them.
 *
 * | module             | owns                                                                               |
 * | ------------------ | ---------------------------------------------------------------------------------- |
 * | initOptions.ts     | `initializationOptions`, validated                                                 |
 * | folders.ts         | workspace folders and the configuration of each (revisioned)                       |
 * | workspaceIndex.ts  | the index: disk entries, open documents' entries, revision and pending change      |
 * | readTracking.ts    | what an analysis read from the index; which reads a change touches                 |
 * | analyses.ts        | open documents' parse, findings (current for one revision) and schedule           |
 * | publisher.ts       | diagnostics out (push with debounce, or pull), stale work dropped                  |
 * | indexer.ts         | building the index from disk with progress; indexStore.ts persists it              |
 * | features.ts        | completion, hover, navigation, symbols, code actions, inlay hints                  |
 * | requests.ts        | sopls/* custom requests                                                            |
 *
 * Speed rules (issues 5 and 14): an open document is parsed with its own chunk cache, so an edit re-parses only
 * the chunk it touched; an edit re-lints only that document, plus the open documents whose reads of the index
 * it changed; closed files are indexed with the cheap scan, never a full parse, and their entries are reused
 * across sessions when the client names a storage folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { localIsoDate } from '../core/timeline/calendar';
import { Analyses } from './analyses';
import { CONFIG_FILE_NAME } from './config';
import { normaliseUri, SOP_FILE } from './files';
import { registerFeatures } from './features';
import { Folders, isConfigUri, type ConfigSources, type Folder } from './folders';
import { indexFolders, readDiskEntry, readDiskEntryAsync } from './indexer';
import { buildFingerprint, IndexStore } from './indexStore';
import { readInitOptions, type ServerOptions } from './initOptions';
import { DiagnosticsPublisher } from './publisher';
import { modelOf, registerCustomRequests } from './requests';
import { registerUnderstood } from './understood';
import { checkCancelled, type Session } from './session';
import { WorkspaceIndex } from './workspaceIndex';

export type { ServerOptions } from './initOptions';

export function startServer(connection: Connection, serverOptions: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const log = (message: string): void => connection.console.log(message);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const s = createSession(connection, documents, params, serverOptions, ready, log);
    wireDocuments(s);
    wireWorkspace(s, resolveReady);
    registerFeatures(s);
    connection.languages.diagnostics.on(async (p, token) => {
      await s.ready;
      checkCancelled(token);
      const uri = p.textDocument.uri;
      return { kind: DocumentDiagnosticReportKind.Full, items: documents.get(uri) ? s.publisher.diagnosticsOf(uri) : [] };
    });
    // ---- custom requests: sopls/* (requests.ts); further registrations go below this line -------------------
    registerCustomRequests(s);
    registerUnderstood(connection, async (uri) => { await s.ready; return modelOf(s, uri); });
    return initializeResult(s);
  });

  documents.listen(connection);
  connection.listen();
}

function createSession(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  params: InitializeParams,
  serverOptions: ServerOptions,
  ready: Promise<void>,
  log: (message: string) => void,
): Session {
  const caps = params.capabilities;
  const options = readInitOptions(params.initializationOptions, serverOptions);
  const folders = new Folders(options.virtual, options.settings);
  const wsFolders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : []);
  folders.add(wsFolders);
  const index = new WorkspaceIndex(normaliseUri);
  // Messages name other documents relative to the workspace (one folder; several keep bare file names).
  if (wsFolders.length === 1) index.root = wsFolders[0]!.uri;
  const today = (): string => options.today ?? localIsoDate(new Date());
  const trace = (what: string, uri: string, version: number): void => {
    if (options.traceAnalysis) log(`sopls: ${what} ${uri} v${version}`);
  };
  // The publisher and the analyses refer to each other through the session: created in two steps.
  const session = { connection, caps, options, documents, index, folders, ready, today, log } as Session;
  session.analyses = new Analyses({
    document: (uri) => documents.get(uri),
    index,
    folders,
    today,
    log,
    trace,
    onStale: (uris) => session.publisher.stale(uris),
  });
  session.publisher = new DiagnosticsPublisher({
    connection,
    document: (uri) => documents.get(uri),
    analyses: session.analyses,
    pull: !!caps.textDocument?.diagnostic,
    diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
    inlayHintRefresh: !!caps.workspace?.inlayHint?.refreshSupport,
    relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation !== false,
    configFileUsed: options.trusted && !options.virtual,
    delay: options.diagnosticsDelay,
    ready,
    log,
  });
  return session;
}

function initializeResult(s: Session): InitializeResult {
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
  if (s.caps.textDocument?.diagnostic) {
    result.capabilities.diagnosticProvider = { identifier: 'sopls', interFileDependencies: true, workspaceDiagnostics: false };
  }
  return result;
}

/** Open, change, close: the editor's copies of documents. */
function wireDocuments(s: Session): void {
  const { documents, index, analyses, publisher } = s;
  documents.onDidOpen((e) => {
    index.open(e.document.uri);
    analyses.track(e.document.uri);
    analyses.settle();
  });

  documents.onDidChangeContent((e) => {
    // didOpen fires this too: the first analysis is not delayed.
    publisher.schedule(e.document.uri, analyses.latest(e.document.uri) ? s.options.diagnosticsDelay : 0);
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    analyses.forget(uri);
    publisher.closed(uri);
    if (isConfigUri(uri)) return;
    // The saved file is what the index knows now (an unsaved edit is gone with the editor).
    const key = normaliseUri(uri);
    index.close(uri);
    void (async () => {
      const entry = s.options.virtual ? undefined : await readDiskEntryAsync(key, s.store);
      // Reopened meanwhile: the editor's entry stays in charge.
      index.closed(uri, entry);
      analyses.settle();
    })();
  });
}

/** Configuration, folders, indexing and file events. */
function wireWorkspace(s: Session, resolveReady: () => void): void {
  const { connection, caps, folders, index, analyses, publisher, options, log } = s;
  const sources: ConfigSources = {
    settingsFor: async (scopeUri) => {
      if (caps.workspace?.configuration) {
        try {
          return await connection.workspace.getConfiguration(scopeUri ? { scopeUri, section: 'sop' } : { section: 'sop' });
        } catch {
          return undefined;
        }
      }
      return globalSettings;
    },
    readConfigFile: (f) => readConfigFile(f, options.trusted && !options.virtual, log),
    configFileOpen: (f) => !!index.openUriOf(normaliseUri(`${f.uri.replace(/\/$/, '')}/${CONFIG_FILE_NAME}`)),
    log,
  };
  let globalSettings: unknown = options.settings;
  const loadConfigs = (): Promise<void> => folders.load(sources, options.trusted);
  const everythingChanged = (): void => {
    analyses.settle();
    publisher.everything(analyses.uris());
  };
  const indexTargets = async (targets: readonly Folder[]): Promise<void> => {
    if (options.virtual) return;
    const entries = await indexFolders(targets, { connection, progress: !!caps.window?.workDoneProgress, log, ...(s.store ? { store: s.store } : {}) });
    index.setDiskMany(entries);
  };

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
        if (!options.virtual) s.store = IndexStore.open(options.storagePath, buildFingerprint(typeof SOPLS_VERSION === 'string' ? SOPLS_VERSION : 'dev'), log);
        await loadConfigs();
        await indexTargets(folders.all);
      } catch (err) {
        log(`sopls: indexing failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      } finally {
        resolveReady();
      }
      // Findings of documents opened while indexing may have changed (links now resolve).
      everythingChanged();
    })();
  });

  connection.onShutdown(() => s.store?.save(log));

  connection.onDidChangeConfiguration((change) => {
    if (!caps.workspace?.configuration) globalSettings = (change.settings as { sop?: unknown } | undefined)?.sop;
    void s.ready.then(async () => {
      await loadConfigs();
      everythingChanged();
    });
  });

  function onFoldersChanged(e: { added: WorkspaceFolder[]; removed: WorkspaceFolder[] }): void {
    void s.ready.then(async () => {
      for (const removed of e.removed) {
        folders.remove(removed.uri);
        index.removeFolder(normaliseUri(removed.uri).replace(/\/?$/, '/'));
      }
      const added = folders.add(e.added);
      await loadConfigs();
      await indexTargets(added);
      everythingChanged();
    });
  }

  connection.onDidChangeWatchedFiles((params: DidChangeWatchedFilesParams) => {
    // A virtual workspace has no files to read: open documents are all there is.
    if (options.virtual) return;
    void s.ready.then(async () => {
      let configChanged = false;
      for (const c of params.changes) {
        const key = normaliseUri(c.uri);
        if (isConfigUri(key)) {
          configChanged = true;
          continue;
        }
        if (!SOP_FILE.test(key)) continue;
        if (c.type === FileChangeType.Deleted) {
          index.setDisk(key, undefined);
          continue;
        }
        // A file that cannot be read now (being written, over the size budget) keeps its last entry.
        const entry = readDiskEntry(key, s.store);
        if (entry) index.setDisk(key, entry);
      }
      if (configChanged) {
        await loadConfigs();
        everythingChanged();
      } else {
        // Only the open documents whose reads the changed entries touch are re-analysed.
        analyses.settle();
      }
    });
  });
}

function readConfigFile(folder: Folder, allowed: boolean, log: (message: string) => void): string | undefined {
  if (!folder.path || !allowed) return undefined;
  const file = path.join(folder.path, CONFIG_FILE_NAME);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log(`sopls: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

declare const SOPLS_VERSION: string | undefined;
