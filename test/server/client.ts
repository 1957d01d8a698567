/**
 * A real LSP client for protocol tests: spawns the built server over stdio and speaks JSON-RPC through
 * vscode-languageserver-protocol, recording every notification so tests can wait for the one they need.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
  WorkDoneProgress,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(process.cwd(), 'dist', 'server.js');
/** How long a wait for a server message may take before the test fails: a hang guard, not a speed goal (a loaded
 * two-core machine can take many seconds to start a server); speed goals live in `npm run bench`. */
const HANG_GUARD_MS = 180_000;

type Waiter = { test: (method: string, params: unknown) => boolean; resolve: (params: unknown) => void };

export class TestClient {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Latest diagnostics per URI. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly serverRequests: { method: string; params: unknown }[] = [];
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();
  stderr = '';

  constructor(args: string[] = [SERVER, '--stdio']) {
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification((method: string, params: unknown) => this.record(method, params));
    // Server-to-client requests a real client answers: configuration, registrations, progress tokens.
    this.connection.onRequest((method: string, params: unknown) => {
      this.serverRequests.push({ method, params });
      this.record(method, params);
      if (method === 'window/workDoneProgress/create') {
        const token = (params as { token: string | number }).token;
        // jsonrpc routes $/progress to per-token handlers, not to the catch-all notification handler.
        this.connection.onProgress(WorkDoneProgress.type, token, (value) => this.record('$/progress', { token, value }));
        return null;
      }
      if (method === 'workspace/configuration') {
        const items = (params as { items: { section?: string }[] }).items;
        return items.map(() => this.settings);
      }
      return null;
    });
    this.connection.listen();
  }

  settings: unknown = {};

  private record(method: string, params: unknown): void {
    this.notifications.push({ method, params });
    if (method === 'textDocument/publishDiagnostics') {
      const p = params as PublishDiagnosticsParams;
      this.diagnostics.set(p.uri, p);
    }
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(method, params)) return true;
      w.resolve(params);
      return false;
    });
  }

  /** Resolves with the first notification (already received or future) that passes `test`. */
  waitFor<T>(method: string, test: (params: T) => boolean = () => true, timeoutMs = HANG_GUARD_MS): Promise<T> {
    const seen = this.notifications.find((n) => n.method === method && test(n.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    return this.waitForNext(method, test, timeoutMs);
  }

  /** Resolves with the next notification from now on that passes `test`. */
  waitForNext<T>(method: string, test: (params: T) => boolean = () => true, timeoutMs = HANG_GUARD_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        test: (m, p) => m === method && test(p as T),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p as T);
        },
      });
    });
  }

  /** Diagnostics published for `uri` at exactly `version`. */
  diagnosticsAt(uri: string, version: number): Promise<Diagnostic[]> {
    return this.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version).then((p) => p.diagnostics);
  }

  /** The next diagnostics for `uri` published after this call. */
  nextDiagnostics(uri: string): Promise<Diagnostic[]> {
    return this.waitForNext<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri).then((p) => p.diagnostics);
  }

  async initialize(rootDir: string, capabilities: ClientCapabilities = FULL_CAPABILITIES, initializationOptions: unknown = { diagnosticsDelay: 20, today: '2026-03-02' }): Promise<unknown> {
    const rootUri = pathToFileURL(rootDir).href;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities,
      workspaceFolders: [{ uri: rootUri, name: path.basename(rootDir) }],
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<number> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /** Sends one incremental change; returns the new version. */
  async change(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async close(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      setTimeout(() => {
        this.child.kill('SIGKILL');
      }, 5000).unref();
    });
    this.connection.dispose();
  }
}

/** What VS Code announces, minus pull diagnostics (tested separately). */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: false, resourceOperations: ['create'] },
    workspaceFolders: true,
  },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    rename: { prepareSupport: true },
    hover: { contentFormat: ['markdown'] },
    inlayHint: {},
  },
};

export function tempWorkspace(files: Record<string, string>): { dir: string; uri: (name: string) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return { dir, uri: (name) => pathToFileURL(path.join(dir, name)).href, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function pos(line: number, character: number): { line: number; character: number } {
  return { line, character };
}

export function range(sl: number, sc: number, el: number, ec: number): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}
