/**
 * `target-missed` findings: the SOP's own targets (`process_meta.duration`, a stage's window) compared with the
 * simulated finish at `timeline.targetPercentile`, naming the critical-path steps that decide it.
 */
import type { Range } from '../../model';
import { parseDuration } from '../phrases';
import { proseTargets } from './proseTargets';
import type { Simulation } from './monteCarlo';
import type { Graph, Plan, TimelineStep } from './types';
import { durationSpan, isWithin, percentile, pickTimingRange } from './values';

/** Whether the document states a target at all (then lint runs a short simulation for it). */
export function hasTargets(plan: Plan): boolean {
  return Boolean(plan.doc.meta.duration) || plan.nodes.some((nd) => nd.window && nd.t.included) || proseTargets(plan).length > 0;
}

export function reportTargets(plan: Plan, graph: Graph, sim: Simulation): void {
  if (sim.runs <= 0) return;
  const share = Math.min(100, Math.max(1, plan.config.timeline.targetPercentile)) / 100;
  const checker = new TargetChecker(plan, sim, share);
  const declared = plan.doc.meta.duration;
  const d = declared ? parseDuration(declared.value, declared.range) : undefined;
  if (declared && d && d.bound !== 'at-least') {
    const [, hi] = durationSpan({ ...d, approximate: false });
    checker.check('the stated duration', declared.range, plan.axis.finishDayOf(plan.axis.workEnd(0, d, hi), 0), sim.overall, graph.active, declared.value);
  }
  for (const target of proseTargets(plan)) {
    const { axis } = plan;
    const [, hi] = durationSpan({ ...target.length, approximate: false, bound: 'exact' });
    // `within 4 weeks` is due like a step's deadline (4 weeks after day 0); `takes 6 weeks` ends like process_meta.duration.
    const lastDay = target.deadline ? axis.latestDayOf(axis.elapsedEnd(plan.dayOfStart, target.length, hi)) : axis.finishDayOf(axis.workEnd(0, target.length, hi), 0);
    checker.check('the stated target', target.range, lastDay, sim.overall, graph.active, target.text);
  }
  checkWindows(plan, graph, sim, checker);
}

/** Each stage's window against the finish of what runs inside it. */
function checkWindows(plan: Plan, graph: Graph, sim: Simulation, checker: TargetChecker): void {
  const n = graph.n;
  const isActive = new Uint8Array(n);
  for (const i of graph.active) isActive[i] = 1;
  // Steps are in document order, so a step's sub-steps are the indices right after it, up to the next step that
  // is not below it: each stage's scope costs its own size.
  const subtree = (p: number): number[] => {
    const out = [p];
    for (let k = p + 1; k < n && isWithin(plan.steps, k, p); k++) out.push(k);
    return out;
  };
  for (const node of plan.nodes) {
    const w = node.window;
    if (!w || !node.t.included || w.timing.kind !== 'window') continue;
    const scope = subtree(node.t.index).filter((k) => isActive[k]);
    if (!scope.length) continue;
    const ends = sim.overall.map((_, r) => scope.reduce((m, k) => Math.max(m, sim.samples[k]![r]!), -Infinity));
    // Weeks and months are coarse labels (see duration-mismatch): three days of grace.
    const grace = w.timing.unit === 'weeks' || w.timing.unit === 'months' ? 3 : 0;
    checker.check(`${node.t.label}'s window`, w.range, w.toDay + grace, ends, scope.length > 1 ? scope.filter((k) => k !== node.t.index) : scope, w.timing.text);
  }
}

/** Compares one target with the simulated finishes of the steps it covers. */
export class TargetChecker {
  private readonly pct: number;

  constructor(
    private readonly plan: Plan,
    private readonly sim: Simulation,
    private readonly share: number,
  ) {
    this.pct = Math.round(share * 100);
  }

  /** Reports when the finish at the target percentile is after `lastDay` (a day number). */
  check(what: string, range: Range, lastDay: number, runEnds: number[], scope: number[], target: string): void {
    const { axis } = this.plan;
    // A target on a weekend or holiday is met by the next business day (Day N labels move forward the same way).
    const targetDay = axis.startDayOf(axis.startPosOfDay(lastDay));
    const sorted = runEnds.slice().sort((a, b) => a - b);
    const at = percentile(sorted, this.share);
    if (!(at > targetDay)) return;
    const culprits = this.criticalSteps(scope);
    this.plan.issues.push({
      rule: 'target-missed',
      message: `${what} "${target}" means done by ${axis.date(targetDay)}, but the P${this.pct} finish is ${axis.date(at)}${culprits.length ? `; the critical path runs through ${culprits.map((c) => c.label).join(', ')}` : ''}`,
      range,
      related: culprits.map((c) => ({ range: pickTimingRange(c), message: `${c.label} is on the critical path` })),
      steps: culprits.map((c) => c.label),
      data: { target: axis.date(targetDay), percentile: this.pct, finish: axis.date(at) },
    });
  }

  /** The zero-slack steps of `scope`; without such a chain, the steps that finish last in the simulation. */
  private criticalSteps(scope: number[]): TimelineStep[] {
    const { steps } = this.plan;
    const crit = scope.filter((k) => steps[k]!.critical && steps[k]!.scheduled);
    const late = (k: number) => percentile(this.sim.samples[k]!.slice().sort((x, y) => x - y), this.share);
    const chosen = crit.length ? crit : [...scope].sort((a, b) => late(b) - late(a)).slice(0, 3);
    return chosen.slice(0, 6).map((k) => steps[k]!);
  }
}
