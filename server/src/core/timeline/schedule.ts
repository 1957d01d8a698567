/**
 * The schedule of one SOP: which step depends on what, when each step can happen (earliest, latest, P50/P90),
 * what is critical, and what does not add up (the timing rules' findings).
 *
 * Pipeline, one module of plan/ per stage, each readable on its own:
 *   setup.ts        model steps → TimelineSteps with parsed timings (phrases.ts), customer conditions, candidates
 *   constraints.ts  what each timing says (work, pinned day, window, deadlines, what it waits for), anchors
 *                   resolved (references.ts, resolve.ts) on one relative-scale convention (relative.ts); cadences
 *   graph.ts        dependency edges, milestone order, loops reported and cut, dependency order (order.ts)
 *   forward.ts      forward pass (shortest, longest, one draw)
 *   deadlines.ts    each step's own deadline
 *   backward.ts     backward pass with deadlines: latest finish, slack, critical path
 *   monteCarlo.ts   seeded simulation for P50/P90
 *   dates.ts        dates through the business-day axis (axis.ts)
 *   conflicts.ts, mismatch.ts, targets.ts   the findings
 */
import { comparePositions, type SopDocument } from '../model';
import { clearAxisCache } from './axis';
import { clearPhraseCache } from './phrases';
import { backwardPasses } from './plan/backward';
import { reportConflicts } from './plan/conflicts';
import { gatherConstraints } from './plan/constraints';
import { assignDates } from './plan/dates';
import { computeDeadlines } from './plan/deadlines';
import { forward } from './plan/forward';
import { buildGraph } from './plan/graph';
import { finishDays, reportMismatches } from './plan/mismatch';
import { simulate, type Simulation } from './plan/monteCarlo';
import { setUpPlan } from './plan/setup';
import { hasTargets, reportTargets } from './plan/targets';
import type { Backward } from './plan/backward';
import type { Graph, Plan, Timeline, TimelineOptions } from './plan/types';
import { maxOf, percentile } from './plan/values';

export type {
  Customer,
  DateSpan,
  DependencyKind,
  ParsedTiming,
  Timeline,
  TimelineCadence,
  TimelineDependency,
  TimelineIssue,
  TimelineOptions,
  TimelineRuleId,
  TimelineStep,
} from './plan/types';
export { scheduleWork } from './plan/types';
export { conditionHolds, customerFromData, findCustomer } from './plan/customers';
export { mulberry32, pickTimingRange } from './plan/values';
export { simulationMemo } from './plan/monteCarlo';

/** Empties the memo of parsed phrases and the shared business-day axes. */
export function clearTimelineCaches(): void {
  clearPhraseCache();
  clearAxisCache();
}

/**
 * Builds the timeline of a document. Pure: no file system, no clock (pass `today`). Never throws on
 * document content; whatever does not add up becomes an issue with a range.
 */
export function buildTimeline(doc: SopDocument, options: TimelineOptions = {}): Timeline {
  const plan = setUpPlan(doc, options);
  gatherConstraints(plan);
  const graph = buildGraph(plan);
  const fmin = forward(plan, graph, 'min');
  const fmax = forward(plan, graph, 'max');
  const deadlines = computeDeadlines(plan, graph, fmin, fmax);
  const back = backwardPasses(plan, graph, fmin, deadlines);
  const sim = simulate(plan, graph, hasTargets(plan));
  assignDates(plan, graph, fmin, fmax, deadlines, back, sim);
  reportConflicts(plan, graph, fmin, deadlines);
  const days = finishDays(plan, graph, fmin, fmax);
  reportMismatches(plan, graph, days);
  reportTargets(plan, graph, sim);
  plan.issues.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.localeCompare(b.rule));
  return timelineOf(plan, finishOf(plan, graph, days, back, sim));
}

function finishOf(plan: Plan, graph: Graph, days: { earliest?: number; latest?: number }, back: Backward, sim: Simulation): Timeline['finish'] {
  const { axis } = plan;
  const { active } = graph;
  const finish: Timeline['finish'] = {};
  if (!active.length) finish.unscheduled = 'no step has timing that can be scheduled';
  if (days.earliest !== undefined) finish.earliest = axis.date(days.earliest);
  // The later of: every range running long, and the last latest finish the deadlines allow.
  const latestAll = active.length ? Math.max(days.latest!, maxOf(active, (i) => axis.latestDayOf(back.lf[i]!))) : undefined;
  if (latestAll !== undefined && Number.isFinite(latestAll)) finish.latest = axis.date(latestAll);
  if (plan.runs > 0 && sim.overall.length) {
    const overall = sim.overall.slice().sort((a, b) => a - b);
    finish.p50 = axis.date(percentile(overall, 0.5));
    finish.p90 = axis.date(percentile(overall, 0.9));
  }
  return finish;
}

function timelineOf(plan: Plan, finish: Timeline['finish']): Timeline {
  const out: Timeline = {
    uri: plan.doc.uri,
    title: plan.doc.meta.title?.value ?? plan.doc.uri,
    start: plan.start,
    calendar: plan.calendar.describe(),
    calendarProblems: plan.calendarProblems,
    steps: plan.steps,
    cadences: plan.cadences,
    issues: plan.issues,
    finish,
    runs: plan.runs,
    seed: plan.seed,
  };
  if (plan.customer) out.customer = plan.customer;
  return out;
}
