/** Words the timing grammar knows: numbers, units, qualifiers, cadence and ongoing words, weekdays, labels. */
import type { CalendarQualifier, DurationUnit } from '../types';

/** Lookup tables without a prototype, so words such as `constructor` never match. */
export function dict<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
/** How many later positions a sentence is searched at when the phrase does not start the text. */
export const MAX_KEYWORD_ATTEMPTS = 6;
export const MAX_NUMBER_ATTEMPTS = 4;

export const NUMBER_WORDS: Record<string, number> = dict({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  a: 1, an: 1, single: 1,
});
export const TENS = new Set(['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']);

export interface UnitInfo {
  unit: DurationUnit;
  mult: number;
  /** Only after a number with no space (`24h`, `5d`, `30m`): as words these letters mean other things. */
  adjacentOnly?: boolean;
}

export const UNITS: Record<string, UnitInfo> = dict({
  minute: { unit: 'minutes', mult: 1 }, minutes: { unit: 'minutes', mult: 1 }, min: { unit: 'minutes', mult: 1 },
  mins: { unit: 'minutes', mult: 1 }, m: { unit: 'minutes', mult: 1, adjacentOnly: true },
  hour: { unit: 'hours', mult: 1 }, hours: { unit: 'hours', mult: 1 }, hr: { unit: 'hours', mult: 1 },
  hrs: { unit: 'hours', mult: 1 }, h: { unit: 'hours', mult: 1, adjacentOnly: true },
  day: { unit: 'days', mult: 1 }, days: { unit: 'days', mult: 1 }, d: { unit: 'days', mult: 1, adjacentOnly: true },
  workday: { unit: 'business-days', mult: 1 }, workdays: { unit: 'business-days', mult: 1 },
  businessday: { unit: 'business-days', mult: 1 }, businessdays: { unit: 'business-days', mult: 1 },
  week: { unit: 'weeks', mult: 1 }, weeks: { unit: 'weeks', mult: 1 }, wk: { unit: 'weeks', mult: 1 },
  wks: { unit: 'weeks', mult: 1 }, w: { unit: 'weeks', mult: 1, adjacentOnly: true },
  fortnight: { unit: 'weeks', mult: 2 }, fortnights: { unit: 'weeks', mult: 2 },
  month: { unit: 'months', mult: 1 }, months: { unit: 'months', mult: 1 }, mo: { unit: 'months', mult: 1 },
  mos: { unit: 'months', mult: 1 }, mth: { unit: 'months', mult: 1 }, mths: { unit: 'months', mult: 1 },
  quarter: { unit: 'months', mult: 3 }, quarters: { unit: 'months', mult: 3 },
  year: { unit: 'months', mult: 12 }, years: { unit: 'months', mult: 12 }, yr: { unit: 'months', mult: 12 },
  yrs: { unit: 'months', mult: 12 },
  // Seconds are fractions of a minute: `every 30s` is every half minute.
  second: { unit: 'minutes', mult: 1 / 60 }, seconds: { unit: 'minutes', mult: 1 / 60 }, sec: { unit: 'minutes', mult: 1 / 60 },
  secs: { unit: 'minutes', mult: 1 / 60 }, s: { unit: 'minutes', mult: 1 / 60, adjacentOnly: true },
});

/** Last words of an event whose day is a moment in a procedure: `release day`, `go-live day`. */
export const EVENT_DAY_WORDS = new Set([
  'release', 'launch', 'live', 'golive', 'cutover', 'over', 'freeze', 'migration', 'deployment', 'deploy', 'kickoff', 'off',
  'ship', 'shipping', 'delivery', 'signing', 'closing', 'final', 'judgment', 'judgement', 'election', 'demo', 'review',
  'onboarding', 'offboarding', 'move', 'moving', 'event', 'workshop', 'training', 'conference', 'exam', 'audit',
  'idle', 'holiday', 'quiet', 'buffer', 'planning', 'hack', 'call',
]);

/** Words that name a period of time (`within the release day`, `within that timeframe`). */
export const PERIOD_NOUNS = new Set([
  'day', 'days', 'week', 'weeks', 'month', 'months', 'quarter', 'quarters', 'year', 'years', 'timeframe', 'timeframes',
  'period', 'periods', 'window', 'windows', 'hour', 'hours', 'sprint', 'sprints', 'cycle', 'cycles', 'deadline', 'sla', 'frame',
  'lifetime', 'term', 'life', 'duration', 'length', 'semester', 'shift', 'iteration',
  // `within the applicable reporting timescale`, `within the above deadlines`, `within a reasonable time`
  'timescale', 'timescales', 'time', 'times', 'limit', 'limits', 'deadlines', 'slas', 'turnaround', 'timeline',
  'timelines', 'interval', 'intervals', 'horizon', 'targets', 'slot', 'slots',
]);

/** `eight person-hours`, `3 engineer-days`: effort counted in people's time, read as that much time. */
export const EFFORT_PREFIXES = new Set(['person', 'man', 'engineer', 'staff', 'developer']);

export const QUALIFIERS: Record<string, CalendarQualifier> = dict({
  business: 'business', working: 'working', work: 'working', biz: 'business', calendar: 'calendar',
});

/** Words between an amount and its unit that say how the time is counted: `2 elapsed calendar days`, `5 consecutive days`. */
export const COUNTING_WORDS = new Set([
  'elapsed', 'consecutive', 'full', 'clear', 'whole', 'entire', 'complete', 'additional', 'more', 'extra', 'further',
  'straight', 'continuous', 'uninterrupted', 'solid', 'successive', 'subsequent', 'remaining', 'spare',
]);

/** `or more`, `or less`, `or so` after an amount (`4 or more weeks`, `2 weeks or less`). */
export const OPEN_BOUND_WORDS: Record<string, 'at-least' | 'up-to' | 'approximate'> = dict({
  more: 'at-least', longer: 'at-least', over: 'at-least', greater: 'at-least', above: 'at-least', up: 'at-least',
  later: 'at-least', beyond: 'at-least',
  less: 'up-to', fewer: 'up-to', shorter: 'up-to', under: 'up-to', sooner: 'up-to', earlier: 'up-to', below: 'up-to',
  so: 'approximate', thereabouts: 'approximate',
});

export const APPROX_WORDS = new Set(['about', 'approximately', 'approx', 'roughly', 'around', 'circa', 'ca', 'nearly', 'almost', 'est']);

export const CADENCE_WORDS: Record<string, { n: number; unit: DurationUnit }> = dict({
  hourly: { n: 1, unit: 'hours' }, daily: { n: 1, unit: 'days' }, nightly: { n: 1, unit: 'days' },
  weekly: { n: 1, unit: 'weeks' }, biweekly: { n: 2, unit: 'weeks' }, fortnightly: { n: 2, unit: 'weeks' },
  monthly: { n: 1, unit: 'months' }, bimonthly: { n: 2, unit: 'months' }, quarterly: { n: 3, unit: 'months' },
  semiannually: { n: 6, unit: 'months' }, semiannual: { n: 6, unit: 'months' }, annually: { n: 12, unit: 'months' },
  annual: { n: 12, unit: 'months' }, yearly: { n: 12, unit: 'months' }, biannually: { n: 6, unit: 'months' },
  biannual: { n: 6, unit: 'months' }, biennial: { n: 24, unit: 'months' }, biennially: { n: 24, unit: 'months' },
});

export const ONGOING_WORDS: Record<string, OngoingMode> = dict({
  ongoing: 'ongoing', tbd: 'tbd', tba: 'tbd', periodically: 'periodic', regularly: 'periodic', periodic: 'periodic',
  continuous: 'continuous', continuously: 'continuous', continual: 'continuous', continually: 'continuous',
  throughout: 'ongoing', anytime: 'as-needed', constantly: 'continuous', tbc: 'tbd', adhoc: 'as-needed', occasionally: 'as-needed',
  // `regular updates`, `frequent check-ins`, `routine backups`: recurring work without a stated period
  regular: 'periodic', frequent: 'periodic', routine: 'periodic',
});
export type OngoingMode = 'ongoing' | 'as-needed' | 'tbd' | 'periodic' | 'continuous';

export const WEEKDAYS: Record<string, number> = dict({
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6,
});
export const MONTHS: Record<string, number> = dict({
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12, jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10,
  nov: 11, dec: 12,
});

/** Words that introduce the event a duration is measured from. */
export const AFTER_INTRO = new Set(['of', 'after', 'from', 'since', 'following', 'post', 'upon']);
export const BEFORE_INTRO = new Set(['before', 'prior', 'ahead', 'preceding']);

/** Words that start a new timing clause: an anchor stops before `and`/`or` followed by one of these. */
export const CLAUSE_WORDS = new Set([
  'within', 'after', 'before', 'no', 'not', 'at', 'by', 'until', 'during', 'once', 'upon', 'if', 'unless', 'then',
  'following', 'prior', 'immediately', 'every', 'in',
]);
export const ANCHOR_STOP_WORDS = new Set(['if', 'unless', 'whichever', 'then', 'otherwise', 'i']);
export const ANCHOR_STOP_PUNCT = new Set(['.', ';', ',', ':', '(', ')', '[', ']', '!', '?', '→', '|', '=']);
export const COMPLETION_WORDS = new Set(['complete', 'completed', 'done', 'finished', 'over', 'closed', 'concluded']);

/** Leading verbs and auxiliaries skipped before the phrase proper (`Complete within …`, `Schedule within …`). */
export const LEAD_VERBS = new Set([
  'complete', 'completed', 'schedule', 'scheduled', 'finish', 'finished', 'conduct', 'conducted', 'hold', 'held',
  'send', 'sent', 'deliver', 'delivered', 'respond', 'due', 'done', 'perform', 'performed', 'occurs', 'occur',
  'happens', 'happen', 'starts', 'start', 'begins', 'begin', 'runs', 'run', 'submit', 'submitted', 'review',
  'reviewed', 'ends', 'closes', 'close', 'resolve', 'resolved', 'reply', 'escalate', 'escalated',
]);
export const AUX_WORDS = new Set(['must', 'should', 'shall', 'will', 'to', 'be', 'is', 'are', 'gets', 'get', 'been']);

export const SESSION_NOUNS = new Set([
  'session', 'sessions', 'meeting', 'meetings', 'call', 'calls', 'workshop', 'workshops', 'training', 'trainings',
  'visit', 'visits', 'round', 'rounds', 'sprint', 'sprints', 'iteration', 'iterations', 'class', 'classes',
  'touchpoint', 'touchpoints', 'module', 'modules',
]);
export const MILESTONE_NOUNS = new Set([
  'check', 'checkin', 'checkins', 'review', 'reviews', 'mark', 'milestone', 'milestones', 'plan', 'follow',
  'followup', 'survey', 'touchpoint', 'call', 'meeting', 'retrospective', 'retro', 'assessment', 'evaluation',
  'success', 'framework', 'trial', 'pilot', 'report', 'health', 'business',
]);
export const ZONES = new Set(['utc', 'gmt', 'cet', 'cest', 'et', 'est', 'edt', 'pt', 'pst', 'pdt', 'ct', 'cst', 'cdt', 'bst', 'ist', 'local', 'z']);
export const LABELS = new Set([
  'timeline', 'timing', 'timings', 'duration', 'due', 'due date', 'deadline', 'when', 'time', 'timeframe',
  'time frame', 'target', 'target time', 'target date', 'goal', 'estimated time', 'estimated duration', 'estimate',
  'eta', 'sla', 'response sla', 'frequency', 'cadence', 'effort', 'length', 'window', 'period', 'schedule',
  'expected duration', 'time required', 'time needed', 'turnaround', 'turnaround time', 'start', 'starts',
]);

export const FULL_WEEKDAYS = new Set(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);

export function isPluralWeekday(w: string): boolean {
  return w.length > 6 && w.endsWith('s') && FULL_WEEKDAYS.has(w.slice(0, -1));
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function makeIsoDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > dim) return undefined;
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}
