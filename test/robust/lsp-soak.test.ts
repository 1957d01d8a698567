import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, prng } from '../helpers';
import { fileUri, LspClient, type Message } from './lsp-client';

/**
 * Soak: thousands of random edits, opens and closes, and bursts of concurrent requests against the built
 * server over stdio. The server must stay up, answer every request with a well-formed response (no internal
 * errors), never log an unhandled rejection, and keep its memory bounded.
 */

const SERVER = path.join(ROOT, 'dist', 'server.js');
const OPERATIONS = 3000;
const EXAMPLES = ['onboarding-plain.txt', 'renewal-bullets.txt', 'customer-success-stages.md', 'onboarding-steps.md', 'data-residency-policy.md'];
const INSERTS = ['x', ' ', '\n', 'Owner: ', '**Owner**: CSM\n', '### Step 9: New\n', '7. Title\n', 'Within 3 business days of kickoff', '[COMPANY]', 'POL-010 ', '---\n', '| Role |\n', '- ', '<!-- sopls-disable -->', 'é😀', '`', '**'];
const REQUESTS = ['textDocument/completion', 'textDocument/hover', 'textDocument/definition', 'textDocument/references', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/inlayHint', 'textDocument/codeAction', 'textDocument/prepareRename'];

/** LSP position of a UTF-16 offset, counting \n line breaks (the soak never inserts \r). */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

function paramsFor(method: string, uri: string, text: string, rand: () => number): unknown {
  const offset = Math.floor(rand() * (text.length + 1));
  // One request in ten points past the end of the document: the server must answer, not throw.
  const position = rand() < 0.1 ? { line: 100_000, character: 5 } : positionAt(text, offset);
  const textDocument = { uri };
  switch (method) {
    case 'textDocument/documentSymbol':
    case 'textDocument/foldingRange':
      return { textDocument };
    case 'textDocument/inlayHint':
      return { textDocument, range: { start: { line: 0, character: 0 }, end: positionAt(text, text.length) } };
    case 'textDocument/codeAction':
      return { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } };
    case 'textDocument/references':
      return { textDocument, position, context: { includeDeclaration: true } };
    default:
      return { textDocument, position };
  }
}

test('LSP soak: random edits, open/close and concurrent requests over stdio', { timeout: 900_000 }, async (t) => {
  if (!fs.existsSync(SERVER)) {
    t.skip('dist/server.js is not built (run `node esbuild.mjs`)');
    return;
  }
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-soak-'));
  for (const f of EXAMPLES) fs.copyFileSync(path.join(ROOT, 'examples', f), path.join(ws, f));
  const client = new LspClient(process.execPath, [SERVER, '--stdio'], { cwd: ws });
  try {
    const init = await client.request('initialize', {
      processId: process.pid,
      rootUri: fileUri(ws),
      workspaceFolders: [{ uri: fileUri(ws), name: 'soak' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
      initializationOptions: { diagnosticsDelay: 0 },
    });
    const caps = (init.result as { capabilities?: { textDocumentSync?: unknown } } | undefined)?.capabilities;
    if (!caps?.textDocumentSync) {
      t.skip(`dist/server.js does not implement the language server yet (initialize answered ${JSON.stringify(init.error ?? init.result).slice(0, 120)})`);
      return;
    }
    client.notify('initialized', {});

    const rand = prng(7);
    const texts = new Map<string, string>();
    const versions = new Map<string, number>();
    const responses: Promise<Message>[] = [];
    const failures: string[] = [];
    let rssAfterWarmUp: number | undefined;
    let published = 0;
    let answered = 0;
    client.onNotification((m) => {
      if (m.method === 'textDocument/publishDiagnostics') published++;
    });

    for (let op = 0; op < OPERATIONS; op++) {
      const file = EXAMPLES[Math.floor(rand() * EXAMPLES.length)]!;
      const uri = fileUri(path.join(ws, file));
      const open = texts.has(uri);
      const r = rand();
      if (!open || r < 0.02) {
        if (open) {
          client.notify('textDocument/didClose', { textDocument: { uri } });
          texts.delete(uri);
          continue;
        }
        const text = fs.readFileSync(path.join(ws, file), 'utf8');
        texts.set(uri, text);
        versions.set(uri, (versions.get(uri) ?? 0) + 1);
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.md') ? 'markdown' : 'plaintext', version: versions.get(uri), text } });
      } else if (r < 0.75) {
        const text = texts.get(uri)!;
        const at = Math.floor(rand() * (text.length + 1));
        const remove = rand() < 0.4 ? Math.min(text.length - at, Math.floor(rand() * 30)) : 0;
        const insert = rand() < 0.8 ? INSERTS[Math.floor(rand() * INSERTS.length)]! : '';
        const range = { start: positionAt(text, at), end: positionAt(text, at + remove) };
        texts.set(uri, text.slice(0, at) + insert + text.slice(at + remove));
        versions.set(uri, versions.get(uri)! + 1);
        client.notify('textDocument/didChange', { textDocument: { uri, version: versions.get(uri) }, contentChanges: [{ range, text: insert }] });
      } else {
        // A burst of concurrent requests, not awaited one by one.
        const burst = 1 + Math.floor(rand() * 4);
        for (let b = 0; b < burst; b++) {
          const method = REQUESTS[Math.floor(rand() * REQUESTS.length)]!;
          responses.push(
            client.request(method, paramsFor(method, uri, texts.get(uri)!, rand)).then((m) => {
              answered++;
              if (m.error && (m.error.code === -32603 || m.error.code === -32099)) failures.push(`${method}: ${m.error.code} ${m.error.message}`);
              return m;
            }),
          );
        }
      }
      if (op % 250 === 249) {
        // Let the server catch up so the pipe does not just buffer thousands of messages.
        await Promise.all(responses.splice(0));
        await client.request('workspace/symbol', { query: 'step' });
        if (op >= OPERATIONS / 5 && rssAfterWarmUp === undefined) rssAfterWarmUp = client.rssKb()?.rss;
      }
    }
    await Promise.all(responses);
    const rssEnd = client.rssKb()?.rss;

    assert.equal(client.exited, undefined, `server exited: ${JSON.stringify(client.exited)} ${client.stderr.join('').slice(-500)}`);
    assert.deepEqual(client.malformed, [], 'malformed frames');
    assert.deepEqual(failures.slice(0, 5), [], 'internal errors');
    const stderr = client.stderr.join('');
    assert.doesNotMatch(stderr, /unhandled|UnhandledPromiseRejection|uncaught/i, 'no unhandled rejection or uncaught exception');
    assert.ok(published > 0, 'diagnostics were published');
    // About a quarter of the operations are bursts of 1–4 requests: well over a thousand answers.
    assert.ok(answered > 1000, `${answered} requests answered`);
    if (rssAfterWarmUp !== undefined && rssEnd !== undefined) {
      // Bounded: after warm-up the resident set may grow with caches, not with the number of edits.
      assert.ok(rssEnd < rssAfterWarmUp * 1.5 + 64 * 1024, `RSS grew from ${(rssAfterWarmUp / 1024).toFixed(0)} MB to ${(rssEnd / 1024).toFixed(0)} MB`);
    }
    await client.shutdown();
    const exit = client.exited as { code: number | null } | undefined;
    assert.equal(exit?.code, 0, 'clean exit after shutdown/exit');
  } finally {
    if (!client.exited) client.proc.kill('SIGKILL');
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
