/**
 * Weekday plans (docs/timeline.md "Weekday plans"): `Monday … Friday` of a release week, as timing (`Wednesday`,
 * `by Wednesday`, `Friday the week before`, `Tuesday of release week`, `Thursday of week 3`), as a step title
 * (`Monday: Code Freeze`, `Release (Wednesday)`) or as the heading steps sit under.
 *
 * One convention: a weekday is that day of the calendar week (Monday to Sunday) its reference day falls in. The
 * reference is the event the phrase names (`of release week`, `the week before the launch`); else the plan's week
 * `N` (`of week 3`, or a `Week 3` heading above the step: its first day); else the document's release step (the
 * go-live, launch, release or cutover step, when it is not itself on a weekday); else the start date.
 * `the week before` / `the week after` move it by seven days. `by Wednesday` is a deadline at the end of that day
 * (a holiday moves it to the business day before); a weekday itself is the day (a holiday moves it to the next).
 */
import { fromDayNumber } from '../calendar';
import { weekdayOf } from '../../dates';
import type { Reference } from '../resolve';
import type { CalendarTiming } from '../types';
import { COUNTDOWN_EVENTS, enclosingWeek } from './relative';
import { findStepNamed, resolveFor } from './references';
import type { Node, ParsedTiming, Plan, TimelineStep, WeekdaySpec } from './types';
import { dayDuration } from './values';

/** The day of `spec` in the calendar week (Monday to Sunday) that `referenceDay` falls in. */
export function weekdayIn(referenceDay: number, spec: WeekdaySpec): number {
  const monday = referenceDay - ((weekdayOf(fromDayNumber(referenceDay)) + 6) % 7);
  return monday + 7 * spec.weeks + ((spec.day + 6) % 7);
}

const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** `Monday`, `Monday: Code Freeze`, `Monday - Freeze`; `Release (Wednesday)`. */
const TITLE_FIRST = /^(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b\s*(?:$|[:\-–—])/i;
const TITLE_LAST = /\((sunday|monday|tuesday|wednesday|thursday|friday|saturday)\)\s*$/i;

/** The weekday a step's title names (`Monday: Code Freeze`), as a timing on the title; undefined when none. */
export function titleWeekday(t: TimelineStep): CalendarTiming | undefined {
  const m = TITLE_FIRST.exec(t.title) ?? TITLE_LAST.exec(t.title);
  if (!m) return undefined;
  return { kind: 'calendar', weekday: WEEKDAY_NAMES.indexOf(m[1]!.toLowerCase()), text: m[1]!, range: t.step.titleRange };
}

function namesWeekday(t: TimelineStep): boolean {
  return titleWeekday(t) !== undefined || t.timings.some((x) => x.value.kind === 'calendar' && x.value.weekday !== undefined);
}

/** The release step a weekday plan's week is taken from; undefined when the document has none. */
export function findReleaseWeekStep(plan: Plan): number | undefined {
  if (!plan.steps.some(namesWeekday)) return undefined;
  // A step placed by a weekday (its own, or its heading's) cannot be what places the weekdays.
  const onWeekday = (t: TimelineStep): boolean => namesWeekday(t) || (t.parent !== undefined && onWeekday(plan.steps[t.parent]!));
  return findStepNamed(plan, COUNTDOWN_EVENTS, onWeekday);
}

/** Pins the step to the weekday (or, for `by Wednesday`, gives it that deadline). */
export function constrainWeekday(plan: Plan, releaseStep: number | undefined, node: Node, pt: ParsedTiming | undefined, v: CalendarTiming): void {
  if (v.weekday === undefined || v.negated || v.dayOfMonth !== undefined || (v.period !== undefined && v.period !== 'week')) return;
  // `Monday 17th August 2026` is a date written with its weekday, not a day of a weekday plan.
  if (v.weekNumber === undefined && /\d/.test(v.text)) return;
  const i = node.t.index;
  let ref: Reference = { kind: 'trigger', text: 'start' };
  let baseDay: number | undefined = plan.dayOfStart;
  if (v.weekNumber !== undefined) baseDay = plan.dayOfStart + 7 * (v.weekNumber - 1);
  else if (v.anchor && pt) {
    const r = resolveFor(plan, i, v.anchor, pt);
    if (!r) return;
    if (r.kind === 'step') [ref, baseDay] = [r, undefined];
    else if (r.kind === 'milestone') baseDay = plan.renewalDay;
  } else {
    const week = enclosingWeek(plan, i);
    if (week !== undefined) baseDay = week;
    else if (releaseStep !== undefined && releaseStep !== i) [ref, baseDay] = [{ kind: 'step', index: releaseStep }, undefined];
  }
  const weekday: WeekdaySpec = { day: v.weekday, weeks: v.weeks ?? 0 };
  const offset = dayDuration(0, v.text.slice(0, 80), v.range);
  if (v.by) node.deadlines.push({ ref, within: offset, range: v.range, weekday, ...(baseDay !== undefined ? { baseDay } : {}) });
  else node.pin = { ref, offset, direction: 'after', range: v.range, atLeast: false, weekday, ...(baseDay !== undefined ? { baseDay } : {}) };
}

/** A step with no timing of its own under a weekday heading (`### Monday`) happens on that weekday. */
export function inheritWeekday(plan: Plan, node: Node): void {
  if (node.pin || node.window || node.deadlines.length || node.afterRefs.length || node.beforeRefs.length || node.duringRef) return;
  const parent = node.t.parent;
  const pin = parent !== undefined ? plan.nodes[parent]!.pin : undefined;
  if (pin?.weekday) node.pin = { ...pin };
}
