/**
 * `timeline-conflict` findings: a deadline a step cannot meet even with the shortest durations, and a step due
 * before a step that must come first is due.
 */
import { pinStart } from './forward';
import { EPS, MIN_WORK, type Deadlines, type Forward, type Graph, type Plan, type TimelineDependency } from './types';
import { pickTimingRange } from './values';

/** Business day numbers count like the docs do: the start is business day 0, so "within 2 business days" is due by business day 2. */
function dueWords(plan: Plan): { dayNo: (pos: number) => number; describeDue: (pos: number) => string } {
  const { axis } = plan;
  const dayNo = (pos: number): number => Math.max(0, axis.endPosOfDay(axis.latestDayOf(pos)) - 1);
  return { dayNo, describeDue: (pos: number): string => `business day ${dayNo(pos)} (${axis.date(axis.latestDayOf(pos))})` };
}

export function reportConflicts(plan: Plan, graph: Graph, fmin: Forward, deadlines: Deadlines): void {
  for (const i of graph.active) {
    if (Number.isFinite(deadlines.inMin[i]!) && fmin.ef[i]! > deadlines.inMin[i]! + EPS) missedDeadline(plan, graph, fmin, deadlines, i);
    else dueBeforePredecessor(plan, graph, deadlines, i);
  }
}

function timingRangeOf(plan: Plan, deadlines: Deadlines, i: number) {
  return deadlines.rangeMin[i] ?? deadlines.ownRange[i] ?? pickTimingRange(plan.steps[i]!);
}

/** A stated deadline the step cannot meet: what it depends on, its own pinned date, or its own work ends later. */
function missedDeadline(plan: Plan, graph: Graph, fmin: Forward, deadlines: Deadlines, i: number): void {
  const { steps, axis } = plan;
  const { dayNo, describeDue } = dueWords(plan);
  const t = steps[i]!;
  const node = plan.nodes[i]!;
  const due = deadlines.inMin[i]!;
  const timingRange = timingRangeOf(plan, deadlines, i);
  const culprit = graph.edgesOf(i).reduce<TimelineDependency | undefined>((best, d) => (d.kind === 'countdown' ? best : !best || fmin.ef[d.on]! > fmin.ef[best.on]! ? d : best), undefined);
  const other = culprit ? steps[culprit.on]! : undefined;
  const ownFinish = fmin.ef[i]!;
  const otherFinish = other ? fmin.ef[other.index]! : 0;
  let otherText = other ? `${other.label} finishes only by ${describeDue(otherFinish)}` : `it takes until ${describeDue(ownFinish)}`;
  // Insufficient duration: the other step ends in time but leaves no room for this one's own work.
  if (other && dayNo(otherFinish) <= dayNo(due)) otherText += `, so ${t.label} can finish only by ${describeDue(ownFinish)}`;
  if (node.pin && !node.pin.atLeast && pinStart(plan, node, fmin, 'min') + MIN_WORK > due + EPS) {
    const pinned = pinStart(plan, node, fmin, 'min');
    plan.issues.push({
      rule: 'timeline-conflict',
      message: `${t.label} is due by ${describeDue(due)}, but its timing "${node.pin.offset.text}" puts it on ${axis.date(axis.startDayOf(pinned))}`,
      range: timingRange,
      related: [{ range: node.pin.range, message: 'the pinned date comes from here' }],
      steps: [t.label],
      data: { due: dayNo(due) },
    });
    return;
  }
  const related = other ? [{ range: pickTimingRange(other), message: `${other.label}: earliest finish ${describeDue(otherFinish)}` }] : [];
  // Counted from a step other than the one it waits for: that step is where the deadline starts.
  const anchorRef = deadlines.refMin[i];
  if (anchorRef?.kind === 'step' && anchorRef.index !== other?.index) {
    const anchor = steps[anchorRef.index]!;
    related.push({ range: pickTimingRange(anchor), message: `${anchor.label}: the deadline counts from its earliest finish ${describeDue(fmin.ef[anchor.index]!)}` });
  }
  plan.issues.push({
    rule: 'timeline-conflict',
    message: `${t.label} is due by ${describeDue(due)}, but ${otherText}`,
    range: timingRange,
    related,
    steps: other ? [t.label, other.label] : [t.label],
    data: { due: dayNo(due), ...(other ? { other: other.label } : {}), earliestFinish: dayNo(ownFinish) },
  });
}

/**
 * A step due before a step that must come first is due. Only an order the document states (timing, `Depends on`,
 * the milestone order) counts: steps merely listed one after the other may well overlap, and their deadlines say so.
 */
function dueBeforePredecessor(plan: Plan, graph: Graph, deadlines: Deadlines, i: number): void {
  const { steps } = plan;
  const { dayNo, describeDue } = dueWords(plan);
  const t = steps[i]!;
  const reported = new Set<number>();
  for (const d of graph.edgesOf(i)) {
    if (d.kind === 'during' || d.kind === 'sequence' || d.kind === 'countdown' || reported.has(d.on)) continue;
    reported.add(d.on);
    const own = deadlines.own[i]!;
    const theirs = deadlines.own[d.on]!;
    if (!(Number.isFinite(own) && Number.isFinite(theirs) && own < theirs - EPS)) continue;
    const other = steps[d.on]!;
    plan.issues.push({
      rule: 'timeline-conflict',
      message: `${t.label} is due by ${describeDue(own)}, before ${other.label} (due by ${describeDue(theirs)}), which must come first`,
      range: timingRangeOf(plan, deadlines, i),
      related: [{ range: deadlines.ownRange[d.on] ?? pickTimingRange(other), message: `${other.label} is due by ${describeDue(theirs)}` }],
      steps: [t.label, other.label],
      data: { due: dayNo(own), otherDue: dayNo(theirs), other: other.label },
    });
  }
}
