import type { Section, SopDocument, Step } from '../../model';
import { ruleDocsUrl, type Rule, type RuleContext } from '../rule';

export const stepNumbering: Rule = {
  id: 'step-numbering',
  description: 'Steps whose numbers repeat, skip a number or go backwards within one list.',
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('step-numbering'),
  scope: 'document',
  appliesTo: 'sop',
  check(ctx) {
    // Each container numbers its own steps: the top level, and every phase or step that holds steps.
    const lists: Step[][] = [ctx.doc.steps];
    for (let i = 0; i < lists.length; i++) for (const s of lists[i]!) if (s.substeps.length > 0) lists.push(s.substeps);
    for (const list of lists) {
      // Stages and steps are numbered separately ("Stage 1" may contain "Step 1").
      for (const kind of ['step', 'stage'] as const) {
        numberedRuns(ctx.doc, list.filter((s) => s.kind === kind)).forEach((run, k) => checkRun(ctx, run, kind, k === 0 && !unnumberedBefore(ctx.doc, list, run)));
      }
    }
  },
};

type NumberedStep = Step & { number: number };

/**
 * Splits a list into the runs that are numbered as one sequence. A new section starts a new run, and so does a
 * step numbered 1 (or 0) after others: a procedure whose numbering restarts in each phase is not a gap. A run
 * that repeats one number throughout (`1.` on every item, as Markdown allows) is lazy numbering, not a mistake.
 */
function numberedRuns(doc: SopDocument, steps: Step[]): NumberedStep[][] {
  const runs: NumberedStep[][] = [];
  let run: NumberedStep[] = [];
  let section: Section | undefined;
  for (const s of steps) {
    if (s.number === undefined || !Number.isInteger(s.number)) continue;
    const here = innermostSection(doc, s.headingRange.start.line);
    const restart = run.length > 0 && (here !== section || (s.number <= 1 && run[run.length - 1]!.number >= 1));
    if (restart) {
      runs.push(run);
      run = [];
    }
    section = here;
    run.push(s as NumberedStep);
  }
  if (run.length > 0) runs.push(run);
  return runs.filter((r) => r.length > 1 && !r.every((s) => s.number === r[0]!.number));
}

/**
 * Whether the steps before a run that starts past 1 could be its missing numbers: as many siblings in the same
 * section as the numbers missing, read as phases or without their number (`### 1. Before the cycle` holding a
 * checklist, then `### 3. Freeze`). sopls is not sure the numbers are missing, so it says nothing.
 */
function unnumberedBefore(doc: SopDocument, list: Step[], run: NumberedStep[]): boolean {
  const first = run[0]!;
  const section = innermostSection(doc, first.headingRange.start.line);
  const before = list.slice(0, list.indexOf(first)).filter((s) => s.kind !== first.kind || s.number === undefined);
  return before.filter((s) => innermostSection(doc, s.headingRange.start.line) === section).length >= first.number - 1;
}

function innermostSection(doc: SopDocument, line: number): Section | undefined {
  let found: Section | undefined;
  for (const s of doc.sections) {
    if (s.range.start.line < line && line <= s.range.end.line && (!found || s.level >= found.level)) found = s;
  }
  return found;
}

function checkRun(ctx: RuleContext, run: NumberedStep[], kind: 'step' | 'stage', firstRun: boolean): void {
  const noun = kind === 'stage' ? 'Stage' : 'Step';
  const seen = new Map<number, Step>();
  let prev: number | undefined;
  for (let i = 0; i < run.length; i++) {
    const step = run[i]!;
    const n = step.number;
    const range = step.numberRange ?? step.titleRange;
    const first = seen.get(n);
    const expected = prev === undefined ? 1 : prev + 1;
    const next = run[i + 1]?.number;
    if (first) {
      ctx.report({
        message: `${noun} number ${n} is used twice (also "${first.title}" on line ${first.headingRange.start.line + 1}).`,
        range,
        related: [{ uri: ctx.doc.uri, range: first.numberRange ?? first.titleRange, message: `${noun} ${n} first used here.` }],
        data: { number: n, kind: 'duplicate' },
      });
    } else if (prev !== undefined && n !== expected && next === expected + 1) {
      // One mistyped number between two that follow each other (1, 2, 21, 4): the typo is the finding, and the
      // steps after it are in order again.
      ctx.report({
        message: `${noun} ${n} sits between ${noun.toLowerCase()} ${prev} and ${noun.toLowerCase()} ${next}; it should be ${expected}.`,
        range,
        data: { number: n, kind: 'mistyped', expected },
      });
      prev = expected;
      seen.set(n, step);
      continue;
    } else if (n > expected && (prev !== undefined || (firstRun && !step.numberText?.includes('.')))) {
      // A run that starts past 1 is reported only when it is the list's first: a later run that starts at 3
      // continues a list that a code block or a note interrupted.
      const missing = expected === n - 1 ? `${expected}` : `${expected}–${n - 1}`;
      ctx.report({
        message:
          prev === undefined
            ? `${noun}s start at ${n}; ${noun.toLowerCase()} ${missing} ${expected === n - 1 ? 'is' : 'are'} missing.`
            : `${noun} ${n} follows ${noun.toLowerCase()} ${prev}; ${noun.toLowerCase()} ${missing} ${expected === n - 1 ? 'is' : 'are'} missing.`,
        range,
        data: { number: n, kind: 'skipped', expected },
      });
    } else if (prev !== undefined && n <= prev) {
      ctx.report({
        message: `${noun} ${n} comes after ${noun.toLowerCase()} ${prev}; steps are out of order.`,
        range,
        data: { number: n, kind: 'order', expected },
      });
    }
    if (!first) seen.set(n, step);
    // Follow the numbers as written, so one jump is reported once rather than at every step after it.
    prev = n;
  }
}
