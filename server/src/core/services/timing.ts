/**
 * Words for timing values and computed windows, shared by hover and inlay hints so both say the same thing.
 */
import { rangeContainsPosition, type Position, type Step, type TimingText } from '../model';
import type { Timeline, TimelineStep, ParsedTiming } from '../timeline/schedule';
import type { Duration, Timing } from '../timeline/types';
import type { ServiceContext } from './context';

function num(min: number, max: number): string {
  return min === max ? `${min}` : `${min}–${max}`;
}

export function describeDuration(d: Duration): string {
  const unit = d.unit === 'business-days' ? 'business day' : d.unit.replace(/s$/, '');
  const plural = d.max === 1 && d.min === 1 ? unit : `${unit}s`;
  const business = d.business && d.unit !== 'business-days' ? 'business ' : '';
  const bound = d.bound === 'at-least' ? 'at least ' : d.bound === 'up-to' ? 'up to ' : '';
  return `${d.approximate ? 'about ' : ''}${bound}${num(d.min, d.max)} ${business}${plural}`;
}

/** One sentence saying what the phrase means to the scheduler. */
export function describeTiming(t: Timing): string {
  const of = (a?: { text: string }): string => (a ? ` of "${a.text}"` : '');
  switch (t.kind) {
    case 'deadline':
      return t.first
        ? `Deadline: within the first ${describeDuration(t.within)}${t.anchor ? ` after "${t.anchor.text}"` : ' of the process'}.`
        : `Deadline: finish within ${describeDuration(t.within)}${of(t.anchor)}${t.anchor ? '' : ' of the start'}.`;
    case 'offset':
      return `Offset: ${describeDuration(t.offset)} ${t.direction} ${t.anchor ? `"${t.anchor.text}"` : 'the start (day 0)'}.`;
    case 'window':
      return `Window: ${t.unit} ${num(t.from, t.to)}${t.anchor ? ` counted from "${t.anchor.text}"` : ' counted from the start (day 0)'}.`;
    case 'milestone':
      return `Milestone: ${t.offsets.join('/')} ${t.unit} after the start${t.noun ? ` (${t.noun})` : ''}.`;
    case 'duration':
      return `Duration: the step takes ${describeDuration(t.duration)}${t.sessions ? ` in ${num(t.sessions.min, t.sessions.max)} ${t.sessions.noun}` : ''}${t.extra ? `, plus ${t.extra} of unstated length` : ''}.`;
    case 'relation':
      return `Relation: ${t.immediate ? 'immediately ' : ''}${t.relation.replace(/-/g, ' ')}${t.anchor ? ` "${t.anchor.text}"` : ''}.`;
    case 'cadence':
      return `Cadence: every ${t.every.n === 1 ? t.every.unit.replace(/-/g, ' ').replace(/s$/, '') : `${t.every.n} ${t.every.unit.replace(/-/g, ' ')}`}${t.times ? `, ${num(t.times.min, t.times.max)} times` : ''} (recurring, not scheduled once).`;
    case 'ongoing':
      return t.each
        ? `Recurs with every ${t.each.text} (periodic, not on a clock): not scheduled as a one-off step.`
        : `Ongoing (${t.mode.replace(/-/g, ' ')}): not scheduled as a one-off step.`;
    case 'step-anchor':
      return `After step${t.steps.length > 1 ? 's' : ''} ${t.steps.map((s) => s.number).join(t.mode === 'any' ? ' or ' : ' and ')}${t.then ? `; then ${describeTiming(t.then).replace(/\.$/, '').toLowerCase()}` : ''}.`;
    case 'date':
      if (t.date) return `Fixed date ${t.date}.`;
      if (t.month !== undefined) return `Date ${t.part ? `${t.part} ` : ''}${MONTH_NAMES[t.month - 1]}${t.day !== undefined ? ` ${t.day}` : ''}, no year given (shown, not placed on the schedule).`;
      return `Date placeholder ${t.placeholder ?? t.text}: fill it in.`;
    case 'clock':
      return `Time of day${t.time ? ` ${t.time}` : ''}${t.zone ? ` ${t.zone}` : ''}${t.label ? ` (${t.label.replace(/-/g, ' ')})` : ''}.`;
    case 'calendar':
      return `Calendar rule: ${t.text}.`;
    case 'period':
      return `Period: ${t.which.replace(/-/g, ' ')} ${describeDuration(t.length)}${of(t.anchor)}.`;
    case 'unparsed':
      return `Not understood: ${t.reason}.`;
  }
}

/** Business day `k` is the k-th working day counting the start date's as 0; a finish position maps to its day. */
function finishDay(pos: number): number {
  return Math.max(0, Math.ceil(pos - 1e-6) - 1);
}

function startDay(pos: number): number {
  return Math.max(0, Math.floor(pos + 1e-6));
}

function span(a: number, b: number): string {
  return a === b ? `${a}` : `${a}–${b}`;
}

function dateSpan(a: string, b: string): string {
  return a === b ? a : `${a} – ${b}`;
}

/** Short label for an inlay hint: the finish window in business days, or dates when a start date is set. */
export function windowLabel(t: TimelineStep, withDates: boolean): string | undefined {
  if (!t.scheduled || !t.pos || !t.earliest || !t.latest) return undefined;
  if (withDates) return `finish ${dateSpan(t.earliest.finish, t.latest.finish)}`;
  return `finish business day ${span(finishDay(t.pos.ef), finishDay(t.pos.lf))}`;
}

/** Longer text for hovers: start and finish windows, both in business days and dates. */
export function windowDetail(t: TimelineStep, timeline: Timeline): string[] {
  if (!t.scheduled || !t.pos || !t.earliest || !t.latest) {
    return [t.unscheduledReason ? `Not scheduled: ${t.unscheduledReason}.` : 'Not scheduled.'];
  }
  const out = [
    `Starts business day ${span(startDay(t.pos.es), startDay(t.pos.ls))}, finishes business day ${span(finishDay(t.pos.ef), finishDay(t.pos.lf))} (day 0 = start, ${timeline.calendar}).`,
    `With start ${timeline.start}: starts ${dateSpan(t.earliest.start, t.latest.start)}, finishes ${dateSpan(t.earliest.finish, t.latest.finish)}.`,
  ];
  // Its own deadline next to the latest finish: "due 03-13" is what the step says; the latest finish may be
  // earlier because a later step needs it done first.
  if (t.due) out.push(t.due === t.latest.finish ? `Due ${t.due} (its own deadline).` : `Due ${t.due} (its own deadline); must finish by ${t.latest.finish} for what follows.`);
  if (t.critical) out.push('On the critical path (no slack).');
  if (t.atRisk) out.push(`At risk: misses its deadline when durations run long${t.p90 ? ` (P90 ${t.p90})` : ''}.`);
  return out;
}

export function timelineStepOf(timeline: Timeline, step: Step): TimelineStep | undefined {
  return timeline.steps.find((t) => t.step === step) ?? timeline.steps.find((t) => t.step.headingRange.start.line === step.headingRange.start.line);
}

/** The parsed timing whose phrase contains the position. */
export function timingAt(ctx: ServiceContext, pos: Position): { step: TimelineStep; timing: ParsedTiming } | undefined {
  const timeline = ctx.timeline();
  for (const t of timeline.steps) {
    for (const timing of t.timings) {
      if (rangeContainsPosition(timing.text.range, pos)) return { step: t, timing };
    }
  }
  return undefined;
}

/** A timing phrase of the document itself (outside every step: an intro's "takes about 3 weeks") at the position. */
export function documentTimingAt(ctx: ServiceContext, pos: Position): TimingText | undefined {
  return ctx.doc.timing?.find((t) => rangeContainsPosition(t.range, pos));
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
