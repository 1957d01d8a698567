/**
 * The business-day axis the scheduler computes on. Position k is the start of the k-th business day counted
 * from the start date (0 = the start date, or the first business day after it); a step of n business days
 * starting at k finishes at k + n. Calendar time (days, weeks, months, 24+ hours) is converted through real
 * dates, so weekends and holidays fall where they fall. A lookup table over ±years makes every conversion O(1),
 * which keeps the Monte Carlo runs cheap.
 */
import { addMonths, fromDayNumber, toDayNumber, type BusinessCalendar, type IsoDate } from './calendar';
import type { Duration } from './types';

const BACK_DAYS = 366 * 3;
const FORWARD_DAYS = 366 * 8;
const EPS = 1e-9;

export class BusinessAxis {
  readonly startDay: number;
  readonly hoursPerDay: number;
  private readonly origin: number;
  private readonly bdays: number[] = [];
  /** countBefore[d]: business days strictly before day origin + d. */
  private readonly countBefore: Int32Array;
  private readonly isBusiness: Uint8Array;
  private readonly idx0: number;

  constructor(
    readonly calendar: BusinessCalendar,
    readonly start: IsoDate,
  ) {
    this.startDay = toDayNumber(start);
    this.origin = this.startDay - BACK_DAYS;
    const len = BACK_DAYS + FORWARD_DAYS;
    this.countBefore = new Int32Array(len + 1);
    this.isBusiness = new Uint8Array(len);
    for (let d = 0; d < len; d++) {
      this.countBefore[d] = this.bdays.length;
      const day = this.origin + d;
      if (calendar.isBusinessDay(fromDayNumber(day))) {
        this.isBusiness[d] = 1;
        this.bdays.push(day);
      }
    }
    this.countBefore[len] = this.bdays.length;
    this.idx0 = this.countBefore[BACK_DAYS]!;
    this.hoursPerDay = Math.max(1, (calendar.dayEndMinutes - calendar.dayStartMinutes) / 60);
  }

  private clampDay(day: number): number {
    return Math.min(Math.max(day - this.origin, 0), this.isBusiness.length - 1);
  }

  /** Position of the first business day on or after `day` (a day number). */
  startPosOfDay(day: number): number {
    return this.countBefore[this.clampDay(day)]! - this.idx0;
  }

  /** Position at the end of the last business day on or before `day`. */
  endPosOfDay(day: number): number {
    const d = this.clampDay(day);
    return this.countBefore[d]! + this.isBusiness[d]! - this.idx0;
  }

  startPos(date: IsoDate): number {
    return this.startPosOfDay(toDayNumber(date));
  }

  endPos(date: IsoDate): number {
    return this.endPosOfDay(toDayNumber(date));
  }

  /** Day number of the business day at whole position k (clamped to the table). */
  dayAt(k: number): number {
    const i = Math.min(Math.max(Math.floor(k) + this.idx0, 0), this.bdays.length - 1);
    return this.bdays[i]!;
  }

  /** The date a step starting at `pos` starts on. */
  startDayOf(pos: number): number {
    return this.dayAt(Math.floor(pos + EPS));
  }

  /** The date a step that started at `start` and finishes at `finish` finishes on. */
  finishDayOf(finish: number, start: number): number {
    if (finish <= start + EPS) return this.startDayOf(start);
    return this.dayAt(Math.ceil(finish - EPS) - 1);
  }

  /** The day a step must be done by when its latest finish is `lf`: the business day that ends at `lf`. */
  latestDayOf(lf: number): number {
    return this.dayAt(Math.ceil(lf - EPS) - 1);
  }

  /** The latest start day: the start day when work remains, else the latest finish day. */
  latestStartDayOf(ls: number, lf: number): number {
    return ls < lf - EPS ? this.startDayOf(ls) : this.latestDayOf(lf);
  }

  date(day: number): IsoDate {
    return fromDayNumber(day);
  }

  /** Where work of `v` (in d's unit) that starts at `pos` ends. Short work stays inside its day. */
  workEnd(pos: number, d: Duration, v: number): number {
    switch (d.unit) {
      case 'business-days':
        return pos + v;
      case 'minutes':
        return pos + Math.min(1, v / 60 / this.hoursPerDay);
      case 'hours':
        if (d.business) return pos + v / this.hoursPerDay;
        return v < 24 ? pos + Math.min(1, v / this.hoursPerDay) : this.calendarEnd(pos, Math.ceil(v / 24));
      case 'days':
        return v < 1 ? pos + v : this.calendarEnd(pos, v);
      case 'weeks':
        return d.business ? pos + 5 * v : this.calendarEnd(pos, Math.round(7 * v));
      case 'months': {
        const whole = Math.floor(v);
        const startDay = this.startDayOf(pos);
        const end = toDayNumber(addMonths(fromDayNumber(startDay), whole)) + Math.round((v - whole) * 30) - 1;
        return Math.max(pos, this.endPosOfDay(end));
      }
    }
  }

  /** The latest start for work of `v` that must end by `end` (the inverse of workEnd, rolling backwards). */
  workStart(end: number, d: Duration, v: number): number {
    switch (d.unit) {
      case 'business-days':
        return end - v;
      case 'minutes':
        return end - Math.min(1, v / 60 / this.hoursPerDay);
      case 'hours':
        if (d.business) return end - v / this.hoursPerDay;
        return v < 24 ? end - Math.min(1, v / this.hoursPerDay) : this.calendarStart(end, Math.ceil(v / 24));
      case 'days':
        return v < 1 ? end - v : this.calendarStart(end, v);
      case 'weeks':
        return d.business ? end - 5 * v : this.calendarStart(end, Math.round(7 * v));
      case 'months': {
        const endDay = this.dayAt(Math.ceil(end - EPS) - 1);
        const startDay = toDayNumber(addMonths(fromDayNumber(endDay + 1), -Math.floor(v))) - Math.round((v - Math.floor(v)) * 30);
        return Math.min(end, this.endPosOfDay(startDay) - 1);
      }
    }
  }

  private calendarEnd(pos: number, days: number): number {
    const endDay = this.startDayOf(pos) + Math.ceil(days) - 1;
    return Math.max(pos, this.endPosOfDay(endDay));
  }

  private calendarStart(end: number, days: number): number {
    const endDay = this.dayAt(Math.ceil(end - EPS) - 1);
    const startDay = endDay - Math.ceil(days) + 1;
    // Roll a weekend start back to the business day before it, so the work still ends in time.
    return Math.min(end, this.endPosOfDay(startDay) - 1);
  }

  /** End position of the day `v` after an event on `day`: "within v of X" where X happened on `day`. */
  elapsedEnd(day: number, d: Duration, v: number): number {
    const lastBusiness = this.endPosOfDay(day) - 1; // position of the business day on or before `day`
    switch (d.unit) {
      case 'business-days':
        return lastBusiness + 1 + v;
      case 'minutes':
        return this.endPosOfDay(day);
      case 'hours':
        if (d.business) return lastBusiness + 1 + v / this.hoursPerDay;
        return this.endPosOfDay(day + (v < 24 ? 0 : Math.ceil(v / 24)));
      case 'days':
        return this.endPosOfDay(day + Math.ceil(v));
      case 'weeks':
        return d.business ? lastBusiness + 1 + 5 * v : this.endPosOfDay(day + Math.round(7 * v));
      case 'months':
        return this.endPosOfDay(toDayNumber(addMonths(fromDayNumber(day), Math.floor(v))) + Math.round((v - Math.floor(v)) * 30));
    }
  }

  /** The day `v` before or after `day` (business units count business days). */
  shiftDay(day: number, d: Duration, v: number, direction: 'before' | 'after'): number {
    const sign = direction === 'before' ? -1 : 1;
    switch (d.unit) {
      case 'business-days':
        return sign > 0 ? this.dayAt(this.endPosOfDay(day) - 1 + v) : this.dayAt(this.startPosOfDay(day) - v);
      case 'weeks':
        if (d.business) return sign > 0 ? this.dayAt(this.endPosOfDay(day) - 1 + 5 * v) : this.dayAt(this.startPosOfDay(day) - 5 * v);
        return day + sign * Math.round(7 * v);
      case 'months':
        return toDayNumber(addMonths(fromDayNumber(day), sign * Math.round(v)));
      case 'hours':
        return day + sign * (v < 24 ? 0 : Math.ceil(v / 24));
      case 'minutes':
        return day;
      case 'days':
        return day + sign * Math.round(v);
    }
  }
}

/** Axes kept for reuse: a few calendars × start dates cover an editing session (lint, today, a customer). */
const AXIS_CACHE_SIZE = 16;
const axisCache = new Map<string, BusinessAxis>();

/**
 * The axis for a calendar and start date, shared with earlier calls for an equal calendar (same cacheKey) and
 * the same start: the table spans a fixed horizon around the start, so these two decide every entry. An axis
 * is never changed after construction, which is what makes sharing it safe.
 */
export function businessAxisFor(calendar: BusinessCalendar, start: IsoDate): BusinessAxis {
  if (calendar.cacheKey === undefined) return new BusinessAxis(calendar, start);
  const key = `${start}|${calendar.cacheKey}`;
  const hit = axisCache.get(key);
  if (hit) {
    // Least recently used goes first: a Map iterates in insertion order.
    axisCache.delete(key);
    axisCache.set(key, hit);
    return hit;
  }
  const axis = new BusinessAxis(calendar, start);
  axisCache.set(key, axis);
  if (axisCache.size > AXIS_CACHE_SIZE) axisCache.delete(axisCache.keys().next().value!);
  return axis;
}

export function clearAxisCache(): void {
  axisCache.clear();
}
