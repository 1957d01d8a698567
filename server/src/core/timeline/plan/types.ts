/**
 * The schedule's public shapes (what buildTimeline returns and takes) and the working state the passes share.
 * Every module of plan/ imports from here; schedule.ts re-exports the public part.
 */
import type { ResolvedConfig } from '../../config';
import type { Range, SopDocument, Step, TimingText } from '../../model';
import type { BusinessAxis } from '../axis';
import type { BusinessCalendar, CalendarProblem, IsoDate } from '../calendar';
import type { Candidates, Reference } from '../resolve';
import type { Duration, Timing } from '../types';

export type TimelineRuleId = 'timeline-conflict' | 'dependency-cycle' | 'unresolved-reference' | 'unparsed-timing' | 'duration-mismatch' | 'target-missed';

export interface TimelineIssue {
  rule: TimelineRuleId;
  message: string;
  range: Range;
  /** Other places that explain the issue (the step depended on, the steps of a cycle). */
  related: { range: Range; message: string }[];
  /** Labels of the steps involved (`4. Kickoff Meeting`). */
  steps: string[];
  /** `info` for phrases that are merely not understood. */
  severity?: 'info';
  data?: Record<string, unknown>;
}

/**
 * `countdown`: a T-minus step (`T-2 weeks`, `D-3`) is placed counting back from the step it counts down to; it
 * needs that step's date, not its finish, so it orders the computation without making one wait for the other.
 */
export type DependencyKind = 'timing' | 'depends-on' | 'sequence' | 'milestone-order' | 'during' | 'countdown';

export interface TimelineDependency {
  /** Index into Timeline.steps. */
  on: number;
  kind: DependencyKind;
  /** Where the dependency is stated (the anchor, the `Depends on` value); absent for implied ones. */
  range?: Range;
}

export interface DateSpan {
  start: IsoDate;
  finish: IsoDate;
}

export interface ParsedTiming {
  text: TimingText;
  value: Timing;
  /** What each anchor of this timing resolved to (undefined when unresolved). */
  reference?: Reference;
}

export interface TimelineStep {
  index: number;
  step: Step;
  /** `4. Kickoff Meeting`, or the title for unnumbered steps. */
  label: string;
  number?: number;
  title: string;
  owners: string[];
  /** Index of the parent step (stages and their blocks). */
  parent?: number;
  timings: ParsedTiming[];
  dependsOn: TimelineDependency[];
  /** False when a customer condition drops the step (`Configure SSO if enterprise tier` for a standard customer). */
  included: boolean;
  excludedBecause?: string;
  /** Customer conditions on parts of the step that do not apply (the step is kept). */
  droppedConditions: string[];
  /** False for steps with no schedulable timing (ongoing, cadence only, none). */
  scheduled: boolean;
  unscheduledReason?: string;
  /** A parent without timing of its own: it spans its sub-steps. */
  summary: boolean;
  earliest?: DateSpan;
  latest?: DateSpan;
  p50?: IsoDate;
  p90?: IsoDate;
  /**
   * Business days between earliest and latest start, both on the shortest durations; never negative (a deadline
   * that cannot be met even then is a timeline-conflict finding).
   */
  slack?: number;
  /** Zero slack: slipping moves a deadline or the plan's earliest finish. */
  critical: boolean;
  /** Takes no time: no stated length, no window (a check-in, a send-off). Drawn as a diamond. */
  milestone?: boolean;
  /** The step's own deadline from its timing phrase (absent when it states none). */
  due?: IsoDate;
  /** Makes its deadlines with the shortest durations but misses one with the longest (see p90). */
  atRisk?: boolean;
  /** Axis positions (business days from the start), for renderers and hovers. */
  pos?: { es: number; ef: number; efMax: number; ls: number; lf: number };
}

/** `weekly status email`, `every 15 minutes`: recurring work, drawn as repeating markers rather than a bar. */
export interface TimelineCadence {
  /** Index into Timeline.steps. */
  step: number;
  title: string;
  /** `15 minutes`, `1 week`, `2 weeks`, `1 month`. */
  every: string;
  /** `three times a week`: occurrences per period (`3`, `3-5`). */
  times?: string;
  owners: string[];
  /** 1-based line of the phrase. */
  line: number;
  /** When the recurrence runs, if stated (`Weekly check-ins (Weeks 5-12)`). */
  from?: IsoDate;
  to?: IsoDate;
}

export interface Customer {
  id?: string;
  name?: string;
  uri?: string;
  contractSigned?: IsoDate;
  /** Holiday code from the customer's region (`US`, `DE-BY`). */
  region?: string;
  tier?: string;
  data: Record<string, unknown>;
}

export interface Timeline {
  uri: string;
  title: string;
  start: IsoDate;
  calendar: string;
  calendarProblems: CalendarProblem[];
  customer?: Customer;
  steps: TimelineStep[];
  /** Recurring work (cadences), in document order. */
  cadences: TimelineCadence[];
  issues: TimelineIssue[];
  /** No dates at all when nothing can be scheduled; `unscheduled` then says why (never an invalid date). */
  finish: { earliest?: IsoDate; latest?: IsoDate; p50?: IsoDate; p90?: IsoDate; unscheduled?: string };
  runs: number;
  seed: number;
}

export interface TimelineOptions {
  /** Day 0. Default: the customer's contract date, `timeline.start` in the config, then `today`. */
  start?: IsoDate;
  /** Today's date as the caller sees it (YYYY-MM-DD); the default start. */
  today?: IsoDate;
  config?: ResolvedConfig;
  /** A ready calendar; otherwise built from the config, `holidays` and the customer's region. */
  calendar?: BusinessCalendar;
  holidays?: string;
  customer?: Customer;
  /** Monte Carlo runs (0 skips the simulation: the lint rules do not need it). */
  runs?: number;
  seed?: number;
  /**
   * False computes everything afresh: no memoised phrases, no shared business-day axis, no reference index.
   * The result is the same either way (the tests hold the two paths to that); this is for those tests.
   */
  caches?: boolean;
}

// ---- working state of one build (internal to plan/) --------------------------------------------------------

export interface Constraint {
  ref: Reference;
  range: Range;
}

/** A start pinned to a day: an offset (Day N, 90 days before renewal, 3 weeks after the request). */
export interface Pin {
  ref: Reference;
  offset: Duration;
  direction: 'before' | 'after';
  range: Range;
  atLeast: boolean;
  /** Counted back: the day is the latest it may be (a 30-day check-in on a Sunday moves to the Friday before). */
  rollBack?: boolean;
  /** The day the offset counts from when not the start (a Day label under a Week heading, a weekday of a release week). */
  baseDay?: number;
  /** A weekday plan: the day is that weekday of the calendar week the reference falls in (weekdays.ts). */
  weekday?: WeekdaySpec;
}

/** `Wednesday`, `Friday the week before`: 0 = Sunday … 6 = Saturday; `weeks` moves the week. */
export interface WeekdaySpec {
  day: number;
  weeks: number;
}

/** A deadline: `within N of X`, `by X`, `by Wednesday` (of the week X falls in, or of the week of `baseDay`). */
export interface DeadlineConstraint {
  ref: Reference;
  within: Duration;
  range: Range;
  weekday?: WeekdaySpec;
  baseDay?: number;
}

/** What a step's timings say, gathered before any date is worked out. */
export interface Node {
  t: TimelineStep;
  work?: Duration;
  workExtra: boolean;
  pin?: Pin;
  window?: { fromDay: number; toDay: number; range: Range; timing: Timing };
  deadlines: DeadlineConstraint[];
  afterRefs: (Constraint & { immediate: boolean })[];
  beforeRefs: Constraint[];
  duringRef?: Constraint;
  /** An escalation ladder within the step: it runs through its last rung's day. */
  lastRung?: Pin;
}

/** Everything the passes share: the document, its calendar, the steps and what their timings say. */
export interface Plan {
  doc: SopDocument;
  config: ResolvedConfig;
  customer?: Customer;
  start: IsoDate;
  calendar: BusinessCalendar;
  calendarProblems: CalendarProblem[];
  axis: BusinessAxis;
  runs: number;
  seed: number;
  caches: boolean;
  issues: TimelineIssue[];
  steps: TimelineStep[];
  nodes: Node[];
  cadences: TimelineCadence[];
  candidates: Candidates;
  /** Step number → index of the top-level step with that number. */
  stepNumbers: Map<number, number>;
  /** Day number of day 0. */
  dayOfStart: number;
  /** Day number of the renewal (start plus the contract term). */
  renewalDay: number;
}

/** The dependency graph once cycles are cut: the steps to schedule, in dependency order. */
export interface Graph {
  n: number;
  order: number[];
  /** Included, scheduled steps in dependency order. */
  active: number[];
  /** A step's dependencies that count (loops cut, dropped steps left out). */
  edgesOf: (i: number) => TimelineDependency[];
}

/** Earliest start and finish of every step in one forward pass (axis positions). */
export interface Forward {
  es: Float64Array;
  ef: Float64Array;
}

/** How a pass picks a value from a range: the shortest, the longest, or a draw. */
export type Pick = 'min' | 'max' | (() => number);

/** Each step's deadlines as axis positions (Infinity where a step states none). */
export interface Deadlines {
  /** The step's own deadline, counted from X's latest finish. */
  own: Float64Array;
  ownRange: (Range | undefined)[];
  /** Deadlines as the schedule with the shortest durations sees them (conflicts). */
  inMin: Float64Array;
  rangeMin: (Range | undefined)[];
  refMin: (Reference | undefined)[];
}

export const EPS = 1e-6;
/** Even a step with no stated length happens on some day: a sliver of work keeps it inside that day. */
export const MIN_WORK = 1e-3;

export function stepLabel(s: Step): string {
  return s.number !== undefined ? `${s.number}. ${s.title}` : s.title;
}

/**
 * Work done by the passes (edges relaxed, steps placed): the growth tests count this, not seconds, to hold the
 * scheduler near-linear.
 */
export const scheduleWork = { count: 0 };
