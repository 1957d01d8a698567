/**
 * Typed timing values. A timing phrase as written (model TimingText) becomes one of these; the scheduler gives
 * them dates. Every value keeps the source range of the phrase and of its parts (duration, anchor) so
 * diagnostics and hovers can point at exactly the words that matter.
 */
import type { Range, TimingSource } from '../model';

export type DurationUnit = 'minutes' | 'hours' | 'days' | 'business-days' | 'weeks' | 'months';

/** How the phrase qualified its unit: `business days`, `working days`, `workdays`, `calendar days`. */
export type CalendarQualifier = 'business' | 'working' | 'workdays' | 'calendar';

export type DurationBound = 'exact' | 'at-least' | 'up-to';

export interface Duration {
  min: number;
  max: number;
  unit: DurationUnit;
  /**
   * Counted in working time. Always true for `business-days`; for hours and weeks it records `business hours`
   * and `business weeks` (a business week is five business days).
   */
  business: boolean;
  qualifier?: CalendarQualifier;
  /** `~2 weeks`, `about 1 hour`, `a few days`. */
  approximate: boolean;
  /** `at least 2 months`, `5+ days` are `at-least`; `up to 72 hours`, `<2 hours`, `no later than` are `up-to`. */
  bound: DurationBound;
  /** Escalation ladders such as `after 4 / 6 / 8 weeks`: every value, in order (min and max are the ends). */
  series?: number[];
  text: string;
  range: Range;
}

/** The event a phrase is measured from, exactly as written; the scheduler resolves it to a step or trigger. */
export interface Anchor {
  text: string;
  range: Range;
}

export interface TimingBase {
  /** The whole phrase the value was read from, as given to the parser. */
  text: string;
  /** Range of the part of the text that was understood. */
  range: Range;
  source?: TimingSource;
}

/** `Within 24 hours of contract signing`, `Complete within 7 business days of X`, `up to 72 hours`, `<2 hours`. */
export interface DeadlineTiming extends TimingBase {
  kind: 'deadline';
  within: Duration;
  anchor?: Anchor;
  /** `within the first 90 days`: the window opens at the anchor (or the start) rather than ending there. */
  first: boolean;
  /** Leading verb, lower case: `complete`, `schedule`. */
  action?: string;
  /** `80% of tickets … within 2 working days`. */
  percentile?: number;
  /** `for a SEV-1`: who or what the deadline applies to. */
  qualifier?: string;
  /** `… and 5 business days for a SEV-2`: further deadlines in the same phrase. */
  alternatives?: { within: Duration; qualifier?: string }[];
}

/** `Day 14`, `Day -3`, `T-10`, `90 Days Before Renewal`, `1-3 days after the release`, `After 11 working days`. */
export interface OffsetTiming extends TimingBase {
  kind: 'offset';
  direction: 'before' | 'after';
  offset: Duration;
  anchor?: Anchor;
  /** `day`: a Day-N label; `t`: a T-minus/T-plus label; `anchor`: measured from a named event; `elapsed`: `after N`. */
  axis: 'day' | 't' | 'anchor' | 'elapsed';
  /**
   * An escalation ladder (grammar/escalation.ts): `no reply after 3 weeks since the request; after 5 weeks, …`.
   * Every rung counts from the same event (the anchor); the first rung is `offset`.
   */
  escalation?: EscalationLadder;
}

export interface EscalationLadder {
  /** What did not happen, as written (`no reply`). */
  condition?: string;
  rungs: { offset: Duration; range: Range }[];
}

/** `Days 0-30`, `Days 31-90`, `Weeks 5-12`, `Month 2-3`, `(0-24 Hours)`, `Days -7 to 0`, `Week 3`. */
export interface WindowTiming extends TimingBase {
  kind: 'window';
  unit: 'hours' | 'days' | 'weeks' | 'months';
  from: number;
  to: number;
  /** Range of the numbers (`0-30`). */
  numbersRange: Range;
  /** `Post-Go-Live Support (Days 1-30)`: the window counts from this event instead of the start. */
  anchor?: Anchor;
}

/** `30-Day Check-In`, `90-day review`, `30/60/90`. */
export interface MilestoneTiming extends TimingBase {
  kind: 'milestone';
  offsets: number[];
  unit: 'days' | 'weeks' | 'months';
  /** What happens at the milestone, as written (`Check-In`). */
  noun?: string;
  offsetsRange: Range;
}

/** `1-2 business days`, `60 minutes`, `1 hour meeting + follow-ups`, `2-3 sessions over 1 week`, `~2 weeks`. */
export interface DurationTiming extends TimingBase {
  kind: 'duration';
  duration: Duration;
  /** `2-3 sessions over 1 week`. */
  sessions?: { min: number; max: number; noun: string };
  /** What the duration measures, as written (`meeting`). */
  noun?: string;
  /** Text after `+` (`follow-ups`): more work of unstated length. */
  extra?: string;
}

export type RelationKind =
  | 'during'
  | 'after'
  | 'before'
  | 'at'
  | 'on'
  | 'upon'
  | 'by'
  | 'by-end-of'
  | 'until'
  | 'same-day'
  | 'immediately';

/** `During the kickoff meeting`, `Immediately after contract signing`, `Once X is complete`, `upon X`, `ASAP`. */
export interface RelationTiming extends TimingBase {
  kind: 'relation';
  relation: RelationKind;
  /** `immediately`, `right after`, `as soon as`, `same day`. */
  immediate: boolean;
  anchor?: Anchor;
}

/** `Weekly`, `bi-weekly`, `quarterly`, `every 30 minutes`, `once a week`, `three to five times a week`. */
export interface CadenceTiming extends TimingBase {
  kind: 'cadence';
  every: { n: number; unit: DurationUnit };
  /** `three to five times a week`: occurrences per period. */
  times?: { min: number; max: number };
  /** `Weekly Check-Ins (Weeks 5-12)`: when the recurrence runs. */
  window?: WindowTiming;
}

/** `Ongoing`, `as needed`, `TBD`, `periodically`, `continuous`. */
export interface OngoingTiming extends TimingBase {
  kind: 'ongoing';
  mode: 'ongoing' | 'as-needed' | 'tbd' | 'periodic' | 'continuous';
  /** `every extraction day`, `each sprint`: the event the work recurs with (periodic, not on a clock). */
  each?: Anchor;
}

/** `After step 1 and within 1 working day`, `After step 3 or 6`, `If … within 10 working days, move to step 4`. */
export interface StepAnchorTiming extends TimingBase {
  kind: 'step-anchor';
  steps: { number: number; range: Range }[];
  /** `all`: after every listed step; `any`: after whichever comes first; `goto`: control moves to the step. */
  mode: 'all' | 'any' | 'goto';
  /** The timing that follows the step reference (`within 1 working day`). */
  then?: Timing;
  /** For `goto`: the condition that sends control there. */
  condition?: Timing;
}

/** `2024-10-04`, `Jan 11, 2021`, and placeholders such as `YYYY-MM-DD`, `[DATE]`, `{{release_date}}`. */
export interface DateTiming extends TimingBase {
  kind: 'date';
  /** YYYY-MM-DD when the date is real. */
  date?: string;
  placeholder?: string;
  /**
   * A day or part of a month written without a year (`March 3`, `3rd of March`, `early March`): 1-12. No year is
   * assumed, so the date is shown but not pinned on the schedule.
   */
  month?: number;
  /** The day of `month`, when one is given. */
  day?: number;
  /** `early March`, `mid-March`, `late March`. */
  part?: 'early' | 'mid' | 'late';
}

/** `9:00 AM`, `4pm UTC`, `17:30`, `EOD`. */
export interface ClockTiming extends TimingBase {
  kind: 'clock';
  /** HH:MM, 24-hour; absent for labels without a time (`EOD`). */
  time?: string;
  zone?: string;
  label?: 'end-of-day' | 'close-of-business' | 'end-of-week' | 'noon' | 'midnight';
}

/** `(Monday)`, `Friday the week before`, `non-Friday weekday`, `first business day on or before the 16th`. */
export interface CalendarTiming extends TimingBase {
  kind: 'calendar';
  /** 0 = Sunday … 6 = Saturday. */
  weekday?: number;
  /** `non-Friday`. */
  negated?: boolean;
  dayOfMonth?: number;
  /** How the day relates to `dayOfMonth` / the anchor. */
  relation?: 'on-or-before' | 'on-or-after' | 'before' | 'after';
  which?: 'first' | 'last';
  unit?: DurationUnit;
  /** `the week before`: how far from the anchor. */
  period?: 'day' | 'week' | 'month' | 'quarter';
  anchor?: Anchor;
  /**
   * Weekday plans (grammar/weekday.ts): `by Wednesday` is a deadline on that day rather than the day itself;
   * `weeks` moves the week (`Friday the week before` is -1); `weekNumber` names the plan's week (`Tuesday of week
   * 3`). The week is the anchor's (`of release week`, `the week before the release`), else the plan's release week.
   */
  by?: boolean;
  weeks?: number;
  weekNumber?: number;
}

/**
 * `first week`, `first 90 days`, `next 12 months`, `the week before the release`, `the following week`,
 * `the week of X`, `end of the quarter`.
 */
export interface PeriodTiming extends TimingBase {
  kind: 'period';
  which: 'first' | 'next' | 'last' | 'following' | 'previous' | 'before' | 'after' | 'of' | 'end-of';
  length: Duration;
  anchor?: Anchor;
}

export interface UnparsedTiming extends TimingBase {
  kind: 'unparsed';
  reason: string;
  /** The words the reason is about (the unknown unit, the missing anchor). */
  reasonRange: Range;
  /** Those words as written. */
  reasonText?: string;
}

export type Timing =
  | DeadlineTiming
  | OffsetTiming
  | WindowTiming
  | MilestoneTiming
  | DurationTiming
  | RelationTiming
  | CadenceTiming
  | OngoingTiming
  | StepAnchorTiming
  | DateTiming
  | ClockTiming
  | CalendarTiming
  | PeriodTiming
  | UnparsedTiming;

export type TimingKind = Timing['kind'];
