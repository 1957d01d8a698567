/**
 * Each snippet, expanded with its default text, is an SOP the parser reads as intended: the new-SOP templates
 * give numbered steps with owners and timing in their dialect, the step snippets give one step.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSop } from '../../server/src/core/parse';
import { readRepoFile } from '../helpers';

interface Snippet {
  prefix: string | string[];
  body: string[];
  description: string;
}

const VARIABLES: Record<string, string> = { CURRENT_YEAR: '2026', CURRENT_MONTH: '03', CURRENT_DATE: '02', USER: 'mara.okafor' };

/** What the editor inserts when the author tabs through without typing: defaults, first choices, mirrors. */
export function expandSnippet(body: string[]): string {
  const text = body.join('\n');
  const values = new Map<string, string>();
  const collect = /\$\{(\d+):((?:[^{}]|\$\{[A-Z_]+\})*)\}|\$\{(\d+)\|([^|]*)\|\}/g;
  for (let m = collect.exec(text); m; m = collect.exec(text)) {
    const [n, v] = m[1] ? [m[1], m[2]!] : [m[3]!, m[4]!.split(',')[0]!];
    if (!values.has(n)) values.set(n, v.replace(/\$\{?([A-Z_]+)\}?/g, (_, name: string) => VARIABLES[name] ?? ''));
  }
  return text
    .replace(/\$\{(\d+):((?:[^{}]|\$\{[A-Z_]+\})*)\}|\$\{(\d+)\|[^|]*\|\}|\$\{(\d+)\}|\$(\d+)/g, (_, a, _d, b, c, e) => values.get(a ?? b ?? c ?? e) ?? '')
    .replace(/\$([A-Z_]+)/g, (_, name: string) => VARIABLES[name] ?? '');
}

function load(file: string): Record<string, Snippet> {
  return JSON.parse(readRepoFile(file)) as Record<string, Snippet>;
}

const markdown = load('snippets/sop.code-snippets');
const plain = load('snippets/sop-plaintext.code-snippets');

function stepsOf(text: string, uri: string): { number?: number; title: string; owners: string[]; timing: string[] }[] {
  return parseSop(text, uri).steps.map((s) => ({
    number: s.number,
    title: s.title,
    owners: s.owners.map((o) => o.name),
    timing: s.timing.map((t) => t.text),
  }));
}

describe('snippets', () => {
  test('expansion helper: defaults, choices, mirrors and variables', () => {
    assert.equal(expandSnippet(['${1:A} ${2|x,y|} ${1} $CURRENT_YEAR $0']), 'A x A 2026 ');
  });

  test('new SOP with frontmatter and step headings', () => {
    const text = expandSnippet(markdown['New SOP (frontmatter and step headings)']!.body);
    const doc = parseSop(text, 'file:///new.sop.md');
    assert.equal(doc.isSop, true);
    assert.equal(doc.meta.id?.value, 'PRC-001');
    assert.deepEqual(doc.problems, []);
    assert.deepEqual(stepsOf(text, 'file:///new.sop.md'), [
      { number: 1, title: 'Preparation', owners: ['Process Owner'], timing: ['1 business day'] },
      { number: 2, title: 'Review', owners: ['Reviewer'], timing: ['1-2 business days'] },
    ]);
    assert.deepEqual(
      doc.roles.map((r) => r.name),
      ['Process Owner', 'Reviewer'],
    );
  });

  test('new numbered plain-text SOP, in a .txt file and (sop-plain) in Markdown', () => {
    const text = expandSnippet(plain['New SOP (numbered plain text)']!.body);
    const expected = [
      { number: 1, title: 'Contract Hand-Over', owners: ['Account Executive'], timing: ['Within 1 business day of contract signing'] },
      { number: 2, title: 'Kickoff Meeting', owners: ['Customer Success Manager'], timing: ['Within 5 business days of Contract Hand-Over'] },
    ];
    const actual = stepsOf(text, 'file:///new.txt');
    assert.deepEqual(
      actual.map((s) => ({ ...s, owners: s.owners.map((o) => o.replace(/\s*\(.*\)$/, '')) })),
      expected,
    );
    assert.equal(expandSnippet(markdown['New SOP (numbered plain text)']!.body), text);
  });

  test('step snippets give one step each, in their dialect', () => {
    const heading = expandSnippet(markdown['Step (heading dialect)']!.body).replace('Step N:', 'Step 3:');
    assert.deepEqual(stepsOf(`# Doc\n\n## Process Steps\n\n${heading}`, 'file:///a.md'), [
      { number: 3, title: 'Step Title', owners: ['Role'], timing: ['1-2 business days'] },
    ]);
    const numbered = expandSnippet(plain['Step (numbered plain-text dialect)']!.body).replace(/^N\./, '1.');
    assert.deepEqual(stepsOf(`Procedure\n${numbered}`, 'file:///a.txt'), [
      { number: 1, title: 'Step Title', owners: ['Role'], timing: ['Within 2 business days of contract signing'] },
    ]);
  });

  test('every snippet has a prefix, a description and a final tab stop', () => {
    for (const [name, s] of [...Object.entries(markdown), ...Object.entries(plain)]) {
      assert.ok((Array.isArray(s.prefix) ? s.prefix.length : s.prefix.length) > 0, name);
      assert.ok(s.description.length > 20, name);
      assert.ok(s.body.join('\n').includes('$0'), name);
    }
  });
});
