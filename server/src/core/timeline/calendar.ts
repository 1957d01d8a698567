/**
 * Business calendar: workweek, public holidays (date-holidays), extra closed dates, and date arithmetic.
 *
 * Dates are `YYYY-MM-DD` strings and date-times `YYYY-MM-DDTHH:MM` strings; all arithmetic is on UTC day
 * numbers and UTC minutes, so the machine's time zone and daylight-saving changes never shift a date. A
 * date-time is wall-clock time in the customer's calendar; no zone conversion happens here.
 */
import Holidays from 'date-holidays';

import { addCalendarDays, fromDayNumber, fromMinutes, MINUTES_PER_DAY, MS_PER_DAY, parseIsoDate, toDayNumber, toMinutes, weekdayOf, type IsoDate, type IsoDateTime } from '../dates';

export * from '../dates';

/** No schedule looks further than this; it also bounds every day-by-day loop. */
const MAX_SPAN_DAYS = 366 * 200;

export interface CalendarOptions {
  /** Working weekdays, 0 = Sunday … 6 = Saturday. Default Monday–Friday. */
  workweek?: number[];
  /** date-holidays code: `US`, `DE-BY`, `GB`, `us.la.no`. */
  holidays?: string;
  /** Extra closed dates (company shutdowns). */
  closed?: IsoDate[];
  /** Holiday types that close the business. Default public holidays only. */
  holidayTypes?: ('public' | 'bank' | 'optional' | 'school' | 'observance')[];
  /** Business hours, minutes after midnight; default 09:00–17:00. Used by business-hour arithmetic only. */
  dayStartMinutes?: number;
  dayEndMinutes?: number;
}

export interface CalendarProblem {
  /** Which option was wrong: `holidays`, `workweek`, `closed`. */
  option: 'holidays' | 'workweek' | 'closed' | 'hours';
  message: string;
}

// ---- holidays ----------------------------------------------------------------------------------------------

let countryList: Record<string, string> | undefined;

function countries(): Record<string, string> {
  countryList ??= new Holidays().getCountries('en');
  return countryList;
}

/** `DE-BY`, `de.by`, `US_LA_NO` → `['DE', 'BY']`, `['US', 'LA', 'NO']`. */
function splitHolidayCode(code: string): string[] {
  return code
    .trim()
    .split(/[-._/ ]/)
    .filter((p) => p.length > 0)
    .map((p) => p.toUpperCase());
}

/** Source of holiday dates; one per calendar, memoised per year. */
class HolidaySource {
  private readonly byYear = new Map<number, Map<IsoDate, string>>();

  constructor(
    private readonly hd: Holidays,
    private readonly types: Set<string>,
  ) {}

  forYear(year: number): Map<IsoDate, string> {
    let map = this.byYear.get(year);
    if (map) return map;
    map = new Map();
    for (const h of this.hd.getHolidays(year, 'en')) {
      if (!this.types.has(h.type)) continue;
      const first = h.date.slice(0, 10);
      // Multi-day holidays close every day they cover.
      const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / MS_PER_DAY));
      for (let k = 0; k < span && k < 31; k++) {
        const day = addCalendarDays(first, k);
        if (!map.has(day)) map.set(day, h.name);
      }
    }
    this.byYear.set(year, map);
    return map;
  }
}

// ---- the calendar --------------------------------------------------------------------------------------------

export class BusinessCalendar {
  readonly workweek: readonly number[];
  readonly holidayCode: string | undefined;
  readonly closed: ReadonlySet<IsoDate>;
  readonly dayStartMinutes: number;
  readonly dayEndMinutes: number;
  /**
   * Equal for calendars that close exactly the same days and keep the same hours (set by createCalendar), so
   * tables derived from a calendar can be shared between equal ones; undefined when that cannot be vouched for.
   */
  readonly cacheKey: string | undefined;
  private readonly workdays: boolean[];
  private readonly holidaySource: HolidaySource | undefined;

  /** Use createCalendar, which validates options and reports problems instead of throwing. */
  constructor(opts: {
    workweek: number[];
    holidayCode?: string;
    holidays?: Holidays;
    holidayTypes: string[];
    closed: IsoDate[];
    dayStartMinutes: number;
    dayEndMinutes: number;
    cacheKey?: string;
  }) {
    this.workweek = [...new Set(opts.workweek)].sort((a, b) => a - b);
    this.workdays = [0, 1, 2, 3, 4, 5, 6].map((d) => this.workweek.includes(d));
    this.holidayCode = opts.holidayCode;
    this.closed = new Set(opts.closed);
    this.holidaySource = opts.holidays ? new HolidaySource(opts.holidays, new Set(opts.holidayTypes)) : undefined;
    this.dayStartMinutes = opts.dayStartMinutes;
    this.dayEndMinutes = opts.dayEndMinutes;
    this.cacheKey = opts.cacheKey;
  }

  /** Name of the public holiday on `date`, or `closed` for an extra closed date. */
  closure(date: IsoDate): string | undefined {
    if (this.closed.has(date)) return 'closed';
    return this.holidaySource?.forYear(Number(date.slice(0, 4))).get(date);
  }

  isHoliday(date: IsoDate): boolean {
    return this.holidaySource?.forYear(Number(date.slice(0, 4))).has(date) ?? false;
  }

  isWorkweekDay(date: IsoDate): boolean {
    return this.workdays[weekdayOf(date)]!;
  }

  isBusinessDay(date: IsoDate): boolean {
    return this.isWorkweekDay(date) && !this.closed.has(date) && !this.isHoliday(date);
  }

  /** The date itself when it is a business day, else the next one. */
  rollForward(date: IsoDate): IsoDate {
    let day = toDayNumber(date);
    for (let k = 0; k < MAX_SPAN_DAYS && !this.isBusinessDay(fromDayNumber(day)); k++) day++;
    return fromDayNumber(day);
  }

  /** The date itself when it is a business day, else the previous one. */
  rollBackward(date: IsoDate): IsoDate {
    let day = toDayNumber(date);
    for (let k = 0; k < MAX_SPAN_DAYS && !this.isBusinessDay(fromDayNumber(day)); k++) day--;
    return fromDayNumber(day);
  }

  /**
   * `n` business days after `date`: every business day after `date` counts one, weekends, holidays and closed
   * days are skipped; `date` itself never counts. Friday + 1 = Monday; Thursday 2026-07-02 + 1 (US) = Monday
   * 2026-07-06. Negative `n` counts backwards; 0 returns `date` unchanged. Fractions round up (half a business
   * day still takes that day).
   */
  addBusinessDays(date: IsoDate, n: number): IsoDate {
    const steps = Math.min(Math.ceil(Math.abs(n)), MAX_SPAN_DAYS);
    const dir = n < 0 ? -1 : 1;
    let day = toDayNumber(date);
    let counted = 0;
    for (let guard = 0; counted < steps && guard < MAX_SPAN_DAYS; guard++) {
      day += dir;
      if (this.isBusinessDay(fromDayNumber(day))) counted++;
    }
    return fromDayNumber(day);
  }

  /** Business days in (from, to]: how many `addBusinessDays` steps lead from `from` to `to`. Negative when to < from. */
  businessDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = lo + 1; d <= hi && d - lo <= MAX_SPAN_DAYS; d++) if (this.isBusinessDay(fromDayNumber(d))) count++;
    return sign * count;
  }

  /** Five business days per business week. */
  addBusinessWeeks(date: IsoDate, weeks: number): IsoDate {
    return this.addBusinessDays(date, weeks * 5);
  }

  /**
   * Working hours within the business day window (default 09:00–17:00) on business days only.
   * `2026-07-02T16:00` + 2 business hours (US) = `2026-07-06T10:00`: one hour on Thursday, then the holiday and
   * the weekend are skipped. A start outside the window starts at the next opening.
   */
  addBusinessHours(dateTime: IsoDateTime, hours: number): IsoDateTime {
    let remaining = Math.round(hours * 60);
    let t = toMinutes(dateTime);
    const open = this.dayStartMinutes;
    const close = this.dayEndMinutes;
    for (let guard = 0; guard < MAX_SPAN_DAYS; guard++) {
      const day = Math.floor(t / MINUTES_PER_DAY);
      const date = fromDayNumber(day);
      const minuteOfDay = t - day * MINUTES_PER_DAY;
      if (!this.isBusinessDay(date) || minuteOfDay >= close) {
        t = (day + 1) * MINUTES_PER_DAY + open;
        if (!this.isBusinessDay(fromDayNumber(day + 1))) t = toMinutes(this.rollForward(fromDayNumber(day + 1))) + open;
        continue;
      }
      if (minuteOfDay < open) t = day * MINUTES_PER_DAY + open;
      const available = day * MINUTES_PER_DAY + close - t;
      if (remaining <= available) return fromMinutes(t + remaining);
      remaining -= available;
      t = day * MINUTES_PER_DAY + close;
    }
    return fromMinutes(t);
  }

  /** Business days in a month-range etc. are counted by callers; this lists the closed days in a span, for output. */
  closuresBetween(from: IsoDate, to: IsoDate): { date: IsoDate; name: string }[] {
    const out: { date: IsoDate; name: string }[] = [];
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    for (let d = a; d <= b && d - a <= MAX_SPAN_DAYS; d++) {
      const date = fromDayNumber(d);
      if (!this.isWorkweekDay(date)) continue;
      const name = this.closure(date);
      if (name) out.push({ date, name });
    }
    return out;
  }

  /** A short description for output: `Mon–Fri, holidays US`. */
  describe(): string {
    const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const ww = this.workweek;
    const contiguous = ww.length > 1 && ww.every((d, i) => i === 0 || d === ww[i - 1]! + 1);
    const week = contiguous ? `${names[ww[0]!]}–${names[ww[ww.length - 1]!]}` : ww.map((d) => names[d]).join(', ');
    const parts = [week];
    if (this.holidayCode) parts.push(`holidays ${this.holidayCode}`);
    if (this.closed.size) parts.push(`${this.closed.size} closed date${this.closed.size === 1 ? '' : 's'}`);
    return parts.join(', ');
  }
}

/**
 * Builds a calendar from options. Invalid options never throw: the calendar falls back to the default for that
 * option and the problem is returned for the caller to report (an unknown holiday code gives a calendar without
 * holidays).
 */
export function createCalendar(opts: CalendarOptions = {}): { calendar: BusinessCalendar; problems: CalendarProblem[] } {
  const problems: CalendarProblem[] = [];
  let workweek = opts.workweek ?? [1, 2, 3, 4, 5];
  const badDays = workweek.filter((d) => !Number.isInteger(d) || d < 0 || d > 6);
  if (badDays.length || workweek.length === 0) {
    problems.push({
      option: 'workweek',
      message: workweek.length === 0 ? 'the workweek has no working days; using Monday–Friday' : `workweek days must be 0 (Sunday) to 6 (Saturday), got ${badDays.join(', ')}`,
    });
    workweek = workweek.filter((d) => Number.isInteger(d) && d >= 0 && d <= 6);
    if (workweek.length === 0) workweek = [1, 2, 3, 4, 5];
  }
  const closed: IsoDate[] = [];
  for (const c of opts.closed ?? []) {
    const d = typeof c === 'string' ? parseIsoDate(c) : undefined;
    if (d) closed.push(d);
    else problems.push({ option: 'closed', message: `closed date '${String(c)}' is not a YYYY-MM-DD date` });
  }
  let dayStartMinutes = opts.dayStartMinutes ?? 9 * 60;
  let dayEndMinutes = opts.dayEndMinutes ?? 17 * 60;
  if (!(dayStartMinutes >= 0 && dayEndMinutes <= MINUTES_PER_DAY && dayStartMinutes < dayEndMinutes)) {
    problems.push({ option: 'hours', message: 'business hours must start before they end, within one day; using 09:00–17:00' });
    dayStartMinutes = 9 * 60;
    dayEndMinutes = 17 * 60;
  }
  let holidays: Holidays | undefined;
  let holidayCode: string | undefined;
  if (opts.holidays !== undefined && opts.holidays.trim() !== '') {
    const resolved = resolveHolidays(opts.holidays);
    if ('error' in resolved) problems.push({ option: 'holidays', message: resolved.error });
    else {
      holidays = resolved.holidays;
      holidayCode = resolved.code;
    }
  }
  const init: ConstructorParameters<typeof BusinessCalendar>[0] = {
    workweek,
    holidayTypes: opts.holidayTypes ?? ['public'],
    closed,
    dayStartMinutes,
    dayEndMinutes,
  };
  if (holidays) init.holidays = holidays;
  if (holidayCode) init.holidayCode = holidayCode;
  // The holiday code names the date-holidays country/state/region the calendar was initialised with.
  init.cacheKey = JSON.stringify([
    [...new Set(workweek)].sort((a, b) => a - b),
    holidays ? (holidayCode ?? '') : '',
    holidays ? [...new Set(init.holidayTypes)].sort() : [],
    [...new Set(closed)].sort(),
    dayStartMinutes,
    dayEndMinutes,
  ]);
  return { calendar: new BusinessCalendar(init), problems };
}

function resolveHolidays(code: string): { holidays: Holidays; code: string } | { error: string } {
  const parts = splitHolidayCode(code);
  const [country, state, region] = parts;
  if (!country || parts.length > 3) return { error: `holiday code '${code}' is not COUNTRY, COUNTRY-STATE or COUNTRY-STATE-REGION` };
  const known = countries();
  if (!Object.hasOwn(known, country)) return { error: `unknown holiday country '${country}' in '${code}' (use an ISO 3166 code such as US, DE, GB)` };
  const hd = new Holidays();
  if (state) {
    const states = hd.getStates(country, 'en') ?? {};
    if (!Object.hasOwn(states, state)) {
      const list = Object.keys(states);
      return { error: `unknown state '${state}' for ${country}${list.length ? ` (known: ${list.slice(0, 20).join(', ')}${list.length > 20 ? ', …' : ''})` : ''}` };
    }
    if (region) {
      const regions = hd.getRegions(country, state, 'en') ?? {};
      if (!Object.hasOwn(regions, region)) return { error: `unknown region '${region}' for ${country}-${state}` };
    }
  }
  if (region) hd.init(country, state!, region);
  else if (state) hd.init(country, state);
  else hd.init(country);
  return { holidays: hd, code: parts.join('-') };
}

/** The calendar options in `.sopls.json` (`calendar`) merged with a `--holidays` override. */
export function calendarFromConfig(
  config: { workweek: number[]; closed: string[]; holidays?: string },
  holidaysOverride?: string,
): { calendar: BusinessCalendar; problems: CalendarProblem[] } {
  const opts: CalendarOptions = { workweek: config.workweek, closed: config.closed };
  const h = holidaysOverride ?? config.holidays;
  if (h !== undefined) opts.holidays = h;
  return createCalendar(opts);
}
