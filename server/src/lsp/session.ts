/**
 * One language-server session as the request handlers see it: what the client announced, the open documents,
 * the index, the folders and the analyses. Built by server.ts at `initialize`; feature and custom-request
 * modules receive it and keep no state of their own.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken, type ClientCapabilities, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyses } from './analyses';
import type { Folders } from './folders';
import type { IndexStore } from './indexStore';
import type { InitOptions } from './initOptions';
import type { DiagnosticsPublisher } from './publisher';
import type { WorkspaceIndex } from './workspaceIndex';

export interface Session {
  connection: Connection;
  caps: ClientCapabilities;
  options: InitOptions;
  documents: TextDocuments<TextDocument>;
  index: WorkspaceIndex;
  folders: Folders;
  analyses: Analyses;
  publisher: DiagnosticsPublisher;
  /** The index persisted between sessions (undefined without `storagePath`, or before `initialized`). */
  store?: IndexStore;
  /** Resolves once the configuration is loaded and the first index is built. */
  ready: Promise<void>;
  /** YYYY-MM-DD: the pinned date, else the local one. */
  today(): string;
  log(message: string): void;
}

/** The error a cancelled request is answered with (LSP: RequestCancelled). */
export function cancelledError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/** Throws RequestCancelled when the client has cancelled the request (checked between steps of the work). */
export function checkCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw cancelledError();
}

/**
 * Runs a request handler's work: a cancelled request is answered with RequestCancelled instead of a result;
 * an unexpected error is logged and answered with `fallback` (a broken feature must not break the editor),
 * while ResponseErrors (bad parameters) reach the client.
 */
export function guarded<T>(session: Pick<Session, 'log'>, token: CancellationToken | undefined, fallback: T, fn: () => T): T {
  checkCancelled(token);
  try {
    return fn();
  } catch (err) {
    if (err instanceof ResponseError) throw err;
    session.log(`sopls: request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return fallback;
  }
}
