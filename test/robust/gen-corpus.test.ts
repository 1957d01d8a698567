import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSop } from '../../server/src/core/parse';
import { generateCorpus } from '../helpers';

/**
 * The bench corpus generator: the same seed gives byte-identical files, and its manifest tells the truth
 * (every document parses into the steps it claims, and each planted defect sits on the line it names).
 */

interface Manifest {
  documents: { file: string; dialect: string; steps: number; defects: { rule: string; line: number; span: [number, number]; detail: string }[] }[];
}

function generate(dir: string, seed: string): void {
  generateCorpus(dir, { count: 150, seed: seed, largeFraction: 0.02 });
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else out.push(path.relative(dir, p));
    }
  };
  visit(dir);
  return out.sort();
}

test('bench corpus: same seed, byte-identical; manifest lines point at the planted text', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-corpus-'));
  try {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    const c = path.join(tmp, 'c');
    generate(a, '3');
    generate(b, '3');
    generate(c, '4');
    const files = listFiles(a);
    assert.deepEqual(listFiles(b), files);
    for (const f of files) assert.ok(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), `${f} differs between two runs`);
    assert.notDeepEqual(listFiles(c).map((f) => fs.readFileSync(path.join(c, f), 'utf8')).join(''), files.map((f) => fs.readFileSync(path.join(a, f), 'utf8')).join(''), 'another seed, another corpus');

    const manifest = JSON.parse(fs.readFileSync(path.join(a, 'manifest.json'), 'utf8')) as Manifest;
    assert.equal(manifest.documents.length, 150);
    assert.deepEqual([...new Set(manifest.documents.map((d) => d.dialect))].sort(), ['bullets', 'customer', 'plain', 'policy', 'stages', 'steps']);
    const planted = new Set<string>();
    for (const d of manifest.documents) {
      const text = fs.readFileSync(path.join(a, d.file), 'utf8');
      const lines = text.split('\n');
      const doc = parseSop(text, d.file);
      assert.equal(doc.steps.filter((s) => s.kind !== 'substep').length, d.steps, `${d.file}: steps`);
      for (const x of d.defects) {
        planted.add(x.rule);
        const line = lines[x.line - 1] ?? '';
        if (x.rule === 'broken-link') assert.ok(line.includes(x.detail), `${d.file}:${x.line} holds ${x.detail}`);
        if (x.rule === 'unknown-role') assert.ok(line.includes(x.detail), `${d.file}:${x.line} names ${x.detail}`);
        if (x.rule === 'placeholder') assert.match(line, /\[[A-Z_]+\]/, `${d.file}:${x.line} holds a placeholder`);
        if (x.rule === 'missing-owner') {
          const body = lines.slice(x.span[0] - 1, x.span[1]).join('\n');
          assert.doesNotMatch(body, /Owner\**:/, `${d.file}:${x.line} step has no owner line`);
        }
      }
    }
    assert.deepEqual([...planted].sort(), ['broken-link', 'missing-owner', 'placeholder', 'step-numbering', 'timeline-conflict', 'unknown-role']);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
