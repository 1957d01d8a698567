/** Dates for the reader: each step's earliest and latest span, slack, critical, due, atRisk, P50/P90. */
import type { Backward } from './backward';
import type { Simulation } from './monteCarlo';
import { EPS, MIN_WORK, type Deadlines, type Forward, type Graph, type Plan, type TimelineStep } from './types';
import { percentile, round2 } from './values';

export function assignDates(plan: Plan, graph: Graph, fmin: Forward, fmax: Forward, deadlines: Deadlines, back: Backward, sim: Simulation): void {
  const { axis } = plan;
  for (const i of graph.active) {
    const t = plan.steps[i]!;
    const es = fmin.es[i]!;
    const ef = fmin.ef[i]!;
    const lfv = back.lf[i]!;
    const lsv = back.ls(i, back.lf);
    t.earliest = { start: axis.date(axis.startDayOf(es)), finish: axis.date(axis.finishDayOf(ef, es)) };
    t.latest = { start: axis.date(axis.latestStartDayOf(Math.min(lsv, lfv), lfv)), finish: axis.date(axis.latestDayOf(lfv)) };
    t.slack = Math.max(0, round2(lsv - es));
    // Critical: no room to slip without moving a deadline or the plan's earliest finish.
    t.critical = t.slack === 0;
    const node = plan.nodes[i]!;
    if (!node.work && !node.workExtra && !node.window && !node.duringRef && fmax.ef[i]! - fmax.es[i]! <= MIN_WORK + EPS) t.milestone = true;
    if (Number.isFinite(deadlines.own[i]!)) t.due = axis.date(axis.latestDayOf(deadlines.own[i]!));
    if (Number.isFinite(back.lfDue[i]!) && axis.finishDayOf(fmax.ef[i]!, fmax.es[i]!) > axis.latestDayOf(back.lfDue[i]!)) t.atRisk = true;
    t.pos = { es, ef, efMax: fmax.ef[i]!, ls: lsv, lf: lfv };
    if (plan.runs > 0) {
      const s = sim.samples[i]!.slice().sort((a, b) => a - b);
      t.p50 = axis.date(percentile(s, 0.5));
      t.p90 = axis.date(percentile(s, 0.9));
    }
  }
  for (const t of [...plan.steps].reverse()) if (t.summary) spanSubsteps(plan.steps, t);
}

/** A parent without timing of its own spans its sub-steps. */
function spanSubsteps(steps: TimelineStep[], t: TimelineStep): void {
  const kids = steps.filter((k) => k.parent === t.index && k.pos);
  if (!kids.length) return;
  const es = Math.min(...kids.map((k) => k.pos!.es));
  const ef = Math.max(...kids.map((k) => k.pos!.ef));
  const lsv = Math.min(...kids.map((k) => k.pos!.ls));
  const lfv = Math.max(...kids.map((k) => k.pos!.lf));
  t.pos = { es, ef, efMax: Math.max(...kids.map((k) => k.pos!.efMax)), ls: lsv, lf: lfv };
  const maxDate = (get: (k: TimelineStep) => string) => kids.map(get).sort()[kids.length - 1]!;
  const minDate = (get: (k: TimelineStep) => string) => kids.map(get).sort()[0]!;
  t.earliest = { start: minDate((k) => k.earliest!.start), finish: maxDate((k) => k.earliest!.finish) };
  t.latest = { start: minDate((k) => k.latest!.start), finish: maxDate((k) => k.latest!.finish) };
  t.slack = Math.max(0, round2(lsv - es));
  t.critical = t.slack === 0;
  const p50s = kids.map((k) => k.p50).filter((x): x is string => !!x).sort();
  const p90s = kids.map((k) => k.p90).filter((x): x is string => !!x).sort();
  if (p50s.length) t.p50 = p50s[p50s.length - 1]!;
  if (p90s.length) t.p90 = p90s[p90s.length - 1]!;
}
