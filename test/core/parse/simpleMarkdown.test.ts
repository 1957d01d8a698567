import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSop } from '../../../server/src/core/parse';
import { readFrontmatter } from '../../../server/src/core/parse/frontmatter';
import { splitLines } from '../../../server/src/core/parse/lines';
import { markdownLines } from '../../../server/src/core/parse/markdown';
import { listDocuments, prng, ROOT, seedFiles, generateCorpus } from '../../helpers';

const markdownDocuments = (dir: string): string[] => listDocuments(dir, /\.(md|markdown)$/i);

/**
 * The remark-free reader (simpleMarkdown.ts) must give exactly remark's line views for every chunk it takes,
 * and so the very same SOP model. Compared on every Markdown document we have, on the bench generator's
 * documents and on a seeded fuzzer that splices lines built to sit on CommonMark's edges into them.
 */


interface Tally {
  docs: number;
  chunks: number;
  simple: number;
}

/** Both paths on one text: identical line views and identical models. */
function compare(text: string, label: string, tally: Tally): void {
  const raw = splitLines(text).lines;
  const fmEnd = readFrontmatter(raw).endLine;
  const viaRemark = markdownLines(raw, fmEnd, undefined, { simple: false });
  const mixed = markdownLines(raw, fmEnd, undefined, { simple: true });
  assert.equal(viaRemark.simpleChunks, 0);
  for (let i = 0; i < raw.length; i++) assert.deepEqual(mixed.lines[i], viaRemark.lines[i], `${label}: line ${i + 1}: ${JSON.stringify(raw[i])}`);
  tally.docs++;
  tally.chunks += mixed.parsedChunks;
  tally.simple += mixed.simpleChunks;
  if (mixed.simpleChunks > 0) {
    const a = parseSop(text, label, { format: 'markdown', simpleMarkdown: false });
    const b = parseSop(text, label, { format: 'markdown' });
    assert.deepEqual(b, a, `${label}: model`);
  }
}

test('remark-free chunks = remark chunks: seeds, examples, fixtures, real-world corpus', () => {
  const tally: Tally = { docs: 0, chunks: 0, simple: 0 };
  const files = [...seedFiles().filter((f) => /\.(md|markdown)$/i.test(f)), ...markdownDocuments(path.join(ROOT, 'examples')), ...markdownDocuments(path.join(ROOT, 'test', 'fixtures'))];
  for (const f of files) compare(fs.readFileSync(f, 'utf8'), path.relative(ROOT, f), tally);
  assert.ok(tally.docs > 40, `${tally.docs} documents`);
  assert.ok(tally.simple > 50, `only ${tally.simple} of ${tally.chunks} chunks took the remark-free path`);
});

test('remark-free chunks = remark chunks: the bench generator', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-simple-md-'));
  try {
    generateCorpus(dir, { count: 60, seed: '3', largeFraction: 0.02 });
    const tally: Tally = { docs: 0, chunks: 0, simple: 0 };
    for (const f of markdownDocuments(dir)) compare(fs.readFileSync(f, 'utf8'), path.relative(dir, f), tally);
    assert.ok(tally.docs > 20, `${tally.docs} documents`);
    // Most of the generator's chunks are plain headings, fields and lists: the fast path must take them.
    assert.ok(tally.simple * 2 > tally.chunks, `${tally.simple} of ${tally.chunks} chunks took the remark-free path`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Lines on CommonMark's edges: lazy lines, interruptions, indentation off by one, markup, setext, code. */
const EDGE_LINES = [
  '', '   ', '2. A lazy numbered line', '1. One', '10. Ten', '1) Paren one', '3) Paren three', '- Dash item', '* Star item',
  '+ Plus item', '-  Two spaces', '- ', '1.', '  - Two-space nested', '   - Three-space nested', '    - Four-space nested',
  '   Continuation at three', '  Continuation at two', '    Indented four', '**Owner**: Release Coordinator',
  '**Duration**: 2 days', '**A**b', '**Note:** read this', '**Owner** : x', 'Owner: Plain Label', '---', '***', '___', '===',
  '- - -', '> Quoted line', '#', '## Heading', '## Closed heading ##', '### Step 4: Check', '#NoSpace', '  ## Indented heading',
  '```', '~~~', '<div>', '<!-- sopls-disable -->', 'Text with `code`', 'Text with [link](x.md)', 'Text with *emphasis*',
  'Text with _under_', 'Trailing spaces  ', 'Trailing backslash\\', '\tTabbed', 'Tab\tinside', '\u00a0', 'Entity &amp; text',
  '| Role | Owner |', '| --- | --- |', '1. **Owner**: nested field', '   **Owner**: in item', '   1. Nested one', '   2. Nested two',
  '      - Deep bullet', 'Plain prose line.', '2026-03-02 is a date', '1.5 hours', '- # heading in item', '1. > quote in item',
  '- [ ] Task box', '- [x] Done box', 'Owner: [ACCOUNT_MANAGER]', 'snake_case_word', '_leading under', 'under_ trailing',
  'See [the guide](guide.md)', 'See [guide][ref]', '[ref]: https://example.com', '![alt](img.png)', '![alt]', '[a]:b',
  '----', '--- ', '- --', '**Owner**: Lead  ', '### Title  ', '# Trailing hash #', 'Two hard spaces  ', 'One trailing ',
  '**Owner**:[ROLE]', '[[double]]', 'text ]( x', '* Star with *emph*', '1. [ ] numbered task', '  indented nbsp',
];

function mutate(lines: string[], rand: () => number): string[] {
  const out = [...lines];
  const edits = 1 + Math.floor(rand() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    const op = rand();
    if (op < 0.5) out.splice(at, 0, EDGE_LINES[Math.floor(rand() * EDGE_LINES.length)]!);
    else if (op < 0.65) out.splice(at, 1);
    else if (op < 0.8 && out[at] !== undefined) out[at] = ' '.repeat(1 + Math.floor(rand() * 4)) + out[at];
    else if (op < 0.9 && out[at] !== undefined) out[at] = out[at]!.replace(/^\s+/, '');
    else if (out[at] !== undefined) out.splice(at, 0, out[at]!);
  }
  return out;
}

test('remark-free chunks = remark chunks: seeded fuzzer', () => {
  const rand = prng(14);
  const bases = [...markdownDocuments(path.join(ROOT, 'examples')), ...markdownDocuments(path.join(ROOT, 'test', 'fixtures', 'seeds')), ...markdownDocuments(path.join(ROOT, 'test', 'fixtures', 'rules'))]
    .map((f) => fs.readFileSync(f, 'utf8'))
    .filter((t) => t.length < 40_000);
  assert.ok(bases.length > 10);
  const tally: Tally = { docs: 0, chunks: 0, simple: 0 };
  const cases = Number(process.env.SOPLS_SIMPLE_MD_FUZZ) || 400;
  for (let n = 0; n < cases; n++) {
    const base = splitLines(bases[Math.floor(rand() * bases.length)]!).lines;
    // Fuzz a window of the document so each case stays small and the edits land near each other.
    const from = Math.floor(rand() * Math.max(1, base.length - 40));
    const window = base.slice(from, from + 40);
    const text = mutate(window, rand).join('\n');
    compare(text, `fuzz #${n}: ${JSON.stringify(text)}`, tally);
  }
  assert.ok(tally.simple > 100, `${tally.simple} of ${tally.chunks} fuzzed chunks took the remark-free path`);
});
