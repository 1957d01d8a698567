import { allSteps, type OwnerSource, type Range, type SopDocument, type Step } from '../../model';
import { ruleDocsUrl, type Rule, type RuleContext } from '../rule';
import { ownOwners, taskSteps, weaklyRecognisedSteps } from '../util';

type Report = RuleContext['report'];

interface Task {
  step: Step;
  /** The container the step sits in (undefined at the top level): steps of one list share it. */
  parent: Step | undefined;
  owned: boolean;
  /** How the step's owners (its own and its containers') were stated: `label`, `section`, `sentence`… */
  ownerSources: OwnerSource[];
  /** Read from weak evidence (a plain bullet, a paragraph): sopls is not sure it is a step at all. */
  weak: boolean;
}

export const missingOwner: Rule = {
  id: 'missing-owner',
  description: 'A step has no owner, or only a placeholder such as TBD, [OWNER] or N/A.',
  defaultSeverity: 'error',
  docs: ruleDocsUrl('missing-owner'),
  scope: 'document',
  appliesTo: 'sop',
  check(ctx) {
    const weak = weaklyRecognisedSteps(ctx.doc);
    const sentenceOwnerAt = sentenceOwnerPositions(ctx.doc);
    // Sub-steps (Day 7 blocks, 30-day check-ins) are done by the owner of the step they belong to; a phase or
    // role heading is not a task, but its owner is the owner of the steps under it.
    const tasks: Task[] = taskSteps(ctx.doc).map(({ step, containers }) => ({
      step,
      parent: containers[containers.length - 1],
      owned: ownOwners(step).length > 0 || containers.some((c) => ownOwners(c).length > 0),
      ownerSources: ownerSourcesOf(step, containers, sentenceOwnerAt),
      weak: weak.has(step),
    }));
    const unowned = tasks.filter((t) => !t.owned);
    if (unowned.length === 0) return;
    const documentOwner = ctx.doc.meta.owner?.value;
    // A procedure that mostly names no owners has one problem, not one per step: say it once, at the first
    // step without an owner, and point at the others. A short SOP missing two owners gets both, by step.
    const silent = unowned.filter((t) => !t.step.ownerField);
    if (silent.length > 1 && silent.length * 2 > tasks.length && (silent.length >= 5 || silent.length === tasks.length)) {
      reportProcedure(ctx, silent, tasks.length, documentOwner);
      for (const t of unowned) if (t.step.ownerField) reportStep(ctx.report, t.step, documentOwner);
      return;
    }
    // A few unowned steps among owned ones break the document's convention only when that convention is one a
    // writer follows on purpose (an Owner line, a role heading, a table column, a role in parentheses). Owners
    // read only from sentences ("The release manager tags the build") are found where sopls can read the
    // sentence's subject: a step where it could not usually still says who does it, in prose it did not read.
    // Steps with an Owner line that is empty or a placeholder are reported whatever the convention.
    const checked = hasWrittenConvention(tasks) ? unowned : unowned.filter((t) => t.step.ownerField);
    for (const run of runsOf(checked, tasks)) {
      if (run[0]!.weak) reportWeakRun(ctx, run.map((t) => t.step));
      else reportStep(ctx.report, run[0]!.step, documentOwner);
    }
  },
};

/**
 * Whether some owned step states its owner in a form the writer chose for owners: anything but a sentence's
 * subject (a label, a role heading, a table column, parentheses, a RACI row). An owner line with only a
 * placeholder is a convention too: the writer meant to fill it in.
 */
function hasWrittenConvention(tasks: Task[]): boolean {
  return tasks.some((t) => t.step.ownerField !== undefined || t.ownerSources.some((s) => s !== 'sentence'));
}

/**
 * How each owner of the step and its containers was stated. Steps listed under a step whose owner is a sentence's
 * subject inherit that owner as from a heading, but it is still one sentence (the same text range): count it so.
 */
function ownerSourcesOf(step: Step, containers: Step[], sentenceOwnerAt: ReadonlySet<string>): OwnerSource[] {
  return [step, ...containers].flatMap((s) =>
    ownOwners(s).map((o) => (sentenceOwnerAt.has(positionKey(o.range)) ? 'sentence' : (o.source ?? 'label'))),
  );
}

function sentenceOwnerPositions(doc: SopDocument): Set<string> {
  const at = new Set<string>();
  for (const step of allSteps(doc)) for (const o of step.owners) if (o.source === 'sentence') at.add(positionKey(o.range));
  return at;
}

function positionKey(range: Range): string {
  return `${range.start.line}:${range.start.character}`;
}

/**
 * The unowned tasks grouped for reporting: each step read from strong evidence (a number, a heading, a checklist
 * box, a table row, fields) on its own; steps read from weak evidence (plain bullets, paragraphs) that follow
 * each other in one list as one run. sopls may have read a list of notes or don'ts as steps: such a list is
 * said once, not once per bullet.
 */
function runsOf(unowned: Task[], tasks: Task[]): Task[][] {
  const unownedSet = new Set(unowned);
  const runs: Task[][] = [];
  let run: Task[] = [];
  for (const t of tasks) {
    const joins = unownedSet.has(t) && t.weak && !t.step.ownerField;
    if (joins && run.length > 0 && run[0]!.parent === t.parent) {
      run.push(t);
      continue;
    }
    if (run.length > 0) runs.push(run);
    run = [];
    if (joins) run = [t];
    else if (unownedSet.has(t)) runs.push([t]);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function reportProcedure(ctx: RuleContext, silent: Task[], taskCount: number, documentOwner: string | undefined): void {
  const first = silent[0]!.step;
  const count = silent.length === taskCount ? `No step of this procedure names an owner (${taskCount} steps)` : `${silent.length} of ${taskCount} steps name no owner`;
  ctx.report({
    message:
      count +
      (documentOwner
        ? `; only the document owner "${documentOwner}" is named. Say who does each step, or group the steps under a role heading.`
        : '; say who does each step (an Owner line, a role in parentheses, or a role heading over the steps).'),
    range: stepRange(first),
    related: silent.slice(1, 21).map((t) => ({ uri: ctx.doc.uri, range: stepRange(t.step), message: `No owner: "${t.step.title.slice(0, 60)}"` })),
    data: { step: first.title, steps: silent.length, insertAfterLine: first.headingRange.end.line, ...(documentOwner ? { documentOwner } : {}) },
    // When every unowned step was read from plain bullets or prose, sopls may be reading notes as steps: say less.
    ...(silent.every((t) => t.weak) ? { severity: 'info' as const } : {}),
  });
}

/** Plain bullets or paragraphs read as steps, none naming an owner: one finding, at information level. */
function reportWeakRun(ctx: RuleContext, steps: Step[]): void {
  const first = steps[0]!;
  const message =
    steps.length === 1
      ? `${stepLabel(first.kind, first.number, first.title)} has no owner; if it is a step, say who does it.`
      : `These ${steps.length} listed actions name no owner, starting with "${short(first.title)}"; if they are steps, say who does them (a role in parentheses, or a role in the lead-in line).`;
  ctx.report({
    message,
    range: stepRange(first),
    severity: 'info',
    related: steps.slice(1, 21).map((s) => ({ uri: ctx.doc.uri, range: stepRange(s), message: `No owner: "${short(s.title)}"` })),
    data: { step: first.title, steps: steps.length, insertAfterLine: first.headingRange.end.line },
  });
}

function reportStep(report: Report, step: Step, documentOwner: string | undefined): void {
  const label = stepLabel(step.kind, step.number, step.title);
  const placeholder = step.owners.find((o) => o.placeholder);
  if (placeholder && step.ownerField) {
    report({
      message: `${label} has only a placeholder owner ("${placeholder.name}"); name the role that does it.`,
      range: placeholder.range,
      data: { step: step.title, placeholder: placeholder.name },
    });
  } else if (step.ownerField && step.ownerField.value === '') {
    report({
      message: `${label} has an empty owner line; name the role that does it.`,
      range: step.ownerField.range,
      data: { step: step.title },
    });
  } else {
    report({
      message:
        `${label} has no owner; add an owner line naming the role that does it` +
        (documentOwner ? ` (the document owner "${documentOwner}" is not assumed to do every step).` : '.'),
      range: stepRange(step),
      data: { step: step.title, insertAfterLine: step.headingRange.end.line },
    });
  }
}

/**
 * Where a finding about the step goes: its title, on the line where the step starts. A step whose title is read
 * from a later line (`**Step 2:**` over its text) is marked from its start, so the finding sits on the step's line.
 */
function stepRange(step: Step): Range {
  return step.titleRange.start.line === step.headingRange.start.line ? step.titleRange : { start: step.headingRange.start, end: step.titleRange.end };
}

function short(title: string): string {
  return title.length > 60 ? `${title.slice(0, 57).trimEnd()}…` : title;
}

export function stepLabel(kind: string, number: number | undefined, title: string): string {
  const noun = kind === 'stage' ? 'Stage' : 'Step';
  return number !== undefined ? `${noun} ${number} "${short(title)}"` : `${noun} "${short(title)}"`;
}
