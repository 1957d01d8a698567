/**
 * Relative scales (docs/timeline.md "Relative scales"), one convention everywhere: where a document uses Day 0,
 * Day N is N days after it; where its first day is Day 1, Day 1 is the start; Week 1 starts on the start day; a
 * Day label under a Week heading counts from that week's first day; `after X` windows count from X's day; T-minus
 * labels count back from the go-live, launch, release or cutover step.
 */
import type { Reference } from '../resolve';
import type { Range } from '../../model';
import type { Duration, Timing } from '../types';
import { findStepNamed } from './references';
import type { Node, Pin, Plan, TimelineStep } from './types';
import { dayDuration, windowDays } from './values';

/**
 * 1 when the document counts its days from `Day 1` (its smallest Day label or day window is 1), else 0: where a
 * document uses Day 0, Day N is N days after it.
 */
export function documentDayBase(steps: TimelineStep[]): 0 | 1 {
  let min = Infinity;
  for (const t of steps) {
    for (const pt of t.timings) {
      const v = pt.value;
      if (v.kind === 'offset' && v.axis === 'day' && !v.anchor) min = Math.min(min, v.direction === 'before' ? -v.offset.min : v.offset.min);
      else if (v.kind === 'window' && v.unit === 'days' && !v.anchor) min = Math.min(min, v.from);
    }
  }
  return min === 1 ? 1 : 0;
}

/** The week a step sits in, from the nearest parent with a window in weeks (a `Week 4` heading). */
export function enclosingWeek(plan: Plan, i: number): number | undefined {
  for (let p = plan.steps[i]!.parent; p !== undefined; p = plan.steps[p]!.parent) {
    const w = plan.nodes[p]?.window;
    if (w?.timing.kind === 'window' && w.timing.unit === 'weeks') return w.fromDay;
    if (w || plan.nodes[p]?.pin) return undefined;
  }
  return undefined;
}

/** `Day N`: under a Week heading the Nth day of that week; else N days after Day 0 (or the start when the document counts from Day 1). */
export function dayLabelPin(plan: Plan, dayBase: 0 | 1, i: number, offset: Duration, range: Range): Pin {
  const week = enclosingWeek(plan, i);
  const shift = week !== undefined ? 1 : dayBase;
  const before = offset.min - shift < 0;
  const n = (x: number) => Math.abs(x - shift);
  const o: Duration = { ...offset, min: n(before ? offset.max : offset.min), max: n(before ? offset.min : offset.max) };
  return { ref: { kind: 'trigger', text: 'start' }, offset: o, direction: before ? 'before' : 'after', range, atLeast: offset.bound === 'at-least', ...(week !== undefined ? { baseDay: week } : {}) };
}

/** `Weeks 1-3 after go-live`: starts on the named step's day plus the window's first offset, lasts the window. */
export function anchoredWindow(node: Node, ref: Reference, v: Extract<Timing, { kind: 'window' }>): void {
  const [from, to] = windowDays(v, 0, 0);
  node.pin = { ref, offset: dayDuration(Math.max(0, from), v.text, v.range), direction: 'after', range: v.range, atLeast: false };
  node.work = dayDuration(Math.max(1, to - Math.max(0, from) + 1), v.text, v.range);
}

/** Events a countdown (`T-2 weeks`, `D-3`) and a release week count towards, in order of preference. */
export const COUNTDOWN_EVENTS = ['go-live', 'launch', 'release', 'cutover', 'event day', 'launch day', 'go live'];

/** The step `T-N` and `D-N` labels count down to; undefined when the document names none (they then count from the start). */
export function findCountdownTarget(plan: Plan): number | undefined {
  const isCountdown = (t: TimelineStep) => t.timings.some((x) => x.value.kind === 'offset' && x.value.axis === 't');
  if (!plan.steps.some(isCountdown)) return undefined;
  return findStepNamed(plan, COUNTDOWN_EVENTS, isCountdown);
}
