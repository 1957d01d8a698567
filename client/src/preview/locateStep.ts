/**
 * Where a step of a schedule is in its document, for "click a bar, see the step". Pure (no vscode) so it is
 * unit-tested. The server's own position wins when it sends one; otherwise the step's heading line is found
 * by its number and title, which the schedule carries exactly as the model read them.
 */
import type { Schedule } from './messages';
import { stepLabel } from '../../../server/src/core/timeline/render/svg';

export interface LineRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

type ScheduleStep = Schedule['steps'][number];

/** The step a bar's `data-step` names (see `stepKeys`): `#index`, else its number, else its label or title. */
export function findStep(schedule: Schedule, key: string): ScheduleStep | undefined {
  const steps = schedule.steps;
  const index = /^#(\d+)$/.exec(key);
  if (index) return steps[Number(index[1])];
  return (
    steps.find((s) => s.number !== undefined && String(s.number) === key) ??
    steps.find((s) => stepLabel(s) === key) ??
    steps.find((s) => s.title === key)
  );
}

export function locateStep(schedule: Schedule, key: string, text: string): LineRange | undefined {
  const step = findStep(schedule, key);
  if (!step) return undefined;
  if (step.range) return step.range;
  const lines = text.split(/\r\n|\r|\n/);
  if (typeof step.line === 'number' && step.line >= 1 && step.line <= lines.length) {
    const line = step.line - 1;
    return { start: { line, character: 0 }, end: { line, character: lines[line]!.length } };
  }
  return findHeading(lines, step.title, step.number);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function findHeading(lines: string[], title: string, number: number | undefined): LineRange | undefined {
  const t = escapeRegExp(title.trim());
  if (!t) return undefined;
  const candidates: RegExp[] = [];
  if (number !== undefined) {
    // `### Step 4: Kickoff`, `4. Kickoff`, `**4) Kickoff**`, `### Stage 2: Adoption (Days 31-90)`.
    candidates.push(new RegExp(`^\\s*(?:#{1,6}\\s*)?(?:\\*\\*|__)?\\s*(?:(?:step|stage|phase)\\s+)?${number}\\s*[.):-]?\\s*(?:[-–—:]\\s*)?(${t})`, 'i'));
  }
  // Headings and bold pseudo-headings (`**Day 14: Check-In**`), then any line.
  candidates.push(new RegExp(`^\\s*(?:#{1,6}\\s+|\\*\\*|__).*?(${t})`, 'i'));
  candidates.push(new RegExp(`(${t})`, 'i'));
  for (const re of candidates) {
    for (let line = 0; line < lines.length; line++) {
      const m = re.exec(lines[line]!);
      if (!m) continue;
      const character = m.index + m[0].length - m[1]!.length;
      return { start: { line, character }, end: { line, character: character + m[1]!.length } };
    }
  }
  return undefined;
}
