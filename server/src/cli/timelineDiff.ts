/**
 * `sopls timeline --diff REF FILE`: the schedule of FILE at REF against the working tree, for a reviewer. Built
 * on the public `--format json` schedule (steps' earliest/latest/p50/p90, conflicts, finish), so it follows
 * whatever the schedule engine computes; a step's due date is its `due` when the schedule gives one, else its
 * latest finish (the deadline the document states). Moves are counted in business days of the SOP's calendar.
 */
import type { BusinessCalendar } from '../core/timeline/calendar';
import type { TimelineJson } from '../core/timeline/render/json';

type Step = TimelineJson['steps'][number] & { due?: string };

export interface DateMove {
  from?: string;
  to?: string;
  /** Business days from `from` to `to` (negative: earlier); absent when either side has no date. */
  businessDays?: number;
}

export interface StepDelta {
  step: string;
  number?: number;
  due?: DateMove;
  p50?: DateMove;
  p90?: DateMove;
}

export interface TimelineDelta {
  file: string;
  ref: string;
  start: string;
  /** Steps whose due date, P50 or P90 moved. */
  moved: StepDelta[];
  added: string[];
  removed: string[];
  newConflicts: TimelineJson['conflicts'];
  resolvedConflicts: TimelineJson['conflicts'];
  finish: { due?: DateMove; p50?: DateMove; p90?: DateMove };
}

function stepLabel(s: { number?: number; title: string }): string {
  return s.number !== undefined ? `Step ${s.number}: ${s.title}` : s.title;
}

/** Steps are matched by title (renumbering is not a move), by number and title when titles repeat. */
function keyed(steps: readonly Step[]): Map<string, Step> {
  const counts = new Map<string, number>();
  for (const s of steps) counts.set(s.title.trim().toLowerCase(), (counts.get(s.title.trim().toLowerCase()) ?? 0) + 1);
  const out = new Map<string, Step>();
  for (const s of steps) {
    const t = s.title.trim().toLowerCase();
    out.set(counts.get(t)! > 1 ? `${s.number ?? ''}\0${t}` : t, s);
  }
  return out;
}

function move(calendar: BusinessCalendar, from: string | undefined, to: string | undefined): DateMove | undefined {
  if (from === to) return undefined;
  const m: DateMove = {};
  if (from) m.from = from;
  if (to) m.to = to;
  if (from && to) m.businessDays = calendar.businessDaysBetween(from.slice(0, 10), to.slice(0, 10));
  return m;
}

const dueOf = (s: Step): string | undefined => s.due ?? s.latest?.finish;
const conflictKey = (c: TimelineJson['conflicts'][number]): string => `${c.rule}\0${c.message}`;

export function diffTimelines(before: TimelineJson, after: TimelineJson, calendar: BusinessCalendar, file: string, ref: string): TimelineDelta {
  const old = keyed(before.steps);
  const now = keyed(after.steps);
  const moved: StepDelta[] = [];
  const added: string[] = [];
  for (const [key, s] of now) {
    const o = old.get(key);
    if (!o) {
      added.push(stepLabel(s));
      continue;
    }
    const delta: StepDelta = { step: stepLabel(s), ...(s.number !== undefined ? { number: s.number } : {}) };
    const due = move(calendar, dueOf(o), dueOf(s));
    const p50 = move(calendar, o.p50, s.p50);
    const p90 = move(calendar, o.p90, s.p90);
    if (due) delta.due = due;
    if (p50) delta.p50 = p50;
    if (p90) delta.p90 = p90;
    if (due || p50 || p90) moved.push(delta);
  }
  const removed = [...old].filter(([k]) => !now.has(k)).map(([, s]) => stepLabel(s));
  const oldConflicts = new Set(before.conflicts.map(conflictKey));
  const nowConflicts = new Set(after.conflicts.map(conflictKey));
  const finish: TimelineDelta['finish'] = {};
  const fDue = move(calendar, before.finish.latest, after.finish.latest);
  const fP50 = move(calendar, before.finish.p50, after.finish.p50);
  const fP90 = move(calendar, before.finish.p90, after.finish.p90);
  if (fDue) finish.due = fDue;
  if (fP50) finish.p50 = fP50;
  if (fP90) finish.p90 = fP90;
  return {
    file,
    ref,
    start: after.start,
    moved,
    added,
    removed,
    newConflicts: after.conflicts.filter((c) => !oldConflicts.has(conflictKey(c))),
    resolvedConflicts: before.conflicts.filter((c) => !nowConflicts.has(conflictKey(c))),
    finish,
  };
}

export function isEmptyDelta(d: TimelineDelta): boolean {
  return !d.moved.length && !d.added.length && !d.removed.length && !d.newConflicts.length && !d.resolvedConflicts.length && !Object.keys(d.finish).length;
}

function days(n: number | undefined): string {
  if (n === undefined) return '';
  if (n === 0) return ' (same business day)';
  const abs = Math.abs(n);
  return ` (${n > 0 ? '+' : '−'}${abs} business day${abs === 1 ? '' : 's'} ${n > 0 ? 'later' : 'earlier'})`;
}

function moveText(label: string, m: DateMove | undefined): string | undefined {
  if (!m) return undefined;
  return `${label} ${m.from ?? 'none'} → ${m.to ?? 'none'}${days(m.businessDays)}`;
}

function stepLines(s: StepDelta): string[] {
  return [moveText('due', s.due), moveText('P50', s.p50), moveText('P90', s.p90)].filter((x): x is string => !!x);
}

export function renderDeltaText(d: TimelineDelta): string {
  const out: string[] = [`Timeline of ${d.file}: ${d.ref} → working tree (start ${d.start})`];
  if (isEmptyDelta(d)) return `${out[0]}\nNo schedule changes.\n`;
  const finish = [moveText('due', d.finish.due), moveText('P50', d.finish.p50), moveText('P90', d.finish.p90)].filter(Boolean);
  if (finish.length) out.push(`Finish: ${finish.join('; ')}`);
  if (d.moved.length) {
    out.push('Steps that moved:');
    for (const s of d.moved) out.push(`  ${s.step}: ${stepLines(s).join('; ')}`);
  }
  for (const s of d.added) out.push(`New step: ${s}`);
  for (const s of d.removed) out.push(`Removed step: ${s}`);
  for (const c of d.newConflicts) out.push(`New conflict (line ${c.line}): ${c.message}`);
  for (const c of d.resolvedConflicts) out.push(`Resolved conflict: ${c.message}`);
  return out.join('\n') + '\n';
}

/** Markdown for a pull-request comment: a table of moved steps and lists of conflicts; cells escaped. */
export function renderDeltaMarkdown(d: TimelineDelta): string {
  const cell = (s: string): string => s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
  const out: string[] = [`### Timeline change: \`${d.file.replace(/`/g, "'")}\``, '', `Schedule at \`${d.ref.replace(/`/g, "'")}\` compared with this change (start ${d.start}).`, ''];
  if (isEmptyDelta(d)) return [...out, 'No schedule changes.', ''].join('\n');
  const finish = [moveText('due', d.finish.due), moveText('P50', d.finish.p50), moveText('P90', d.finish.p90)].filter(Boolean);
  if (finish.length) out.push(`**Finish:** ${cell(finish.join('; '))}`, '');
  if (d.moved.length) {
    out.push('| Step | Due | P50 | P90 |', '|------|-----|-----|-----|');
    const col = (m: DateMove | undefined): string => (m ? cell(`${m.from ?? 'none'} → ${m.to ?? 'none'}${days(m.businessDays)}`) : '');
    for (const s of d.moved) out.push(`| ${cell(s.step)} | ${col(s.due)} | ${col(s.p50)} | ${col(s.p90)} |`);
    out.push('');
  }
  const list = (title: string, items: string[]): void => {
    if (!items.length) return;
    out.push(`**${title}**`, '', ...items.map((i) => `- ${cell(i)}`), '');
  };
  list('New steps', d.added);
  list('Removed steps', d.removed);
  list('New conflicts', d.newConflicts.map((c) => `line ${c.line}: ${c.message}`));
  list('Resolved conflicts', d.resolvedConflicts.map((c) => c.message));
  return out.join('\n');
}
