/**
 * The dependency graph: parents that span their sub-steps, step-to-step edges from what the timings name, the
 * document order of steps that take time, the configured milestone order; loops reported and cut; then the
 * order the passes visit steps in (dependencies first, document order on ties).
 */
import { resolveAnchor } from '../resolve';
import type { DependencyKind, Graph, Node, Plan, TimelineDependency, TimelineStep } from './types';
import { stronglyConnected, topoOrder } from './order';
import type { Range } from '../../model';

export function buildGraph(plan: Plan): Graph {
  markSummaries(plan.steps);
  for (const node of plan.nodes) addStepEdges(plan.steps, node);
  addMilestoneOrder(plan);
  const cut = cutCycles(plan);
  const steps = plan.steps;
  // Nothing below changes the edges, so each step's list is worked out once.
  const edgeLists: (TimelineDependency[] | undefined)[] = new Array(steps.length).fill(undefined);
  const edgesOf = (i: number): TimelineDependency[] =>
    (edgeLists[i] ??= steps[i]!.dependsOn.filter((d) => !cut.has(`${i}>${d.on}`) && steps[d.on]!.included && (steps[d.on]!.scheduled || steps[d.on]!.summary)));
  const order = topoOrder(steps, edgesOf);
  return { n: steps.length, order, active: order.filter((i) => steps[i]!.included && steps[i]!.scheduled), edgesOf };
}

/** Parents without timing of their own span their scheduled sub-steps. */
function markSummaries(steps: TimelineStep[]): void {
  for (const t of [...steps].reverse()) {
    if (!t.included || t.scheduled) continue;
    const kids = steps.filter((k) => k.parent === t.index && k.included && (k.scheduled || k.summary));
    if (kids.length && (t.unscheduledReason === 'no timing' || t.unscheduledReason === 'timing not schedulable')) {
      t.summary = true;
      delete t.unscheduledReason;
    }
  }
}

function addStepEdges(steps: TimelineStep[], node: Node): void {
  const t = node.t;
  if (!t.included || !t.scheduled) return;
  const add = (on: number, kind: DependencyKind, range?: Range) => {
    if (on === t.index || t.dependsOn.some((d) => d.on === on && d.kind === kind)) return;
    const dep: TimelineDependency = { on, kind };
    if (range) dep.range = range;
    t.dependsOn.push(dep);
  };
  for (const a of node.afterRefs) if (a.ref.kind === 'step') add(a.ref.index, 'timing', a.range);
  // A weekday of the release week needs the release's date, not its finish (like a countdown).
  for (const d of node.deadlines) if (d.ref.kind === 'step') add(d.ref.index, d.weekday ? 'countdown' : 'timing', d.range);
  if (node.duringRef?.ref.kind === 'step') add(node.duringRef.ref.index, 'during', node.duringRef.range);
  if (node.pin?.ref.kind === 'step') add(node.pin.ref.index, node.pin.direction === 'before' || node.pin.weekday ? 'countdown' : 'timing', node.pin.range);
  // Steps that take time run in document order: the previous scheduled sibling comes first.
  if (node.work && !node.pin && !node.window) {
    for (let k = t.index - 1; k >= 0; k--) {
      const prev = steps[k]!;
      if (prev.parent !== t.parent) continue;
      if (!prev.included || !(prev.scheduled || prev.summary)) continue;
      if (prev.summary) break;
      add(k, 'sequence');
      break;
    }
  }
}

/** The configured milestone order, unless it would close a loop. */
function addMilestoneOrder(plan: Plan): void {
  const { steps, candidates } = plan;
  for (const [before, after] of plan.config.timeline.milestoneOrder) {
    const a = resolveAnchor(before, { ...candidates, triggers: [] }, new Set(), { suggest: false }).ref;
    const b = resolveAnchor(after, { ...candidates, triggers: [] }, new Set(), { suggest: false }).ref;
    if (a?.kind !== 'step' || b?.kind !== 'step' || a.index === b.index) continue;
    const tb = steps[b.index]!;
    if (!tb.scheduled || !steps[a.index]!.scheduled || !tb.included || !steps[a.index]!.included) continue;
    if (reaches(steps, a.index, b.index)) continue;
    if (!tb.dependsOn.some((d) => d.on === a.index)) tb.dependsOn.push({ on: a.index, kind: 'milestone-order' });
  }
}

/** Reports every step of each loop, then cuts the loop (`i>j` edges) so the rest can be scheduled. */
function cutCycles(plan: Plan): Set<string> {
  const steps = plan.steps;
  const cut = new Set<string>();
  for (const scc of stronglyConnected(steps)) {
    const names = scc.map((i) => steps[i]!.label);
    const first = steps[scc[0]!]!;
    const inLoop = new Set(scc);
    const edgeRange = (i: number) => steps[i]!.dependsOn.find((d) => inLoop.has(d.on))?.range ?? steps[i]!.step.headingRange;
    plan.issues.push({
      rule: 'dependency-cycle',
      message: `steps depend on each other in a loop: ${[...names, names[0]].join(' → ')}`,
      range: edgeRange(first.index),
      related: scc.slice(1).map((i) => ({ range: edgeRange(i), message: `${steps[i]!.label} is part of the loop` })),
      steps: names,
    });
    // Every loop has an edge from a step to a later one (a forward reference); cutting just those keeps the
    // document order of the rest, so the steps of the loop are still checked against each other.
    for (const i of scc) for (const d of steps[i]!.dependsOn) if (inLoop.has(d.on) && d.on >= i) cut.add(`${i}>${d.on}`);
  }
  return cut;
}

function reaches(steps: TimelineStep[], from: number, to: number): boolean {
  const seen = new Set<number>();
  const stack = [from];
  while (stack.length) {
    const i = stack.pop()!;
    if (i === to) return true;
    if (seen.has(i)) continue;
    seen.add(i);
    for (const d of steps[i]!.dependsOn) stack.push(d.on);
  }
  return false;
}
