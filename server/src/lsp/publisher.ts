/**
 * Diagnostics out: push (`textDocument/publishDiagnostics` after a debounce per document) or pull (answered by
 * `textDocument/diagnostic`; a change elsewhere asks the client to refresh). Diagnostics are published only
 * for the version and index revision they were computed for: work that went stale on the way is dropped and
 * the document re-scheduled, never published.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentAnalyzedNotification, type DocumentAnalyzedParams } from '../protocol';
import type { Analyses } from './analyses';
import { configTextProblems } from './config';
import { toDiagnostic } from './diagnostics';
import { isConfigUri } from './folders';

export interface PublisherEnv {
  connection: Connection;
  document(uri: string): TextDocument | undefined;
  analyses: Analyses;
  /** The client pulls diagnostics (textDocument/diagnostic) instead of receiving them. */
  pull: boolean;
  /** The client asks for workspace/diagnostic/refresh and workspace/inlayHint/refresh. */
  diagnosticRefresh: boolean;
  inlayHintRefresh: boolean;
  /** The client shows relatedInformation (otherwise it is folded into the message). */
  relatedInformation: boolean;
  /** `.sopls.json` is read (trusted, not virtual): its problems are shown. */
  configFileUsed: boolean;
  delay: number;
  ready: Promise<void>;
  log(message: string): void;
}

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Diagnostics dropped because the document or index moved on while they were computed (tests read it). */
  dropped = 0;

  constructor(private readonly env: PublisherEnv) {}

  /** Publish `uri` after `ms` (restarting its timer). */
  schedule(uri: string, ms: number = this.env.delay): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.env.ready.then(() => this.publish(uri));
      }, ms),
    );
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** The document was closed: clear what the client shows for it. */
  closed(uri: string): void {
    this.cancel(uri);
    if (!this.env.pull) void this.env.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Problems of an open `.sopls.json` (none when the workspace is untrusted or virtual: it is not used). */
  private configDiagnostics(uri: string): Diagnostic[] {
    const td = this.env.document(uri);
    if (!td || !this.env.configFileUsed) return [];
    return configTextProblems(td.getText()).map((p) => ({
      range: p.range,
      severity: DiagnosticSeverity.Error,
      source: 'sopls',
      message: `${p.message} (.sopls.json is ignored until this is fixed)`,
    }));
  }

  diagnosticsOf(uri: string): Diagnostic[] {
    if (isConfigUri(uri)) return this.configDiagnostics(uri);
    const a = this.env.analyses.analyze(uri);
    if (!a) return [];
    const opts = { relatedInformation: this.env.relatedInformation, codeDescription: true };
    return this.env.analyses.findingsOf(uri, a).map((f) => toDiagnostic(f, opts));
  }

  publish(uri: string): void {
    const td = this.env.document(uri);
    if (!td) return;
    try {
      const version = td.version;
      if (!this.env.pull) {
        const diagnostics = this.diagnosticsOf(uri);
        // Stale: the editor sent a newer version, or the index moved, while these were computed.
        const a = this.env.analyses.latest(uri);
        if (this.env.document(uri)?.version !== version || (a && !isConfigUri(uri) && (a.version !== version || !this.env.analyses.isCurrent(a)))) {
          this.dropped++;
          this.schedule(uri, 0);
          return;
        }
        void this.env.connection.sendDiagnostics({ uri, version, diagnostics });
      } else {
        this.env.analyses.analyze(uri);
      }
      if (isConfigUri(uri)) return;
      const params: DocumentAnalyzedParams = { uri, version };
      void this.env.connection.sendNotification(DocumentAnalyzedNotification, params);
    } catch (err) {
      this.env.log(`sopls: analysis failed on ${uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  /** These open documents' findings went stale (another document changed what they read). */
  stale(uris: readonly string[]): void {
    if (this.env.pull) {
      if (this.env.diagnosticRefresh) void this.env.ready.then(() => this.env.connection.languages.diagnostics.refresh());
      return;
    }
    for (const uri of uris) if (this.env.document(uri)) this.schedule(uri);
  }

  /** Configuration or the whole index changed: every open document, now. */
  everything(uris: Iterable<string>): void {
    if (this.env.pull) {
      if (this.env.diagnosticRefresh) void this.env.connection.languages.diagnostics.refresh();
    } else {
      for (const uri of uris) if (this.env.document(uri)) this.schedule(uri, 0);
    }
    if (this.env.inlayHintRefresh) void this.env.connection.languages.inlayHint.refresh();
  }
}
