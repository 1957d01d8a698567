/**
 * The VS Code side of sopls: starts the language server (dist/server.js), and adds what only an editor can
 * show: the timeline preview, the status bar item, the export command and the view of what sopls understood.
 * All SOP understanding stays in the server; this file only wires editor events to it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DocumentAnalyzedNotification, type DocumentAnalyzedParams } from '../../server/src/protocol';
import { exportTimeline } from './exportTimeline';
import { createLanguageClient } from './languageClient';
import type { PreviewOptions } from './preview/messages';
import { PREVIEW_VIEW_TYPE, TimelinePreviewManager } from './preview/previewManager';
import { UNDERSTOOD_SCHEME, UnderstoodViews } from './showUnderstood';
import { activeCandidate, isCandidate } from './sopDocuments';
import { SopStatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('SOP');
  context.subscriptions.push(output);
  const log = (message: string): void => output.appendLine(`[client ${new Date().toISOString().slice(11, 23)}] ${message}`);

  const previews = new TimelinePreviewManager({
    extensionUri: context.extensionUri,
    client: () => client,
    log,
    exportTimeline: (uri, options) => exportTimeline(client, uri, options, log),
  });
  const statusBar = new SopStatusBar(() => client);
  const understood = new UnderstoodViews(() => client);
  context.subscriptions.push(previews, statusBar, vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, previews));
  context.subscriptions.push(understood, vscode.workspace.registerTextDocumentContentProvider(UNDERSTOOD_SCHEME, understood));

  const openPreview = (toSide: boolean) => async (uri?: vscode.Uri) => {
    const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : activeCandidate();
    if (!isCandidate(doc)) {
      void vscode.window.showInformationMessage('Open an SOP (Markdown or plain text) to see its timeline.');
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    previews.open(doc, column, toSide);
  };

  const exportCommand = async (uri?: vscode.Uri) => {
    // From the preview's own button or while the preview has focus: its document and its choices.
    const fromPreview = previews.activePreview();
    const target = uri instanceof vscode.Uri ? uri : (fromPreview?.uri ?? activeCandidate()?.uri);
    if (!target) {
      void vscode.window.showInformationMessage('Open an SOP to export its timeline.');
      return;
    }
    const options: PreviewOptions = fromPreview && fromPreview.uri.toString() === target.toString() ? fromPreview.options : { start: '', holidays: '', customer: '' };
    await exportTimeline(client, target, options, log);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('sopls.timeline.open', openPreview(false)),
    vscode.commands.registerCommand('sopls.timeline.openToSide', openPreview(true)),
    vscode.commands.registerCommand('sopls.timeline.export', exportCommand),
    vscode.commands.registerCommand('sopls.server.restart', async () => {
      if (!client) return;
      log('restarting the language server');
      await client.restart();
      statusBar.update();
      previews.refreshAll();
    }),
    vscode.commands.registerCommand('sopls.output.show', () => output.show(true)),
    vscode.commands.registerCommand('sopls.showUnderstood', (uri?: vscode.Uri) => understood.show(uri)),

    vscode.window.onDidChangeActiveTextEditor(() => statusBar.update()),
    statusBar.onDidShowSop((doc) => previews.followActiveSop(doc)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      previews.onDocumentChanged(e);
      if (e.document === vscode.window.activeTextEditor?.document && e.contentChanges.length > 0) statusBar.updateSoon();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('sop')) {
        previews.refreshAll();
        statusBar.updateSoon();
      }
    }),
    // Restricted Mode ends: the server may now read `.sopls.json`.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void vscode.commands.executeCommand('sopls.server.restart')),
  );

  client = createLanguageClient(context, output);
  context.subscriptions.push(
    client.onNotification(DocumentAnalyzedNotification, (params: DocumentAnalyzedParams) => {
      previews.onDocumentAnalyzed(params.uri);
      understood.onDocumentAnalyzed(params.uri);
      if (params.uri === vscode.window.activeTextEditor?.document.uri.toString()) statusBar.update();
    }),
  );
  try {
    await client.start();
  } catch (e) {
    log(`the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('The SOP language server did not start. See "SOP: Show Output".', 'Show Output').then((choice) => {
      if (choice) output.show(true);
    });
    return;
  }
  statusBar.update();
  previews.refreshAll();
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
