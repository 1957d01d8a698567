/**
 * The forward pass (CPM): when each step can start and finish at the earliest, with the shortest durations, the
 * longest, or one Monte Carlo draw. Positions are on the business-day axis (axis.ts).
 */
import type { Reference } from '../resolve';
import { weekdayIn } from './weekdays';
import { EPS, MIN_WORK, scheduleWork, type DeadlineConstraint, type Forward, type Pin, type Graph, type Node, type Pick, type Plan } from './types';
import { pickValue } from './values';

/** Where a referenced event finishes: a step's finish, the renewal, or the start. */
function refFinish(plan: Plan, ref: Reference, fw: Forward): number {
  if (ref.kind === 'step') return fw.ef[ref.index]!;
  if (ref.kind === 'milestone') return plan.axis.startPosOfDay(plan.renewalDay);
  return 0;
}

/** The day of an event that is not a step (the renewal, the start). */
export function eventDay(plan: Plan, ref: Reference): number {
  if (ref.kind === 'milestone') return plan.renewalDay;
  return plan.dayOfStart;
}

/** The day a step counts from: the finish day of the step it names in this run, or the event's day. */
export function baseDayOf(plan: Plan, ref: Reference, fw: Forward): number {
  return ref.kind === 'step' ? plan.axis.finishDayOf(fw.ef[ref.index]!, fw.es[ref.index]!) : eventDay(plan, ref);
}

/**
 * Where a deadline ends when what it counts from happens on `day`: `within N of X` N after it; `by Wednesday` at
 * the end of that weekday of X's week (of `baseDay`'s week when X is not a step).
 */
export function deadlineEnd(plan: Plan, dl: DeadlineConstraint, day: number): number {
  if (dl.weekday) return plan.axis.endPosOfDay(weekdayIn(dl.ref.kind === 'step' ? day : (dl.baseDay ?? day), dl.weekday));
  return plan.axis.elapsedEnd(day, dl.within, pickValue(dl.within, 'max'));
}

/** Where a pinned step starts (Day 14, 3 weeks after the request, T-2 weeks). */
export function pinStart(plan: Plan, node: Node, fw: Forward, pick: Pick): number {
  const { axis } = plan;
  const pin = node.pin!;
  const day = pinDay(plan, pin, fw, pick);
  if (pin.weekday) return axis.startPosOfDay(day);
  return pin.direction === 'before' || pin.rollBack ? axis.endPosOfDay(day) - 1 : axis.startPosOfDay(day);
}

/** The day a pin names, before any move to a business day. */
function pinDay(plan: Plan, pin: Pin, fw: Forward, pick: Pick): number {
  const { axis } = plan;
  const ref = pin.ref;
  const baseDay = ref.kind === 'step' ? axis.finishDayOf(fw.ef[ref.index]!, fw.es[ref.index]!) : ref.kind === 'milestone' ? plan.renewalDay : (pin.baseDay ?? plan.dayOfStart);
  if (pin.weekday) return weekdayIn(baseDay, pin.weekday);
  return axis.shiftDay(baseDay, pin.offset, pickValue(pin.offset, pick), pin.direction);
}

/** A ladder's last rung (escalation.ts): the step runs through the end of that day (its last business day). */
function lastRungEnd(plan: Plan, node: Node, fw: Forward, pick: Pick): number {
  return node.lastRung ? plan.axis.endPosOfDay(pinDay(plan, node.lastRung, fw, pick)) : -Infinity;
}

/** Where a step that starts at `es` finishes. */
export function workEnd(plan: Plan, node: Node, es: number, pick: Pick): number {
  const { axis } = plan;
  // Even a step with no stated length happens on some day: a sliver of work keeps it inside that day.
  let ef = es + MIN_WORK;
  if (node.work) ef = axis.workEnd(es, node.work, pickValue(node.work, pick));
  // `+ follow-ups`: more work of unstated length, taken as up to half a business day.
  if (node.workExtra) ef += pick === 'min' ? 0 : pick === 'max' ? 0.5 : pick() / 2;
  if (node.window && !node.work) ef = Math.max(ef, axis.endPosOfDay(node.window.toDay));
  return ef;
}

/**
 * In a simulated run, a step with a deadline is done somewhere between when it can start and its deadline
 * (counted from when what it names finishes in that run): people do the work when it suits them, not the
 * moment they could. The start is drawn uniformly from when it can start to the latest start that still
 * makes the deadline with this run's duration (a step with no stated length: its finish is drawn uniformly up
 * to the deadline). When even the earliest start misses the deadline, it starts as early as it can.
 */
function drawBeforeDeadline(plan: Plan, node: Node, fw: Forward, es: number, draw: () => number): [number, number] {
  const { axis } = plan;
  let due = Infinity;
  for (const dl of node.deadlines) due = Math.min(due, deadlineEnd(plan, dl, baseDayOf(plan, dl.ref, fw)));
  const u = draw();
  if (!node.work) {
    const ef = Number.isFinite(due) && due > es + MIN_WORK ? es + (due - es) * u : es + MIN_WORK;
    return [es, ef + (node.workExtra ? draw() / 2 : 0)];
  }
  const v = pickValue(node.work, draw);
  const extra = node.workExtra ? draw() / 2 : 0;
  const latestStart = Number.isFinite(due) ? axis.workStart(due - extra, node.work, v) : es;
  const start = latestStart > es ? es + (latestStart - es) * u : es;
  return [start, axis.workEnd(start, node.work, v) + extra];
}

/** A phase before the start (`Days -10 to -1`) that waits for nothing begins where its window does. */
function prestartPhase(plan: Plan, graph: Graph, node: Node, i: number): boolean {
  return Boolean(node.window && node.window.fromDay < plan.dayOfStart && !graph.edgesOf(i).length && !node.afterRefs.length);
}

/** The earliest start of step i, given where what it waits for finishes in `fw`. */
function earliestStart(plan: Plan, graph: Graph, fw: Forward, i: number, pick: Pick): number {
  const { axis } = plan;
  const node = plan.nodes[i]!;
  const edges = graph.edgesOf(i);
  const prestart = prestartPhase(plan, graph, node, i);
  let es = prestart ? axis.startPosOfDay(node.window!.fromDay) : 0;
  // A step that takes no time ends where it starts: its sliver of work must not push what follows into the
  // next business day (two business days after an instant on Monday end on Tuesday, not Wednesday).
  const after = (j: number) => (fw.ef[j]! - fw.es[j]! <= MIN_WORK + EPS ? fw.es[j]! : fw.ef[j]!);
  scheduleWork.count++;
  for (const d of edges) if (d.kind !== 'countdown') es = Math.max(es, d.kind === 'during' ? fw.es[d.on]! : after(d.on));
  for (const a of node.afterRefs) if (a.ref.kind !== 'step') es = Math.max(es, refFinish(plan, a.ref, fw));
  if (node.pin) {
    const p = pinStart(plan, node, fw, pick);
    // A weekday counts only what it waits for, not the release it is placed by (`Friday the week before` may fall before the start).
    const waits = node.pin.weekday ? edges.some((d) => d.kind !== 'countdown') : edges.length > 0;
    es = node.pin.atLeast || waits ? Math.max(es, p) : p;
  }
  if (node.window && !prestart) es = Math.max(es, axis.startPosOfDay(node.window.fromDay));
  return es;
}

export function forward(plan: Plan, graph: Graph, pick: Pick): Forward {
  const fw: Forward = { es: new Float64Array(graph.n), ef: new Float64Array(graph.n) };
  for (const i of graph.active) {
    const node = plan.nodes[i]!;
    let es = earliestStart(plan, graph, fw, i, pick);
    let ef: number;
    if (typeof pick === 'function' && !node.pin && !node.window && node.deadlines.length) [es, ef] = drawBeforeDeadline(plan, node, fw, es, pick);
    else ef = workEnd(plan, node, es, pick);
    fw.es[i] = es;
    if (node.duringRef) ef = Math.max(ef, node.duringRef.ref.kind === 'step' ? fw.ef[node.duringRef.ref.index]! : es);
    if (node.lastRung) ef = Math.max(ef, lastRungEnd(plan, node, fw, pick));
    fw.ef[i] = ef;
  }
  return fw;
}
