/**
 * Growth of the timeline engine, counted in operations and bytes (never seconds): name references are resolved
 * through an index, the passes are near-linear, and the HTML export states a loop once, so 8× the input costs
 * about 8× the work and the output, not 64×.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSop } from '../../../server/src/core/parse';
import { buildTimeline, scheduleWork } from '../../../server/src/core/timeline/schedule';
import { resolveWork } from '../../../server/src/core/timeline/resolve';
import { renderHtml } from '../../../server/src/core/timeline/render/html';

type Shape = 'chain' | 'loop' | 'wide' | 'missing';

/** n steps; `chain`: each names the one before; `loop`: each names the next, the last the first; `missing`: each names a step that does not exist. */
function plan(n: number, shape: Shape): string {
  const lines = ['# Large Plan', '', '## Process Steps', ''];
  for (let i = 1; i <= n; i++) {
    lines.push(`### Step ${i}: Task number${i} alpha`, '**Owner**: Ops');
    if (shape === 'chain') lines.push(i > 1 ? `**Timing**: Within 2 days of task number${i - 1} alpha` : '**Duration**: 1 day');
    else if (shape === 'loop') lines.push(`**Timing**: Within 2 days of task number${i === n ? 1 : i + 1} alpha`);
    else if (shape === 'missing') lines.push(`**Timing**: Within 2 days of task absent${i} omega`);
    else lines.push('**Duration**: 1-2 business days');
    lines.push('');
  }
  return lines.join('\n');
}

function work(n: number, shape: Shape): { resolve: number; schedule: number; html: number; input: number } {
  const text = plan(n, shape);
  const doc = parseSop(text, 'file:///large.md');
  resolveWork.count = 0;
  scheduleWork.count = 0;
  const t = buildTimeline(doc, { start: '2026-03-02', runs: 0 });
  const out = { resolve: resolveWork.count, schedule: scheduleWork.count, html: 0, input: text.length };
  if (shape === 'loop') out.html = Buffer.byteLength(renderHtml(t), 'utf8');
  return out;
}

const SMALL = 250;
const LARGE = 2000; // 8× SMALL

for (const shape of ['chain', 'wide', 'missing'] as const) {
  test(`${shape} plan: 8x the steps is at most ~10x the resolution and scheduling work`, () => {
    const a = work(SMALL, shape);
    const b = work(LARGE, shape);
    assert.ok(b.schedule / a.schedule < 10, `scheduling work grew ${(b.schedule / a.schedule).toFixed(1)}x (${a.schedule} → ${b.schedule})`);
    if (shape !== 'wide') assert.ok(b.resolve / Math.max(1, a.resolve) < 10, `resolution work grew ${(b.resolve / a.resolve).toFixed(1)}x (${a.resolve} → ${b.resolve})`);
  });
}

test('html of a loop through every step: the loop is stated once, output bytes grow with the input', () => {
  const a = work(SMALL, 'loop');
  const b = work(LARGE, 'loop');
  // Before: every step's tooltip repeated the whole loop message (n × n bytes).
  assert.ok(b.html / a.html < 9, `html grew ${(b.html / a.html).toFixed(1)}x for 8x the input (${a.html} → ${b.html} bytes)`);
  assert.ok(b.html / b.input < 15, `${b.html} bytes of html for ${b.input} bytes of input`);
});
