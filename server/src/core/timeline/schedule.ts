/**
 * The schedule of one SOP: which step depends on what, when each step can happen (earliest, latest, P50/P90),
 * what is critical, and what does not add up (the timing rules' findings).
 *
 * Pipeline: model steps → parsed timings (phrases.ts) → references resolved (resolve.ts) → dependency graph
 * (timing anchors, `Depends on`, document order for steps with a duration, the configured milestone order) →
 * cycles reported and cut → forward pass (min and max durations), backward pass with deadlines, classic CPM for
 * the critical path → seeded Monte Carlo → dates through the business-day axis (axis.ts).
 */
import { defaultConfig, type ResolvedConfig } from '../config';
import { allSteps, comparePositions, rangeContains, type Located, type Range, type SopDocument, type Step, type TimingText } from '../model';
import type { IndexEntry } from '../workspace';
import { BusinessAxis, businessAxisFor, clearAxisCache } from './axis';
import { addMonths, createCalendar, fromDayNumber, parseIsoDate, toDayNumber, type BusinessCalendar, type CalendarProblem, type IsoDate } from './calendar';
import { clearPhraseCache, parseDuration, parseTiming, parseTimingMemo, parseTimingText } from './phrases';
import { BUILTIN_TRIGGERS, eventStems, indexCandidates, resolveAnchor, type Candidate, type Candidates, type Reference } from './resolve';
import type { Anchor, Duration, Timing } from './types';

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

/** Empties the memo of parsed phrases and the shared business-day axes. */
export function clearTimelineCaches(): void {
  clearPhraseCache();
  clearAxisCache();
}

/**
 * Work done by the passes (edges relaxed, steps placed): the growth tests count this, not seconds, to hold the
 * scheduler near-linear.
 */
export const scheduleWork = { count: 0 };

const EPS = 1e-6;
/** Simulation runs for checking a document's own targets when the caller asked for none (lint). */
const TARGET_RUNS = 200;
const MIN_WORK = 1e-3;

// ---- customers -----------------------------------------------------------------------------------------------

function stringField(data: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = data[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  }
  return undefined;
}

/** Reads a customer document's frontmatter (`type: customer`, `contract_signed`, `region`, `tier`). */
export function customerFromData(data: Record<string, unknown>, uri?: string): Customer {
  const c: Customer = { data };
  const id = stringField(data, 'id');
  if (id) c.id = id;
  const name = stringField(data, 'title', 'name', 'company');
  if (name) c.name = name;
  if (uri) c.uri = uri;
  const signed = stringField(data, 'contract_signed', 'contract_date', 'start_date', 'start');
  const iso = signed ? parseIsoDate(signed.slice(0, 10)) : undefined;
  if (iso) c.contractSigned = iso;
  const region = stringField(data, 'region', 'holidays', 'country');
  if (region) c.region = region;
  const tier = stringField(data, 'tier', 'plan');
  if (tier) c.tier = tier;
  return c;
}

/** The customer document with this id among indexed documents. */
export function findCustomer(entries: Iterable<IndexEntry>, id: string): Customer | undefined {
  for (const e of entries) {
    if (e.id === id && e.data) return customerFromData(e.data, e.uri);
  }
  return undefined;
}

/** Whether a condition such as `if enterprise tier` holds for the customer; undefined when it cannot tell. */
export function conditionHolds(condition: string, customer: Customer): boolean | undefined {
  const text = condition.toLowerCase();
  const tier = customer.tier?.toLowerCase();
  const m = /([a-z][a-z0-9-]*)\s+(?:tier|plan|edition|customers?|subscription)\b/.exec(text);
  if (!m) return undefined;
  const wanted = m[1]!;
  if (['the', 'a', 'an', 'any', 'all', 'this'].includes(wanted)) return undefined;
  if (tier === undefined) return undefined;
  const negated = /\b(?:not|non)\b/.test(text.slice(0, m.index));
  const holds = tier === wanted || tier.split(/[\s_-]+/).includes(wanted);
  return negated ? !holds : holds;
}

// ---- building the graph --------------------------------------------------------------------------------------

interface Constraint {
  ref: Reference;
  range: Range;
}

interface Node {
  t: TimelineStep;
  work?: Duration;
  workExtra: boolean;
  /** Pinned start: an offset (Day N, 90 days before renewal). */
  /** `baseDay`: the day the offset counts from when not the start (a Day label under a Week heading). */
  pin?: { ref: Reference; offset: Duration; direction: 'before' | 'after'; range: Range; atLeast: boolean; rollBack?: boolean; baseDay?: number };
  window?: { fromDay: number; toDay: number; range: Range; timing: Timing };
  deadlines: { ref: Reference; within: Duration; range: Range }[];
  afterRefs: (Constraint & { immediate: boolean })[];
  beforeRefs: Constraint[];
  duringRef?: Constraint;
}

function stepLabel(s: Step): string {
  return s.number !== undefined ? `${s.number}. ${s.title}` : s.title;
}

/** Low and high values a duration can take; the Monte Carlo draws between them. */
function durationSpan(d: Duration): [number, number] {
  let lo = d.min;
  let hi = d.max;
  if (d.approximate) {
    lo *= 0.8;
    hi *= 1.25;
  }
  if (d.bound === 'at-least') hi = Math.max(hi * 1.5, lo);
  if (d.bound === 'up-to' && lo === hi) lo = hi / 2;
  return [lo, hi];
}

type Pick = 'min' | 'max' | (() => number);

function pickValue(d: Duration, pick: Pick): number {
  const [lo, hi] = durationSpan(d);
  if (pick === 'min') return lo;
  if (pick === 'max') return hi;
  return lo + (hi - lo) * pick();
}

/**
 * The days a window covers. `dayBase` is 1 when the document's first day is `Day 1` (Days 1-30 are the start and
 * the 29 days after it), 0 when it counts from `Day 0` (Days 0-30 include 31 days).
 */
function windowDays(w: Extract<Timing, { kind: 'window' }>, startDay: number, dayBase = 0): [number, number] {
  switch (w.unit) {
    case 'days': {
      // Negative days count back from the start either way (`Days -10 to -1` are the ten days before it).
      const at = (n: number) => startDay + (n > 0 ? n - dayBase : n);
      return [at(w.from), at(w.to)];
    }
    case 'hours':
      return [startDay + Math.floor(w.from / 24), startDay + Math.max(Math.floor(w.from / 24), Math.ceil(w.to / 24) - 1)];
    case 'weeks': {
      // Week 1 is days 0-6, week N days 7(N-1)…7N-1; week 0 and negative weeks count back from day 0.
      const first = (n: number) => (n >= 1 ? 7 * (n - 1) : 7 * n);
      return [startDay + first(w.from), startDay + first(w.to) + 6];
    }
    case 'months': {
      const at = (n: number) => toDayNumber(addMonths(fromDayNumber(startDay), n));
      const from = w.from >= 1 ? w.from - 1 : w.from;
      const to = w.to >= 1 ? w.to : w.to + 1;
      return [at(from), at(to) - 1];
    }
  }
}

// ---- main entry ------------------------------------------------------------------------------------------------

/**
 * Builds the timeline of a document. Pure: no file system, no clock (pass `today`). Never throws on
 * document content; whatever does not add up becomes an issue with a range.
 */
export function buildTimeline(doc: SopDocument, options: TimelineOptions = {}): Timeline {
  const config = options.config ?? defaultConfig();
  const customer = options.customer;
  const start =
    parseIsoDate(options.start ?? '') ??
    customer?.contractSigned ??
    parseIsoDate(config.timeline.start ?? '') ??
    parseIsoDate(options.today ?? '') ??
    '1970-01-01';
  let calendar = options.calendar;
  let calendarProblems: CalendarProblem[] = [];
  if (!calendar) {
    const holidays = options.holidays ?? customer?.region ?? config.calendar.holidays;
    const built = createCalendar({ workweek: config.calendar.workweek, closed: config.calendar.closed, ...(holidays ? { holidays } : {}) });
    calendar = built.calendar;
    calendarProblems = built.problems;
  }
  const caches = options.caches !== false;
  const axis = caches ? businessAxisFor(calendar, start) : new BusinessAxis(calendar, start);
  const runs = Math.max(0, Math.floor(options.runs ?? config.timeline.runs));
  const seed = Math.floor(options.seed ?? config.timeline.seed);

  const issues: TimelineIssue[] = [];
  const modelSteps = allSteps(doc);
  const indexOf = new Map<Step, number>();
  modelSteps.forEach((s, i) => indexOf.set(s, i));
  const parentOf = new Map<number, number>();
  for (const s of modelSteps) for (const sub of s.substeps) parentOf.set(indexOf.get(sub)!, indexOf.get(s)!);

  const steps: TimelineStep[] = modelSteps.map((s, index) => {
    const t: TimelineStep = {
      index,
      step: s,
      label: stepLabel(s),
      title: s.title,
      owners: s.owners.map((o) => o.name),
      // Timing found in prose (source `inline`) is on the model and checked by unparsed-timing, not scheduled yet.
      timings: s.timing.filter((text) => text.source !== 'inline').map((text) => ({ text, value: caches ? parseTimingText(text) : parseTiming(text.text, text.range, text.source) })),
      dependsOn: [],
      included: true,
      droppedConditions: [],
      scheduled: false,
      summary: false,
      critical: false,
    };
    if (s.number !== undefined) t.number = s.number;
    const parent = parentOf.get(index);
    if (parent !== undefined) t.parent = parent;
    return t;
  });

  // Customer conditions: a condition on the step itself drops it; one on an action only drops that action.
  for (const t of steps) {
    for (const c of t.step.conditions) {
      const holds = customer ? conditionHolds(c.value, customer) : undefined;
      if (holds !== false) continue;
      const onStep = rangeContains(t.step.headingRange, c.range) || t.step.fields.some((f) => f.label === 'condition' && rangeContains(f.valueRange, c.range));
      if (onStep) {
        t.included = false;
        t.excludedBecause = `${c.value} (customer tier: ${customer?.tier ?? 'unknown'})`;
      } else t.droppedConditions.push(c.value);
    }
    if (t.parent !== undefined && !steps[t.parent]!.included) {
      t.included = false;
      t.excludedBecause ??= `its parent ${steps[t.parent]!.label} is dropped`;
    }
  }

  // Candidates for reference resolution.
  const stepNumbers = new Map<number, number>();
  for (const t of steps) if (t.number !== undefined && t.parent === undefined && !stepNumbers.has(t.number)) stepNumbers.set(t.number, t.index);
  const stepCandidates: Candidate[] = steps
    .filter((t) => t.included)
    .map((t) => ({ ref: { kind: 'step', index: t.index }, label: t.label, stems: eventStems(t.title), stepIndex: t.index }));
  const triggerTexts = [...BUILTIN_TRIGGERS, ...config.timeline.triggers, ...doc.triggers.map((x) => x.value)];
  const triggerCandidates: Candidate[] = triggerTexts.map((text) => ({ ref: { kind: 'trigger', text }, label: text, stems: eventStems(text) }));
  const processStems = eventStems(doc.meta.title?.value ?? '').filter((s) => !['standard', 'operat', 'sop'].includes(s));
  const plainCandidates: Candidates = { steps: stepCandidates, triggers: triggerCandidates, processStems, stepNumbers };
  const candidates = caches ? indexCandidates(plainCandidates) : plainCandidates;

  const excludeFor = (i: number): Set<number> => {
    const ex = new Set<number>([i]);
    for (let p = steps[i]!.parent; p !== undefined; p = steps[p]!.parent) ex.add(p);
    return ex;
  };

  const resolve = (i: number, anchor: Anchor | undefined, timing: ParsedTiming): Reference | undefined => {
    if (!anchor) return { kind: 'trigger', text: 'start' };
    const r = resolveAnchor(anchor.text, candidates, excludeFor(i));
    if (r.ref) {
      timing.reference = r.ref;
      return r.ref;
    }
    const t = steps[i]!;
    issues.push({
      rule: 'unresolved-reference',
      message: `"${anchor.text}" in ${t.label} matches no step, trigger event or milestone${r.suggestion ? `; did you mean "${r.suggestion}"?` : ''}`,
      range: anchor.range,
      related: [],
      steps: [t.label],
      data: r.suggestion ? { suggestion: r.suggestion, anchor: anchor.text } : { anchor: anchor.text },
    });
    return undefined;
  };

  // ---- relative scales (one convention, docs/timeline.md "Relative scales") ----
  const dayBase = documentDayBase(steps);
  const nodesEarly: Node[] = [];
  /** The week a step sits in, from the nearest parent with a window in weeks (a `Week 4` heading). */
  const enclosingWeek = (i: number): number | undefined => {
    for (let p = steps[i]!.parent; p !== undefined; p = steps[p]!.parent) {
      const w = nodesEarly[p]?.window;
      if (w?.timing.kind === 'window' && w.timing.unit === 'weeks') return w.fromDay;
      if (w || nodesEarly[p]?.pin) return undefined;
    }
    return undefined;
  };
  /** `Day N`: under a Week heading the Nth day of that week; else N days after Day 0 (or the start when the document counts from Day 1). */
  const dayLabelPin = (i: number, offset: Duration, range: Range): NonNullable<Node['pin']> => {
    const week = enclosingWeek(i);
    const shift = week !== undefined ? 1 : dayBase;
    const before = offset.min - shift < 0;
    const n = (x: number) => Math.abs(x - shift);
    const o: Duration = { ...offset, min: n(before ? offset.max : offset.min), max: n(before ? offset.min : offset.max) };
    return { ref: { kind: 'trigger', text: 'start' }, offset: o, direction: before ? 'before' : 'after', range, atLeast: offset.bound === 'at-least', ...(week !== undefined ? { baseDay: week } : {}) };
  };
  /** `Weeks 1-3 after go-live`: starts on the named step's day plus the window's first offset, lasts the window. */
  const anchoredWindow = (node: Node, ref: Reference, v: Extract<Timing, { kind: 'window' }>) => {
    const [from, to] = windowDays(v, 0, 0);
    const span = (unit: number) => ({ unit: 'days' as const, business: false, approximate: false, bound: 'exact' as const, text: v.text, range: v.range, min: unit, max: unit });
    node.pin = { ref, offset: span(Math.max(0, from)), direction: 'after', range: v.range, atLeast: false };
    node.work = span(Math.max(1, to - Math.max(0, from) + 1));
  };
  /** The step T-minus labels count down to: the go-live, launch, release or cutover, when the document has one. */
  const countdownTarget = findCountdownTarget(steps, candidates);

  // Per-step constraints from the parsed timings.
  const cadences: TimelineCadence[] = [];
  const nodes: Node[] = steps.map((t) => ({ t, workExtra: false, deadlines: [], afterRefs: [], beforeRefs: [] }));
  nodesEarly.push(...nodes);
  const dayOfStart = axis.startDay;
  for (const node of nodes) {
    const t = node.t;
    if (!t.included) continue;
    const i = t.index;
    for (const pt of t.timings) {
      const v = pt.value;
      switch (v.kind) {
        case 'unparsed':
          issues.push({ rule: 'unparsed-timing', message: `timing "${v.text}" of ${t.label} is not understood: ${v.reason}`, range: v.range, related: [], steps: [t.label], severity: 'info', data: { reason: v.reason } });
          break;
        case 'duration':
          node.work = v.duration;
          if (v.extra) node.workExtra = true;
          break;
        case 'deadline': {
          const ref = resolve(i, v.anchor, pt);
          if (ref) {
            node.deadlines.push({ ref, within: v.within, range: v.range });
            node.afterRefs.push({ ref, immediate: false, range: v.anchor?.range ?? v.range });
          }
          break;
        }
        case 'offset': {
          if (!v.anchor && v.axis === 'day' && v.direction === 'after') {
            node.pin = dayLabelPin(i, v.offset, v.range);
            break;
          }
          const countdown = !v.anchor && v.axis === 't' && v.direction === 'before' && countdownTarget !== undefined && countdownTarget !== i ? countdownTarget : undefined;
          const ref: Reference | undefined =
            countdown !== undefined ? { kind: 'step', index: countdown } : v.axis === 'day' || v.axis === 't' || v.axis === 'elapsed' ? (v.anchor ? resolve(i, v.anchor, pt) : { kind: 'trigger' as const, text: 'start' }) : resolve(i, v.anchor, pt);
          if (ref) {
            if (v.offset.bound === 'at-least' && v.direction === 'before') node.beforeRefs.push({ ref, range: v.range });
            else node.pin = { ref, offset: v.offset, direction: v.direction, range: v.range, atLeast: v.offset.bound === 'at-least' };
          }
          break;
        }
        case 'milestone': {
          if (v.offsets.length === 1) {
            const unit = v.unit === 'weeks' ? 'weeks' : v.unit === 'months' ? 'months' : 'days';
            node.pin = {
              ref: { kind: 'trigger', text: 'start' },
              offset: { min: v.offsets[0]!, max: v.offsets[0]!, unit, business: false, approximate: false, bound: 'exact', text: v.text, range: v.offsetsRange },
              direction: 'after',
              range: v.range,
              atLeast: false,
              // "30-day check-in" means by day 30: a weekend day 30 moves to the Friday before.
              rollBack: true,
            };
          }
          break;
        }
        case 'window': {
          let base = dayOfStart;
          if (v.anchor) {
            const ref = resolve(i, v.anchor, pt);
            if (ref && ref.kind === 'milestone') base = toDayNumber(addMonths(start, config.timeline.contractTermMonths));
            if (ref?.kind === 'step') {
              anchoredWindow(node, ref, v);
              break;
            }
          }
          const [fromDay, toDay] = windowDays(v, base, v.anchor ? 0 : dayBase);
          node.window = { fromDay, toDay, range: v.range, timing: v };
          break;
        }
        case 'cadence': {
          // Recurring work is a marker that repeats, not a step that finishes: it is listed, not scheduled.
          const cadence: TimelineCadence = { step: i, title: t.title, every: everyText(v.every), owners: t.owners, line: v.range.start.line + 1 };
          if (v.times) cadence.times = v.times.min === v.times.max ? String(v.times.min) : `${v.times.min}-${v.times.max}`;
          if (v.window) {
            const [fromDay, toDay] = windowDays(v.window, dayOfStart);
            cadence.from = fromDayNumber(fromDay);
            cadence.to = fromDayNumber(toDay);
          }
          cadences.push(cadence);
          break;
        }
        case 'relation': {
          if (v.relation === 'immediately' || (v.relation === 'same-day' && !v.anchor)) break;
          const ref = resolve(i, v.anchor, pt);
          if (!ref) break;
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
          break;
        }
        case 'step-anchor': {
          if (v.mode === 'goto') break;
          for (const s of v.steps) {
            const index = stepNumbers.get(s.number);
            if (index === undefined || index === i) {
              issues.push({ rule: 'unresolved-reference', message: `${t.label} refers to step ${s.number}, which does not exist`, range: s.range, related: [], steps: [t.label], data: { anchor: `step ${s.number}` } });
              continue;
            }
            const ref: Reference = { kind: 'step', index };
            pt.reference = ref;
            node.afterRefs.push({ ref, immediate: false, range: s.range });
            if (v.then?.kind === 'deadline' && !v.then.anchor) node.deadlines.push({ ref, within: v.then.within, range: v.then.range });
            if (v.mode === 'any') break; // "after step 3 or 6": the first listed stands for either
          }
          break;
        }
        case 'date':
          if (v.date) {
            node.pin = {
              ref: { kind: 'trigger', text: 'start' },
              offset: { min: toDayNumber(v.date) - dayOfStart, max: toDayNumber(v.date) - dayOfStart, unit: 'days', business: false, approximate: false, bound: 'exact', text: v.text, range: v.range },
              direction: 'after',
              range: v.range,
              atLeast: false,
            };
          }
          break;
        default:
          break;
      }
    }
    for (const dep of t.step.dependsOn) {
      const r = resolveAnchor(dep.value, candidates, excludeFor(i));
      if (r.ref?.kind === 'step') t.dependsOn.push({ on: r.ref.index, kind: 'depends-on', range: dep.range });
      // `Depends on` names a step, so only steps are worth suggesting.
      else if (!r.ref) unresolvedDependsOn(issues, t, dep, resolveAnchor(dep.value, { ...candidates, triggers: [] }, excludeFor(i)).suggestion);
    }
    // A step named for recurring work (`Weekly Check-Ins`, `Monthly Business Review`) with nothing that makes it
    // finish is a cadence: its window, if any, is when the recurrence runs.
    if (!node.work && !node.pin && !node.deadlines.length && !t.timings.some((x) => x.value.kind === 'cadence' || x.value.kind === 'duration')) {
      const named = parseTimingMemo(t.title, t.step.titleRange);
      if (named.kind === 'cadence') {
        const cadence: TimelineCadence = { step: i, title: t.title, every: everyText(named.every), owners: t.owners, line: t.step.titleRange.start.line + 1 };
        if (node.window) {
          cadence.from = fromDayNumber(node.window.fromDay);
          cadence.to = fromDayNumber(node.window.toDay);
          delete node.window;
        }
        cadences.push(cadence);
      }
    }
    const hasTiming = node.work || node.pin || node.window || node.deadlines.length || node.afterRefs.length || node.beforeRefs.length || node.duringRef || t.dependsOn.length;
    t.scheduled = Boolean(hasTiming);
    if (!t.scheduled) {
      const kinds = t.timings.map((x) => x.value.kind);
      const recurring = kinds.includes('cadence') || cadences[cadences.length - 1]?.step === i;
      t.unscheduledReason = kinds.includes('ongoing') ? 'ongoing' : recurring ? 'recurring' : kinds.length ? 'timing not schedulable' : 'no timing';
    }
  }

  // Parents without timing of their own span their scheduled sub-steps.
  for (const t of [...steps].reverse()) {
    if (!t.included || t.scheduled) continue;
    const kids = steps.filter((k) => k.parent === t.index && k.included && (k.scheduled || k.summary));
    if (kids.length && (t.unscheduledReason === 'no timing' || t.unscheduledReason === 'timing not schedulable')) {
      t.summary = true;
      delete t.unscheduledReason;
    }
  }

  // Step-to-step edges.
  for (const node of nodes) {
    const t = node.t;
    if (!t.included || !t.scheduled) continue;
    const add = (on: number, kind: DependencyKind, range?: Range) => {
      if (on === t.index || t.dependsOn.some((d) => d.on === on && d.kind === kind)) return;
      const dep: TimelineDependency = { on, kind };
      if (range) dep.range = range;
      t.dependsOn.push(dep);
    };
    for (const a of node.afterRefs) if (a.ref.kind === 'step') add(a.ref.index, 'timing', a.range);
    for (const d of node.deadlines) if (d.ref.kind === 'step') add(d.ref.index, 'timing', d.range);
    if (node.duringRef?.ref.kind === 'step') add(node.duringRef.ref.index, 'during', node.duringRef.range);
    if (node.pin?.ref.kind === 'step') add(node.pin.ref.index, node.pin.direction === 'before' ? 'countdown' : 'timing', node.pin.range);
    // Steps that take time run in document order: the previous scheduled sibling comes first.
    if (node.work && !node.pin && !node.window) {
      for (let k = t.index - 1; k >= 0; k--) {
        const prev = steps[k]!;
        if (prev.parent !== t.parent) continue;
        if (!prev.included || !(prev.scheduled || prev.summary)) continue;
        if (prev.summary) break;
        add(k, 'sequence');
        break;
      }
    }
  }
  // The configured milestone order, unless it would close a loop.
  for (const [before, after] of config.timeline.milestoneOrder) {
    const a = resolveAnchor(before, { ...candidates, triggers: [] }, new Set(), { suggest: false }).ref;
    const b = resolveAnchor(after, { ...candidates, triggers: [] }, new Set(), { suggest: false }).ref;
    if (a?.kind !== 'step' || b?.kind !== 'step' || a.index === b.index) continue;
    const tb = steps[b.index]!;
    if (!tb.scheduled || !steps[a.index]!.scheduled || !tb.included || !steps[a.index]!.included) continue;
    if (reaches(steps, a.index, b.index)) continue;
    if (!tb.dependsOn.some((d) => d.on === a.index)) tb.dependsOn.push({ on: a.index, kind: 'milestone-order' });
  }

  // Cycles: report every step of each loop, then cut the loop so the rest can be scheduled.
  const cut = new Set<string>();
  for (const scc of stronglyConnected(steps)) {
    const names = scc.map((i) => steps[i]!.label);
    const first = steps[scc[0]!]!;
    const inLoop = new Set(scc);
    const edgeRange = (i: number) => steps[i]!.dependsOn.find((d) => inLoop.has(d.on))?.range ?? steps[i]!.step.headingRange;
    issues.push({
      rule: 'dependency-cycle',
      message: `steps depend on each other in a loop: ${[...names, names[0]].join(' → ')}`,
      range: edgeRange(first.index),
      related: scc.slice(1).map((i) => ({ range: edgeRange(i), message: `${steps[i]!.label} is part of the loop` })),
      steps: names,
    });
    // Every loop has an edge from a step to a later one (a forward reference); cutting just those keeps the
    // document order of the rest, so the steps of the loop are still checked against each other.
    for (const i of scc) for (const d of steps[i]!.dependsOn) if (inLoop.has(d.on) && d.on >= i) cut.add(`${i}>${d.on}`);
  }
  // Nothing below changes the edges, so each step's list is worked out once.
  const edgeLists: (TimelineDependency[] | undefined)[] = new Array(steps.length).fill(undefined);
  const edgesOf = (i: number): TimelineDependency[] =>
    (edgeLists[i] ??= steps[i]!.dependsOn.filter((d) => !cut.has(`${i}>${d.on}`) && steps[d.on]!.included && (steps[d.on]!.scheduled || steps[d.on]!.summary)));
  const order = topoOrder(steps, edgesOf);

  // ---- passes ------------------------------------------------------------------------------------------------
  const renewalDay = toDayNumber(addMonths(start, config.timeline.contractTermMonths));
  const active = order.filter((i) => steps[i]!.included && steps[i]!.scheduled);
  const n = steps.length;

  interface Forward {
    es: Float64Array;
    ef: Float64Array;
  }

  const refFinish = (ref: Reference, fw: Forward): number => {
    if (ref.kind === 'step') return fw.ef[ref.index]!;
    if (ref.kind === 'milestone') return axis.startPosOfDay(renewalDay);
    return 0;
  };
  const refDay = (ref: Reference, pos: number, startPos: number): number => {
    if (ref.kind === 'milestone') return renewalDay;
    if (ref.kind !== 'step') return dayOfStart;
    return axis.finishDayOf(pos, startPos);
  };
  const pinStart = (node: Node, fw: Forward, pick: Pick): number => {
    const pin = node.pin!;
    const ref = pin.ref;
    const baseDay = ref.kind === 'step' ? axis.finishDayOf(fw.ef[ref.index]!, fw.es[ref.index]!) : ref.kind === 'milestone' ? renewalDay : (pin.baseDay ?? dayOfStart);
    const day = axis.shiftDay(baseDay, pin.offset, pickValue(pin.offset, pick), pin.direction);
    return pin.direction === 'before' || pin.rollBack ? axis.endPosOfDay(day) - 1 : axis.startPosOfDay(day);
  };
  const workEnd = (node: Node, es: number, pick: Pick): number => {
    // Even a step with no stated length happens on some day: a sliver of work keeps it inside that day.
    let ef = es + MIN_WORK;
    if (node.work) ef = axis.workEnd(es, node.work, pickValue(node.work, pick));
    // `+ follow-ups`: more work of unstated length, taken as up to half a business day.
    if (node.workExtra) ef += pick === 'min' ? 0 : pick === 'max' ? 0.5 : pick() / 2;
    if (node.window && !node.work) ef = Math.max(ef, axis.endPosOfDay(node.window.toDay));
    return ef;
  };

  /**
   * In a simulated run, a step with a deadline is done somewhere between when it can start and its deadline
   * (counted from when what it names finishes in that run): people do the work when it suits them, not the
   * moment they could. The start is drawn uniformly from when it can start to the latest start that still
   * makes the deadline with this run's duration (a step with no stated length: its finish is drawn uniformly up
   * to the deadline). When even the earliest start misses the deadline, it starts as early as it can.
   */
  const drawBeforeDeadline = (node: Node, fw: Forward, es: number, draw: () => number): [number, number] => {
    let due = Infinity;
    for (const dl of node.deadlines) {
      const base = dl.ref.kind === 'step' ? axis.finishDayOf(fw.ef[dl.ref.index]!, fw.es[dl.ref.index]!) : refDay(dl.ref, 0, 0);
      due = Math.min(due, axis.elapsedEnd(base, dl.within, pickValue(dl.within, 'max')));
    }
    const u = draw();
    if (!node.work) {
      const ef = Number.isFinite(due) && due > es + MIN_WORK ? es + (due - es) * u : es + MIN_WORK;
      return [es, ef + (node.workExtra ? draw() / 2 : 0)];
    }
    const v = pickValue(node.work, draw);
    const extra = node.workExtra ? draw() / 2 : 0;
    const latestStart = Number.isFinite(due) ? axis.workStart(due - extra, node.work, v) : es;
    const start = latestStart > es ? es + (latestStart - es) * u : es;
    return [start, axis.workEnd(start, node.work, v) + extra];
  };

  const forward = (pick: Pick): Forward => {
    const fw: Forward = { es: new Float64Array(n), ef: new Float64Array(n) };
    for (const i of active) {
      const node = nodes[i]!;
      let es = 0;
      // A step that takes no time ends where it starts: its sliver of work must not push what follows into the
      // next business day (two business days after an instant on Monday end on Tuesday, not Wednesday).
      const after = (j: number) => (fw.ef[j]! - fw.es[j]! <= MIN_WORK + EPS ? fw.es[j]! : fw.ef[j]!);
      // A phase before the start (`Days -10 to -1`) that waits for nothing begins where its window does.
      if (node.window && node.window.fromDay < dayOfStart && !edgesOf(i).length && !node.afterRefs.length) es = axis.startPosOfDay(node.window.fromDay);
      scheduleWork.count++;
      for (const d of edgesOf(i)) if (d.kind !== 'countdown') es = Math.max(es, d.kind === 'during' ? fw.es[d.on]! : after(d.on));
      for (const a of node.afterRefs) if (a.ref.kind !== 'step') es = Math.max(es, refFinish(a.ref, fw));
      if (node.pin) {
        const p = pinStart(node, fw, pick);
        es = node.pin.atLeast ? Math.max(es, p) : edgesOf(i).length ? Math.max(es, p) : p;
      }
      if (node.window && !(node.window.fromDay < dayOfStart && !edgesOf(i).length && !node.afterRefs.length)) es = Math.max(es, axis.startPosOfDay(node.window.fromDay));
      let ef: number;
      if (typeof pick === 'function' && !node.pin && !node.window && node.deadlines.length) [es, ef] = drawBeforeDeadline(node, fw, es, pick);
      else ef = workEnd(node, es, pick);
      fw.es[i] = es;
      if (node.duringRef) ef = Math.max(ef, node.duringRef.ref.kind === 'step' ? fw.ef[node.duringRef.ref.index]! : es);
      fw.ef[i] = ef;
    }
    return fw;
  };

  const fmin = forward('min');
  const fmax = forward('max');
  const rand = mulberry32(seed);

  /** Each step's own deadline, as an axis position (Infinity when it states none). */
  const ownDeadline = new Float64Array(n).fill(Infinity);
  /** Where the deadline that decides ownDeadline is written: conflicts about being due point there. */
  const ownDeadlineRange: (Range | undefined)[] = new Array(n).fill(undefined);
  /**
   * Deadlines as the schedule with the shortest durations sees them: "within N of X" counts from when X finishes
   * in that same schedule, so a step's finish against it measures the gap between the two steps, which is what
   * the phrase constrains. A deadline missed there can never be met. One missed only when ranges run long is not
   * a conflict: plans set deadlines on typical durations, and a warning on each would bury the real conflicts
   * (`atRisk` and P90 show that risk).
   */
  const dueInMin = new Float64Array(n).fill(Infinity);
  const dueRangeMin: (Range | undefined)[] = new Array(n).fill(undefined);
  /** What the deciding deadline of the earliest run counts from. */
  const dueRefMin: (Reference | undefined)[] = new Array(n).fill(undefined);
  // Deadlines come from what a step names, never from what depends on it, so one pass in dependency order settles
  // them. ("X's latest finish" is X's own deadline when it has one, else when X ends if all runs long: taking it
  // from the backward pass would let the step lower X's bound and X lower the step's, without end.)
  for (const i of active) {
    for (const dl of nodes[i]!.deadlines) {
      const ref = dl.ref;
      const within = pickValue(dl.within, 'max');
      const stepDay = (fw: Forward, j: number) => axis.finishDayOf(fw.ef[j]!, fw.es[j]!);
      const baseLatest = ref.kind === 'step' ? (Number.isFinite(ownDeadline[ref.index]!) ? axis.latestDayOf(ownDeadline[ref.index]!) : stepDay(fmax, ref.index)) : refDay(ref, 0, 0);
      const d = axis.elapsedEnd(baseLatest, dl.within, within);
      if (d < ownDeadline[i]! - EPS || !ownDeadlineRange[i]) ownDeadlineRange[i] = dl.range;
      ownDeadline[i] = Math.min(ownDeadline[i]!, d);
      const dMin = axis.elapsedEnd(ref.kind === 'step' ? stepDay(fmin, ref.index) : refDay(ref, 0, 0), dl.within, within);
      if (dMin < dueInMin[i]! - EPS || !dueRangeMin[i]) {
        dueRangeMin[i] = dl.range;
        dueRefMin[i] = ref;
      }
      dueInMin[i] = Math.min(dueInMin[i]!, dMin);
    }
  }
  // The latest schedule is worked out on the shortest durations, like the earliest one, so the two compare like
  // with like: a step's slack is how far it can slip while every stated deadline and the plan's earliest finish
  // still hold. It is never below the step's own earliest finish: a deadline that cannot be met even then is a
  // timeline-conflict finding, not a negative number. Misses that need long durations show as `atRisk`.
  const ls = (i: number, lfOf: Float64Array): number => {
    const node = nodes[i]!;
    if (!Number.isFinite(lfOf[i]!)) return Infinity;
    let s = node.work ? Math.min(lfOf[i]! - MIN_WORK, axis.workStart(lfOf[i]!, node.work, pickValue(node.work, 'min'))) : lfOf[i]! - MIN_WORK;
    if (node.pin && !node.pin.atLeast) s = Math.min(s, pinStart(node, fmin, 'min'));
    return Math.max(s, fmin.es[i]!);
  };
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (const i of active) for (const d of edgesOf(i)) if (d.kind !== 'countdown') succ[d.on]!.push(i);
  /** Per entry of succ[i]: whether that successor runs during i (the first dependency it has on i decides). */
  const succDuring = succ.map((js, i) => js.map((j) => steps[j]!.dependsOn.find((d) => d.on === i)?.kind === 'during'));
  const activeReversed = [...active].reverse();
  // Who reads whose latest finish: a step whose inputs did not move since it was last evaluated would compute the
  // same bound again, so it is skipped and each round costs only what changed.
  const readers: number[][] = Array.from({ length: n }, () => []);
  for (const i of active) {
    const node = nodes[i]!;
    for (const b of node.beforeRefs) if (b.ref.kind === 'step') readers[b.ref.index]!.push(i);
    if (node.duringRef?.ref.kind === 'step') readers[node.duringRef.ref.index]!.push(i);
    for (const j of succ[i]!) readers[j]!.push(i);
  }
  const projectEnd = active.reduce((m, i) => Math.max(m, fmin.ef[i]!), 0);
  /**
   * Backward pass from `horizon` (Infinity: deadlines only; a date: every step ends by it at the latest). Only lowers bounds, each evaluation costs the step's edges, and a step is evaluated again
   * only when one it reads moved.
   */
  const backward = (horizon: number): Float64Array => {
    const lfOf = new Float64Array(n).fill(horizon);
    const stale = new Uint8Array(n).fill(1);
    for (let round = 0; round < active.length * 2 + 4; round++) {
      let changed = false;
      for (const i of activeReversed) {
        if (!stale[i]) continue;
        stale[i] = 0;
        scheduleWork.count += 1 + succ[i]!.length;
        const node = nodes[i]!;
        let v = Math.min(lfOf[i]!, ownDeadline[i]!);
        // A pinned step (Day 14, 30-day check-in) finishes where its pinned day and its own work put it.
        if (node.pin && !node.pin.atLeast) v = Math.min(v, workEnd(node, pinStart(node, fmin, 'min'), 'min'));
        if (node.window) v = Math.min(v, Math.max(axis.endPosOfDay(node.window.toDay), fmin.es[i]!));
        for (const b of node.beforeRefs) {
          const bound = b.ref.kind === 'step' ? ls(b.ref.index, lfOf) : b.ref.kind === 'milestone' ? axis.startPosOfDay(renewalDay) : Infinity;
          if (Number.isFinite(bound)) v = Math.min(v, bound);
        }
        if (node.duringRef?.ref.kind === 'step' && Number.isFinite(lfOf[node.duringRef.ref.index]!)) v = Math.min(v, lfOf[node.duringRef.ref.index]!);
        const js = succ[i]!;
        for (let k = 0; k < js.length; k++) {
          const j = js[k]!;
          const bound = succDuring[i]![k] ? lfOf[j]! : ls(j, lfOf);
          if (Number.isFinite(bound)) v = Math.min(v, bound);
        }
        // Never before its own earliest finish (see above).
        v = Math.max(v, fmin.ef[i]!);
        if (v < lfOf[i]! - EPS) {
          lfOf[i] = v;
          changed = true;
          for (const r of readers[i]!) stale[r] = 1;
        }
      }
      if (!changed) break;
    }
    return lfOf;
  };
  /** Bounds from stated deadlines only: Infinity where no deadline reaches. Decides `atRisk`. */
  const lfDue = backward(Infinity);
  // Steps no deadline reaches may finish as late as the plan's earliest finish or its latest deadline, whichever
  // is later (classic CPM when the plan states no deadlines).
  let horizon = projectEnd;
  for (const i of active) if (Number.isFinite(lfDue[i]!)) horizon = Math.max(horizon, lfDue[i]!);
  /** The CPM latest finish: what the deadlines (and the steps that follow) leave each step. */
  const lf = backward(horizon);

  // Monte Carlo. Lint asks for no runs (P50/P90 are not findings), but a document that states a target gets a
  // short simulation of its own so target-missed can compare the target with a percentile.
  const hasTargets = Boolean(doc.meta.duration) || nodes.some((nd) => nd.window && nd.t.included);
  const simRuns = runs > 0 ? runs : hasTargets && active.length ? TARGET_RUNS : 0;
  const samples: number[][] = Array.from({ length: n }, () => []);
  const overall: number[] = [];
  for (let r = 0; r < simRuns && active.length; r++) {
    const fw = forward(rand);
    let end = -Infinity;
    for (const i of active) {
      const day = axis.finishDayOf(fw.ef[i]!, fw.es[i]!);
      samples[i]!.push(day);
      end = Math.max(end, day);
    }
    overall.push(end);
  }

  // Dates.
  for (const i of active) {
    const t = steps[i]!;
    const es = fmin.es[i]!;
    const ef = fmin.ef[i]!;
    const lfv = lf[i]!;
    const lsv = ls(i, lf);
    t.earliest = { start: axis.date(axis.startDayOf(es)), finish: axis.date(axis.finishDayOf(ef, es)) };
    t.latest = { start: axis.date(axis.latestStartDayOf(Math.min(lsv, lfv), lfv)), finish: axis.date(axis.latestDayOf(lfv)) };
    t.slack = Math.max(0, round2(lsv - es));
    // Critical: no room to slip without moving a deadline or the plan's earliest finish.
    t.critical = t.slack === 0;
    const node = nodes[i]!;
    if (!node.work && !node.workExtra && !node.window && !node.duringRef && fmax.ef[i]! - fmax.es[i]! <= MIN_WORK + EPS) t.milestone = true;
    if (Number.isFinite(ownDeadline[i]!)) t.due = axis.date(axis.latestDayOf(ownDeadline[i]!));
    if (Number.isFinite(lfDue[i]!) && axis.finishDayOf(fmax.ef[i]!, fmax.es[i]!) > axis.latestDayOf(lfDue[i]!)) t.atRisk = true;
    t.pos = { es, ef, efMax: fmax.ef[i]!, ls: lsv, lf: lfv };
    if (runs > 0) {
      const s = samples[i]!.slice().sort((a, b) => a - b);
      t.p50 = axis.date(percentile(s, 0.5));
      t.p90 = axis.date(percentile(s, 0.9));
    }
  }
  for (const t of [...steps].reverse()) {
    if (!t.summary) continue;
    const kids = steps.filter((k) => k.parent === t.index && k.pos);
    if (!kids.length) continue;
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

  // ---- conflicts -----------------------------------------------------------------------------------------
  // Business day numbers count like the docs do: the start is business day 0, so "within 2 business days"
  // is due by business day 2.
  const dayNo = (pos: number): number => Math.max(0, axis.endPosOfDay(axis.latestDayOf(pos)) - 1);
  const describeDue = (pos: number): string => `business day ${dayNo(pos)} (${axis.date(axis.latestDayOf(pos))})`;
  for (const i of active) {
    const t = steps[i]!;
    const node = nodes[i]!;
    const due = dueInMin[i]!;
    const timingRange = dueRangeMin[i] ?? ownDeadlineRange[i] ?? pickTimingRange(t);
    // A stated deadline the step cannot meet: what it depends on, its own pinned date, or its own work ends later.
    if (Number.isFinite(due) && fmin.ef[i]! > due + EPS) {
      const culprit = edgesOf(i).reduce<TimelineDependency | undefined>((best, d) => (d.kind === 'countdown' ? best : !best || fmin.ef[d.on]! > fmin.ef[best.on]! ? d : best), undefined);
      const other = culprit ? steps[culprit.on]! : undefined;
      const ownFinish = fmin.ef[i]!;
      const otherFinish = other ? fmin.ef[other.index]! : 0;
      let otherText = other ? `${other.label} finishes only by ${describeDue(otherFinish)}` : `it takes until ${describeDue(ownFinish)}`;
      // Insufficient duration: the other step ends in time but leaves no room for this one's own work.
      if (other && dayNo(otherFinish) <= dayNo(due)) otherText += `, so ${t.label} can finish only by ${describeDue(ownFinish)}`;
      if (node.pin && !node.pin.atLeast && pinStart(node, fmin, 'min') + MIN_WORK > due + EPS) {
        const pinned = pinStart(node, fmin, 'min');
        issues.push({
          rule: 'timeline-conflict',
          message: `${t.label} is due by ${describeDue(due)}, but its timing "${node.pin.offset.text}" puts it on ${axis.date(axis.startDayOf(pinned))}`,
          range: timingRange,
          related: [{ range: node.pin.range, message: 'the pinned date comes from here' }],
          steps: [t.label],
          data: { due: dayNo(due) },
        });
        continue;
      }
      {
        const related = other ? [{ range: pickTimingRange(other), message: `${other.label}: earliest finish ${describeDue(otherFinish)}` }] : [];
        // Counted from a step other than the one it waits for: that step is where the deadline starts.
        const anchorRef = dueRefMin[i];
        if (anchorRef?.kind === 'step' && anchorRef.index !== other?.index) {
          const anchor = steps[anchorRef.index]!;
          related.push({ range: pickTimingRange(anchor), message: `${anchor.label}: the deadline counts from its earliest finish ${describeDue(fmin.ef[anchor.index]!)}` });
        }
        issues.push({
          rule: 'timeline-conflict',
          message: `${t.label} is due by ${describeDue(due)}, but ${otherText}`,
          range: timingRange,
          related,
          steps: other ? [t.label, other.label] : [t.label],
          data: { due: dayNo(due), ...(other ? { other: other.label } : {}), earliestFinish: dayNo(ownFinish) },
        });
        continue;
      }
    }
    // A step due before a step that must come first is due. Only an order the document states (timing, `Depends
    // on`, the milestone order) counts: steps merely listed one after the other may well overlap, and their
    // deadlines say so.
    const reported = new Set<number>();
    for (const d of edgesOf(i)) {
      if (d.kind === 'during' || d.kind === 'sequence' || d.kind === 'countdown' || reported.has(d.on)) continue;
      reported.add(d.on);
      const own = ownDeadline[i]!;
      const theirs = ownDeadline[d.on]!;
      if (Number.isFinite(own) && Number.isFinite(theirs) && own < theirs - EPS) {
        const other = steps[d.on]!;
        issues.push({
          rule: 'timeline-conflict',
          message: `${t.label} is due by ${describeDue(own)}, before ${other.label} (due by ${describeDue(theirs)}), which must come first`,
          range: timingRange,
          related: [{ range: ownDeadlineRange[d.on] ?? pickTimingRange(other), message: `${other.label} is due by ${describeDue(theirs)}` }],
          steps: [t.label, other.label],
          data: { due: dayNo(own), otherDue: dayNo(theirs), other: other.label },
        });
      }
    }
  }

  // ---- duration mismatches -----------------------------------------------------------------------------------
  const finishEarliest = active.length ? maxOf(active, (i) => axis.finishDayOf(fmin.ef[i]!, fmin.es[i]!)) : undefined;
  const finishLatest = active.length ? maxOf(active, (i) => axis.finishDayOf(fmax.ef[i]!, fmax.es[i]!)) : undefined;
  const declared = doc.meta.duration;
  if (declared && finishEarliest !== undefined && finishLatest !== undefined && active.some((i) => nodes[i]!.work)) {
    const d = parseDuration(declared.value, declared.range);
    if (d) {
      const lo = toDeclaredUnit(axis, finishEarliest, d);
      const hi = toDeclaredUnit(axis, finishLatest, d);
      const [dlo, dhi] = durationSpan({ ...d, approximate: false, bound: d.bound === 'at-least' ? 'exact' : d.bound });
      const maxOk = d.bound === 'at-least' ? Infinity : dhi;
      if (lo < dlo - 0.05 || hi > maxOk + 0.05) {
        issues.push({
          rule: 'duration-mismatch',
          message: `declared duration "${declared.value}" does not contain the computed ${fmtRange(lo, hi)} ${unitWord(d)}`,
          range: declared.range,
          related: [],
          steps: [],
          data: { declared: declared.value, computed: [round2(lo), round2(hi)] },
        });
      }
    }
  }
  for (const node of nodes) {
    const t = node.t;
    if (!t.included || !node.window) continue;
    const w = node.window;
    // A stage's "(Days 31-90)" next to "Duration: 60 days": either way of counting the days is accepted.
    if (node.work && w.timing.kind === 'window' && w.timing.unit === 'days' && !node.work.business && node.work.unit === 'days') {
      const span = w.timing.to - w.timing.from;
      if (node.work.max < span - EPS || node.work.min > span + 1 + EPS) {
        issues.push({ rule: 'duration-mismatch', message: `${t.label} spans days ${w.timing.from}-${w.timing.to} but declares ${node.work.text}`, range: w.range, related: [{ range: node.work.range, message: 'declared duration' }], steps: [t.label] });
      }
    }
    const kids = steps.filter((k) => k.parent === t.index && k.included && k.pos);
    // Weeks and months are coarse labels: "Month 3" inside "Days 31-90" may end a day or two after day 90, and
    // "Weeks 5-12" (from day 28) inside "Days 31-90" starts three days early, both as the author meant.
    const coarse = (k: TimelineStep | undefined) => {
      const kw = k ? nodes[k.index]!.window : w;
      return kw?.timing.kind === 'window' && (kw.timing.unit === 'months' || kw.timing.unit === 'weeks');
    };
    const outside = kids.filter((k) => {
      const tolerance = coarse(k) || coarse(undefined) ? 3 : 0;
      return axis.startDayOf(k.pos!.es) < w.fromDay - tolerance || axis.finishDayOf(k.pos!.ef, k.pos!.es) > w.toDay + tolerance;
    });
    if (outside.length) {
      issues.push({
        rule: 'duration-mismatch',
        message: `${t.label} runs ${fromDayNumber(w.fromDay)} to ${fromDayNumber(w.toDay)}, but ${outside.map((k) => `${k.label} (${k.earliest!.start} to ${k.earliest!.finish})`).join(', ')} ${outside.length > 1 ? 'fall' : 'falls'} outside`,
        range: w.range,
        related: outside.map((k) => ({ range: pickTimingRange(k), message: `${k.label} ${k.earliest!.start} to ${k.earliest!.finish}` })),
        steps: [t.label, ...outside.map((k) => k.label)],
      });
    }
  }

  // ---- targets -------------------------------------------------------------------------------------------------
  if (simRuns > 0) {
    const share = Math.min(100, Math.max(1, config.timeline.targetPercentile)) / 100;
    const pct = Math.round(share * 100);
    const criticalNames = (scope: number[]) => {
      const crit = scope.filter((k) => steps[k]!.critical && steps[k]!.scheduled);
      // Without a zero-slack chain, the steps that finish last in the simulation are what decides the date.
      const chosen = crit.length ? crit : [...scope].sort((a, b) => percentile(samples[b]!.slice().sort((x, y) => x - y), share) - percentile(samples[a]!.slice().sort((x, y) => x - y), share)).slice(0, 3);
      return chosen.slice(0, 6).map((k) => steps[k]!);
    };
    const report = (what: string, range: Range, lastDay: number, runEnds: number[], scope: number[], target: string) => {
      // A target on a weekend or holiday is met by the next business day (Day N labels move forward the same way).
      const targetDay = axis.startDayOf(axis.startPosOfDay(lastDay));
      const sorted = runEnds.slice().sort((a, b) => a - b);
      const at = percentile(sorted, share);
      if (!(at > targetDay)) return;
      const culprits = criticalNames(scope);
      issues.push({
        rule: 'target-missed',
        message: `${what} "${target}" means done by ${axis.date(targetDay)}, but the P${pct} finish is ${axis.date(at)}${culprits.length ? `; the critical path runs through ${culprits.map((c) => c.label).join(', ')}` : ''}`,
        range,
        related: culprits.map((c) => ({ range: pickTimingRange(c), message: `${c.label} is on the critical path` })),
        steps: culprits.map((c) => c.label),
        data: { target: axis.date(targetDay), percentile: pct, finish: axis.date(at) },
      });
    };
    const isActive = new Uint8Array(n);
    for (const i of active) isActive[i] = 1;
    // Steps are in document order, so a step's sub-steps are the indices right after it, up to the next step that
    // is not below it: each stage's scope costs its own size.
    const subtree = (p: number): number[] => {
      const out = [p];
      for (let k = p + 1; k < n && isWithin(steps, k, p); k++) out.push(k);
      return out;
    };
    const declaredTarget = doc.meta.duration;
    const d = declaredTarget ? parseDuration(declaredTarget.value, declaredTarget.range) : undefined;
    if (declaredTarget && d && d.bound !== 'at-least') {
      const [, hi] = durationSpan({ ...d, approximate: false });
      report('the stated duration', declaredTarget.range, axis.finishDayOf(axis.workEnd(0, d, hi), 0), overall, active, declaredTarget.value);
    }
    for (const node of nodes) {
      const w = node.window;
      if (!w || !node.t.included || w.timing.kind !== 'window') continue;
      const scope = subtree(node.t.index).filter((k) => isActive[k]);
      if (!scope.length) continue;
      const ends = overall.map((_, r) => scope.reduce((m, k) => Math.max(m, samples[k]![r]!), -Infinity));
      // Weeks and months are coarse labels (see duration-mismatch): three days of grace.
      const grace = w.timing.unit === 'weeks' || w.timing.unit === 'months' ? 3 : 0;
      report(`${node.t.label}'s window`, w.range, w.toDay + grace, ends, scope.length > 1 ? scope.filter((k) => k !== node.t.index) : scope, w.timing.text);
    }
  }
  issues.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.localeCompare(b.rule));

  const finish: Timeline['finish'] = {};
  if (!active.length) finish.unscheduled = 'no step has timing that can be scheduled';
  if (finishEarliest !== undefined) finish.earliest = axis.date(finishEarliest);
  // The later of: every range running long, and the last latest finish the deadlines allow.
  const latestAll = active.length ? Math.max(finishLatest!, maxOf(active, (i) => axis.latestDayOf(lf[i]!))) : undefined;
  if (latestAll !== undefined && Number.isFinite(latestAll)) finish.latest = axis.date(latestAll);
  if (runs > 0 && overall.length) {
    overall.sort((a, b) => a - b);
    finish.p50 = axis.date(percentile(overall, 0.5));
    finish.p90 = axis.date(percentile(overall, 0.9));
  }

  const out: Timeline = {
    uri: doc.uri,
    title: doc.meta.title?.value ?? doc.uri,
    start,
    calendar: calendar.describe(),
    calendarProblems,
    steps,
    cadences,
    issues,
    finish,
    runs,
    seed,
  };
  if (customer) out.customer = customer;
  return out;
}

/**
 * 1 when the document counts its days from `Day 1` (its smallest Day label or day window is 1), else 0: where a
 * document uses Day 0, Day N is N days after it.
 */
function documentDayBase(steps: TimelineStep[]): 0 | 1 {
  let min = Infinity;
  for (const t of steps) {
    for (const pt of t.timings) {
      const v = pt.value;
      if (v.kind === 'offset' && v.axis === 'day' && !v.anchor) min = Math.min(min, v.direction === 'before' ? -v.offset.min : v.offset.min);
      else if (v.kind === 'window' && v.unit === 'days' && !v.anchor) min = Math.min(min, v.from);
    }
  }
  return min === 1 ? 1 : 0;
}

const COUNTDOWN_EVENTS = ['go-live', 'launch', 'release', 'cutover', 'event day', 'launch day', 'go live'];

/** The step `T-N` and `D-N` labels count down to; undefined when the document names none (they then count from the start). */
function findCountdownTarget(steps: TimelineStep[], candidates: Candidates): number | undefined {
  const isCountdown = (t: TimelineStep) => t.timings.some((x) => x.value.kind === 'offset' && x.value.axis === 't');
  if (!steps.some(isCountdown)) return undefined;
  for (const event of COUNTDOWN_EVENTS) {
    const r = resolveAnchor(event, { ...candidates, triggers: [] }, new Set(), { suggest: false });
    if (r.ref?.kind === 'step' && !isCountdown(steps[r.ref.index]!)) return r.ref.index;
  }
  return undefined;
}

const UNIT_WORDS: Record<Duration['unit'], [string, string]> = {
  minutes: ['minute', 'minutes'],
  hours: ['hour', 'hours'],
  days: ['day', 'days'],
  'business-days': ['business day', 'business days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
};

/** `{ n: 15, unit: 'minutes' }` → `15 minutes`; `{ n: 1, unit: 'weeks' }` → `1 week`. */
function everyText(every: { n: number; unit: Duration['unit'] }): string {
  const [one, many] = UNIT_WORDS[every.unit];
  return `${every.n} ${every.n === 1 ? one : many}`;
}

/** Whether step k is step p or sits under it. */
function maxOf(items: number[], f: (i: number) => number): number {
  let m = -Infinity;
  for (const i of items) m = Math.max(m, f(i));
  return m;
}

function isWithin(steps: TimelineStep[], k: number, p: number): boolean {
  for (let x: number | undefined = k; x !== undefined; x = steps[x]!.parent) if (x === p) return true;
  return false;
}

function zeroDuration(v: Timing): Duration {
  return { min: 0, max: 0, unit: 'days', business: false, approximate: false, bound: 'exact', text: '', range: v.range };
}

function unresolvedDependsOn(issues: TimelineIssue[], t: TimelineStep, dep: Located, suggestion: string | undefined): void {
  issues.push({
    rule: 'unresolved-reference',
    message: `${t.label} depends on "${dep.value}", which matches no step${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
    range: dep.range,
    related: [],
    steps: [t.label],
    data: suggestion ? { suggestion, anchor: dep.value } : { anchor: dep.value },
  });
}

/** The range diagnostics about a step's timing point at: its first timing, else its heading. */
export function pickTimingRange(t: TimelineStep): Range {
  const schedulable = t.timings.find((x) => x.value.kind !== 'unparsed' && x.value.kind !== 'ongoing' && x.value.kind !== 'cadence');
  return (schedulable ?? t.timings[0])?.value.range ?? t.step.titleRange;
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

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[idx]!;
}

/** Deterministic PRNG (mulberry32): the same seed gives the same simulation everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function reaches(steps: TimelineStep[], from: number, to: number): boolean {
  const seen = new Set<number>();
  const stack = [from];
  while (stack.length) {
    const i = stack.pop()!;
    if (i === to) return true;
    if (seen.has(i)) continue;
    seen.add(i);
    for (const d of steps[i]!.dependsOn) stack.push(d.on);
  }
  return false;
}

/** Tarjan's strongly connected components (iterative); returns only the loops (size > 1 or self-edges). */
function stronglyConnected(steps: TimelineStep[]): number[][] {
  const n = steps.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length) {
      const frame = work[work.length - 1]!;
      const [v, k] = frame;
      if (k === 0) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const deps = steps[v]!.dependsOn;
      if (k < deps.length) {
        frame[1] = k + 1;
        const w = deps[k]!.on;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || deps.some((d) => d.on === v)) out.push(comp.sort((a, b) => a - b));
      }
    }
  }
  return out;
}

/** Dependencies first; ties keep document order. */
function topoOrder(steps: TimelineStep[], edgesOf: (i: number) => TimelineDependency[]): number[] {
  const n = steps.length;
  const indeg = new Int32Array(n);
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    for (const d of edgesOf(i)) {
      indeg[i]!++;
      succ[d.on]!.push(i);
    }
  }
  // The lowest ready index first (document order on ties), from a binary heap: n log n, not n² on wide plans.
  const heap: number[] = [];
  const push = (v: number) => {
    let k = heap.push(v) - 1;
    while (k > 0) {
      const up = (k - 1) >> 1;
      if (heap[up]! <= v) break;
      heap[k] = heap[up]!;
      k = up;
    }
    heap[k] = v;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        if (l >= heap.length) break;
        const c = l + 1 < heap.length && heap[l + 1]! < heap[l]! ? l + 1 : l;
        if (heap[c]! >= last) break;
        heap[k] = heap[c]!;
        k = c;
      }
      heap[k] = last;
    }
    return top;
  };
  for (let i = 0; i < n; i++) if (indeg[i] === 0) push(i);
  const out: number[] = [];
  while (heap.length) {
    const i = pop();
    scheduleWork.count++;
    out.push(i);
    for (const j of succ[i]!) if (--indeg[j]! === 0) push(j);
  }
  return out;
}

