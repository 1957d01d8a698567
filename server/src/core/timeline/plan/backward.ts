/**
 * The backward pass (CPM): the latest each step may finish while every stated deadline, and every step that
 * follows it, can still be met. Worked out on the shortest durations, like the earliest schedule, so the two
 * compare like with like; never below the step's own earliest finish (a deadline that cannot be met even then is
 * a timeline-conflict finding, not a negative number). Misses that need long durations show as `atRisk`.
 */
import { pinStart, workEnd } from './forward';
import { EPS, MIN_WORK, scheduleWork, type Deadlines, type Forward, type Graph, type Plan } from './types';
import { pickValue } from './values';

export interface Backward {
  /** Bounds from stated deadlines only: Infinity where no deadline reaches. Decides `atRisk`. */
  lfDue: Float64Array;
  /** The CPM latest finish: what the deadlines (and the steps that follow) leave each step. */
  lf: Float64Array;
  /** Latest start of step i under the latest finishes `lfOf`. */
  ls: (i: number, lfOf: Float64Array) => number;
}

/** Who follows whom, who runs during whom, and who reads whose latest finish. */
interface Successors {
  succ: number[][];
  /** Per entry of succ[i]: whether that successor runs during i (the first dependency it has on i decides). */
  succDuring: boolean[][];
  /** A step whose inputs did not move since it was last evaluated would compute the same bound again. */
  readers: number[][];
}

function successors(plan: Plan, graph: Graph): Successors {
  const { n, active } = graph;
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const i of active) for (const d of graph.edgesOf(i)) if (d.kind !== 'countdown') succ[d.on]!.push(i);
  const succDuring = succ.map((js, i) => js.map((j) => plan.steps[j]!.dependsOn.find((d) => d.on === i)?.kind === 'during'));
  const readers: number[][] = Array.from({ length: n }, () => []);
  for (const i of active) {
    const node = plan.nodes[i]!;
    for (const b of node.beforeRefs) if (b.ref.kind === 'step') readers[b.ref.index]!.push(i);
    if (node.duringRef?.ref.kind === 'step') readers[node.duringRef.ref.index]!.push(i);
    for (const j of succ[i]!) readers[j]!.push(i);
  }
  return { succ, succDuring, readers };
}

export function backwardPasses(plan: Plan, graph: Graph, fmin: Forward, deadlines: Deadlines): Backward {
  const { axis, nodes } = plan;
  const ls = (i: number, lfOf: Float64Array): number => {
    const node = nodes[i]!;
    if (!Number.isFinite(lfOf[i]!)) return Infinity;
    let s = node.work ? Math.min(lfOf[i]! - MIN_WORK, axis.workStart(lfOf[i]!, node.work, pickValue(node.work, 'min'))) : lfOf[i]! - MIN_WORK;
    if (node.pin && !node.pin.atLeast) s = Math.min(s, pinStart(plan, node, fmin, 'min'));
    return Math.max(s, fmin.es[i]!);
  };
  const links = successors(plan, graph);
  const lfDue = backward(plan, graph, fmin, deadlines, links, ls, Infinity);
  // Steps no deadline reaches may finish as late as the plan's earliest finish or its latest deadline, whichever
  // is later (classic CPM when the plan states no deadlines).
  let horizon = graph.active.reduce((m, i) => Math.max(m, fmin.ef[i]!), 0);
  for (const i of graph.active) if (Number.isFinite(lfDue[i]!)) horizon = Math.max(horizon, lfDue[i]!);
  return { lfDue, lf: backward(plan, graph, fmin, deadlines, links, ls, horizon), ls };
}

/**
 * Backward pass from `horizon` (Infinity: deadlines only; a date: every step ends by it at the latest). Only
 * lowers bounds, each evaluation costs the step's edges, and a step is evaluated again only when one it reads moved.
 */
function backward(plan: Plan, graph: Graph, fmin: Forward, deadlines: Deadlines, links: Successors, ls: Backward['ls'], horizon: number): Float64Array {
  const { active, n } = graph;
  const lfOf = new Float64Array(n).fill(horizon);
  const stale = new Uint8Array(n).fill(1);
  const activeReversed = [...active].reverse();
  for (let round = 0; round < active.length * 2 + 4; round++) {
    let changed = false;
    for (const i of activeReversed) {
      if (!stale[i]) continue;
      stale[i] = 0;
      scheduleWork.count += 1 + links.succ[i]!.length;
      const v = latestFinish(plan, fmin, deadlines, links, ls, lfOf, i);
      if (v < lfOf[i]! - EPS) {
        lfOf[i] = v;
        changed = true;
        for (const r of links.readers[i]!) stale[r] = 1;
      }
    }
    if (!changed) break;
  }
  return lfOf;
}

/** Step i's latest finish given the current bounds of what follows it. */
function latestFinish(plan: Plan, fmin: Forward, deadlines: Deadlines, links: Successors, ls: Backward['ls'], lfOf: Float64Array, i: number): number {
  const { axis } = plan;
  const node = plan.nodes[i]!;
  let v = Math.min(lfOf[i]!, deadlines.own[i]!);
  // A pinned step (Day 14, 30-day check-in) finishes where its pinned day and its own work put it.
  if (node.pin && !node.pin.atLeast) v = Math.min(v, workEnd(plan, node, pinStart(plan, node, fmin, 'min'), 'min'));
  if (node.window) v = Math.min(v, Math.max(axis.endPosOfDay(node.window.toDay), fmin.es[i]!));
  for (const b of node.beforeRefs) {
    const bound = b.ref.kind === 'step' ? ls(b.ref.index, lfOf) : b.ref.kind === 'milestone' ? axis.startPosOfDay(plan.renewalDay) : Infinity;
    if (Number.isFinite(bound)) v = Math.min(v, bound);
  }
  if (node.duringRef?.ref.kind === 'step' && Number.isFinite(lfOf[node.duringRef.ref.index]!)) v = Math.min(v, lfOf[node.duringRef.ref.index]!);
  const js = links.succ[i]!;
  for (let k = 0; k < js.length; k++) {
    const j = js[k]!;
    const bound = links.succDuring[i]![k] ? lfOf[j]! : ls(j, lfOf);
    if (Number.isFinite(bound)) v = Math.min(v, bound);
  }
  // Never before its own earliest finish (see above).
  return Math.max(v, fmin.ef[i]!);
}
