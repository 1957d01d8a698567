/**
 * A Mermaid gantt chart of a timeline. Bars are the earliest schedule (earliest start to earliest finish, the
 * classic early-start Gantt); `crit` marks the critical path; steps that take no time are milestones.
 * Sections are owners: each step's first owner, else its stage's. Cadences come last, in a `Recurring` section:
 * Mermaid has no repeating task, so each is a bar over the window it recurs in, named with its period.
 *
 * Mermaid's gantt grammar is line based: a newline starts a statement, `:` ends a task name, `#` and `%%` start
 * comments, `;` ends a statement, and a line that begins with a keyword (`section`, `click`, `title`, …) is that
 * keyword. Document text goes through `mermaidText`, which removes all of those, so no title can add a line,
 * a callback or a directive.
 */
import { addCalendarDays } from '../calendar';
import type { Timeline, TimelineStep } from '../schedule';
import { cadenceRows, isMilestone, scheduledSteps, timelineCaption, type ScheduledStep } from './rows';

const KEYWORD =
  /^(?:gantt|title|section|dateformat|axisformat|tickinterval|excludes|includes|todaymarker|weekday|weekend|click|call|href|inclusiveenddates|topaxis|acctitle|accdescr|displaymode)\b/i;

/** Document text made inert for a Mermaid gantt line; never empty. */
export function mermaidText(text: string): string {
  let t = text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/:/g, '\ua789') // MODIFIER LETTER COLON: reads as a colon, is not the task separator
    .replace(/;/g, ',')
    .replace(/#/g, '\u266f') // MUSIC SHARP SIGN: `#` would start a comment
    .replace(/%+/g, '%')
    .replace(/</g, '\u2039')
    .replace(/>/g, '\u203a')
    .replace(/[{}]/g, (c) => (c === '{' ? '(' : ')'))
    .replace(/\s+/g, ' ')
    .trim();
  if (!t) t = '(untitled)';
  if (KEYWORD.test(t)) t = `\u25b8 ${t}`;
  return t;
}

export function renderMermaid(t: Timeline): string {
  const rows = scheduledSteps(t);
  const lines: string[] = ['gantt', `    title ${mermaidText(timelineCaption(t))}`, '    dateFormat YYYY-MM-DD', '    axisFormat %b %d'];
  const sections = new Map<string, ScheduledStep[]>();
  // One section per owner, as the README says; a sub-step without an owner of its own belongs to its stage's.
  const sectionOf = (s: ScheduledStep): string => {
    for (let p: TimelineStep | undefined = s; p; p = p.parent !== undefined ? t.steps[p.parent] : undefined) if (p.owners[0]) return p.owners[0];
    return 'Unassigned';
  };
  const parents = new Set(rows.map((s) => s.parent).filter((p): p is number => p !== undefined));
  for (const s of rows) {
    // A stage with drawn sub-steps is their section heading, not a bar of its own.
    if (parents.has(s.index)) continue;
    const key = sectionOf(s);
    const list = sections.get(key);
    if (list) list.push(s);
    else sections.set(key, [s]);
  }
  for (const [name, steps] of sections) {
    lines.push(`    section ${mermaidText(name)}`);
    for (const s of steps) {
      const tags: string[] = [];
      if (s.critical) tags.push('crit');
      const milestone = isMilestone(s);
      if (milestone) tags.push('milestone');
      tags.push(`s${s.index}`);
      // Mermaid end dates are exclusive: a step finishing on the 4th ends at the start of the 5th.
      const end = milestone ? '0d' : addCalendarDays(s.earliest.finish, 1);
      lines.push(`    ${mermaidText(s.label)} :${tags.join(', ')}, ${s.earliest.start}, ${end}`);
    }
  }
  const cadences = cadenceRows(t);
  if (cadences.length) lines.push('    section Recurring');
  cadences.forEach((c, k) => {
    const end = addCalendarDays(c.to ?? c.from, 1);
    lines.push(`    ${mermaidText(`${c.title} (every ${c.every})`)} :active, c${k}, ${c.from}, ${end}`);
  });
  return lines.join('\n') + '\n';
}
