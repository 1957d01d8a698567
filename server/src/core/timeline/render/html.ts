/**
 * A standalone HTML page: the same SVG Gantt the VS Code preview draws (svg.ts), the conflicts with their
 * messages, a table of every step, the recurring work and what was not scheduled.
 *
 * Safe to open from anywhere: the CSP allows nothing but the page's one stylesheet, pinned by its SHA-256
 * (no scripts, no remote loads, no forms, no frames), and every document string is escaped on the way in.
 */
import type { Timeline } from '../schedule';
import { timelineToJson } from './json';
import { cadenceRows, customerCaption, timelineCaption } from './rows';
import { base64, sha256 } from './sha256';
import { escapeXml, renderTimelineSvg, stepLabel } from './svg';

export interface HtmlOptions {
  /** Chart width in pixels. */
  width?: number;
  /** Draws a "today" line when it falls inside the chart. */
  today?: string;
}

const OWNER_COLOURS = ['#3b82f6', '#16a34a', '#9333ea', '#ea580c', '#ca8a04', '#0891b2', '#c026d3', '#64748b'];

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #6e7781; --grid: #d0d7de; --shade: #f6f8fa; --conflict: #d1242f; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #8d96a0; --grid: #30363d; --shade: #161b22; --conflict: #f85149; } }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 24px; }
h1 { font-size: 1.4em; margin: 0 0 4px; }
h2 { font-size: 1.1em; margin: 24px 0 8px; }
.meta { color: var(--muted); margin: 0 0 16px; }
figure { margin: 0; overflow-x: auto; }
table { border-collapse: collapse; margin-top: 8px; }
th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--grid); vertical-align: top; }
td.date { font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.critical td.title { font-weight: 600; }
tr.conflict td.title, .conflicts li, .conflicts h2 { color: var(--conflict); }
.conflicts .rule { font-family: ui-monospace, monospace; }
svg.timeline { font: 12px system-ui, sans-serif; }
svg.timeline text { fill: var(--fg); }
svg.timeline .tick { fill: var(--muted); font-size: 11px; }
svg.timeline .grid { stroke: var(--grid); stroke-width: 1; }
svg.timeline .row-shade { fill: var(--shade); }
svg.timeline .start-line { stroke: var(--fg); stroke-width: 1.5; }
svg.timeline .today-line { stroke: var(--conflict); stroke-dasharray: 2 2; }
svg.timeline .finish-line { stroke: var(--muted); stroke-dasharray: 4 3; }
svg.timeline .window { fill: var(--owner-color); opacity: 0.18; }
svg.timeline .bar { fill: var(--owner-color); }
svg.timeline .p-band { fill: var(--fg); opacity: 0.45; }
svg.timeline .p50 { stroke: var(--fg); stroke-width: 1.5; }
svg.timeline .critical .label { font-weight: 600; }
svg.timeline .critical .bar { stroke: var(--fg); stroke-width: 1; }
svg.timeline .critical-mark { stroke: var(--conflict); stroke-width: 3; stroke-linecap: round; }
svg.timeline .at-risk .label { font-style: italic; }
svg.timeline .cadence-mark, svg.timeline .cadence-band { fill: var(--muted); }
svg.timeline .tick.year { font-weight: 600; }
svg.timeline .conflict .bar { fill: var(--conflict); stroke: var(--conflict); stroke-width: 2; }
svg.timeline .conflict .window { fill: var(--conflict); opacity: 0.22; }
svg.timeline .conflict .label, svg.timeline .conflict-mark { fill: var(--conflict); font-weight: 700; }
svg.timeline .owner-none { --owner-color: var(--muted); }
svg.timeline .swatch { fill: var(--owner-color); }
${OWNER_COLOURS.map((c, i) => `svg.timeline .owner-${i} { --owner-color: ${c}; }`).join('\n')}
`;

/** The CSP source that admits exactly STYLE. */
export const STYLE_HASH = `sha256-${base64(sha256(STYLE))}`;

export const HTML_CSP = [
  "default-src 'none'",
  `style-src '${STYLE_HASH}'`,
  "img-src 'none'",
  "script-src 'none'",
  "connect-src 'none'",
  "frame-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

export function renderHtml(t: Timeline, options: HtmlOptions = {}): string {
  const json = timelineToJson(t);
  const e = escapeXml;
  const svgOptions: Parameters<typeof renderTimelineSvg>[1] = { width: options.width ?? 1100 };
  if (options.today) svgOptions.today = options.today;
  const svg = renderTimelineSvg(json, svgOptions);
  const conflicted = new Set(json.conflicts.flatMap((c) => c.steps));
  const who = customerCaption(t);
  const f = json.finish;
  const meta = [
    `Start ${json.start}`,
    json.calendar,
    who ? `Customer ${who}${t.customer?.tier ? `, ${t.customer.tier} tier` : ''}` : '',
    f.earliest ? `Finish: earliest ${f.earliest}, latest ${f.latest ?? '–'}${f.p50 ? `, P50 ${f.p50}, P90 ${f.p90}` : ''}` : '',
  ].filter(Boolean);

  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">', '<meta name="generator" content="sopls">');
  out.push(`<title>${e(`Timeline: ${timelineCaption(t)}`)}</title>`, `<style>${STYLE}</style>`, '</head>', '<body>');
  out.push(`<h1>${e(timelineCaption(t))}</h1>`, `<p class="meta">${meta.map(e).join(' · ')}</p>`);
  out.push('<figure>', svg, '</figure>');

  if (json.conflicts.length) {
    out.push('<section class="conflicts">', `<h2>Conflicts (${json.conflicts.length})</h2>`, '<ul>');
    for (const c of json.conflicts) out.push(`<li><span class="rule">${e(c.rule)}</span> (line ${c.line}): ${e(c.message)}</li>`);
    out.push('</ul>', '</section>');
  }

  out.push('<h2>Steps</h2>', '<table>', '<thead><tr><th>Step</th><th>Owners</th><th>Earliest</th><th>Latest</th><th>P50</th><th>P90</th><th>Slack</th></tr></thead>', '<tbody>');
  for (const s of json.steps) {
    const label = stepLabel(s);
    const cls = [s.critical ? 'critical' : '', conflicted.has(label) ? 'conflict' : ''].filter(Boolean).join(' ');
    out.push(
      `<tr${cls ? ` class="${cls}"` : ''}><td class="title">${e(label)}</td><td>${e(s.owners.join(', '))}</td>` +
        `<td class="date">${e(`${s.earliest.start} – ${s.earliest.finish}`)}</td><td class="date">${e(`${s.latest.start} – ${s.latest.finish}`)}</td>` +
        `<td class="date">${e(s.p50 ?? '')}</td><td class="date">${e(s.p90 ?? '')}</td><td>${s.slack}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>');

  const cadences = cadenceRows(t);
  if (cadences.length) {
    out.push('<h2>Recurring</h2>', '<table class="cadences">', '<thead><tr><th>Work</th><th>Owners</th><th>Every</th><th>From</th><th>To</th></tr></thead>', '<tbody>');
    for (const c of cadences) {
      out.push(`<tr><td class="title">${e(c.title)}</td><td>${e(c.owners.join(', '))}</td><td>${e(`${c.every}${c.times ? `, ${c.times} times` : ''}`)}</td><td class="date">${e(c.from)}</td><td class="date">${e(c.to ?? '')}</td></tr>`);
    }
    out.push('</tbody>', '</table>');
  }

  if (json.unscheduled.length) {
    out.push('<section class="unscheduled">', '<h2>Not scheduled</h2>', '<ul>');
    for (const u of json.unscheduled) out.push(`<li>${e(stepLabel(u))}: ${e(u.reason)}</li>`);
    out.push('</ul>', '</section>');
  }
  out.push('</body>', '</html>');
  return out.join('\n') + '\n';
}
