import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';

/**
 * A small LSP client over stdio for the soak test and the benchmark: Content-Length framing, requests with
 * ids, notifications, and the server-to-client requests a server may send (configuration, progress, capability
 * registration) answered the way a minimal editor would. Every frame is checked to be well-formed JSON-RPC.
 */

export interface Message {
  jsonrpc: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

type Listener = (msg: Message) => void;

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: Message) => void; method: string }>();
  private readonly listeners = new Set<Listener>();
  /** Frames that were not well-formed JSON-RPC 2.0; the soak test asserts this stays empty. */
  readonly malformed: string[] = [];
  readonly stderr: string[] = [];
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private exitWaiters: (() => void)[] = [];

  constructor(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.proc = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 200) this.stderr.push(chunk.toString('utf8'));
    });
    this.proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
      for (const p of this.pending.values()) p.resolve({ jsonrpc: '2.0', error: { code: -32099, message: `server exited (${code ?? signal})` } });
      this.pending.clear();
      for (const w of this.exitWaiters) w();
    });
    // A closed pipe after a crash must not crash the client too.
    this.proc.stdin.on('error', () => undefined);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: *(\d+)/i.exec(header);
      if (!m) {
        this.malformed.push(`header without Content-Length: ${header.slice(0, 200)}`);
        this.buffer = this.buffer.subarray(headerEnd + 4);
        continue;
      }
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      let msg: Message;
      try {
        msg = JSON.parse(body) as Message;
      } catch {
        this.malformed.push(`invalid JSON: ${body.slice(0, 200)}`);
        continue;
      }
      this.dispatch(msg, body);
    }
  }

  private dispatch(msg: Message, body: string): void {
    if (msg.jsonrpc !== '2.0') this.malformed.push(`not JSON-RPC 2.0: ${body.slice(0, 200)}`);
    const isResponse = msg.method === undefined && msg.id !== undefined;
    if (isResponse) {
      if (!('result' in msg) && !msg.error) this.malformed.push(`response with neither result nor error: ${body.slice(0, 200)}`);
      if (msg.error && (typeof msg.error.code !== 'number' || typeof msg.error.message !== 'string')) this.malformed.push(`bad error object: ${body.slice(0, 200)}`);
      const p = this.pending.get(msg.id as number);
      if (!p) {
        this.malformed.push(`response to unknown id ${String(msg.id)}`);
        return;
      }
      this.pending.delete(msg.id as number);
      p.resolve(msg);
      return;
    }
    if (typeof msg.method !== 'string') {
      this.malformed.push(`message without method or id: ${body.slice(0, 200)}`);
      return;
    }
    if (msg.id !== undefined) this.answerServerRequest(msg);
    for (const l of [...this.listeners]) l(msg);
  }

  private answerServerRequest(msg: Message): void {
    let result: unknown = null;
    if (msg.method === 'workspace/configuration') {
      const items = (msg.params as { items?: unknown[] } | undefined)?.items ?? [];
      result = items.map(() => null);
    } else if (msg.method === 'workspace/workspaceFolders') {
      result = null;
    }
    this.write({ jsonrpc: '2.0', id: msg.id ?? null, result });
  }

  private write(msg: Message): void {
    if (this.exited) return;
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (this.exited) {
        resolve({ jsonrpc: '2.0', id, error: { code: -32099, message: 'server has exited' } });
        return;
      }
      this.pending.set(id, { resolve, method });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  onNotification(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first server message that satisfies `match`, or rejects after `timeoutMs`. */
  waitFor(match: (msg: Message) => boolean, timeoutMs: number, what = 'message'): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const off = this.onNotification((msg) => {
        if (!match(msg)) return;
        clearTimeout(timer);
        off();
        resolve(msg);
      });
    });
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Resident set size of the server process, from /proc (Linux); undefined elsewhere. */
  rssKb(): { rss: number; peak: number } | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const rss = /VmRSS:\s+(\d+)/.exec(status);
      const peak = /VmHWM:\s+(\d+)/.exec(status);
      if (!rss || !peak) return undefined;
      return { rss: Number(rss[1]), peak: Number(peak[1]) };
    } catch {
      return undefined;
    }
  }

  async shutdown(timeoutMs = 5000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    await Promise.race([this.request('shutdown', null), exited]);
    this.notify('exit', null);
    this.proc.stdin.end();
    await exited;
    clearTimeout(timer);
  }
}

export function fileUri(p: string): string {
  return 'file://' + p.split('/').map(encodeURIComponent).join('/');
}
