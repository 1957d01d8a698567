/**
 * SVG Gantt chart of a timeline in the `sopls timeline --format json` shape. Pure: string in, string out, no
 * DOM and no node, so the webview bundles it and the CLI's `--format html` can call it with
 * `timelineToJson(timeline)` — the preview and the exported page then draw the same chart.
 *
 * Every piece of document text (titles, owners, messages) goes through `escapeXml`. Styling is by class only
 * (no inline style attributes, which a strict CSP blocks); the page supplies the stylesheet.
 *
 * Per step row: the earliest–latest window as a light band, the earliest schedule as the bar (`.bar`, with
 * `data-step`), the P50–P90 finish range as a thin band with a P50 tick, a diamond for steps that take no
 * time (milestones), red for steps named by a conflict. Owners are colour-coded with a legend.
 */
import { CALENDAR_DAYS_PER_UNIT } from '../../dates';
import type { TimelineJson } from './json';

export interface RenderTimelineOptions {
  /** Total width in pixels (the container's width in the preview). */
  width?: number;
  /** Today's date (YYYY-MM-DD) for a "today" line; none when absent. */
  today?: string;
  /** Adds `tabindex`/`role` so bars can be focused and activated from the keyboard. */
  interactive?: boolean;
  /** Width of the title column in pixels (the preview lets the reader drag it); default from the longest title. */
  labelWidth?: number;
}

type Step = TimelineJson['steps'][number];

const ROW = 28;
const BAR = 14;
const AXIS = 34;
const LEGEND_ROW = 22;
const LABEL_MIN = 160;
const LABEL_MAX = 300;
const PAD = 12;
const OWNER_COLOURS = 8;
const DAY_MS = 86_400_000;

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return NaN;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `4. Kickoff Meeting`, as the timeline engine names steps in conflicts. */
export function stepLabel(s: Pick<Step, 'number' | 'title'>): string {
  return s.number !== undefined ? `${s.number}. ${s.title}` : s.title;
}

/** The `data-step` of each row: the step number when it names one row only, else `#index`. */
export function stepKeys(steps: Pick<Step, 'number'>[]): string[] {
  const counts = new Map<number, number>();
  for (const s of steps) if (s.number !== undefined) counts.set(s.number, (counts.get(s.number) ?? 0) + 1);
  return steps.map((s, i) => (s.number !== undefined && counts.get(s.number) === 1 ? String(s.number) : `#${i}`));
}

/** Owners in order of first appearance; each gets a colour class `owner-N`. */
export function ownerIndex(steps: Pick<Step, 'owners'>[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const s of steps) for (const o of s.owners) if (!index.has(o)) index.set(o, index.size);
  return index;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

/** `Mar 2`; with the year (`Jan 4 2027`) when asked, for the first tick and where the year changes. */
function shortDate(date: string, withYear = false): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${months[Number(m[2]) - 1]} ${Number(m[3])}${withYear ? ` ${m[1]}` : ''}` : date;
}

/** A step's title split into at most two lines of `max` characters (the second cut with `…`). */
function wrapLabel(label: string, max: number): string[] {
  if (label.length <= max) return [label];
  const cut = label.lastIndexOf(' ', max);
  const at = cut > max / 2 ? cut : max;
  return [label.slice(0, at).trimEnd(), truncate(label.slice(at).trimStart(), max)];
}

/** Days between occurrences of a cadence (`15 minutes` → 1/96, `1 week` → 7, `1 month` → 30). */
export function cadenceDays(every: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?) (minute|hour|business day|day|week|month)s?$/.exec(every);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] === 'business day' ? 'business-days' : (`${m[2]}s` as 'minutes' | 'hours' | 'days' | 'weeks' | 'months');
  return n > 0 ? n * CALENDAR_DAYS_PER_UNIT[unit] : undefined;
}

/** More markers than this in one row are drawn as a band: a cadence of minutes is "all the time" at this scale. */
const MAX_MARKERS = 120;

export function renderTimelineSvg(schedule: TimelineJson, options: RenderTimelineOptions = {}): string {
  const steps = schedule.steps;
  const width = Math.max(480, Math.round(options.width ?? 960));
  const owners = ownerIndex(steps);
  const keys = stepKeys(steps);
  // A finding that names many steps (a loop) is stated once, in the list of conflicts beside the chart; each of its
  // steps gets a short pointer, so the output grows with the input, not with steps × message length.
  const conflicted = new Map<string, string[]>();
  schedule.conflicts.forEach((c, n) => {
    const note = c.steps.length > 2 ? `${c.rule}: one of ${c.steps.length} steps in conflict ${n + 1} (line ${c.line}), listed with the conflicts` : c.message;
    for (const label of c.steps) {
      const list = conflicted.get(label);
      if (list) list.push(note);
      else conflicted.set(label, [note]);
    }
  });
  const cadences = schedule.cadences ?? [];

  const days: number[] = [dayNumber(schedule.start)];
  for (const s of steps) {
    for (const d of [s.earliest.start, s.earliest.finish, s.latest.start, s.latest.finish, s.p50, s.p90]) if (d) days.push(dayNumber(d));
  }
  for (const d of [schedule.finish.earliest, schedule.finish.latest, schedule.finish.p50, schedule.finish.p90]) if (d) days.push(dayNumber(d));
  let first = Infinity;
  let last = -Infinity;
  for (const d of days) {
    if (!Number.isFinite(d)) continue;
    first = Math.min(first, d);
    last = Math.max(last, d);
  }
  // One extra day so a step finishing on the last day still has a visible end.
  last += 1;
  const span = Math.max(1, last - first);

  let longest = 0;
  for (const s of steps) longest = Math.max(longest, stepLabel(s).length);
  // Titles wrap to two lines; the column takes up to 40 % of a wide panel, or what the reader dragged it to.
  const labelMax = Math.max(LABEL_MAX, Math.round(width * 0.4));
  const labelWidth = Math.round(options.labelWidth !== undefined ? Math.min(width - 200, Math.max(80, options.labelWidth)) : Math.min(labelMax, Math.max(LABEL_MIN, Math.round((longest * 6.6) / 2) + PAD * 2, Math.min(labelMax, longest * 6.6 + PAD * 2))));
  const chartLeft = labelWidth;
  const chartWidth = width - chartLeft - PAD;
  const x = (day: number): number => chartLeft + ((day - first) / span) * chartWidth;
  const xDate = (date: string): number => x(dayNumber(date));

  const ownerList = [...owners.keys()];
  const legendPerRow = Math.max(1, Math.floor((width - PAD * 2) / 190));
  const legendRows = Math.ceil(ownerList.length / legendPerRow);
  const rowsTop = AXIS;
  const cadenceTop = AXIS + steps.length * ROW;
  const rowsHeight = (steps.length + cadences.length) * ROW;
  const keyRows = 1;
  const height = rowsTop + rowsHeight + 8 + (legendRows + keyRows) * LEGEND_ROW + 8;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(`Timeline from ${schedule.start}, ${steps.length} steps`)}">`,
  );

  // Axis: a tick per week (or per month on long timelines), labelled with the date.
  const tickEvery = span > 200 ? 30 : span > 60 ? 14 : 7;
  out.push('<g class="axis">');
  // The year shows on the first tick and wherever it changes, so a plan that crosses one cannot be misread.
  let tickYear = '';
  for (let d = first; d <= last; d += tickEvery) {
    const tx = x(d).toFixed(1);
    const date = dateOf(d);
    const withYear = date.slice(0, 4) !== tickYear;
    tickYear = date.slice(0, 4);
    out.push(`<line class="grid" x1="${tx}" y1="${AXIS - 6}" x2="${tx}" y2="${rowsTop + rowsHeight}"/>`);
    out.push(`<text class="tick${withYear ? ' year' : ''}" x="${tx}" y="${AXIS - 12}">${escapeXml(shortDate(date, withYear))}</text>`);
  }
  out.push('</g>');

  // Alternate row shading keeps long rows readable.
  out.push('<g class="rows">');
  for (let i = 0; i < steps.length + cadences.length; i++) {
    if (i % 2 === 1) out.push(`<rect class="row-shade" x="0" y="${rowsTop + i * ROW}" width="${width}" height="${ROW}"/>`);
  }
  out.push('</g>');

  const startX = xDate(schedule.start).toFixed(1);
  out.push(`<line class="start-line" x1="${startX}" y1="${AXIS - 6}" x2="${startX}" y2="${rowsTop + rowsHeight}"><title>Start ${escapeXml(schedule.start)}</title></line>`);
  if (options.today && Number.isFinite(dayNumber(options.today)) && dayNumber(options.today) >= first && dayNumber(options.today) <= last) {
    const tx = xDate(options.today).toFixed(1);
    out.push(`<line class="today-line" x1="${tx}" y1="${AXIS - 6}" x2="${tx}" y2="${rowsTop + rowsHeight}"><title>Today ${escapeXml(options.today)}</title></line>`);
  }
  for (const [cls, date, name] of [
    ['finish-p50', schedule.finish.p50, 'P50 finish'],
    ['finish-p90', schedule.finish.p90, 'P90 finish'],
  ] as const) {
    if (!date) continue;
    const fx = xDate(date).toFixed(1);
    out.push(`<line class="finish-line ${cls}" x1="${fx}" y1="${AXIS - 6}" x2="${fx}" y2="${rowsTop + rowsHeight}"><title>${name} ${escapeXml(date)}</title></line>`);
  }

  steps.forEach((s, i) => {
    const top = rowsTop + i * ROW;
    const mid = top + ROW / 2;
    const label = stepLabel(s);
    const messages = conflicted.get(label) ?? [];
    const ownerClass = s.owners.length ? `owner-${owners.get(s.owners[0]!)! % OWNER_COLOURS}` : 'owner-none';
    const classes = ['step', ownerClass, s.critical ? 'critical' : '', s.atRisk ? 'at-risk' : '', messages.length ? 'conflict' : ''].filter(Boolean).join(' ');
    const tooltip = [
      label,
      s.owners.length ? `Owners: ${s.owners.join(', ')}` : 'No owner',
      `Earliest ${s.earliest.start} – ${s.earliest.finish}`,
      `Latest ${s.latest.start} – ${s.latest.finish}${s.due ? ` · due ${s.due}` : ''}`,
      s.p50 && s.p90 ? `P50 ${s.p50} · P90 ${s.p90}` : '',
      s.critical ? 'On the critical path' : '',
      s.atRisk ? `At risk: misses its deadline when durations run long${s.p90 ? ` (P90 ${s.p90})` : ''}` : '',
      ...messages,
    ]
      .filter(Boolean)
      .join('\n');
    out.push(`<g class="${classes}">`);
    out.push(`<title>${escapeXml(tooltip)}</title>`);
    const lines = wrapLabel(label, Math.max(4, Math.floor((labelWidth - PAD * 2) / 6.2)));
    if (lines.length === 1) out.push(`<text class="label" x="${PAD}" y="${mid + 4}">${escapeXml(lines[0]!)}</text>`);
    else out.push(`<text class="label wrapped" x="${PAD}" y="${mid - 2}">${escapeXml(lines[0]!)}<tspan x="${PAD}" dy="11">${escapeXml(lines[1]!)}</tspan></text>`);

    const windowStart = xDate(s.earliest.start);
    const windowEnd = x(dayNumber(s.latest.finish) + 1);
    out.push(`<rect class="window" x="${windowStart.toFixed(1)}" y="${top + 4}" width="${Math.max(2, windowEnd - windowStart).toFixed(1)}" height="${ROW - 8}" rx="3"/>`);

    const key = escapeXml(keys[i]!);
    const focus = options.interactive ? ' tabindex="0" role="button"' : '';
    const aria = ` aria-label="${escapeXml(`${label}: ${s.earliest.start} to ${s.latest.finish}`)}"`;
    const milestone = s.milestone === true;
    if (milestone) {
      const cx = x(dayNumber(s.earliest.finish) + 0.5);
      const r = BAR / 2 + 1;
      out.push(
        `<path class="bar milestone" data-step="${key}"${focus}${aria} d="M${cx.toFixed(1)} ${mid - r} L${(cx + r).toFixed(1)} ${mid} L${cx.toFixed(1)} ${mid + r} L${(cx - r).toFixed(1)} ${mid} Z"/>`,
      );
    } else {
      const bx = xDate(s.earliest.start);
      const bw = Math.max(3, x(dayNumber(s.earliest.finish) + 1) - bx);
      out.push(`<rect class="bar" data-step="${key}"${focus}${aria} x="${bx.toFixed(1)}" y="${mid - BAR / 2}" width="${bw.toFixed(1)}" height="${BAR}" rx="2"/>`);
    }
    // The critical path: a heavy line under the bar, named in the key below the chart.
    if (s.critical) {
      const cx1 = xDate(s.earliest.start);
      const cx2 = Math.max(cx1 + 3, x(dayNumber(s.earliest.finish) + 1));
      out.push(`<line class="critical-mark" x1="${cx1.toFixed(1)}" y1="${mid + BAR / 2 + 2}" x2="${cx2.toFixed(1)}" y2="${mid + BAR / 2 + 2}"/>`);
    }

    if (s.p50 && s.p90) {
      const px = x(dayNumber(s.p50) + 1);
      const qx = x(dayNumber(s.p90) + 1);
      out.push(`<rect class="p-band" x="${Math.min(px, qx).toFixed(1)}" y="${top + ROW - 7}" width="${Math.max(2, Math.abs(qx - px)).toFixed(1)}" height="3"/>`);
      out.push(`<line class="p50" x1="${px.toFixed(1)}" y1="${top + ROW - 10}" x2="${px.toFixed(1)}" y2="${top + ROW - 3}"/>`);
    }
    if (messages.length) {
      out.push(`<text class="conflict-mark" x="${(windowEnd + 4).toFixed(1)}" y="${mid + 4}">!</text>`);
    }
    out.push('</g>');
  });

  cadences.forEach((c, k) => {
    const top = cadenceTop + k * ROW;
    const mid = top + ROW / 2;
    const every = cadenceDays(c.every);
    const from = c.from ? dayNumber(c.from) : dayNumber(schedule.start);
    const to = c.to ? dayNumber(c.to) + 1 : last;
    const label = `↻ ${c.title} (every ${c.every}${c.times ? `, ${c.times} times` : ''})`;
    out.push(`<g class="cadence">`);
    out.push(`<title>${escapeXml(`${label}${c.owners.length ? `\nOwners: ${c.owners.join(', ')}` : ''}\nRecurring: not a step that finishes (line ${c.line})`)}</title>`);
    out.push(`<text class="label" x="${PAD}" y="${mid + 4}">${escapeXml(truncate(label, Math.max(4, Math.floor((labelWidth - PAD * 2) / 6.2))))}</text>`);
    if (every === undefined || (to - from) / every > MAX_MARKERS) {
      out.push(`<rect class="cadence-band" x="${x(from).toFixed(1)}" y="${mid - 3}" width="${Math.max(2, x(to) - x(from)).toFixed(1)}" height="6"/>`);
    } else {
      for (let d = from; d < to; d += every) out.push(`<circle class="cadence-mark" cx="${x(d + 0.5).toFixed(1)}" cy="${mid}" r="3.5"/>`);
    }
    out.push('</g>');
  });

  // The key: what each mark means.
  const keyTop = rowsTop + rowsHeight + 8;
  const keyItems: [string, string][] = [['mark-critical', 'Critical path'], ['mark-milestone', 'Milestone (takes no time)'], ['mark-p', 'P50–P90 finish'], ['mark-cadence', 'Recurring']];
  out.push('<g class="legend key" aria-label="Key">');
  keyItems.forEach(([cls, text], k) => {
    const kx = PAD + k * 190;
    if (cls === 'mark-critical') out.push(`<line class="critical-mark key-shape" x1="${kx}" y1="${keyTop + 10}" x2="${kx + 14}" y2="${keyTop + 10}"/>`);
    else if (cls === 'mark-milestone') out.push(`<path class="bar milestone key-shape" d="M${kx + 7} ${keyTop + 3} L${kx + 14} ${keyTop + 10} L${kx + 7} ${keyTop + 17} L${kx} ${keyTop + 10} Z"/>`);
    else if (cls === 'mark-p') out.push(`<rect class="p-band key-shape" x="${kx}" y="${keyTop + 9}" width="14" height="3"/>`);
    else out.push(`<circle class="cadence-mark key-shape" cx="${kx + 7}" cy="${keyTop + 10}" r="3.5"/>`);
    out.push(`<text class="legend-label ${cls}" x="${kx + 18}" y="${keyTop + 14}">${text}</text>`);
  });
  out.push('</g>');

  if (ownerList.length) {
    const legendTop = keyTop + LEGEND_ROW;
    const cell = (width - PAD * 2) / legendPerRow;
    out.push('<g class="legend" aria-label="Owners">');
    ownerList.forEach((o, i) => {
      const lx = PAD + (i % legendPerRow) * cell;
      const ly = legendTop + Math.floor(i / legendPerRow) * LEGEND_ROW;
      out.push(`<g class="legend-item owner-${i % OWNER_COLOURS}">`);
      out.push(`<rect class="swatch" x="${lx.toFixed(1)}" y="${ly + 4}" width="12" height="12" rx="2"/>`);
      out.push(`<text class="legend-label" x="${(lx + 18).toFixed(1)}" y="${ly + 14}">${escapeXml(truncate(o, Math.floor((cell - 24) / 6.6)))}<title>${escapeXml(o)}</title></text>`);
      out.push('</g>');
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}
