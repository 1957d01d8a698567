import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readIndexFrontmatter } from '../../server/src/core/indexFrontmatter';
import { readFrontmatter } from '../../server/src/core/parse/frontmatter';
import { splitLines } from '../../server/src/core/parse/lines';
import { listDocuments, prng, ROOT, seedFiles } from '../helpers';

/** Paths of `data` whose value is a non-null scalar: the values and list items the index reads ranges of. */
function scalarPaths(v: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(v)) v.forEach((x, i) => scalarPaths(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object' && !(v instanceof Date)) for (const [k, x] of Object.entries(v)) scalarPaths(x, path ? `${path}.${k}` : k, out);
  else if (path && v !== null) out.push(path);
  return out;
}

/** The fast reader gives the data and scalar ranges of the yaml package; returns whether it took the fast path. */
function compare(text: string, name: string): boolean {
  const lines = splitLines(text).lines;
  const full = readFrontmatter(lines);
  const fast = readIndexFrontmatter(lines);
  assert.equal(fast.endLine, full.endLine, name);
  assert.deepEqual(fast.frontmatter?.data, full.frontmatter?.data, name);
  const data = full.frontmatter?.data;
  if (!data) return false;
  for (const p of scalarPaths(data, '', [])) assert.deepEqual(fast.frontmatter!.valueRanges[p], full.frontmatter!.valueRanges[p], `${name}: range of ${p}`);
  return fast.frontmatter!.raw === '';
}

test('fast frontmatter = yaml frontmatter on every document we have', () => {
  const files = [...seedFiles(), ...listDocuments(path.join(ROOT, 'examples')), ...listDocuments(path.join(ROOT, 'test', 'fixtures'))];
  let fast = 0;
  let withFrontmatter = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    if (text.startsWith('---')) withFrontmatter++;
    if (compare(text, f)) fast++;
  }
  assert.ok(withFrontmatter > 20 && fast * 2 > withFrontmatter, `${fast} of ${withFrontmatter} read fast`);
});

test('fast frontmatter = yaml frontmatter on the bench generator\'s documents, all read fast', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-index-fm-'));
  try {
    const gen = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'gen-corpus.mjs'), '--count', '60', '--seed', '4', '--out', dir], { encoding: 'utf8' });
    assert.equal(gen.status, 0, gen.stderr);
    let withFrontmatter = 0;
    let fast = 0;
    for (const f of listDocuments(dir)) {
      const text = fs.readFileSync(f, 'utf8');
      if (!text.startsWith('---')) continue;
      withFrontmatter++;
      if (compare(text, f)) fast++;
    }
    assert.ok(withFrontmatter > 20);
    assert.equal(fast, withFrontmatter);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Pieces of frontmatter lines, in and out of the subset the fast reader knows. */
const KEYS = ['id', 'title', 'status', 'type', 'related', 'links', 'supersedes', 'owner', 'x_y', 'a-b', 'on', '2fa', '"q"', 'k k'];
const SCALARS = [
  'PRC-001', 'Client Onboarding', "It's fine", '"quoted"', "'single'", '"esc\\n"', "'it''s'", '7', '007', '-3', '+4', '1.5', '.5', '1e3', '1.',
  '-0', '0x1F', '0o17', '.inf', '-.Inf', '.nan', '1_000', '2026-03-02', '12:30', 'true', 'False', 'NULL', '~', 'yes', 'a: b', 'a #c', 'a#b',
  '&anchor x', '*alias', '!tag x', '|', '>', '@at', '`tick', '%pct', '? q', '- x', '-', '[A, B]', '[]', '[ A ,B ]', '[A, [B]]', '{a: 1}', '[A,]',
  '["x", \'y\']', '[a: b]', 'a, b', 'Use [x] now', '', '   ',
];
const SHAPES = [
  (k: string, v: string) => `${k}: ${v}`,
  (k: string, v: string) => `${k}:  ${v}  `,
  (k: string, v: string) => `${k}:\n  - ${v}\n  - ${v}`,
  (k: string, v: string) => `${k}:\n- ${v}`,
  (k: string, v: string) => `${k}:\n  sub: ${v}\n  other: [${v}]`,
  (k: string, v: string) => `${k}:\n  sub:\n    - ${v}`,
  (k: string, v: string) => `${k}:\n  sub:\n  - ${v}`,
  (k: string, v: string) => `${k}: ${v}\n  continued`,
  (k: string, v: string) => `# comment\n${k}: ${v}\n\n`,
  (k: string, v: string) => `${k}:\t${v}`,
  (k: string) => `${k}:`,
  (k: string, v: string) => `  ${k}: ${v}`,
  (k: string, v: string) => `${k}:\n  a:\n    b: ${v}`,
];

test('fast frontmatter = yaml frontmatter on generated frontmatter, in and out of its subset', () => {
  const random = prng(14);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let fast = 0;
  const cases = 3000;
  for (let n = 0; n < cases; n++) {
    const lines: string[] = [];
    const count = 1 + Math.floor(random() * 5);
    for (let i = 0; i < count; i++) lines.push(pick(SHAPES)(pick(KEYS), pick(SCALARS)));
    const text = `---\n${lines.join('\n')}\n---\n# Body\n`;
    if (compare(text, JSON.stringify(text))) fast++;
  }
  // Both paths are exercised: many cases in the subset, many outside it.
  assert.ok(fast > cases / 20 && fast < cases * 0.9, `${fast} of ${cases} read fast`);
});
