import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DocumentStatsRequest, type DocumentStats, type DocumentStatsParams } from '../../server/src/protocol';
import { activeCandidate, debounce } from './sopDocuments';

/** Context key for `when` clauses: the active editor holds a document the server recognised as an SOP. */
export const ACTIVE_SOP_CONTEXT = 'sopls.activeEditorIsSop';

/**
 * Steps, conflicts and the overall finish window of the active SOP; a click opens the timeline preview.
 * Hidden for documents that are not SOPs, so ordinary Markdown gets nothing.
 */
export class SopStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sopls.status', vscode.StatusBarAlignment.Right, 100);
  private readonly emitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires when the active editor shows an SOP (after the server confirmed it). */
  readonly onDidShowSop = this.emitter.event;
  private generation = 0;
  private shownFor: string | undefined;
  private readonly refreshLater = debounce(250, () => void this.refresh());

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.item.name = 'SOP';
    this.item.command = 'sopls.timeline.openToSide';
  }

  /** Active editor changed, or the server analysed something: re-ask now. */
  update(): void {
    this.refreshLater.cancel();
    void this.refresh();
  }

  /** The active document is being edited: re-ask once typing pauses. */
  updateSoon(): void {
    this.refreshLater();
  }

  async refresh(): Promise<void> {
    const doc = activeCandidate();
    const client = this.client();
    const generation = ++this.generation;
    if (!doc || !client?.isRunning()) {
      this.hide();
      return;
    }
    let stats: DocumentStats | null;
    try {
      const params: DocumentStatsParams = { uri: doc.uri.toString() };
      stats = await client.sendRequest<DocumentStats | null>(DocumentStatsRequest, params);
    } catch {
      stats = null;
    }
    if (generation !== this.generation) return;
    if (!stats?.isSop) {
      this.hide();
      return;
    }
    this.show(stats);
    if (this.shownFor !== doc.uri.toString()) {
      this.shownFor = doc.uri.toString();
      this.emitter.fire(doc);
    }
  }

  private show(stats: DocumentStats): void {
    const steps = `${stats.steps} step${stats.steps === 1 ? '' : 's'}`;
    const window = formatWindow(stats.finishEarliest, stats.finishLatest);
    const parts = [`$(calendar) ${steps}`];
    if (stats.conflicts > 0) parts.push(`$(warning) ${stats.conflicts}`);
    if (window) parts.push(`finish ${window}`);
    this.item.text = parts.join('  ');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**SOP timeline**\n\n`);
    tooltip.appendText(`${steps}, ${stats.conflicts} timing conflict${stats.conflicts === 1 ? '' : 's'}`);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(window ? `Finishes between ${stats.finishEarliest} and ${stats.finishLatest}` : 'No finish date could be computed');
    tooltip.appendMarkdown('\n\nClick to open the timeline preview.');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = stats.conflicts > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = {
      label: `SOP: ${steps}, ${stats.conflicts} conflicts${window ? `, finish ${window}` : ''}. Open the timeline preview.`,
    };
    this.item.show();
    void vscode.commands.executeCommand('setContext', ACTIVE_SOP_CONTEXT, true);
  }

  private hide(): void {
    this.item.hide();
    this.shownFor = undefined;
    void vscode.commands.executeCommand('setContext', ACTIVE_SOP_CONTEXT, false);
  }

  dispose(): void {
    this.refreshLater.cancel();
    this.item.dispose();
    this.emitter.dispose();
  }
}

/** `2026-03-02 – 2026-03-20`, one date when both ends agree. */
export function formatWindow(earliest: string | undefined, latest: string | undefined): string | undefined {
  if (!earliest && !latest) return undefined;
  if (!earliest || !latest || earliest === latest) return earliest ?? latest;
  return `${earliest} – ${latest}`;
}
