/**
 * Is this document an SOP, and which steps does it have? A document is an SOP when it contains a procedure.
 *
 * The seed dialects (steps.ts: `Owner:` / `Timeline:` lines, `### Step N` with fields, `### Stage N`) are read
 * exactly as before whenever they carry step fields; everything else goes to the general recogniser
 * (shapes/recognise.ts), which must find a procedure signal strong enough before it calls anything a step.
 * Frontmatter `sop: true|false` and the `.sopls.json` globs force the decision either way.
 */
import type { DocumentMeta, Frontmatter, Section, Step, StepDialect } from '../model';
import type { SectionMemos } from '../incremental/sections';
import type { LineInfo } from './lines';
import { recogniseProcedure } from './shapes/recognise';
import type { StepResult } from './steps';

export interface DecideInput {
  uri: string;
  lines: LineInfo[];
  sections: Section[];
  isDeclaredRole(name: string): boolean;
  frontmatter: Frontmatter | undefined;
  sopOverride: boolean | undefined;
  seedDialects: StepResult;
  /** Frontmatter `type` says process/procedure/runbook…: weaker evidence is enough for its steps. */
  sopType: boolean;
  /** Frontmatter `type` names another kind of document (policy, customer, reference): only clear steps count. */
  otherType: boolean;
  /** The open document's memo of section walks (core/incremental/sections.ts). */
  memo?: SectionMemos;
}

export interface Decision {
  steps: Step[];
  dialect: StepDialect;
  /** Decided here (forced, or a procedure found / refused); undefined leaves it to frontmatter `type`. */
  isSop?: boolean;
  recognisedBy?: string;
  notSopReason: string;
}

const STEP_FIELD_LABELS = new Set(['owner', 'timeline', 'duration', 'timing', 'due']);

/** Evidence at least this strong makes a document an SOP on its own (see Recognised.strength). */
const SOP_STRENGTH = 2;

const SEED_REASONS: Record<string, string> = {
  'numbered-plain': 'numbered steps with Owner/Timeline lines',
  'nested-bullets': 'numbered steps with Owner/Timeline bullets',
  stages: 'stage headings with day blocks',
  'step-headings': "'Step N' headings with step fields",
  'numbered-headings': 'numbered step headings under a procedure section',
};

export function decideProcedure(input: DecideInput): Decision {
  const forced = forcedDecision(input.frontmatter, input.sopOverride);
  const seed = input.seedDialects;
  // The seed dialects put fields on every step; a list where only some steps have them is a general shape.
  const withStepFields = seed.steps.filter((s) => s.fields.some((f) => STEP_FIELD_LABELS.has(f.label))).length;
  const seedHasFields = seed.steps.length > 0 && seed.steps.every((s) => s.fields.length > 0 || s.substeps.length > 0) && withStepFields * 2 >= seed.steps.length;
  if (seed.steps.length > 0 && seedHasFields) {
    if (forced?.value === false) return { steps: [], dialect: 'none', isSop: false, recognisedBy: forced.reason, notSopReason: forced.reason };
    // Running the general recogniser costs about a quarter of a lint; it can only lend owners, so skip it when
    // every seed step already names one.
    if (someStepUnowned(seed.steps)) {
      fillOwnersFrom(seed.steps, recogniseProcedure({ lines: input.lines, sections: input.sections, isDeclaredRole: input.isDeclaredRole, permissive: true, memo: input.memo }).steps);
    }
    return { steps: seed.steps, dialect: seed.dialect, isSop: true, recognisedBy: forced?.reason ?? SEED_REASONS[seed.dialect] ?? 'steps', notSopReason: '' };
  }
  if (forced?.value === false) return { steps: [], dialect: 'none', isSop: false, recognisedBy: forced.reason, notSopReason: forced.reason };
  const general = recogniseProcedure({
    lines: input.lines,
    sections: input.sections,
    isDeclaredRole: input.isDeclaredRole,
    permissive: forced?.value === true || input.sopType,
    memo: input.memo,
  });
  // A README describes a project; its install steps do not make it an SOP unless it is mostly a procedure.
  const readme = /(^|[/\\])readme(\.[a-z]+)?$/i.test(input.uri);
  const needed = readme ? { strength: 3, steps: 5 } : input.otherType ? { strength: 3, steps: 2 } : { strength: SOP_STRENGTH, steps: 1 };
  const enough =
    general.steps.length > 0 &&
    ((general.strength >= needed.strength && countSteps(general.steps) >= needed.steps) || forced?.value === true || (input.sopType && general.strength >= 1));
  if (enough) {
    return { steps: general.steps, dialect: 'procedure', isSop: true, recognisedBy: forced?.reason ?? general.reason ?? 'steps', notSopReason: '' };
  }
  if (seed.steps.length > 0) {
    return { steps: seed.steps, dialect: seed.dialect, isSop: true, recognisedBy: forced?.reason ?? SEED_REASONS[seed.dialect] ?? 'steps', notSopReason: '' };
  }
  if (forced?.value === true) return { steps: [], dialect: 'none', isSop: true, recognisedBy: forced.reason, notSopReason: '' };
  const notSopReason = general.steps.length > 0
    ? `no procedure: only weak signs of one (${general.reason ?? 'a list'})`
    : 'no procedure: no numbered steps, checklist, step headings or step table';
  return { steps: [], dialect: 'none', notSopReason };
}

/**
 * Seed-dialect steps read only `Owner:` lines; a step without one takes the owner the general recogniser read
 * on the same heading line (a role in parentheses, a sentence, a `DRI:` bullet).
 */
function fillOwnersFrom(steps: Step[], general: Step[]): void {
  const byLine = new Map<number, Step>();
  const index = (list: Step[]): void => {
    for (const s of list) {
      byLine.set(s.headingRange.start.line, s);
      index(s.substeps);
    }
  };
  index(general);
  const visit = (list: Step[]): void => {
    for (const s of list) {
      const twin = byLine.get(s.headingRange.start.line);
      if (!s.owners.length && twin?.owners.length) s.owners.push(...twin.owners.filter((o) => o.source !== 'section'));
      visit(s.substeps);
    }
  };
  visit(steps);
}

function someStepUnowned(steps: Step[]): boolean {
  return steps.some((s) => s.owners.length === 0 || someStepUnowned(s.substeps));
}

function countSteps(steps: Step[]): number {
  let n = 0;
  for (const s of steps) n += 1 + countSteps(s.substeps);
  return n;
}

function forcedDecision(fm: Frontmatter | undefined, override: boolean | undefined): { value: boolean; reason: string } | undefined {
  const sop = fm?.data?.['sop'];
  if (typeof sop === 'boolean') return { value: sop, reason: `frontmatter sop: ${sop}` };
  if (override !== undefined) return { value: override, reason: override ? '.sopls.json sopFiles' : '.sopls.json notSopFiles' };
  return undefined;
}

/** A step that names no owner of its own gets the document's owner as a fallback, marked as such. */
export function attachFallbackOwners(steps: Step[], meta: DocumentMeta): void {
  const owner = meta.owner;
  if (!owner || !owner.value.trim()) return;
  const visit = (list: Step[]): void => {
    for (const step of list) {
      if (!step.owners.some((o) => !o.placeholder)) step.fallbackOwner = { name: owner.value, range: owner.range, source: 'document' };
      visit(step.substeps);
    }
  };
  visit(steps);
}
