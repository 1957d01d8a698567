/**
 * An RFC 5545 iCalendar file: one all-day VEVENT per scheduled step on its latest finish (the day it is due), and
 * one recurring VEVENT per cadence (an RRULE from its period, over its stated window or the plan's start to latest
 * finish; work every few minutes or hours recurs from 09:00 floating local time).
 *
 * Reproducible on purpose: UIDs come from the document, the customer and the step (so re-importing an updated
 * export moves the events instead of duplicating them), and DTSTAMP is the timeline's start date rather than
 * the clock, so the same input always gives the same bytes.
 */
import { addCalendarDays } from '../calendar';
import type { Timeline } from '../schedule';
import { cadenceRows, customerCaption, scheduledSteps, timelineCaption, type CadenceRow } from './rows';
import { sha256Hex, utf8Bytes } from './sha256';

export interface IcsOptions {
  /** What identifies the document across machines (its `id`, or a workspace-relative path); default the uri. */
  documentKey?: string;
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function icsText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * Folds a content line to at most 75 octets per physical line (RFC 5545 §3.1): continuation lines start with a
 * space, and a UTF-8 sequence (or a surrogate pair) is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = utf8Bytes(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

function icsDate(date: string): string {
  return date.replace(/-/g, '');
}

const FREQ: Record<CadenceRow['unit'], string> = { minute: 'MINUTELY', hour: 'HOURLY', day: 'DAILY', 'business day': 'DAILY', week: 'WEEKLY', month: 'MONTHLY' };

/** DTSTART, DTEND and RRULE of a cadence: all-day for days and longer, 09:00 floating time for minutes and hours. */
function cadenceTiming(c: CadenceRow): string[] {
  const subDaily = c.unit === 'minute' || c.unit === 'hour';
  const interval = Math.max(1, Math.round(c.n));
  const rule = [`FREQ=${FREQ[c.unit]}`, `INTERVAL=${interval}`];
  // Business days: every working weekday (the calendar's holidays are not in the file).
  if (c.unit === 'business day') rule.push('BYDAY=MO,TU,WE,TH,FR');
  if (c.to) rule.push(`UNTIL=${icsDate(c.to)}${subDaily ? 'T235959' : ''}`);
  const start = subDaily ? [`DTSTART:${icsDate(c.from)}T090000`, `DURATION:PT${c.unit === 'minute' ? Math.min(interval, 60) : 60}M`] : [`DTSTART;VALUE=DATE:${icsDate(c.from)}`, `DTEND;VALUE=DATE:${icsDate(addCalendarDays(c.from, 1))}`];
  return [...start, `RRULE:${rule.join(';')}`];
}

export function renderIcs(t: Timeline, options: IcsOptions = {}): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//sopls//sopls timeline//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(timelineCaption(t))}`,
  ];
  const documentKey = options.documentKey ?? t.uri;
  const stamp = `${icsDate(t.start)}T000000Z`;
  const seen = new Map<string, number>();
  for (const s of scheduledSteps(t)) {
    // Two steps with the same label still get distinct UIDs: the n-th occurrence is part of the key.
    const n = seen.get(s.label) ?? 0;
    seen.set(s.label, n + 1);
    const uid = sha256Hex([documentKey, t.customer?.id ?? '', s.label, String(n)].join('\n')).slice(0, 32);
    const description = [
      `Due: latest finish of ${s.label}.`,
      s.owners.length ? `Owners: ${s.owners.join(', ')}` : 'Owners: none named',
      `Earliest: ${s.earliest.start} to ${s.earliest.finish}`,
      `Latest: ${s.latest.start} to ${s.latest.finish}`,
      s.p50 && s.p90 ? `P50 ${s.p50}, P90 ${s.p90}` : '',
      s.critical ? 'On the critical path.' : '',
      customerCaption(t) ? `Customer: ${customerCaption(t)}` : '',
    ].filter(Boolean);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}@sopls`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(s.latest.finish)}`,
      `DTEND;VALUE=DATE:${icsDate(addCalendarDays(s.latest.finish, 1))}`,
      `SUMMARY:${icsText(s.label)}`,
      `DESCRIPTION:${icsText(description.join('\n'))}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  const cadenceSeen = new Map<string, number>();
  for (const c of cadenceRows(t)) {
    const n = cadenceSeen.get(c.title) ?? 0;
    cadenceSeen.set(c.title, n + 1);
    const uid = sha256Hex([documentKey, t.customer?.id ?? '', 'cadence', c.title, String(n)].join('\n')).slice(0, 32);
    lines.push('BEGIN:VEVENT', `UID:${uid}@sopls`, `DTSTAMP:${stamp}`, ...cadenceTiming(c), `SUMMARY:${icsText(`${c.title} (every ${c.every})`)}`);
    const description = [`Recurring: every ${c.every}${c.times ? `, ${c.times} times` : ''}.`, c.owners.length ? `Owners: ${c.owners.join(', ')}` : 'Owners: none named'];
    lines.push(`DESCRIPTION:${icsText(description.join('\n'))}`, 'TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
