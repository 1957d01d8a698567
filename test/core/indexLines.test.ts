import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanMarkdownLines, lazyPlainLine } from '../../server/src/core/indexLines';
import { splitLines, type LineInfo } from '../../server/src/core/parse/lines';
import { readFrontmatter } from '../../server/src/core/parse/frontmatter';
import { scanPlainLine } from '../../server/src/core/parse/plaintext';
import { listDocuments, ROOT, seedFiles } from '../helpers';

/** Every field of a line view, read through its getters (a lazy line computes its text on the first read). */
function fields(info: LineInfo): unknown {
  return {
    line: info.line,
    raw: info.raw,
    block: info.block,
    text: info.text,
    map: info.map,
    headingDepth: info.headingDepth,
    itemDepth: info.itemDepth,
    listDepth: info.listDepth,
    indent: info.indent,
    ordinal: info.ordinal,
    ordinalStart: info.ordinalStart,
    strongEnd: info.strongEnd,
    codeSpans: info.codeSpans,
    linkSpans: info.linkSpans,
  };
}

function compareLazy(text: string, name: string): number {
  const raw = splitLines(text).lines;
  const end = readFrontmatter(raw).endLine;
  const eager = scanMarkdownLines(raw, end);
  const lazy = scanMarkdownLines(raw, end, true);
  assert.equal(lazy.length, eager.length, name);
  for (let i = 0; i < raw.length; i++) {
    assert.deepEqual(fields(lazy[i]!), fields(eager[i]!), `${name}:${i + 1} (Markdown)`);
    assert.deepEqual(fields(lazyPlainLine(i, raw[i]!)), fields(scanPlainLine(i, raw[i]!)), `${name}:${i + 1} (plain text)`);
  }
  return raw.length;
}

/** Lines a lazy view must get right: markers, quotes, HTML, indentation, inline markup. */
const EDGE_LINES = [
  '', '   ', '\t', '- item', '-item', '* star', '+ plus', '• bullet', '‣ tri', '◦ circle', '1. one', '12) twelve', '1234567890. too long',
  '  - nested', '    3. deep', '> quoted **Owner**: Role', '> - quoted item', '<!-- note -->', '  <!-- indented', '<div>', '**Owner**: A (B)',
  '`code` PRC-001', '[link](x) PRC-2', 'a\\-b', '_em_ and *em*', '\t- tabbed', '1.', '-', 'PRC-001: Title', '# Heading', '## H ##',
];

test('lazy line views equal the eager ones, field by field, on every document we have', () => {
  const files = [
    ...seedFiles(),
    ...listDocuments(path.join(ROOT, 'examples')),
    ...listDocuments(path.join(ROOT, 'test', 'fixtures')),
  ];
  let lines = 0;
  for (const f of files) lines += compareLazy(fs.readFileSync(f, 'utf8'), f);
  lines += compareLazy(EDGE_LINES.join('\n'), 'edge lines');
  assert.ok(lines > 5000, `${lines} lines`);
});

test('lazy line views equal the eager ones on the bench generator\'s documents', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-index-lines-'));
  try {
    const gen = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'gen-corpus.mjs'), '--count', '40', '--seed', '9', '--out', dir, '--large-fraction', '0.02'], { encoding: 'utf8' });
    assert.equal(gen.status, 0, gen.stderr);
    const files = listDocuments(dir);
    assert.ok(files.length >= 40);
    for (const f of files) compareLazy(fs.readFileSync(f, 'utf8'), f);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
