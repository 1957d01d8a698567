/**
 * Runs inside VS Code's extension host (started by @vscode/test-electron from ../vscode.test.ts), with the
 * extension under development loaded: the same scenario as the code-server test, through the VS Code API.
 * Not a *.test.ts file: node's runner must not load it, since `vscode` exists only inside the editor.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { FIXTURE, completionNamesRole } from '../../e2e/editors';

const TIMEOUT_MS = 30_000;

function within<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

/** Resolves when `uri` has a diagnostic with `code`, checking now and on every diagnostics change. */
function diagnosticWithCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const found = vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === code);
      if (found) resolve(found);
      return found !== undefined;
    };
    if (check()) return;
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (check()) sub.dispose();
    });
  });
}

function webviewTab(): Promise<vscode.Tab> {
  return new Promise((resolve) => {
    const find = (): vscode.Tab | undefined =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    const now = find();
    if (now) return resolve(now);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (tab) {
        sub.dispose();
        resolve(tab);
      }
    });
  });
}

export async function run(): Promise<void> {
  const file = process.env.SOPLS_VSCODE_FIXTURE;
  assert.ok(file, 'SOPLS_VSCODE_FIXTURE is not set');
  const uri = vscode.Uri.file(file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);

  const diagnostic = await within('the missing-owner diagnostic', diagnosticWithCode(uri, 'missing-owner'));
  assert.equal(diagnostic.range.start.line, FIXTURE.stepWithoutOwnerLine);
  console.log(`[sopls-vscode] missing-owner at line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`);

  const ownerLine = FIXTURE.stepWithoutOwnerLine + 1;
  await editor.edit((e) => e.insert(new vscode.Position(ownerLine, 0), 'Owner: \n'));
  const list = await within(
    'completion after Owner:',
    Promise.resolve(vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(ownerLine, 7))),
  );
  const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  assert.ok(
    list.items.some((i) => completionNamesRole({ label: i.label, insertText: typeof i.insertText === 'string' ? i.insertText : undefined, filterText: i.filterText })),
    `no role among completions: ${JSON.stringify(labels)}`,
  );
  console.log(`[sopls-vscode] completions after Owner: ${labels.join(', ')}`);

  const tab = webviewTab();
  await vscode.commands.executeCommand('sopls.timeline.open');
  const opened = await within('the timeline preview webview', tab);
  // The webview's DOM is out of the API's reach; the code-server test counts its bars.
  console.log(`[sopls-vscode] timeline preview open: ${opened.label}`);

  // The view of what sopls understood opens read-only beside the editor, with the text `sopls parse` prints.
  await within('SOP: Show What sopls Understood', Promise.resolve(vscode.commands.executeCommand('sopls.showUnderstood', uri)));
  const view = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sopls-understood' && d.uri.query === uri.toString());
  assert.ok(view, 'no sopls-understood document open');
  assert.match(view.getText(), /: an SOP[\s\S]*\nSteps:\n/);
  console.log(`[sopls-vscode] understood view: ${view.getText().split('\n')[0]}`);
}
