/**
 * Clicking a bar in the preview reveals its step: every `data-step` the shared renderer writes must lead back
 * to that step's heading line. Runs the real pipeline (parse → timeline → JSON → SVG) on the e2e fixture and
 * on the example SOPs, one per dialect.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findStep, locateStep } from '../../client/src/preview/locateStep';
import type { Schedule } from '../../client/src/preview/messages';
import { parseSop } from '../../server/src/core/parse';
import { timelineToJson } from '../../server/src/core/timeline/render/json';
import { renderTimelineSvg, stepLabel } from '../../server/src/core/timeline/render/svg';
import { buildTimeline } from '../../server/src/core/timeline/schedule';
import { FIXTURE } from '../e2e/editors';
import { readRepoFile } from '../helpers';

function scheduleOf(text: string, uri: string): Schedule {
  return timelineToJson(buildTimeline(parseSop(text, uri), { start: '2026-03-02', runs: 50, seed: 1 }));
}

function dataSteps(svg: string): string[] {
  return [...svg.matchAll(/class="bar[^"]*" data-step="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describe('click a bar, reveal the step', () => {
  test('e2e fixture: each bar leads to its numbered heading line', () => {
    const schedule = scheduleOf(FIXTURE.text, 'file:///ws/client-onboarding.sop.md');
    const keys = dataSteps(renderTimelineSvg(schedule, { width: 900 }));
    assert.deepEqual(keys, ['1', '2', '3']);
    assert.deepEqual(
      keys.map((k) => locateStep(schedule, k, FIXTURE.text)),
      [
        { start: { line: 13, character: 3 }, end: { line: 13, character: 18 } },
        { start: { line: 18, character: 3 }, end: { line: 18, character: 25 } },
        { start: { line: 22, character: 3 }, end: { line: 22, character: 15 } },
      ],
    );
  });

  for (const file of ['examples/onboarding-steps.md', 'examples/onboarding-plain.txt', 'examples/customer-success-stages.md', 'examples/renewal-bullets.txt']) {
    test(`${file}: every bar resolves to a line that names its step`, () => {
      const text = readRepoFile(file);
      const lines = text.split('\n');
      const schedule = scheduleOf(text, `file:///ws/${file}`);
      const keys = dataSteps(renderTimelineSvg(schedule, { width: 900 }));
      assert.equal(keys.length, schedule.steps.length);
      assert.ok(keys.length > 0, 'the example has scheduled steps');
      for (const key of keys) {
        const step = findStep(schedule, key);
        assert.ok(step, `data-step ${key} names a step`);
        const range = locateStep(schedule, key, text);
        assert.ok(range, `${stepLabel(step)} is found`);
        assert.equal(lines[range.start.line]!.slice(range.start.character, range.end.character).toLowerCase(), step.title.toLowerCase());
      }
    });
  }

  test('a position sent by the server wins over the title search; unknown keys find nothing', () => {
    const schedule = scheduleOf(FIXTURE.text, 'file:///ws/a.sop.md');
    schedule.steps[1]!.line = 20;
    assert.deepEqual(locateStep(schedule, '2', FIXTURE.text), {
      start: { line: 19, character: 0 },
      end: { line: 19, character: FIXTURE.text.split('\n')[19]!.length },
    });
    assert.equal(locateStep(schedule, '9', FIXTURE.text), undefined);
    assert.equal(locateStep(schedule, '#7', FIXTURE.text), undefined);
    assert.equal(findStep(schedule, '#0')?.title, 'Account Handoff');
    assert.equal(findStep(schedule, '3. Kickoff Call')?.number, 3);
  });
});
