/**
 * What each step's timings say, before any date is worked out: its work, the day it is pinned to, its window,
 * its deadlines and the steps or events it waits for (a Node per step). Cadences are listed here, not scheduled.
 */
import { parseTimingMemo } from '../phrases';
import { fromDayNumber, toDayNumber } from '../calendar';
import type { Reference } from '../resolve';
import type { Timing } from '../types';
import { anchoredWindow, dayLabelPin, documentDayBase, findCountdownTarget } from './relative';
import { continueLadder, openLadder, opensLadder, type OpenLadder } from './escalation';
import { resolveDependsOn, resolveFor } from './references';
import { constrainWeekday, findReleaseWeekStep, inheritWeekday, titleWeekday } from './weekdays';
import type { Node, ParsedTiming, Plan, TimelineCadence } from './types';
import { dayDuration, everyText, windowDays, zeroDuration } from './values';

/** What every timing of one build needs besides the step: worked out once per document. */
interface Scales {
  dayBase: 0 | 1;
  countdownTarget: number | undefined;
  /** The step a weekday plan's week is taken from (weekdays.ts). */
  releaseStep: number | undefined;
  /** The escalation ladder open at this point of the document (escalation.ts). */
  ladder?: OpenLadder;
}

type Of<K extends Timing['kind']> = Extract<Timing, { kind: K }>;

/** Gathers every included step's constraints, in document order (a Day label reads its Week heading's window). */
export function gatherConstraints(plan: Plan): void {
  const scales: Scales = { dayBase: documentDayBase(plan.steps), countdownTarget: findCountdownTarget(plan), releaseStep: findReleaseWeekStep(plan) };
  for (const node of plan.nodes) {
    const t = node.t;
    if (!t.included) continue;
    if (scales.ladder) scales.ladder.touched = false;
    for (const pt of t.timings) constrain(plan, scales, node, pt);
    // A step with timing of its own that is not a rung closes the ladder.
    if (scales.ladder && !scales.ladder.touched && t.timings.length && t.parent === scales.ladder.parent) delete scales.ladder;
    weekdayFromTitle(plan, scales, node);
    resolveDependsOn(plan, t);
    cadenceFromTitle(plan, node);
    markScheduled(plan, node);
  }
}

function constrain(plan: Plan, scales: Scales, node: Node, pt: ParsedTiming): void {
  const v = pt.value;
  const t = node.t;
  switch (v.kind) {
    case 'unparsed':
      plan.issues.push({ rule: 'unparsed-timing', message: `timing "${v.text}" of ${t.label} is not understood: ${v.reason}`, range: v.range, related: [], steps: [t.label], severity: 'info', data: { reason: v.reason } });
      return;
    case 'duration':
      node.work = v.duration;
      if (v.extra) node.workExtra = true;
      return;
    case 'deadline': {
      const ref = resolveFor(plan, t.index, v.anchor, pt);
      if (ref) {
        node.deadlines.push({ ref, within: v.within, range: v.range });
        node.afterRefs.push({ ref, immediate: false, range: v.anchor?.range ?? v.range });
      }
      return;
    }
    case 'offset':
      return constrainOffset(plan, scales, node, pt, v);
    case 'milestone':
      return constrainMilestone(node, v);
    case 'window':
      return constrainWindow(plan, scales, node, pt, v);
    case 'cadence':
      return listCadence(plan, node, v);
    case 'relation':
      return constrainRelation(plan, node, pt, v);
    case 'step-anchor':
      return constrainStepAnchor(plan, node, pt, v);
    case 'calendar':
      return constrainWeekday(plan, scales.releaseStep, node, pt, v);
    case 'date':
      if (v.date) node.pin = { ref: { kind: 'trigger', text: 'start' }, offset: dayDuration(toDayNumber(v.date) - plan.dayOfStart, v.text, v.range), direction: 'after', range: v.range, atLeast: false };
      return;
    default:
      return;
  }
}

/** `Day 14`, `T-2 weeks`, `3 days after launch`, `90 days before renewal`, `after 11 working days`. */
function constrainOffset(plan: Plan, scales: Scales, node: Node, pt: ParsedTiming, v: Of<'offset'>): void {
  const i = node.t.index;
  if (continueLadder(plan, scales.ladder, node, v)) return;
  if (!v.anchor && v.axis === 'day' && v.direction === 'after') {
    node.pin = dayLabelPin(plan, scales.dayBase, i, v.offset, v.range);
    return;
  }
  const target = scales.countdownTarget;
  const countdown = !v.anchor && v.axis === 't' && v.direction === 'before' && target !== undefined && target !== i ? target : undefined;
  const ref: Reference | undefined =
    countdown !== undefined ? { kind: 'step', index: countdown } : v.axis === 'day' || v.axis === 't' || v.axis === 'elapsed' ? (v.anchor ? resolveFor(plan, i, v.anchor, pt) : { kind: 'trigger' as const, text: 'start' }) : resolveFor(plan, i, v.anchor, pt);
  if (!ref) return;
  if (opensLadder(v)) scales.ladder = openLadder(node, ref, v);
  else if (v.offset.bound === 'at-least' && v.direction === 'before') node.beforeRefs.push({ ref, range: v.range });
  else node.pin = { ref, offset: v.offset, direction: v.direction, range: v.range, atLeast: v.offset.bound === 'at-least' };
}

/** "30-day check-in" means by day 30: a weekend day 30 moves to the Friday before. */
function constrainMilestone(node: Node, v: Of<'milestone'>): void {
  if (v.offsets.length !== 1) return;
  const unit = v.unit === 'weeks' ? 'weeks' : v.unit === 'months' ? 'months' : 'days';
  node.pin = {
    ref: { kind: 'trigger', text: 'start' },
    offset: { min: v.offsets[0]!, max: v.offsets[0]!, unit, business: false, approximate: false, bound: 'exact', text: v.text, range: v.offsetsRange },
    direction: 'after',
    range: v.range,
    atLeast: false,
    rollBack: true,
  };
}

/** `Days 0-30`, `Weeks 5-12`, `Post-Go-Live Support (Days 1-30)`, `Weeks 1-3 after go-live`. */
function constrainWindow(plan: Plan, scales: Scales, node: Node, pt: ParsedTiming, v: Of<'window'>): void {
  let base = plan.dayOfStart;
  if (v.anchor) {
    const ref = resolveFor(plan, node.t.index, v.anchor, pt);
    if (ref && ref.kind === 'milestone') base = plan.renewalDay;
    if (ref?.kind === 'step') {
      anchoredWindow(node, ref, v);
      return;
    }
  }
  const [fromDay, toDay] = windowDays(v, base, v.anchor ? 0 : scales.dayBase);
  node.window = { fromDay, toDay, range: v.range, timing: v };
}

/** Recurring work is a marker that repeats, not a step that finishes: it is listed, not scheduled. */
function listCadence(plan: Plan, node: Node, v: Of<'cadence'>): void {
  const t = node.t;
  const cadence: TimelineCadence = { step: t.index, title: t.title, every: everyText(v.every), owners: t.owners, line: v.range.start.line + 1 };
  if (v.times) cadence.times = v.times.min === v.times.max ? String(v.times.min) : `${v.times.min}-${v.times.max}`;
  if (v.window) {
    const [fromDay, toDay] = windowDays(v.window, plan.dayOfStart);
    cadence.from = fromDayNumber(fromDay);
    cadence.to = fromDayNumber(toDay);
  }
  plan.cadences.push(cadence);
}

/** `during X`, `before X`, `by X`, `until X`, `after X`, `immediately after X`, `on release day`. */
function constrainRelation(plan: Plan, node: Node, pt: ParsedTiming, v: Of<'relation'>): void {
  if (v.relation === 'immediately' || (v.relation === 'same-day' && !v.anchor)) return;
  const ref = resolveFor(plan, node.t.index, v.anchor, pt);
  if (!ref) return;
  const range = v.anchor?.range ?? v.range;
  if (v.relation === 'during') node.duringRef = { ref, range };
  else if (v.relation === 'before') node.beforeRefs.push({ ref, range });
  else if (v.relation === 'by' || v.relation === 'by-end-of' || v.relation === 'until') node.deadlines.push({ ref, within: zeroDuration(v), range: v.range });
  else {
    const immediate = v.immediate || v.relation === 'same-day' || v.relation === 'on' || v.relation === 'at';
    node.afterRefs.push({ ref, immediate, range });
    // "Immediately after X", "on release day": done the day X is.
    if (immediate) node.deadlines.push({ ref, within: zeroDuration(v), range: v.range });
  }
}

/** `After step 1 and within 1 working day`, `after step 3 or 6` (the first listed stands for either). */
function constrainStepAnchor(plan: Plan, node: Node, pt: ParsedTiming, v: Of<'step-anchor'>): void {
  if (v.mode === 'goto') return;
  const t = node.t;
  for (const s of v.steps) {
    const index = plan.stepNumbers.get(s.number);
    if (index === undefined || index === t.index) {
      plan.issues.push({ rule: 'unresolved-reference', message: `${t.label} refers to step ${s.number}, which does not exist`, range: s.range, related: [], steps: [t.label], data: { anchor: `step ${s.number}` } });
      continue;
    }
    const ref: Reference = { kind: 'step', index };
    pt.reference = ref;
    node.afterRefs.push({ ref, immediate: false, range: s.range });
    if (v.then?.kind === 'deadline' && !v.then.anchor) node.deadlines.push({ ref, within: v.then.within, range: v.then.range });
    if (v.mode === 'any') break;
  }
}

/** A step titled for a weekday (`Monday: Code Freeze`) or under a weekday heading, with no day of its own. */
function weekdayFromTitle(plan: Plan, scales: Scales, node: Node): void {
  if (node.pin || node.window || node.deadlines.length || node.afterRefs.length || node.beforeRefs.length || node.duringRef) return;
  const named = titleWeekday(node.t);
  if (named) constrainWeekday(plan, scales.releaseStep, node, undefined, named);
  else inheritWeekday(plan, node);
}

/**
 * A step named for recurring work (`Weekly Check-Ins`, `Monthly Business Review`) with nothing that makes it
 * finish is a cadence: its window, if any, is when the recurrence runs.
 */
function cadenceFromTitle(plan: Plan, node: Node): void {
  const t = node.t;
  if (node.work || node.pin || node.deadlines.length || t.timings.some((x) => x.value.kind === 'cadence' || x.value.kind === 'duration')) return;
  const named = parseTimingMemo(t.title, t.step.titleRange);
  if (named.kind !== 'cadence') return;
  const cadence: TimelineCadence = { step: t.index, title: t.title, every: everyText(named.every), owners: t.owners, line: t.step.titleRange.start.line + 1 };
  if (node.window) {
    cadence.from = fromDayNumber(node.window.fromDay);
    cadence.to = fromDayNumber(node.window.toDay);
    delete node.window;
  }
  plan.cadences.push(cadence);
}

function markScheduled(plan: Plan, node: Node): void {
  const t = node.t;
  const hasTiming = node.work || node.pin || node.window || node.deadlines.length || node.afterRefs.length || node.beforeRefs.length || node.duringRef || t.dependsOn.length;
  t.scheduled = Boolean(hasTiming);
  if (t.scheduled) return;
  const kinds = t.timings.map((x) => x.value.kind);
  const recurring = kinds.includes('cadence') || plan.cadences[plan.cadences.length - 1]?.step === t.index;
  t.unscheduledReason = kinds.includes('ongoing') ? 'ongoing' : recurring ? 'recurring' : kinds.length ? 'timing not schedulable' : 'no timing';
}
