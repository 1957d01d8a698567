import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCalendar } from '../../server/src/core/timeline/calendar';
import type { TimelineJson } from '../../server/src/core/timeline/render/json';
import { diffTimelines, isEmptyDelta, renderDeltaMarkdown, renderDeltaText } from '../../server/src/cli/timelineDiff';

const calendar = createCalendar({}).calendar;
type Step = TimelineJson['steps'][number];
const step = (number: number, title: string, latest: string, p50?: string, p90?: string): Step => ({
  number,
  title,
  owners: ['Clerk'],
  dependsOn: [],
  earliest: { start: '2026-03-02', finish: '2026-03-02' },
  latest: { start: '2026-03-02', finish: latest },
  ...(p50 ? { p50 } : {}),
  ...(p90 ? { p90 } : {}),
  slack: 0,
  critical: false,
});
const timeline = (steps: Step[], conflicts: TimelineJson['conflicts'], finish: TimelineJson['finish']): TimelineJson => ({ start: '2026-03-02', calendar: 'Mon–Fri', steps, unscheduled: [], cadences: [], conflicts, finish });

test('diffTimelines: moves in business days, renumbering is no move, added/removed steps, new and resolved conflicts', () => {
  const before = timeline(
    [step(1, 'Draft', '2026-03-06', '2026-03-04', '2026-03-05'), step(2, 'Review', '2026-03-13'), step(3, 'Archive', '2026-03-20')],
    [{ rule: 'timeline-conflict', steps: ['2'], message: 'Review is due before Draft can finish.', line: 9 }],
    { latest: '2026-03-20', p50: '2026-03-18' },
  );
  const after = timeline(
    // Draft's P50 moves over a weekend (Wed 03-04 → Mon 03-09: 3 business days); Review is renumbered, not moved.
    [step(1, 'Draft', '2026-03-06', '2026-03-09', '2026-03-05'), step(3, 'Review', '2026-03-13'), step(2, 'Sign-off', '2026-03-16')],
    [{ rule: 'dependency-cycle', steps: ['2', '3'], message: 'Sign-off and Review wait for each other.', line: 14 }],
    { latest: '2026-03-16', p50: '2026-03-18' },
  );
  const d = diffTimelines(before, after, calendar, 'sops/x.md', 'main');
  assert.deepEqual(d.moved, [{ step: 'Step 1: Draft', number: 1, p50: { from: '2026-03-04', to: '2026-03-09', businessDays: 3 } }]);
  assert.deepEqual(d.added, ['Step 2: Sign-off']);
  assert.deepEqual(d.removed, ['Step 3: Archive']);
  assert.deepEqual(d.newConflicts.map((c) => c.rule), ['dependency-cycle']);
  assert.deepEqual(d.resolvedConflicts.map((c) => c.rule), ['timeline-conflict']);
  assert.deepEqual(d.finish, { due: { from: '2026-03-20', to: '2026-03-16', businessDays: -4 } });
  assert.ok(!isEmptyDelta(d));
  const text = renderDeltaText(d);
  assert.match(text, /Finish: due 2026-03-20 → 2026-03-16 \(−4 business days earlier\)/);
  assert.match(text, /New conflict \(line 14\): Sign-off and Review wait for each other\./);
  assert.match(text, /Resolved conflict: Review is due before Draft can finish\./);
  const md = renderDeltaMarkdown(d);
  assert.match(md, /\| Step 1: Draft \|  \| 2026-03-04 → 2026-03-09 \(\+3 business days later\) \|  \|/);
  assert.match(md, /\*\*New steps\*\*\n\n- Step 2: Sign-off/);
});

test('renderDeltaMarkdown escapes what a title could use to break the table or inject markup', () => {
  const before = timeline([step(1, 'A | <img src=x> `x`', '2026-03-06')], [], {});
  const after = timeline([step(1, 'A | <img src=x> `x`', '2026-03-09')], [], {});
  const md = renderDeltaMarkdown(diffTimelines(before, after, calendar, 'x.md', 'HEAD'));
  assert.match(md, /\| Step 1: A \\\| \\<img src=x\\> \\`x\\` \|/);
  assert.equal(renderDeltaText(diffTimelines(before, before, calendar, 'x.md', 'HEAD')), 'Timeline of x.md: HEAD → working tree (start 2026-03-02)\nNo schedule changes.\n');
});
