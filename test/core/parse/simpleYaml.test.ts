import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFrontmatter } from '../../../server/src/core/parse/frontmatter';
import { splitLines } from '../../../server/src/core/parse/lines';
import { readSimpleYaml } from '../../../server/src/core/parse/simpleYaml';
import { listDocuments, prng, ROOT, seedFiles } from '../../helpers';

/**
 * The `yaml`-free reader of plain frontmatter (simpleYaml.ts) must give exactly what the `yaml` package gives:
 * the same data, key ranges and value ranges, in the same key order, and the same problems. Compared on every
 * document we have, the bench generator's documents, and frontmatter built line by line from pieces that sit
 * on YAML's edges (numbers, booleans, nulls, quotes, comments, nesting, trailing spaces).
 */

interface Tally {
  compared: number;
  simple: number;
}

function compareLines(lines: string[], label: string, tally: Tally): void {
  const viaYaml = readFrontmatter(lines, true);
  const mixed = readFrontmatter(lines);
  // deepEqual ignores key order; the JSON text does not (a rule or a completion may list keys in order).
  assert.equal(JSON.stringify(mixed), JSON.stringify(viaYaml), `${label}: ${JSON.stringify(lines.slice(0, 30))}`);
  assert.deepEqual(mixed, viaYaml, label);
  if (viaYaml.endLine < 0) return;
  tally.compared++;
  if (readSimpleYaml(lines.slice(1, viaYaml.endLine))) tally.simple++;
}

test('yaml-free frontmatter = yaml frontmatter: seeds, examples, fixtures, real-world corpus', () => {
  const tally: Tally = { compared: 0, simple: 0 };
  const files = [...seedFiles(), ...listDocuments(path.join(ROOT, 'examples')), ...listDocuments(path.join(ROOT, 'test', 'fixtures'))];
  for (const f of files) compareLines(splitLines(fs.readFileSync(f, 'utf8')).lines, path.relative(ROOT, f), tally);
  assert.ok(tally.compared > 40, `${tally.compared} frontmatters`);
  assert.ok(tally.simple > 20, `only ${tally.simple} of ${tally.compared} took the yaml-free path`);
});

test('yaml-free frontmatter = yaml frontmatter: the bench generator', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-simple-yaml-'));
  try {
    const gen = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'gen-corpus.mjs'), '--count', '60', '--seed', '5', '--out', dir], { encoding: 'utf8' });
    assert.equal(gen.status, 0, gen.stderr);
    const tally: Tally = { compared: 0, simple: 0 };
    for (const f of listDocuments(dir)) compareLines(splitLines(fs.readFileSync(f, 'utf8')).lines, path.relative(dir, f), tally);
    assert.ok(tally.simple > 20, `only ${tally.simple} of ${tally.compared} took the yaml-free path`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const KEYS = ['id', 'title', 'status', 'links', 'relates_to', 'a', 'b_c', 'x-y', 'true', 'null', 'constructor', 'Key9', '_k'];
const VALUES = [
  'PRC-001', 'Payroll run', 'active', '2026-02-02', '12', '0', '007', '1.5', '.5', '1e3', '-3', '+4', '0x1F', '0o17', '.inf', '.nan',
  'true', 'False', 'NULL', '~', 'null', 'yes', 'no', 'on', '(draft)', '/path/to', '.hidden', 'a b', 'a  b', 'x ', '  y', 'R&D', 'a *b',
  'v1.2.3', '123456789012345', '1234567890123456', "it's", '"quoted"', "'single'", 'a: b', 'a #c', 'a#b', '#c', '[a, b]', '[]', '[ ]',
  '[a,b]', '[ a , b ]', '[a, b,]', '[a,, b]', '[1, 2]', '[true, x]', '[a: b]', '[[a]]', '{a: b}', '{}', '- a', '&anchor x', '*alias',
  '!tag x', '|', '>', '?', 'é', 'naïve', '\ttab', 'a\tb', '%x', '@x', '`x`', 'x\\y', '-', '--', ':',
];
/** Values the yaml-free reader takes; most cases draw from these so that path is exercised as much as the other. */
const PLAIN_VALUES = ['PRC-001', 'Payroll run', 'active', '2026-02-02', '12', '0', 'v1.2', '[CUS-1, CUS-2]', '[]', '[a]', '(draft)', 'x y z'];
const INDENTS = ['  ', '   ', '    ', ' '];

function randomFrontmatter(rand: () => number): string[] {
  const edgy = rand() < 0.4;
  const pickFrom = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const pick = (list: readonly string[]): string => pickFrom(list === VALUES && !(edgy && rand() < 0.3) ? PLAIN_VALUES : list);
  const lines = ['---'];
  const n = 1 + Math.floor(rand() * 7);
  for (let i = 0; i < n; i++) {
    const r = rand();
    const key = pick(KEYS);
    if (r < 0.55) lines.push(`${key}:${pick([' ', ' ', '  '])}${pick(VALUES)}${rand() < 0.1 ? ' ' : ''}`);
    else if (r < 0.8) {
      lines.push(`${key}:${rand() < 0.1 ? ' ' : ''}`);
      const indent = pick(INDENTS);
      const m = Math.floor(rand() * 4);
      for (let j = 0; j < m; j++) lines.push(`${rand() < 0.1 ? pick(INDENTS) : indent}${pick(KEYS)}: ${pick(VALUES)}`);
    } else if (r < 0.85) lines.push('');
    else if (r < 0.9) lines.push(`# ${pick(VALUES)}`);
    else if (r < 0.95) lines.push(`${pick(INDENTS)}- ${pick(VALUES)}`);
    else lines.push(`${key}: ${pick(VALUES)} # note`);
  }
  lines.push(rand() < 0.9 ? '---' : '...');
  if (rand() < 0.5) lines.push('', '# Title', 'Body text.');
  return lines;
}

test('yaml-free frontmatter = yaml frontmatter: generated frontmatter on YAML edges', () => {
  const rand = prng(20261202);
  const tally: Tally = { compared: 0, simple: 0 };
  const runs = Number(process.env['SOPLS_SIMPLE_YAML_FUZZ'] ?? 3000);
  for (let i = 0; i < runs; i++) compareLines(randomFrontmatter(rand), `case ${i}`, tally);
  // Both paths must be exercised: plain cases read without yaml, edge cases sent to it.
  assert.ok(tally.simple > runs / 20, `only ${tally.simple} of ${tally.compared} took the yaml-free path`);
  assert.ok(tally.compared - tally.simple > runs / 4, `only ${tally.compared - tally.simple} went to yaml`);
});
