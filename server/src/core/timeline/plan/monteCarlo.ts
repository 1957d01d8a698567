/** The seeded Monte Carlo: each run draws every range (and every deadline-only step's day) and records finishes. */
import type { BusinessAxis } from '../axis';
import { forward } from './forward';
import type { Graph, Plan } from './types';
import { mulberry32 } from './values';

/** Simulation runs for checking a document's own targets when the caller asked for none (lint). */
export const TARGET_RUNS = 200;

export interface Simulation {
  runs: number;
  /** Per step, its finish day in each run (empty for steps not scheduled). */
  samples: number[][];
  /** The plan's finish day in each run. */
  overall: number[];
}

/**
 * The last simulation on each business axis (an axis is one calendar and one start, shared between builds:
 * axis.ts), with the key of everything the runs read. An edit that leaves the scheduled numbers alone (a step
 * title, an owner, prose, a typo after a duration) makes the same draws give the same finishes: the runs, the
 * largest part of a lint's schedule, are reused. On only in the language server (lsp/analyses.ts), where one
 * document is scheduled again after every edit; `sopls lint` schedules each document once and would only pay
 * for the key. Counted for tests.
 */
const lastSimulation = new WeakMap<BusinessAxis, { key: string; sim: Simulation }>();
export const simulationMemo = { enabled: false, hits: 0, misses: 0 };

/**
 * Lint asks for no runs (P50/P90 are not findings), but a document that states a target gets a short simulation
 * of its own so target-missed can compare the target with a percentile.
 */
export function simulate(plan: Plan, graph: Graph, hasTargets: boolean): Simulation {
  const { active } = graph;
  const runs = plan.runs > 0 ? plan.runs : hasTargets && active.length ? TARGET_RUNS : 0;
  const key = simulationMemo.enabled && plan.caches && runs > 0 && active.length ? simulationKey(plan, graph, runs) : undefined;
  if (key !== undefined) {
    const last = lastSimulation.get(plan.axis);
    if (last && last.key === key) {
      simulationMemo.hits++;
      return copySimulation(last.sim);
    }
    simulationMemo.misses++;
  }
  const rand = mulberry32(plan.seed);
  const samples: number[][] = Array.from({ length: graph.n }, () => []);
  const overall: number[] = [];
  for (let r = 0; r < runs && active.length; r++) {
    const fw = forward(plan, graph, rand);
    let end = -Infinity;
    for (const i of active) {
      const day = plan.axis.finishDayOf(fw.ef[i]!, fw.es[i]!);
      samples[i]!.push(day);
      end = Math.max(end, day);
    }
    overall.push(end);
  }
  const sim = { runs, samples, overall };
  if (key !== undefined) lastSimulation.set(plan.axis, { key, sim: copySimulation(sim) });
  return sim;
}

const copySimulation = (sim: Simulation): Simulation => ({ runs: sim.runs, samples: sim.samples.map((s) => s.slice()), overall: sim.overall.slice() });

/**
 * Everything a forward pass reads besides the axis (the memo's own key): the seed, the days of the start and the
 * renewal, the steps in dependency order with their edges and constraints. Left out: where a phrase sits and
 * what it says (`range`, `text`: forward.ts, values.ts, weekdays.ts `weekdayIn` and axis.ts read neither, only
 * the numbers and kinds parsed from them), so a phrase that moved or gained a typo but means the same keeps the
 * key. Everything else a node holds is in it, read or not: a key that says too much only costs a rerun.
 */
function simulationKey(plan: Plan, graph: Graph, runs: number): string {
  const steps = graph.active.map((i) => {
    const { t: _t, beforeRefs: _before, ...constraints } = plan.nodes[i]!;
    return [i, graph.edgesOf(i).map((d) => [d.kind, d.on]), constraints];
  });
  return JSON.stringify([runs, plan.seed, plan.dayOfStart, plan.renewalDay, graph.n, steps], keyValue);
}

/** JSON would write NaN and ±Infinity as null: keep them apart. */
function keyValue(k: string, v: unknown): unknown {
  if (k === 'range' || k === 'text') return undefined;
  return typeof v === 'number' && !Number.isFinite(v) ? `#${v}` : v;
}
