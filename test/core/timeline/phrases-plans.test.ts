/**
 * The weekday-plan and escalation-ladder grammars (grammar/weekday.ts, grammar/escalation.ts): what each shape
 * reads as, what it leaves to the general grammar, and that both stay linear (counted in phraseOps, never time).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTiming, phraseOps, type Timing } from '../../../server/src/core/timeline/phrases';

const RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 100_000 } };

function parse(text: string): Timing {
  return parseTiming(text, RANGE);
}

test('weekday plans: the day, the deadline, the week', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['Monday', { kind: 'calendar', weekday: 1 }],
    ['on Tuesday', { kind: 'calendar', weekday: 2 }],
    ['by Wednesday', { kind: 'calendar', weekday: 3, by: true }],
    ['no later than Friday', { kind: 'calendar', weekday: 5, by: true }],
    ['end of Thursday', { kind: 'calendar', weekday: 4, by: true }],
    ['Friday the week before', { kind: 'calendar', weekday: 5, weeks: -1, relation: 'before' }],
    ['Monday the week after the launch', { kind: 'calendar', weekday: 1, weeks: 1, relation: 'after' }],
    ['Tuesday of release week', { kind: 'calendar', weekday: 2, period: 'week' }],
    ['Thursday of week 3', { kind: 'calendar', weekday: 4, weekNumber: 3 }],
  ];
  for (const [text, expected] of cases) {
    const v = parse(text) as unknown as Record<string, unknown>;
    for (const [k, want] of Object.entries(expected)) assert.deepEqual(v[k], want, `${text}: ${k}`);
  }
  assert.equal((parse('Friday the week before the launch') as { anchor?: { text: string } }).anchor?.text, 'the launch');
  assert.equal((parse('Tuesday of release week') as { anchor?: { text: string } }).anchor?.text, 'release');
});

test('weekday plans leave dates, spans and events to the general grammar', () => {
  // A date written with its weekday is not a day of a plan (no `by`, no week; the scheduler leaves it unscheduled).
  const date = parse('Monday 17th August 2026') as unknown as Record<string, unknown>;
  assert.equal(date.weeks, undefined);
  assert.equal(date.by, undefined);
  assert.equal(parse('Mondays').kind, 'cadence');
  assert.equal(parse("before Friday's review").kind, 'relation');
  assert.equal((parse('Monday to Friday') as unknown as Record<string, unknown>).by, undefined);
});

test('escalation ladders: rungs from one event, in order', () => {
  const v = parse('No reply after 3 weeks since the request; after 5 weeks escalate; after 8 weeks close');
  assert.equal(v.kind, 'offset');
  if (v.kind !== 'offset') return;
  assert.equal(v.anchor?.text, 'the request');
  assert.equal(v.escalation?.condition, 'No reply');
  assert.deepEqual(v.escalation?.rungs.map((r) => `${r.offset.min} ${r.offset.unit}`), ['3 weeks', '5 weeks', '8 weeks']);
  const sla = parse('If there is no response within 5 business days of the request, escalate');
  assert.ok(sla.kind === 'offset' && sla.escalation?.condition === 'no response' && sla.offset.unit === 'business-days');
  const late = parse('after 2 weeks without a reply');
  assert.ok(late.kind === 'offset' && late.escalation?.condition === 'without a reply' && late.axis === 'elapsed');
  // A bare `after 5 weeks` stays an elapsed offset: it is a rung only after a ladder (the scheduler decides).
  const bare = parse('after 5 weeks');
  assert.ok(bare.kind === 'offset' && bare.escalation === undefined && bare.axis === 'elapsed');
  // Unchanged: `within 24 hours of X` is a deadline.
  assert.equal(parse('Within 24 hours of contract signing').kind, 'deadline');
});

test('weekday and ladder phrases parse in linear work (8x the text, at most ~10x the operations)', () => {
  const shapes: ((n: number) => string)[] = [
    (n) => `no reply after 3 weeks since the request${'; after 5 weeks escalate'.repeat(n)}`,
    (n) => `no reply ${'word '.repeat(n)}after 2 weeks`,
    (n) => `Friday the week before the ${'release '.repeat(n)}`,
    (n) => `Tuesday of the ${'big '.repeat(n)}week`,
    (n) => `${'after '.repeat(n)}3 weeks`,
  ];
  for (const shape of shapes) {
    const ops = (n: number) => {
      phraseOps.count = 0;
      parse(shape(n));
      return phraseOps.count;
    };
    const a = ops(500);
    const b = ops(4000);
    assert.ok(b / Math.max(1, a) < 10, `${shape(2)}: ${a} → ${b} operations`);
  }
});
