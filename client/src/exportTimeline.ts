import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ExportTimelineRequest,
  type ExportTimelineParams,
  type ExportTimelineResult,
  type TimelineExportFormat,
} from '../../server/src/protocol';
import type { PreviewOptions } from './preview/messages';

interface FormatChoice extends vscode.QuickPickItem {
  format: TimelineExportFormat;
  extension: string;
  filterName: string;
}

const FORMATS: FormatChoice[] = [
  { format: 'mermaid', extension: 'mmd', filterName: 'Mermaid', label: 'Mermaid', description: '.mmd', detail: 'A gantt chart for Markdown files, wikis and mermaid.live' },
  { format: 'ics', extension: 'ics', filterName: 'iCalendar', label: 'iCalendar', description: '.ics', detail: 'One event per step at its latest finish, for any calendar app' },
  { format: 'html', extension: 'html', filterName: 'HTML', label: 'HTML', description: '.html', detail: 'A standalone page with the same Gantt chart as the preview' },
  { format: 'csv', extension: 'csv', filterName: 'CSV', label: 'CSV', description: '.csv', detail: 'One row per step, for spreadsheets' },
];

/**
 * Asks for a format and a file, and writes what `sopls timeline --format <format>` would print, produced by
 * the server with the same options as the preview (start, holidays, customer).
 */
export async function exportTimeline(client: LanguageClient | undefined, uri: vscode.Uri, options: PreviewOptions, log: (m: string) => void): Promise<void> {
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('The SOP language server is not running. Run "SOP: Restart Language Server".');
    return;
  }
  const choice = await vscode.window.showQuickPick(FORMATS, { title: 'Export Timeline', placeHolder: 'Format' });
  if (!choice) return;
  const base = path.posix.basename(uri.path).replace(/\.(sop\.md|md|markdown|txt)$/i, '');
  const folder = uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(uri, '..');
  const defaultUri = folder ? vscode.Uri.joinPath(folder, `${base}.timeline.${choice.extension}`) : undefined;
  const target = await vscode.window.showSaveDialog({
    title: `Export Timeline as ${choice.label}`,
    filters: { [choice.filterName]: [choice.extension] },
    ...(defaultUri ? { defaultUri } : {}),
  });
  if (!target) return;
  const params: ExportTimelineParams = { uri: uri.toString(), format: choice.format };
  if (options.start) params.start = options.start;
  if (options.holidays) params.holidays = options.holidays;
  if (options.customer) params.customer = options.customer;
  let result: ExportTimelineResult | null;
  try {
    result = await client.sendRequest<ExportTimelineResult | null>(ExportTimelineRequest, params);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log(`${ExportTimelineRequest} failed: ${message}`);
    void vscode.window.showErrorMessage(`Export failed: ${message}`);
    return;
  }
  if (!result || typeof result.content !== 'string') {
    void vscode.window.showErrorMessage('Export failed: this document has no timeline (is it an SOP?).');
    return;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.content));
  const open = await vscode.window.showInformationMessage(`Timeline exported to ${path.posix.basename(target.path)}.`, 'Open');
  if (open) await vscode.commands.executeCommand('vscode.open', target);
}
