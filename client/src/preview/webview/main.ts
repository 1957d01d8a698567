/// <reference lib="dom" />
/**
 * The timeline preview page (bundled to dist/preview.js, runs in the webview). The host sends the schedule;
 * this script draws it with the shared renderer and reports the author's choices and clicks back.
 *
 * Document text only enters the page as `textContent` or through `renderTimelineSvg`, which escapes it, and
 * its SVG is parsed as XML (never as HTML), so nothing in an SOP can become markup or script.
 */
import { COMMON_CALENDARS, type HostMessage, type PreviewOptions, type PreviewState, type Schedule, type WebviewMessage } from '../messages';
import { renderTimelineSvg } from '../../../../server/src/core/timeline/render/svg';
import type { CustomerSummary } from '../../../../server/src/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const HOLIDAY_CODE = /^[A-Za-z]{2}(?:-[A-Za-z0-9]{1,4}){0,2}$/;

let current: { schedule: Schedule; uri: string } | undefined;
let options: PreviewOptions = vscode.getState()?.options ?? { start: '', holidays: '', customer: '' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

// ---- page skeleton (static: no document text) ----------------------------------------------------------------

const app = document.getElementById('app')!;
const docName = el('span', { class: 'doc-name' });
// A text field, not type=date: the date picker shows the machine's locale (12/01/2026) where everything else is ISO.
const startInput = el('input', { type: 'text', id: 'start', placeholder: 'YYYY-MM-DD', pattern: '\\d{4}-\\d{2}-\\d{2}', size: '10', spellcheck: 'false', 'aria-describedby': 'start-hint' });
const labelWidthInput = el('input', { type: 'range', id: 'label-width', min: '120', max: '600', step: '20', title: 'Width of the step titles column' });
const startHint = el('span', { class: 'hint', id: 'start-hint' });
const holidaysInput = el('input', { type: 'text', id: 'holidays', list: 'calendars', placeholder: 'none', spellcheck: 'false', size: '8', 'aria-describedby': 'holidays-hint' });
const holidaysHint = el('span', { class: 'hint', id: 'holidays-hint' });
const calendars = el('datalist', { id: 'calendars' });
for (const c of COMMON_CALENDARS) calendars.append(el('option', { value: c.code, label: c.label }));
const customerSelect = el('select', { id: 'customer' });
const exportButton = el('button', { type: 'button', id: 'export', title: 'Export as Mermaid, iCalendar, HTML or CSV' }, 'Export…');
const summary = el('section', { class: 'summary', 'aria-live': 'polite' });
const conflicts = el('section', { class: 'conflicts', hidden: '' });
const chart = el('div', { class: 'chart', id: 'chart' });
const unscheduled = el('section', { class: 'unscheduled', hidden: '' });
const message = el('p', { class: 'message', hidden: '' });
const keyHelp = el(
  'p',
  { class: 'key' },
  el('span', { class: 'key-bar' }),
  ' earliest schedule ',
  el('span', { class: 'key-window' }),
  ' until the latest finish ',
  el('span', { class: 'key-p' }),
  ' P50–P90 finish ',
  el('span', { class: 'key-milestone' }),
  ' milestone ',
  el('span', { class: 'key-critical' }),
  ' critical path ',
  el('span', { class: 'key-cadence' }),
  ' recurring ',
  el('span', { class: 'key-conflict' }),
  ' conflict',
);

app.replaceChildren(
  el(
    'header',
    { class: 'toolbar' },
    el('h1', {}, 'Timeline ', docName),
    el('label', { for: 'start' }, 'Start ', startInput, startHint),
    el('label', { for: 'holidays' }, 'Holidays ', holidaysInput, holidaysHint, calendars),
    el('label', { for: 'customer' }, 'Customer ', customerSelect),
    el('label', { for: 'label-width' }, 'Titles ', labelWidthInput),
    exportButton,
  ),
  message,
  summary,
  conflicts,
  chart,
  keyHelp,
  unscheduled,
);
app.removeAttribute('aria-busy');

// ---- the author's choices -----------------------------------------------------------------------------------

function sendOptions(next: Partial<PreviewOptions>): void {
  options = { ...options, ...next };
  saveState();
  vscode.postMessage({ type: 'options', options });
}

function saveState(): void {
  if (current) vscode.setState({ uri: current.uri, options });
}

startInput.addEventListener('change', () => {
  const v = startInput.value.trim();
  if (v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    startInput.removeAttribute('aria-invalid');
    sendOptions({ start: v });
  } else startInput.setAttribute('aria-invalid', 'true');
});
/** The title column width the reader chose (undefined: fit the titles). */
let labelWidth: number | undefined;
labelWidthInput.addEventListener('input', () => {
  labelWidth = Number(labelWidthInput.value);
  drawChart();
});
holidaysInput.addEventListener('change', () => {
  const v = holidaysInput.value.trim();
  if (v !== '' && !HOLIDAY_CODE.test(v)) {
    holidaysHint.textContent = 'a country or region code such as US or DE-BY';
    holidaysInput.setAttribute('aria-invalid', 'true');
    return;
  }
  holidaysInput.removeAttribute('aria-invalid');
  sendOptions({ holidays: v.toUpperCase() });
});
customerSelect.addEventListener('change', () => sendOptions({ customer: customerSelect.value }));
exportButton.addEventListener('click', () => vscode.postMessage({ type: 'export' }));

// ---- clicks on bars and conflicts ---------------------------------------------------------------------------

function stepTarget(e: Event): string | undefined {
  const target = e.target instanceof Element ? e.target.closest('[data-step]') : null;
  return target?.getAttribute('data-step') ?? undefined;
}
chart.addEventListener('click', (e) => {
  const step = stepTarget(e);
  if (step !== undefined) vscode.postMessage({ type: 'reveal', step });
});
chart.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const step = stepTarget(e);
  if (step === undefined) return;
  e.preventDefault();
  vscode.postMessage({ type: 'reveal', step });
});

// ---- drawing ------------------------------------------------------------------------------------------------

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function drawChart(): void {
  if (!current) return;
  if (current.schedule.steps.length === 0) {
    chart.replaceChildren(el('p', { class: 'empty' }, 'No step has timing that can be scheduled.'));
    return;
  }
  const svgText = renderTimelineSvg(current.schedule, { width: chart.clientWidth || 960, today: today(), interactive: true, ...(labelWidth !== undefined ? { labelWidth } : {}) });
  const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const root = parsed.documentElement;
  if (root.nodeName !== 'svg' || parsed.getElementsByTagName('parsererror').length > 0) {
    chart.replaceChildren(el('p', { class: 'error' }, 'The chart could not be drawn.'));
    return;
  }
  chart.replaceChildren(document.importNode(root, true));
}

function setCustomers(list: CustomerSummary[], selected: string): void {
  const items: [string, string][] = [['', 'none'], ...list.map((c): [string, string] => [c.id, c.title ? `${c.id} — ${c.title}` : c.id])];
  // A chosen customer that has disappeared stays visible, so the choice is not silently lost.
  if (selected && !list.some((c) => c.id === selected)) items.push([selected, `${selected} (not found)`]);
  customerSelect.replaceChildren(...items.map(([value, label]) => el('option', { value }, label)));
  customerSelect.value = selected;
  customerSelect.disabled = list.length === 0 && !selected;
}

function showControls(o: PreviewOptions, schedule: Schedule | undefined, customers: CustomerSummary[]): void {
  options = o;
  if (document.activeElement !== startInput) startInput.value = o.start || schedule?.start || '';
  startHint.textContent = o.start ? '' : schedule ? '(default)' : '';
  if (document.activeElement !== holidaysInput) holidaysInput.value = o.holidays;
  holidaysHint.textContent = !o.holidays && schedule ? `(${schedule.calendar})` : '';
  if (document.activeElement !== customerSelect) setCustomers(customers, o.customer);
}

function showSummary(s: Schedule): void {
  const parts: (Node | string)[] = [];
  const add = (label: string, value: string | undefined, cls = ''): void => {
    if (!value) return;
    if (parts.length) parts.push(' · ');
    parts.push(el('span', { class: `item ${cls}`.trim() }, el('span', { class: 'k' }, `${label} `), el('strong', {}, value)));
  };
  add('Start', s.start);
  add('Calendar', s.calendar);
  if (s.customer) add('Customer', [s.customer.id, s.customer.name].filter(Boolean).join(' — ') + (s.customer.tier ? ` (${s.customer.tier})` : ''));
  const f = s.finish;
  add('Finish', f.earliest && f.latest ? (f.earliest === f.latest ? f.earliest : `${f.earliest} – ${f.latest}`) : (f.earliest ?? f.latest));
  add('P50', f.p50);
  add('P90', f.p90);
  summary.replaceChildren(...parts);
}

function showConflicts(s: Schedule): void {
  if (s.conflicts.length === 0) {
    conflicts.hidden = true;
    conflicts.replaceChildren();
    return;
  }
  const items = s.conflicts.map((c) => {
    const go = el('button', { type: 'button', class: 'link', title: 'Show in the editor' }, `line ${c.line}`);
    go.addEventListener('click', () => vscode.postMessage({ type: 'revealLine', line: c.line }));
    return el('li', {}, el('span', { class: 'rule' }, c.rule), ' ', el('span', { class: 'text' }, c.message), ' ', go);
  });
  conflicts.replaceChildren(el('h2', {}, `Conflicts (${s.conflicts.length})`), el('ul', {}, ...items));
  conflicts.hidden = false;
}

function showUnscheduled(s: Schedule): void {
  const list = s.unscheduled ?? [];
  if (list.length === 0) {
    unscheduled.hidden = true;
    unscheduled.replaceChildren();
    return;
  }
  const items = list.map((u) => el('li', {}, el('strong', {}, u.number !== undefined ? `${u.number}. ${u.title}` : u.title), ` — ${u.reason}`));
  unscheduled.replaceChildren(el('h2', {}, 'Not on the chart'), el('ul', {}, ...items));
  unscheduled.hidden = false;
}

function showMessage(text: string | undefined, isError = false): void {
  message.hidden = !text;
  message.textContent = text ?? '';
  message.classList.toggle('error', isError);
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'schedule':
      current = { schedule: m.schedule, uri: m.uri };
      docName.textContent = m.documentName;
      showMessage(undefined);
      showControls(m.options, m.schedule, m.customers);
      showSummary(m.schedule);
      showConflicts(m.schedule);
      drawChart();
      showUnscheduled(m.schedule);
      keyHelp.hidden = false;
      saveState();
      return;
    case 'error':
      current = undefined;
      docName.textContent = m.documentName;
      showControls(m.options, undefined, m.customers);
      showMessage(m.message || undefined, true);
      summary.replaceChildren();
      conflicts.hidden = true;
      unscheduled.hidden = true;
      keyHelp.hidden = true;
      chart.replaceChildren();
      if (m.uri) vscode.setState({ uri: m.uri, options: m.options });
      return;
    case 'busy':
      return;
  }
});

// Redraw to the new width; the chart is text-free geometry, so this is cheap.
let resizeFrame = 0;
let drawnWidth = 0;
new ResizeObserver(() => {
  // Only the width matters; the chart's own height change after a draw must not trigger another draw.
  if (chart.clientWidth === drawnWidth) return;
  drawnWidth = chart.clientWidth;
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(drawChart);
}).observe(chart);

vscode.postMessage({ type: 'ready' });
