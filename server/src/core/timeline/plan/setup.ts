/**
 * The first stage of a build: the start date and calendar, one TimelineStep per model step (with its parsed
 * timings), the customer's conditions applied, and the candidates references are resolved against.
 */
import { defaultConfig } from '../../config';
import { allSteps, type SopDocument, type Step } from '../../model';
import { BusinessAxis, businessAxisFor } from '../axis';
import { addMonths, createCalendar, parseIsoDate, toDayNumber, type CalendarProblem } from '../calendar';
import { parseTiming, parseTimingText } from '../phrases';
import { BUILTIN_TRIGGERS, eventStems, indexCandidates, type Candidate, type Candidates } from '../resolve';
import { applyConditions } from './customers';
import { stepLabel, type Plan, type TimelineOptions, type TimelineStep } from './types';

export function setUpPlan(doc: SopDocument, options: TimelineOptions): Plan {
  const config = options.config ?? defaultConfig();
  const customer = options.customer;
  const start =
    parseIsoDate(options.start ?? '') ??
    customer?.contractSigned ??
    parseIsoDate(config.timeline.start ?? '') ??
    parseIsoDate(options.today ?? '') ??
    '1970-01-01';
  const caches = options.caches !== false;
  let calendar = options.calendar;
  let calendarProblems: CalendarProblem[] = [];
  if (!calendar) {
    const holidays = options.holidays ?? customer?.region ?? config.calendar.holidays;
    const opts = { workweek: config.calendar.workweek, closed: config.calendar.closed, ...(holidays ? { holidays } : {}) };
    const built = caches ? sharedCalendar(opts) : createCalendar(opts);
    calendar = built.calendar;
    calendarProblems = [...built.problems];
  }
  const axis = caches ? businessAxisFor(calendar, start) : new BusinessAxis(calendar, start);
  const steps = makeSteps(doc, caches);
  applyConditions(steps, customer);
  const { candidates, stepNumbers } = makeCandidates(doc, steps, config.timeline.triggers, caches);
  const plan: Plan = {
    doc,
    config,
    start,
    calendar,
    calendarProblems,
    axis,
    runs: Math.max(0, Math.floor(options.runs ?? config.timeline.runs)),
    seed: Math.floor(options.seed ?? config.timeline.seed),
    caches,
    issues: [],
    steps,
    nodes: steps.map((t) => ({ t, workExtra: false, deadlines: [], afterRefs: [], beforeRefs: [] })),
    cadences: [],
    candidates,
    stepNumbers,
    dayOfStart: axis.startDay,
    renewalDay: toDayNumber(addMonths(start, config.timeline.contractTermMonths)),
  };
  if (customer) plan.customer = customer;
  return plan;
}

/**
 * Calendars by their options, shared by every document of a run (a lint builds one schedule per document, and
 * a calendar with holidays initialises date-holidays). A calendar is never changed after construction.
 */
const calendarMemo = new Map<string, ReturnType<typeof createCalendar>>();
const CALENDAR_MEMO_SIZE = 16;

function sharedCalendar(opts: { workweek: number[]; closed: string[]; holidays?: string }): ReturnType<typeof createCalendar> {
  const key = JSON.stringify([opts.workweek, opts.closed, opts.holidays ?? null]);
  let built = calendarMemo.get(key);
  if (!built) {
    if (calendarMemo.size >= CALENDAR_MEMO_SIZE) calendarMemo.clear();
    built = createCalendar(opts);
    calendarMemo.set(key, built);
  }
  return built;
}

/** One TimelineStep per model step, in document order, with its parent and its parsed timings. */
function makeSteps(doc: SopDocument, caches: boolean): TimelineStep[] {
  const modelSteps = allSteps(doc);
  const indexOf = new Map<Step, number>();
  modelSteps.forEach((s, i) => indexOf.set(s, i));
  const parentOf = new Map<number, number>();
  for (const s of modelSteps) for (const sub of s.substeps) parentOf.set(indexOf.get(sub)!, indexOf.get(s)!);
  return modelSteps.map((s, index) => {
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
}

/**
 * Stems of the built-in and configured trigger phrases, the same for every document of a run. (Not the
 * document's own triggers: those are slices of its text, which a memo would keep alive.)
 */
const stemsMemo = new Map<string, readonly string[]>();
const STEMS_MEMO_SIZE = 2048;

function triggerStems(text: string): string[] {
  let stems = stemsMemo.get(text);
  if (!stems) {
    if (stemsMemo.size >= STEMS_MEMO_SIZE) stemsMemo.clear();
    stems = eventStems(text);
    stemsMemo.set(text, stems);
  }
  // Shared between documents: nothing changes a candidate's stems (resolve.ts only reads them).
  return stems as string[];
}

/** What a reference can name: the included steps, the trigger events, the process itself, step numbers. */
function makeCandidates(doc: SopDocument, steps: TimelineStep[], configTriggers: string[], caches: boolean): { candidates: Candidates; stepNumbers: Map<number, number> } {
  const stepNumbers = new Map<number, number>();
  for (const t of steps) if (t.number !== undefined && t.parent === undefined && !stepNumbers.has(t.number)) stepNumbers.set(t.number, t.index);
  const stepCandidates: Candidate[] = steps
    .filter((t) => t.included)
    .map((t) => ({ ref: { kind: 'step', index: t.index }, label: t.label, stems: eventStems(t.title), stepIndex: t.index }));
  const shared = [...BUILTIN_TRIGGERS, ...configTriggers].map((text) => ({ text, stems: caches ? triggerStems(text) : eventStems(text) }));
  const own = doc.triggers.map((x) => ({ text: x.value, stems: eventStems(x.value) }));
  const triggerCandidates: Candidate[] = [...shared, ...own].map(({ text, stems }) => ({ ref: { kind: 'trigger', text }, label: text, stems }));
  const processStems = eventStems(doc.meta.title?.value ?? '').filter((s) => !['standard', 'operat', 'sop'].includes(s));
  const plainCandidates: Candidates = { steps: stepCandidates, triggers: triggerCandidates, processStems, stepNumbers };
  return { candidates: caches ? indexCandidates(plainCandidates) : plainCandidates, stepNumbers };
}
