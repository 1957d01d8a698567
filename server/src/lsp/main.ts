/**
 * Entry of the language server: `sopls lsp --stdio` (any editor), and dist/server.js, which the VS Code
 * extension starts with `--node-ipc` or `--stdio`.
 */
import path from 'node:path';
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  LSPErrorCodes,
  ProposedFeatures,
  type Connection,
  type ConnectionOptions,
} from 'vscode-languageserver/node';
import type { CliIO } from '../cli/io';
import { FramingGuard } from './framing';
import { boundHeapGrowth } from './heap';
import { startServer } from './server';

const USAGE = 'usage: sopls lsp [--stdio | --node-ipc | --socket=PORT]\n';

export type Transport = { kind: 'stdio' } | { kind: 'ipc' } | { kind: 'socket'; port: number };

export function parseTransport(args: string[]): Transport | string {
  let transport: Transport = { kind: 'stdio' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--stdio') transport = { kind: 'stdio' };
    else if (a === '--node-ipc') transport = { kind: 'ipc' };
    else if (a.startsWith('--socket')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      const port = Number(value);
      if (!Number.isInteger(port) || port <= 0) return `--socket needs a port number, got "${value ?? ''}"`;
      transport = { kind: 'socket', port };
    } else if (a.startsWith('--clientProcessId')) {
      // Passed by vscode-languageclient; createConnection watches that process itself.
      if (!a.includes('=')) i++;
    } else return `unknown option ${a}`;
  }
  return transport;
}

/**
 * A request the client cancels before the server has started it (it is still queued behind other work) is
 * answered at once with RequestCancelled instead of being run; one already running sees its token cancelled.
 */
export const CONNECTION_OPTIONS: ConnectionOptions = {
  connectionStrategy: {
    cancelUndispatched: (message) =>
      'id' in message && (message.id === null || typeof message.id === 'number' || typeof message.id === 'string')
        ? { jsonrpc: '2.0', id: message.id, error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' } }
        : undefined,
  },
};

function connect(transport: Transport): Connection {
  switch (transport.kind) {
    case 'ipc':
      return createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process), CONNECTION_OPTIONS);
    case 'socket': {
      // createConnection reads --socket from argv and binds the client's port on 127.0.0.1 itself.
      return createConnection(ProposedFeatures.all, CONNECTION_OPTIONS);
    }
    case 'stdio':
      return createConnection(ProposedFeatures.all, guardedStdin(), process.stdout, CONNECTION_OPTIONS);
  }
}

/**
 * stdin through the framing guard: a framing error (bad Content-Length, garbage) ends the process with exit
 * code 1, so the client restarts the server instead of talking to one that can no longer read its messages.
 */
function guardedStdin(): NodeJS.ReadableStream {
  const guard = new FramingGuard();
  guard.on('error', (err) => {
    process.stderr.write(`sopls: the client's messages cannot be read (${err.message}); exiting so the client can restart the server\n`);
    process.exit(1);
  });
  return process.stdin.pipe(guard);
}

export async function runLanguageServerCommand(args: string[], io: CliIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const transport = parseTransport(args);
  if (typeof transport === 'string') {
    io.stderr(`sopls: ${transport}\n${USAGE}`);
    return 2;
  }
  boundHeapGrowth();
  startServer(connect(transport));
  // The connection ends the process on `exit` or when the client goes away; until then the CLI waits.
  return new Promise<number>(() => undefined);
}

/** Run directly as dist/server.js (not as part of the CLI bundle, which imports this file for `sopls lsp`). */
function startedDirectly(): boolean {
  if (typeof require === 'undefined' || require.main !== module) return false;
  const name = path.basename(require.main.filename);
  return !/^(cli|sopls)(\.js)?$/.test(name);
}

if (startedDirectly()) {
  const transport = parseTransport(process.argv.slice(2).filter((a) => a !== '--'));
  if (typeof transport === 'string') {
    process.stderr.write(`sopls: ${transport}\n${USAGE}`);
    process.exit(2);
  }
  boundHeapGrowth();
  startServer(connect(transport));
}
