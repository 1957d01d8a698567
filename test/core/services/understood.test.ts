/**
 * The "what sopls understood" view (core/services/understood.ts), in memory: the same text `sopls parse` prints
 * and the editor shows through sopls/understood. Also the hover on a timing phrase of the document itself.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { indexEntryFromDoc } from '../../../server/src/core/indexScan';
import { parseSop } from '../../../server/src/core/parse';
import { splitLines } from '../../../server/src/core/parse/lines';
import type { ServiceContext } from '../../../server/src/core/services/context';
import { hover } from '../../../server/src/core/services/navigation';
import { renderUnderstood } from '../../../server/src/core/services/understood';
import { buildTimeline } from '../../../server/src/core/timeline/schedule';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';

const SOP = [
  '# Replacing a badge reader',
  '',
  'The whole replacement takes about 2 weeks.',
  '',
  '## Procedure',
  '',
  '1. Order the new reader (Facilities Coordinator)',
  '2. Book the electrician within 3 business days',
  '3. Test the reader with a spare badge',
  '',
].join('\n');

function context(text: string, uri: string): ServiceContext {
  const doc = parseSop(text, uri);
  const config = defaultConfig();
  return {
    doc,
    lines: splitLines(text).lines,
    workspace: new InMemoryWorkspace([indexEntryFromDoc(doc)]),
    config,
    today: '2026-03-02',
    timeline: () => buildTimeline(doc, { config, today: '2026-03-02', runs: 0 }),
  };
}

test('the view says the document is an SOP and lists steps with owners, their sources and timing', () => {
  const text = renderUnderstood(parseSop(SOP, 'file:///ws/badge.md'), 'badge.md');
  const lines = text.split('\n');
  assert.match(lines[0]!, /^badge\.md: an SOP \(.+\)$/);
  assert.ok(lines.includes('Steps:'), text);
  assert.ok(lines.includes('  7:4 1. Order the new reader (Facilities Coordinator)'), text);
  assert.ok(lines.includes('      owner: Facilities Coordinator [parenthesis]'), text);
  assert.ok(lines.includes('  9:4 3. Test the reader with a spare badge'), text);
  assert.ok(lines.some((l) => /^ {6}timing: "within 3 business days" \(8:\d+\) Deadline: finish within 3 business days/.test(l)), text);
  // Timing of the document itself has its own heading.
  const outside = lines.indexOf('Timing outside the steps:');
  assert.ok(outside > 0, text);
  assert.match(lines[outside + 1]!, /^ {2}timing: "about 2 weeks" \(3:\d+\) Duration/);
  assert.ok(text.endsWith('\n'));
});

test('a document that is not an SOP says so and lists nothing', () => {
  const text = renderUnderstood(parseSop('# Glossary\n\nA term and its meaning.\n', 'file:///ws/glossary.md'), 'glossary.md');
  assert.match(text, /^glossary\.md: not an SOP/);
  assert.doesNotMatch(text, /Steps:|No steps found/);
});

test('phrases the timing parser could not read are listed with the reason', () => {
  const doc = parseSop(SOP, 'file:///ws/badge.md');
  doc.steps[2]!.timing.push({ source: 'inline', text: 'whenever the moon allows', range: { start: { line: 8, character: 3 }, end: { line: 8, character: 27 } } });
  const text = renderUnderstood(doc, 'badge.md');
  assert.match(text, /\nTiming not understood:\n {2}9:4 "whenever the moon allows": .+\n$/);
});

test('hover on the document\'s own timing says what it means, like step timing', () => {
  const ctx = context(SOP, 'file:///ws/badge.md');
  const t = ctx.doc.timing?.[0];
  assert.ok(t, 'the intro sentence carries document timing');
  const h = hover(ctx, { line: t.range.start.line, character: t.range.start.character + 1 });
  assert.ok(h, 'a hover');
  const value = (h.contents as { value: string }).value;
  assert.match(value, /^\*\*Timing\*\* `about 2 weeks`/);
  assert.match(value, /Duration: the step takes about 2 weeks/);
  assert.match(value, /outside every step/);
  assert.deepEqual(h.range, t.range);
});
