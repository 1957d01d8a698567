/**
 * `duration-mismatch` findings: `process_meta.duration` that does not contain what the steps add up to, a stage's
 * window that disagrees with its declared duration, sub-steps that fall outside their stage's window.
 */
import type { BusinessAxis } from '../axis';
import { fromDayNumber } from '../calendar';
import { parseDuration } from '../phrases';
import type { Duration } from '../types';
import { EPS, type Forward, type Graph, type Node, type Plan, type TimelineStep } from './types';
import { durationSpan, maxOf, pickTimingRange, round2 } from './values';

/** The earliest and latest (every range long) finish day of the plan; undefined when nothing is scheduled. */
export function finishDays(plan: Plan, graph: Graph, fmin: Forward, fmax: Forward): { earliest?: number; latest?: number } {
  const { active } = graph;
  if (!active.length) return {};
  return {
    earliest: maxOf(active, (i) => plan.axis.finishDayOf(fmin.ef[i]!, fmin.es[i]!)),
    latest: maxOf(active, (i) => plan.axis.finishDayOf(fmax.ef[i]!, fmax.es[i]!)),
  };
}

export function reportMismatches(plan: Plan, graph: Graph, finish: { earliest?: number; latest?: number }): void {
  declaredDurationMismatch(plan, graph, finish);
  for (const node of plan.nodes) if (node.t.included && node.window) windowMismatch(plan, node);
}

function declaredDurationMismatch(plan: Plan, graph: Graph, finish: { earliest?: number; latest?: number }): void {
  const declared = plan.doc.meta.duration;
  if (!declared || finish.earliest === undefined || finish.latest === undefined || !graph.active.some((i) => plan.nodes[i]!.work)) return;
  const d = parseDuration(declared.value, declared.range);
  if (!d) return;
  const lo = toDeclaredUnit(plan.axis, finish.earliest, d);
  const hi = toDeclaredUnit(plan.axis, finish.latest, d);
  const [dlo, dhi] = durationSpan({ ...d, approximate: false, bound: d.bound === 'at-least' ? 'exact' : d.bound });
  const maxOk = d.bound === 'at-least' ? Infinity : dhi;
  if (lo < dlo - 0.05 || hi > maxOk + 0.05) {
    plan.issues.push({
      rule: 'duration-mismatch',
      message: `declared duration "${declared.value}" does not contain the computed ${fmtRange(lo, hi)} ${unitWord(d)}`,
      range: declared.range,
      related: [],
      steps: [],
      data: { declared: declared.value, computed: [round2(lo), round2(hi)] },
    });
  }
}

function windowMismatch(plan: Plan, node: Node): void {
  const { steps, axis } = plan;
  const t = node.t;
  const w = node.window!;
  // A stage's "(Days 31-90)" next to "Duration: 60 days": either way of counting the days is accepted.
  if (node.work && w.timing.kind === 'window' && w.timing.unit === 'days' && !node.work.business && node.work.unit === 'days') {
    const span = w.timing.to - w.timing.from;
    if (node.work.max < span - EPS || node.work.min > span + 1 + EPS) {
      plan.issues.push({ rule: 'duration-mismatch', message: `${t.label} spans days ${w.timing.from}-${w.timing.to} but declares ${node.work.text}`, range: w.range, related: [{ range: node.work.range, message: 'declared duration' }], steps: [t.label] });
    }
  }
  // A child timed only from an event sopls could not date (`After Code Freeze` with no such step, or a step that
  // has no timing itself) sits where the schedule put it for want of a date: that position is not the document's,
  // so it says nothing about the window.
  const kids = steps.filter((k) => k.parent === t.index && k.included && k.pos && !placedByUndatedEvent(k, steps));
  // Weeks and months are coarse labels: "Month 3" inside "Days 31-90" may end a day or two after day 90, and
  // "Weeks 5-12" (from day 28) inside "Days 31-90" starts three days early, both as the author meant.
  const coarse = (k: TimelineStep | undefined) => {
    const kw = k ? plan.nodes[k.index]!.window : w;
    return kw?.timing.kind === 'window' && (kw.timing.unit === 'months' || kw.timing.unit === 'weeks');
  };
  const outside = kids.filter((k) => {
    const tolerance = coarse(k) || coarse(undefined) ? 3 : 0;
    return axis.startDayOf(k.pos!.es) < w.fromDay - tolerance || axis.finishDayOf(k.pos!.ef, k.pos!.es) > w.toDay + tolerance;
  });
  if (!outside.length) return;
  plan.issues.push({
    rule: 'duration-mismatch',
    message: `${t.label} runs ${fromDayNumber(w.fromDay)} to ${fromDayNumber(w.toDay)}, but ${outside.map((k) => `${k.label} (${k.earliest!.start} to ${k.earliest!.finish})`).join(', ')} ${outside.length > 1 ? 'fall' : 'falls'} outside`,
    range: w.range,
    related: outside.map((k) => ({ range: pickTimingRange(k), message: `${k.label} ${k.earliest!.start} to ${k.earliest!.finish}` })),
    steps: [t.label, ...outside.map((k) => k.label)],
  });
}

/** The process length up to `finishDay` (inclusive of day 0) in the unit a declared duration uses. */
function toDeclaredUnit(axis: BusinessAxis, finishDay: number, d: Duration): number {
  const businessDays = axis.endPosOfDay(finishDay);
  if (d.unit === 'business-days' || (d.business && d.unit === 'weeks')) return d.unit === 'weeks' ? businessDays / 5 : businessDays;
  const days = finishDay - axis.startDay + 1;
  switch (d.unit) {
    case 'weeks':
      return days / 7;
    case 'months':
      return days / 30.44;
    case 'hours':
      return days * 24;
    case 'minutes':
      return days * 1440;
    default:
      return days;
  }
}

function unitWord(d: Duration): string {
  return d.unit === 'business-days' ? 'business days' : d.unit;
}

function fmtRange(lo: number, hi: number): string {
  const f = (x: number) => (Math.round(x * 10) / 10).toString();
  return f(lo) === f(hi) ? f(lo) : `${f(lo)}-${f(hi)}`;
}

/**
 * Every timing of the step is measured from an event, and none of those events has a date: it resolved to nothing,
 * or to a step with no timing of its own.
 */
function placedByUndatedEvent(k: TimelineStep, steps: readonly TimelineStep[]): boolean {
  if (k.timings.length === 0) return false;
  return k.timings.every((pt) => {
    if ((pt.value as { anchor?: unknown }).anchor === undefined) return false;
    const ref = pt.reference;
    if (ref === undefined) return true;
    return ref.kind === 'step' && steps[ref.index] !== undefined && steps[ref.index]!.timings.length === 0;
  });
}
