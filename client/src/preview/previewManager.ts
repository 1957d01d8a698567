import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CustomersRequest,
  ScheduleRequest,
  type CustomerSummary,
  type CustomersParams,
  type ScheduleParams,
} from '../../../server/src/protocol';
import { isCandidate } from '../sopDocuments';
import { previewHtml, webviewOptions } from './html';
import type { HostMessage, PreviewOptions, PreviewState, Schedule, WebviewMessage } from './messages';
import { locateStep } from './locateStep';

export const PREVIEW_VIEW_TYPE = 'sopls.timeline';

/** After the last keystroke: the request goes out after this pause, leaving the server time to answer in 300 ms. */
const TYPING_DELAY_MS = 120;
/** Another document changed (a customer, a referenced SOP): less urgent than the author's own typing. */
const RELATED_DELAY_MS = 400;

const EMPTY_OPTIONS: PreviewOptions = { start: '', holidays: '', customer: '' };

export interface PreviewHost {
  readonly extensionUri: vscode.Uri;
  client(): LanguageClient | undefined;
  log(message: string): void;
  exportTimeline(uri: vscode.Uri, options: PreviewOptions): Promise<void>;
}

/**
 * The timeline previews. Like Markdown's preview, one preview follows the active SOP editor; a preview
 * restored after a reload (serializer) keeps the document it was showing.
 */
export class TimelinePreviewManager implements vscode.WebviewPanelSerializer<PreviewState>, vscode.Disposable {
  private readonly previews = new Set<TimelinePreview>();

  constructor(private readonly host: PreviewHost) {}

  /** Opens (or reveals and retargets) the preview for `doc`. */
  open(doc: vscode.TextDocument, column: vscode.ViewColumn, preserveFocus: boolean): void {
    const existing = this.dynamicPreview();
    if (existing) {
      existing.retarget(doc.uri);
      existing.panel.reveal(existing.panel.viewColumn ?? column, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      previewTitle(doc.uri),
      { viewColumn: column, preserveFocus },
      webviewOptions(this.host.extensionUri),
    );
    this.track(new TimelinePreview(panel, doc.uri, { ...EMPTY_OPTIONS }, this.host));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PreviewState | undefined): Promise<void> {
    panel.webview.options = webviewOptions(this.host.extensionUri);
    let uri: vscode.Uri | undefined;
    try {
      uri = state?.uri ? vscode.Uri.parse(state.uri, true) : undefined;
    } catch {
      uri = undefined;
    }
    const options: PreviewOptions = { ...EMPTY_OPTIONS, ...sanitizeOptions(state?.options) };
    this.track(new TimelinePreview(panel, uri, options, this.host));
  }

  /** The editor switched to another SOP: previews follow it. */
  followActiveSop(doc: vscode.TextDocument): void {
    this.dynamicPreview()?.retarget(doc.uri);
  }

  onDocumentChanged(e: vscode.TextDocumentChangeEvent): void {
    if (!isCandidate(e.document) || e.contentChanges.length === 0) return;
    for (const p of this.previews) p.documentChanged(e.document.uri);
  }

  onDocumentAnalyzed(uri: string): void {
    for (const p of this.previews) p.documentAnalyzed(uri);
  }

  /** Settings changed or the server restarted: everything is stale. */
  refreshAll(): void {
    for (const p of this.previews) p.refreshSoon(0);
  }

  /** The document and options of the active preview, for commands run while it has focus. */
  activePreview(): { uri: vscode.Uri; options: PreviewOptions } | undefined {
    for (const p of this.previews) if (p.panel.active && p.uri) return { uri: p.uri, options: p.options };
    return undefined;
  }

  dispose(): void {
    for (const p of [...this.previews]) p.panel.dispose();
  }

  private dynamicPreview(): TimelinePreview | undefined {
    return [...this.previews].at(-1);
  }

  private track(preview: TimelinePreview): void {
    this.previews.add(preview);
    preview.panel.onDidDispose(() => this.previews.delete(preview));
  }
}

function previewTitle(uri: vscode.Uri | undefined): string {
  return uri ? `Timeline: ${path.posix.basename(uri.path)}` : 'SOP Timeline';
}

function sanitizeOptions(o: Partial<PreviewOptions> | undefined): Partial<PreviewOptions> {
  const out: Partial<PreviewOptions> = {};
  if (typeof o?.start === 'string' && /^(\d{4}-\d{2}-\d{2})?$/.test(o.start)) out.start = o.start;
  if (typeof o?.holidays === 'string' && o.holidays.length <= 40) out.holidays = o.holidays.trim();
  if (typeof o?.customer === 'string' && o.customer.length <= 80) out.customer = o.customer.trim();
  return out;
}

class TimelinePreview {
  /** Bumped per request so a slow answer never overwrites a newer one. */
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = 0;
  private ready = false;
  private lastMessage: HostMessage | undefined;
  private lastSchedule: { uri: string; schedule: Schedule } | undefined;
  private customers: CustomerSummary[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    public uri: vscode.Uri | undefined,
    public options: PreviewOptions,
    private readonly host: PreviewHost,
  ) {
    panel.title = previewTitle(uri);
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'timeline.svg');
    panel.webview.html = previewHtml(panel.webview, host.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: WebviewMessage) => this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        // A hidden webview loses its page (no retainContextWhenHidden); it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  retarget(uri: vscode.Uri): void {
    if (this.uri?.toString() === uri.toString()) return;
    this.uri = uri;
    // A customer or start date chosen for one SOP does not carry over to another.
    this.options = { ...EMPTY_OPTIONS };
    this.lastSchedule = undefined;
    this.panel.title = previewTitle(uri);
    this.refreshSoon(0);
  }

  documentChanged(uri: vscode.Uri): void {
    if (this.uri?.toString() === uri.toString()) this.refreshSoon(TYPING_DELAY_MS);
  }

  documentAnalyzed(uri: string): void {
    if (!this.uri) return;
    this.refreshSoon(uri === this.uri.toString() ? 0 : RELATED_DELAY_MS);
  }

  /** Schedules a refresh `ms` from now, unless one is already due sooner. */
  refreshSoon(ms: number): void {
    const due = Date.now() + ms;
    if (this.timer && this.timerDue <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, ms);
  }

  private async refresh(): Promise<void> {
    if (!this.ready || !this.uri) return;
    const client = this.host.client();
    if (!client || !client.isRunning()) {
      this.post(this.errorMessage('The SOP language server is not running. Run "SOP: Restart Language Server".'));
      return;
    }
    const generation = ++this.generation;
    const uri = this.uri.toString();
    const params: ScheduleParams = { uri };
    if (this.options.start) params.start = this.options.start;
    if (this.options.holidays) params.holidays = this.options.holidays;
    if (this.options.customer) params.customer = this.options.customer;
    const version = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.version ?? 0;
    try {
      const customersParams: CustomersParams = { uri };
      const [schedule, customers] = await Promise.all([
        client.sendRequest<Schedule | null>(ScheduleRequest, params),
        client.sendRequest<CustomerSummary[] | null>(CustomersRequest, customersParams).catch((e: unknown) => {
          this.host.log(`sopls/customers failed: ${errorText(e)}`);
          return this.customers;
        }),
      ]);
      if (generation !== this.generation) return;
      this.customers = Array.isArray(customers) ? customers : [];
      if (!schedule || !Array.isArray(schedule.steps)) {
        this.lastSchedule = undefined;
        this.post(this.errorMessage('This document is not an SOP: it has no steps to schedule.'));
        return;
      }
      this.lastSchedule = { uri, schedule };
      this.post({
        type: 'schedule',
        uri,
        documentName: path.posix.basename(this.uri.path),
        version,
        schedule,
        options: this.options,
        customers: this.customers,
      });
    } catch (e) {
      if (generation !== this.generation) return;
      this.host.log(`sopls/schedule failed for ${uri}: ${errorText(e)}`);
      this.post(this.errorMessage(`The timeline could not be computed: ${errorText(e)}`));
    }
  }

  private errorMessage(message: string): HostMessage {
    return {
      type: 'error',
      uri: this.uri?.toString() ?? '',
      documentName: this.uri ? path.posix.basename(this.uri.path) : '',
      message: this.uri ? message : 'This preview lost its document. Open an SOP and run "SOP: Open Timeline Preview".',
      options: this.options,
      customers: this.customers,
    };
  }

  private post(message: HostMessage): void {
    this.lastMessage = message;
    void this.panel.webview.postMessage(message);
  }

  private onMessage(m: WebviewMessage): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.lastMessage && this.lastMessage.type !== 'busy') void this.panel.webview.postMessage(this.lastMessage);
        this.refreshSoon(0);
        if (!this.uri) this.post(this.errorMessage(''));
        return;
      case 'options':
        this.options = { ...EMPTY_OPTIONS, ...sanitizeOptions(m.options) };
        this.refreshSoon(0);
        return;
      case 'reveal':
        void this.revealStep(m.step);
        return;
      case 'revealLine':
        if (Number.isInteger(m.line) && m.line >= 1) void this.revealLine(m.line - 1);
        return;
      case 'export':
        if (this.uri) void this.host.exportTimeline(this.uri, this.options);
        return;
    }
  }

  private async revealStep(key: string): Promise<void> {
    if (!this.uri || !this.lastSchedule) return;
    const doc = await vscode.workspace.openTextDocument(this.uri);
    const range = locateStep(this.lastSchedule.schedule, key, doc.getText());
    if (!range) {
      this.host.log(`no step ${JSON.stringify(key)} in ${this.uri.toString()}`);
      return;
    }
    await this.revealRange(doc, new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character));
  }

  private async revealLine(line: number): Promise<void> {
    if (!this.uri) return;
    const doc = await vscode.workspace.openTextDocument(this.uri);
    if (line >= doc.lineCount) return;
    await this.revealRange(doc, doc.lineAt(line).range);
  }

  /** Shows the range in the editor beside the preview (the one already showing the document, if any). */
  private async revealRange(doc: vscode.TextDocument, range: vscode.Range): Promise<void> {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    const column =
      visible?.viewColumn ??
      (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.generation++;
    for (const d of this.disposables) d.dispose();
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
