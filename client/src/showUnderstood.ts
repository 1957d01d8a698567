/**
 * "SOP: Show What sopls Understood": the server's `sopls/understood` view of the active document (the text
 * `sopls parse FILE` prints) in a read-only virtual document beside the editor. It follows the document: when
 * the server re-analyses it, the view is refreshed.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { UnderstoodParams, UnderstoodRequest, UnderstoodResult } from '../../server/src/lsp/understood';
import { activeCandidate } from './sopDocuments';

/** The request name, checked against the server's constant without bundling server code into the client. */
const UNDERSTOOD: typeof UnderstoodRequest = 'sopls/understood';

export const UNDERSTOOD_SCHEME = 'sopls-understood';

/** Serves the views and refreshes an open one when its document is analysed again. */
export class UnderstoodViews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** `sopls-understood:/onboarding.md (understood)?file:///…/onboarding.md`: the tab title names the file. */
  static uriFor(source: vscode.Uri): vscode.Uri {
    const name = source.path.slice(source.path.lastIndexOf('/') + 1) || source.toString();
    return vscode.Uri.from({ scheme: UNDERSTOOD_SCHEME, path: `/${name} (understood)`, query: source.toString() });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const client = this.client();
    if (!client) return 'The SOP language server is not running. See "SOP: Show Output".\n';
    const params: UnderstoodParams = { uri: uri.query };
    try {
      const result = await client.sendRequest<UnderstoodResult | null>(UNDERSTOOD, params);
      return result ? result.text : `sopls could not read ${uri.query}.\n`;
    } catch (err) {
      return `sopls could not answer: ${err instanceof Error ? err.message : String(err)}\n`;
    }
  }

  /** The server analysed `source` (a URI string): refresh its view if one is open. */
  onDocumentAnalyzed(source: string): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === UNDERSTOOD_SCHEME && doc.uri.query === source) this.changed.fire(doc.uri);
    }
  }

  /** The command: the active SOP candidate's view, opened beside it without taking the focus. */
  async show(uri?: vscode.Uri): Promise<void> {
    const source = uri instanceof vscode.Uri ? uri : activeCandidate()?.uri;
    if (!source) {
      void vscode.window.showInformationMessage('Open an SOP (Markdown or plain text) to see what sopls understood of it.');
      return;
    }
    const view = await vscode.workspace.openTextDocument(UnderstoodViews.uriFor(source));
    await vscode.window.showTextDocument(view, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
