/** Each step's own deadline, worked out once in dependency order (deadlines come from what a step names). */
import { deadlineEnd, eventDay } from './forward';
import { EPS, type Deadlines, type Forward, type Graph, type Plan } from './types';

/**
 * `own`: the step's deadline counted from X's latest finish ("X's latest finish" is X's own deadline when it has
 * one, else when X ends if all runs long: taking it from the backward pass would let the step lower X's bound and
 * X lower the step's, without end).
 *
 * `inMin`: deadlines as the schedule with the shortest durations sees them: "within N of X" counts from when X
 * finishes in that same schedule, so a step's finish against it measures the gap between the two steps, which is
 * what the phrase constrains. A deadline missed there can never be met. One missed only when ranges run long is
 * not a conflict: plans set deadlines on typical durations, and a warning on each would bury the real conflicts
 * (`atRisk` and P90 show that risk).
 */
export function computeDeadlines(plan: Plan, graph: Graph, fmin: Forward, fmax: Forward): Deadlines {
  const { axis } = plan;
  const n = graph.n;
  const out: Deadlines = {
    own: new Float64Array(n).fill(Infinity),
    ownRange: new Array(n).fill(undefined),
    inMin: new Float64Array(n).fill(Infinity),
    rangeMin: new Array(n).fill(undefined),
    refMin: new Array(n).fill(undefined),
  };
  const stepDay = (fw: Forward, j: number) => axis.finishDayOf(fw.ef[j]!, fw.es[j]!);
  for (const i of graph.active) {
    for (const dl of plan.nodes[i]!.deadlines) {
      const ref = dl.ref;
      const baseLatest = ref.kind === 'step' ? (Number.isFinite(out.own[ref.index]!) ? axis.latestDayOf(out.own[ref.index]!) : stepDay(fmax, ref.index)) : eventDay(plan, ref);
      const d = deadlineEnd(plan, dl, baseLatest);
      if (d < out.own[i]! - EPS || !out.ownRange[i]) out.ownRange[i] = dl.range;
      out.own[i] = Math.min(out.own[i]!, d);
      const dMin = deadlineEnd(plan, dl, ref.kind === 'step' ? stepDay(fmin, ref.index) : eventDay(plan, ref));
      if (dMin < out.inMin[i]! - EPS || !out.rangeMin[i]) {
        out.rangeMin[i] = dl.range;
        out.refMin[i] = ref;
      }
      out.inMin[i] = Math.min(out.inMin[i]!, dMin);
    }
  }
  return out;
}
