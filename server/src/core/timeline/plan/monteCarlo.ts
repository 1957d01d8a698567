/** The seeded Monte Carlo: each run draws every range (and every deadline-only step's day) and records finishes. */
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
 * Lint asks for no runs (P50/P90 are not findings), but a document that states a target gets a short simulation
 * of its own so target-missed can compare the target with a percentile.
 */
export function simulate(plan: Plan, graph: Graph, hasTargets: boolean): Simulation {
  const { active } = graph;
  const runs = plan.runs > 0 ? plan.runs : hasTargets && active.length ? TARGET_RUNS : 0;
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
  return { runs, samples, overall };
}
