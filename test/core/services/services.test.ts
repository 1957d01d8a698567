/** Language features without a server: a parsed string, an in-memory workspace, exact results. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { indexEntryFromDoc } from '../../../server/src/core/indexScan';
import { parseSop } from '../../../server/src/core/parse';
import { splitLines } from '../../../server/src/core/parse/lines';
import { stubText } from '../../../server/src/core/services/actions';
import { complete } from '../../../server/src/core/services/completion';
import type { ServiceContext } from '../../../server/src/core/services/context';
import { prepareRename, rename } from '../../../server/src/core/services/navigation';
import { foldingRanges } from '../../../server/src/core/services/symbols';
import { describeTiming } from '../../../server/src/core/services/timing';
import { parseTiming } from '../../../server/src/core/timeline/phrases';
import { buildTimeline } from '../../../server/src/core/timeline/schedule';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';

const NESTED = [
  'Standard Operating Procedure: Renewal',
  'Definitions',
  '- Renewals Specialist (RS): The person who confirms the signed terms.',
  'Procedures',
  '1. Renewal Confirmation',
  '- Owner: Renewals Specialist.',
  '- Timeline: Complete within 1 business day of contract signing.',
  '2. Usage Review',
  '- Owner: Renewals Specialist.',
  '- Timeline: Complete within 4 business days of contract signing.',
  '',
].join('\n');

function context(text: string, uri: string, others: string[] = []): ServiceContext {
  const doc = parseSop(text, uri);
  const workspace = new InMemoryWorkspace([indexEntryFromDoc(doc), ...others.map((t, i) => indexEntryFromDoc(parseSop(t, `file:///ws/other${i}.md`)))]);
  const config = defaultConfig();
  return { doc, lines: splitLines(text).lines, workspace, config, today: '2026-03-02', timeline: () => buildTimeline(doc, { config, today: '2026-03-02', runs: 0 }) };
}

test('skeleton completion copies the nested-bullet dialect of the step before', () => {
  const ctx = context(NESTED, 'file:///ws/renewal.txt');
  const items = complete(ctx, { line: 10, character: 0 }, { snippetSupport: false, markdown: false });
  assert.deepEqual(items.map((i) => [i.label, i.insertTextFormat, i.textEdit?.newText]), [
    ['Step 3 skeleton', 1, '3. Title\n- Owner: Role\n- Timeline: Within 2 business days of previous step'],
  ]);
});

test('role completion after a bullet owner label replaces only the name being typed', () => {
  const ctx = context(NESTED.replace('- Owner: Renewals Specialist.\n- Timeline: Complete within 4', '- Owner: Ren\n- Timeline: Complete within 4'), 'file:///ws/renewal.txt');
  const items = complete(ctx, { line: 8, character: 12 }, { snippetSupport: false, markdown: false });
  assert.deepEqual(items.map((i) => [i.label, i.textEdit]), [
    ['Renewals Specialist', { range: { start: { line: 8, character: 9 }, end: { line: 8, character: 12 } }, newText: 'Renewals Specialist' }],
  ]);
  assert.equal(items[0]!.documentation, 'Renewals Specialist (RS)\n\nThe person who confirms the signed terms.\n\nDeclared in this document.\n\nOwns: 1. Renewal Confirmation');
});

test('renaming a role rewrites every spelling of its name, plurals included', () => {
  const text = NESTED.replace('2. Usage Review', '2. Usage Review\nBoth Renewals Specialists sign off.');
  const ctx = context(text, 'file:///ws/renewal.txt');
  assert.deepEqual(prepareRename(ctx, { line: 5, character: 12 }), {
    range: { start: { line: 5, character: 9 }, end: { line: 5, character: 28 } },
    placeholder: 'Renewals Specialist',
  });
  const edit = rename(ctx, { line: 5, character: 12 }, 'Renewal Lead');
  assert.deepEqual(
    edit!.changes!['file:///ws/renewal.txt']!.map((e) => [e.range.start.line, e.range.start.character, e.newText]),
    [[2, 2, 'Renewal Lead'], [5, 9, 'Renewal Lead'], [8, 5, 'Renewal Leads'], [9, 9, 'Renewal Lead']],
  );
});

test('folding ranges cover each step without its trailing blank lines', () => {
  const ctx = context(NESTED, 'file:///ws/renewal.txt');
  assert.deepEqual(foldingRanges(ctx), [
    { startLine: 4, endLine: 6, kind: 'region' },
    { startLine: 7, endLine: 9, kind: 'region' },
  ]);
});

test('timing descriptions say what the scheduler reads', () => {
  const r = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  assert.equal(describeTiming(parseTiming('Within 3 business days of account setup', r)), 'Deadline: finish within 3 business days of "account setup".');
  assert.equal(describeTiming(parseTiming('Days 31-90', r)), 'Window: days 31–90 counted from the start (day 0).');
  assert.equal(describeTiming(parseTiming('1-2 weeks', r)), 'Duration: the step takes 1–2 weeks.');
  assert.equal(describeTiming(parseTiming('Ongoing', r)), 'Ongoing (ongoing): not scheduled as a one-off step.');
});

test('a stub for a broken link declares the id with a type from its prefix', () => {
  assert.equal(stubText('POL-002', '2026-03-02', 'PRC-001'), '---\nid: POL-002\ntitle: POL-002\ntype: policy\nstatus: draft\ncreated: 2026-03-02\nupdated: 2026-03-02\nlinks:\n  relates_to: [PRC-001]\n---\n\n# POL-002\n\n');
});
