/**
 * Date arithmetic on `YYYY-MM-DD` strings, the one place for it: day numbers, weekdays, calendar days, weeks and
 * months. All arithmetic is on UTC day numbers and UTC minutes, so the machine's time zone and daylight-saving
 * changes never shift a date. The business calendar (timeline/calendar.ts), the scheduler and the lint rules
 * that compare dates (review-overdue, frontmatter-schema) all use these.
 */

export type IsoDate = string;
export type IsoDateTime = string;

export const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1440;
/**
 * Calendar days in one of each duration unit, for comparing or drawing amounts written in different units: a
 * business day is 7/5 of a calendar day (five working days spread over a week), a month the mean Gregorian month.
 */
export const CALENDAR_DAYS_PER_UNIT: Readonly<Record<'minutes' | 'hours' | 'days' | 'business-days' | 'weeks' | 'months', number>> = {
  minutes: 1 / MINUTES_PER_DAY,
  hours: 1 / 24,
  days: 1,
  'business-days': 7 / 5,
  weeks: 7,
  months: 30.44,
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Validates and returns a `YYYY-MM-DD` date, or undefined for anything else (`2026-02-30` included). */
export function parseIsoDate(text: string): IsoDate | undefined {
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-') return undefined;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return undefined;
  if (d > daysInMonth(y, m)) return undefined;
  return text;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01. */
export function toDayNumber(date: IsoDate): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function fromDayNumber(day: number): IsoDate {
  const dt = new Date(day * MS_PER_DAY);
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  return addCalendarDays(date, weeks * 7);
}

/** Calendar months; the day is clamped to the end of a shorter month (Jan 31 + 1 month = Feb 28 or 29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `2026-03-02T09:30` → minutes since the epoch (UTC arithmetic). A bare date means midnight. */
export function toMinutes(dateTime: IsoDateTime): number {
  const day = toDayNumber(dateTime.slice(0, 10));
  const h = dateTime.length >= 16 ? Number(dateTime.slice(11, 13)) : 0;
  const min = dateTime.length >= 16 ? Number(dateTime.slice(14, 16)) : 0;
  return day * MINUTES_PER_DAY + h * 60 + min;
}

export function fromMinutes(minutes: number): IsoDateTime {
  const day = Math.floor(minutes / MINUTES_PER_DAY);
  const rest = minutes - day * MINUTES_PER_DAY;
  return `${fromDayNumber(day)}T${pad(Math.floor(rest / 60))}:${pad(Math.round(rest % 60))}`;
}

/** Calendar hours: `2026-03-02T22:00` + 5 h = `2026-03-03T03:00`. */
export function addHours(dateTime: IsoDateTime, hours: number): IsoDateTime {
  return fromMinutes(toMinutes(dateTime) + Math.round(hours * 60));
}

export function addMinutes(dateTime: IsoDateTime, minutes: number): IsoDateTime {
  return fromMinutes(toMinutes(dateTime) + Math.round(minutes));
}

/** The local calendar date of a JS Date (what "today" means to the person running the CLI). */
export function localIsoDate(now: Date): IsoDate {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Days since 1970-01-01 for a valid `YYYY-MM-DD` (surrounding spaces allowed), else undefined. */
export function dayNumberOf(text: string): number | undefined {
  const date = parseIsoDate(text.trim());
  return date === undefined ? undefined : toDayNumber(date);
}
