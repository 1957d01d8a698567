import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { documentSelector } from './sopDocuments';

/**
 * The id is `sop` so that vscode-languageclient reads the `sop.trace.server` setting, and the configuration
 * section the server pulls through `workspace/configuration` is `sop` too.
 */
export const CLIENT_ID = 'sop';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    traceOutputChannel: output,
    // The server reports problems as diagnostics and in the output; never steal focus with the channel.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: {
      // Restricted Mode: the server ignores `.sopls.json` (workspace values of restricted settings are already
      // withheld by VS Code). The client restarts the server when trust is granted.
      workspaceTrusted: vscode.workspace.isTrusted,
      // Virtual workspaces: files cannot be read from disk, so only open documents are analysed.
      virtualWorkspace: isVirtualWorkspace(),
      // The server keeps its index here between sessions (VS Code's per-workspace storage; absent without a
      // workspace, and then nothing is persisted).
      storagePath: context.storageUri?.fsPath,
    },
    synchronize: {
      configurationSection: 'sop',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.md,*.markdown,*.txt,.sopls.json}'),
    },
    markdown: { isTrusted: false, supportHtml: false },
  };
  return new LanguageClient(CLIENT_ID, 'SOP Language Server', serverOptions, clientOptions);
}

function isVirtualWorkspace(): boolean {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return folders.length > 0 && folders.every((f) => f.uri.scheme !== 'file');
}
