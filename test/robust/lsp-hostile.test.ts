import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers';
import { fileUri, LspClient, type Message } from './lsp-client';

/**
 * The language server against hostile input (issue 15, item 5), over stdio against the built server: request
 * limits answered with errors, an oversized document answered with one diagnostic, a framing error ending the
 * process non-zero, and requests answered while a hostile workspace is indexed. Judged by what is answered
 * and in what order, never by time (`npm run bench:hostile` times the same cases).
 */

const SERVER = path.join(ROOT, 'dist', 'server.js');
const FM = (id: string) => `---\nid: ${id}\ntype: process\ntitle: Doc ${id}\nstatus: active\n---\n`;
const STEPS = '## Process Steps\n\n### Step 1: Prepare\n**Owner**: Lead\n\n### Step 2: Finish\n**Owner**: Lead\n';

function workspace(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-lsp-hostile-')));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

async function start(dir: string): Promise<LspClient> {
  const client = new LspClient(process.execPath, [SERVER, '--stdio'], { cwd: dir });
  const init = await client.request('initialize', {
    processId: process.pid,
    rootUri: fileUri(dir),
    workspaceFolders: [{ uri: fileUri(dir), name: 'ws' }],
    capabilities: { window: { workDoneProgress: true } },
    initializationOptions: { diagnosticsDelay: 0, today: '2026-11-23' },
  });
  assert.equal(init.error, undefined);
  return client;
}

async function stop(client: LspClient): Promise<void> {
  await client.shutdown().catch(() => undefined);
  if (!client.exited) client.proc.kill();
}

test('sopls/schedule refuses runs past its limit with an error response', async () => {
  const dir = workspace({ 'a.md': FM('PRC-1') + '# A\n' + STEPS });
  const client = await start(dir);
  try {
    client.notify('initialized', {});
    const uri = fileUri(path.join(dir, 'a.md'));
    const huge = await client.request('sopls/schedule', { uri, runs: 1e9 });
    assert.equal(huge.error?.code, -32602, JSON.stringify(huge));
    assert.match(huge.error!.message, /runs needs a whole number from 0 to/);
    const negative = await client.request('sopls/schedule', { uri, runs: -1 });
    assert.equal(negative.error?.code, -32602);
    const fine = await client.request('sopls/schedule', { uri, runs: 10 });
    assert.equal(fine.error, undefined);
  } finally {
    await stop(client);
  }
});

test('a document over the size budget gets one diagnostic, and the server keeps answering', async () => {
  const dir = workspace({ 'a.md': FM('PRC-2') + '# A\n' + STEPS });
  const client = await start(dir);
  try {
    client.notify('initialized', {});
    const uri = fileUri(path.join(dir, 'a.md'));
    const diagnostics = client.waitFor((m: Message) => m.method === 'textDocument/publishDiagnostics' && (m.params as { version?: number }).version === 2, 600_000, 'diagnostics of version 2');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: FM('PRC-2') + '# A\n' + STEPS } });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: FM('PRC-2') + 'filler text '.repeat(400_000) }] });
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 5 } });
    assert.equal(hover.error, undefined);
    const published = (await diagnostics).params as { diagnostics: { code?: string; message: string }[] };
    assert.equal(published.diagnostics.length, 1);
    assert.equal(published.diagnostics[0]!.code, 'unreadable-content');
    assert.match(published.diagnostics[0]!.message, /does not read it/);
  } finally {
    await stop(client);
  }
});

for (const [name, bytes] of [
  ['a Content-Length that is not a number', 'Content-Length: zz\r\n\r\n{}'],
  ['garbage without a header', 'x'.repeat(20_000)],
  ['a body that is not JSON', 'Content-Length: 5\r\n\r\nhello'],
] as const) {
  test(`framing error (${name}): the server exits non-zero instead of going deaf`, async () => {
    const dir = workspace({ 'a.md': FM('PRC-3') + '# A\n' + STEPS });
    const client = new LspClient(process.execPath, [SERVER, '--stdio'], { cwd: dir });
    const exited = new Promise<void>((resolve) => client.proc.once('exit', () => resolve()));
    client.proc.stdin.write(bytes);
    await exited;
    assert.equal(client.exited?.code, 1);
    assert.match(client.stderr.join(''), /cannot be read/);
  });
}

test('a hover is answered while a hostile workspace is still being indexed', async () => {
  const files: Record<string, string> = { 'open.md': FM('PRC-30') + '# Open\n' + STEPS };
  // Eight files of a megabyte of brackets each: the indexer yields between them (slices of at most 1 MB).
  for (let i = 0; i < 8; i++) files[`hostile-${i}.md`] = FM(`PRC-4${i}`) + '# H\n\n' + Array.from({ length: 60 }, () => '[a] '.repeat(4000)).join('\n') + '\n';
  for (let i = 0; i < 50; i++) files[`n/doc-${i}.md`] = FM(`PRC-${100 + i}`) + `# Doc ${i}\n` + STEPS;
  const dir = workspace(files);
  const client = await start(dir);
  try {
    const order: string[] = [];
    let reported: () => void = () => undefined;
    const firstReport = new Promise<void>((resolve) => (reported = resolve));
    const ended = new Promise<void>((resolve) => {
      client.onNotification((m: Message) => {
        const kind = (m.params as { value?: { kind?: string } } | undefined)?.value?.kind;
        if (m.method !== '$/progress') return;
        if (kind === 'report') reported();
        if (kind === 'end') {
          order.push('indexed');
          resolve();
        }
      });
    });
    const uri = fileUri(path.join(dir, 'open.md'));
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: FM('PRC-30') + '# Open\n' + STEPS } });
    await firstReport;
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 6 } });
    order.push('hover');
    assert.equal(hover.error, undefined);
    await ended;
    assert.deepEqual(order, ['hover', 'indexed']);
  } finally {
    await stop(client);
  }
});
