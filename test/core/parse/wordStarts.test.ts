import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { atWordStarts, branches, searchesWordStarts } from '../../../server/src/core/parse/wordStarts';
import { TRIGGER_SEARCHES } from '../../../server/src/core/parse/proseTiming';
import { listDocuments, prng, ROOT, seedFiles } from '../../helpers';

/**
 * parse/wordStarts.ts searches a regex at word starts only when its source proves every match starts a word.
 * The timing triggers rely on it for speed (about half of the prose-timing search); if a new branch breaks the
 * proof the search silently falls back to the slow regex, so the first test says which regex lost it.
 */

function matches(re: RegExp, text: string): string[] {
  const out: string[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push(`${m.index}:${m[0]}`);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

test('the timing triggers are searched at word starts', () => {
  for (const [written, searched] of TRIGGER_SEARCHES) {
    assert.ok(
      searchesWordStarts(searched),
      `a branch of ${written.source.slice(0, 60)}… does not provably start a word (see parse/wordStarts.ts): ` +
        'the search fell back to the slow regex',
    );
  }
});

test('word-start search = the written regex on every document we have, line by line and whole', () => {
  const files = [...seedFiles(), ...listDocuments(path.join(ROOT, 'examples')), ...listDocuments(path.join(ROOT, 'test', 'fixtures'))];
  assert.ok(files.length > 60, `${files.length} files`);
  let compared = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const piece of [text, ...text.split('\n')]) {
      for (const [written, searched] of TRIGGER_SEARCHES) {
        assert.deepEqual(matches(searched, piece), matches(written, piece), `${path.relative(ROOT, f)}: ${JSON.stringify(piece.slice(0, 80))}`);
      }
      compared++;
    }
  }
  assert.ok(compared > 5000, `${compared} texts`);
});

test('word-start search = the written regex on generated text at word edges', () => {
  const rand = prng(14);
  const words = ['a', 'an', 'the', 'within', '2', '10', 'days', 'day', 'hours', 'T-2', 'Q3', 'weekly', 'once', 'on', 'completion', 'after', 'release', '9:30', 'am', 'Monday', 'Mon', 'every', 'other', 'week', 'as', 'requests', 'come', 'in', 'x', '_', 'ſ', 'K', 'é'];
  const glue = [' ', '  ', '-', '_', '.', ', ', '; ', '(', ')', '/', '', '\n', ' ~', "'"];
  for (let i = 0; i < 3000; i++) {
    let text = '';
    const n = 1 + Math.floor(rand() * 14);
    for (let w = 0; w < n; w++) text += words[Math.floor(rand() * words.length)]! + glue[Math.floor(rand() * glue.length)]!;
    for (const [written, searched] of TRIGGER_SEARCHES) assert.deepEqual(matches(searched, text), matches(written, text), JSON.stringify(text));
  }
});

test('atWordStarts rewrites only what it can prove', () => {
  const proven = [/\bday\b|\b\d+h\b/g, /\b(?:the )?week\b/gi, /(?<=^\W{0,4}|[.;]\s{1,2})as\b/gi, /(?<=\bfor\s)\d+/g, /\b[TD]-\d/gu, /\b(?<![$][\d.,]{0,8})\d{1,3}m\b/g, /\b(?!x)\w/g];
  for (const re of proven) assert.ok(searchesWordStarts(atWordStarts(re)), re.source);
  const refused = [
    /~\s?\d+ days/g, // starts with a symbol
    /\b(?:the )?-x/g, // the optional word skipped, a symbol is left
    /\bs?-x/g, // an optional first letter
    /(?<=a\s{0,2})b/g, // the lookbehind may end inside a word
    /\bday|days/g, // one branch without \b
    /\bday/, // not global: exec starts at 0, nothing to gain
    /\bday/giu, // \w and \b fold ſ and K under iu
    /\b(?!x)-/g, // a lookaround consumes nothing: a symbol comes first
    /\b(?<=a)(?:-|b)/g, // one branch after the lookbehind starts with a symbol
  ];
  for (const re of refused) assert.equal(atWordStarts(re), re, re.source);
  assert.deepEqual(branches('a|(?:b|c)|[|]|\\||d'), ['a', '(?:b|c)', '[|]', '\\|', 'd']);
});
