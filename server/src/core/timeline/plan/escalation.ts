/**
 * Escalation ladders (docs/timeline.md "Escalation ladders"): `no reply after 3 weeks since the request`, then
 * `after 5 weeks`, `after 8 weeks` on the steps that follow. Every rung counts from the event the ladder names (the
 * start when it names none), not from the rung before; the rungs must come in order. A ladder opens on a phrase
 * that says what did not happen (`no reply …`) or lists several rungs (`after 4 / 6 / 8 weeks`), and the steps
 * after it (under the same parent) whose timing is a bare `after N` are its next rungs. A ladder within one step
 * makes the step run from its first rung to its last.
 */
import { CALENDAR_DAYS_PER_UNIT } from '../../dates';
import type { Reference } from '../resolve';
import type { Duration, OffsetTiming } from '../types';
import type { Node, Plan } from './types';

/** The ladder open at this point of the document. */
export interface OpenLadder {
  ref: Reference;
  /** Whether the step being read opened or continued it (a step with timing that does neither closes it). */
  touched: boolean;
  parent: number | undefined;
  /** The last rung so far, in days (to check the order) and as written. */
  lastDays: number;
  lastText: string;
  lastStep: string;
}

/** A duration in calendar days, for comparing rungs written in different units. */
function approxDays(d: Duration, v = d.min): number {
  return v * CALENDAR_DAYS_PER_UNIT[d.unit];
}

/** The rungs of one phrase: the ladder's own, or a series (`after 4 / 6 / 8 weeks`). */
export function rungsOf(v: OffsetTiming): Duration[] {
  if (v.escalation) return v.escalation.rungs.map((r) => r.offset);
  if (v.offset.series && v.offset.series.length > 1) return v.offset.series.map((n) => ({ ...withoutSeries(v.offset), min: n, max: n }));
  return [v.offset];
}

function withoutSeries(d: Duration): Duration {
  const { series, ...rest } = d;
  return series ? rest : d;
}

/** Whether this offset opens a ladder. */
export function opensLadder(v: OffsetTiming): boolean {
  return v.direction === 'after' && (v.escalation !== undefined || (v.offset.series?.length ?? 0) > 1);
}

/**
 * Pins a rung that opens a ladder: the step starts at its first rung and, with several rungs, runs to its last.
 * Returns the ladder now open.
 */
export function openLadder(node: Node, ref: Reference, v: OffsetTiming): OpenLadder {
  const rungs = rungsOf(v);
  const first = rungs[0]!;
  const last = rungs[rungs.length - 1]!;
  node.pin = { ref, offset: first, direction: 'after', range: v.range, atLeast: false };
  if (rungs.length > 1) node.lastRung = { ref, offset: last, direction: 'after', range: v.range, atLeast: false };
  return { ref, touched: true, parent: node.t.parent, lastDays: approxDays(last), lastText: last.text, lastStep: node.t.label };
}

/**
 * A bare `after N` on a step after an open ladder (same parent): the next rung, counted from the ladder's event.
 * A rung that comes no later than the one before is a timeline-conflict finding. Returns false when the offset
 * is not a rung (no ladder open here, or it names its own event).
 */
export function continueLadder(plan: Plan, ladder: OpenLadder | undefined, node: Node, v: OffsetTiming): boolean {
  if (!ladder || ladder.parent !== node.t.parent || v.anchor || v.axis !== 'elapsed' || v.direction !== 'after') return false;
  const days = approxDays(v.offset);
  if (days <= ladder.lastDays) {
    plan.issues.push({
      rule: 'timeline-conflict',
      message: `${node.t.label} escalates "${v.offset.text}" after the event, no later than the rung before it ("${ladder.lastText}" in ${ladder.lastStep}): the rungs of a ladder come in order`,
      range: v.range,
      related: [],
      steps: [node.t.label, ladder.lastStep],
    });
  }
  node.pin = { ref: ladder.ref, offset: v.offset, direction: 'after', range: v.range, atLeast: false };
  ladder.lastDays = Math.max(ladder.lastDays, days);
  ladder.lastText = v.offset.text;
  ladder.lastStep = node.t.label;
  ladder.touched = true;
  return true;
}
