/**
 * One row per scheduled step, then one per cadence (`every` filled, the window in the earliest columns), RFC 4180: CRLF line endings, a header row, fields with `"`, `,`, CR or LF quoted
 * and inner quotes doubled. Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) get a
 * leading `'`, the usual guard against CSV injection; dates and numbers are never changed.
 */
import type { Timeline } from '../schedule';
import { cadenceRows, scheduledSteps } from './rows';

export const CSV_COLUMNS = [
  'number',
  'title',
  'owners',
  'earliest_start',
  'earliest_finish',
  'latest_start',
  'latest_finish',
  'p50',
  'p90',
  'critical',
  'slack',
  'due',
  'at_risk',
  'every',
] as const;

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function textCell(value: string): string {
  return csvField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

export function renderCsv(t: Timeline): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const s of scheduledSteps(t)) {
    lines.push(
      [
        s.number !== undefined ? String(s.number) : '',
        textCell(s.title),
        textCell(s.owners.join('; ')),
        s.earliest.start,
        s.earliest.finish,
        s.latest.start,
        s.latest.finish,
        s.p50 ?? '',
        s.p90 ?? '',
        s.critical ? 'true' : 'false',
        String(s.slack ?? 0),
        s.due ?? '',
        s.atRisk ? 'true' : 'false',
        '',
      ].join(','),
    );
  }
  for (const c of cadenceRows(t)) {
    const every = `${c.every}${c.times ? ` (${c.times} times)` : ''}`;
    lines.push(['', textCell(c.title), textCell(c.owners.join('; ')), c.from, c.to ?? '', '', '', '', '', 'false', '', '', 'false', textCell(every)].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
