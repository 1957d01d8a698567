import { toDayNumber } from '../calendar';
import type { Timeline, TimelineStep } from '../schedule';

const WIDTH = 40;

function indentOf(t: Timeline, s: TimelineStep): string {
  let depth = 0;
  for (let p = s.parent; p !== undefined; p = t.steps[p]!.parent) depth++;
  return '  '.repeat(depth);
}

/** `2026-03-02..03-09`; both dates in full when the range crosses into another year (`2026-12-21..2027-01-04`). */
export function dateRange(from: string, to: string): string {
  return from.slice(0, 4) === to.slice(0, 4) ? `${from}..${to.slice(5)}` : `${from}..${to}`;
}

/** A table, one row per step, with a Gantt bar: `=` earliest span, `-` slack up to the latest finish, `!` critical. */
export function renderText(t: Timeline): string {
  const rows = t.steps.filter((s) => s.included && s.earliest && s.latest);
  const lines: string[] = [];
  lines.push(`${t.title}`);
  lines.push(`start ${t.start} · ${t.calendar}${t.customer ? ` · customer ${t.customer.id ?? ''}${t.customer.name ? ` (${t.customer.name})` : ''}${t.customer.tier ? ` tier ${t.customer.tier}` : ''}` : ''}`);
  if (!rows.length) {
    lines.push('', `no scheduled steps: ${t.finish.unscheduled ?? 'no step has timing that can be scheduled'}`);
    return lines.join('\n') + '\n';
  }
  const first = Math.min(...rows.map((s) => toDayNumber(s.earliest!.start)));
  const last = Math.max(...rows.map((s) => Math.max(toDayNumber(s.latest!.finish), toDayNumber(s.earliest!.finish), s.p90 ? toDayNumber(s.p90) : 0)));
  const span = Math.max(1, last - first + 1);
  const col = (day: number) => Math.min(WIDTH - 1, Math.floor(((day - first) * WIDTH) / span));
  const labelWidth = Math.min(44, Math.max(...rows.map((s) => indentOf(t, s).length + s.label.length)));
  const ownerWidth = Math.min(28, Math.max(6, ...rows.map((s) => s.owners.join(', ').length)));
  lines.push('');
  lines.push(`${'step'.padEnd(labelWidth)}  ${'owners'.padEnd(ownerWidth)}  ${'earliest'.padEnd(23)}  ${'latest finish'.padEnd(13)}  ${'due'.padEnd(10)}  p90`);
  for (const s of rows) {
    const label = (indentOf(t, s) + s.label).slice(0, labelWidth).padEnd(labelWidth);
    const owners = s.owners.join(', ').slice(0, ownerWidth).padEnd(ownerWidth);
    const early = dateRange(s.earliest!.start, s.earliest!.finish).padEnd(23);
    const bar = Array<string>(WIDTH).fill(' ');
    const es = col(toDayNumber(s.earliest!.start));
    const ef = col(toDayNumber(s.earliest!.finish));
    const lf = col(toDayNumber(s.latest!.finish));
    for (let c = ef + 1; c <= lf; c++) bar[c] = '-';
    for (let c = es; c <= ef; c++) bar[c] = s.critical ? '!' : '=';
    lines.push(`${label}  ${owners}  ${early}  ${s.latest!.finish.padEnd(13)}  ${(s.due ?? '').padEnd(10)}  ${(s.p90 ?? '').padEnd(10)}  |${bar.join('')}|${s.atRisk ? ' at risk' : ''}`);
  }
  const skipped = t.steps.filter((s) => !s.included || !s.earliest);
  if (skipped.length) {
    lines.push('');
    lines.push(`not scheduled: ${skipped.map((s) => `${s.label} (${s.included ? s.unscheduledReason ?? 'no timing' : `dropped: ${s.excludedBecause}`})`).join('; ')}`);
  }
  for (const c of t.cadences) lines.push(`recurring: ${c.title} every ${c.every}${c.owners.length ? ` (${c.owners.join(', ')})` : ''}`);
  lines.push('');
  const f = t.finish;
  lines.push(`finish: earliest ${f.earliest ?? '-'} · latest ${f.latest ?? '-'}${f.p50 ? ` · P50 ${f.p50} · P90 ${f.p90} (${t.runs} runs, seed ${t.seed})` : ''}`);
  for (const i of t.issues) lines.push(`${i.severity === 'info' ? 'info' : 'warning'} ${i.rule} (line ${i.range.start.line + 1}): ${i.message}`);
  return lines.join('\n') + '\n';
}
