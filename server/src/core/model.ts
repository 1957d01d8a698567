/**
 * The SOP model: one shape for every dialect sopls understands.
 *
 * Positions follow the LSP convention (0-based line, UTF-16 code unit character) because every consumer
 * (lint, LSP, CLI) needs them that way; the CLI converts to 1-based only when printing.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A value read from the document together with where it was read. */
export interface Located<T = string> {
  value: T;
  range: Range;
}

export type DocumentFormat = 'markdown' | 'plaintext';

/**
 * Which of the known step layouts a document uses. Mixed documents report the dialect of their first step.
 * - `numbered-plain`: `4. Kickoff Meeting` lines followed by `Owner:` / `Timeline:` lines (seeds 000, 001)
 * - `nested-bullets`: numbered lines with `- Owner:` / `- Timeline:` bullets (seed 002)
 * - `stages`: `### Stage N: Name (Days A-B)` with `**Day N: …**` blocks (seed 003)
 * - `step-headings`: `### Step N: Title` with `**Owner**:` / `**Duration**:` (seed 004)
 */
export type StepDialect =
  | 'numbered-plain'
  | 'nested-bullets'
  | 'stages'
  | 'step-headings'
  | 'numbered-headings'
  /** Any other shape the general recogniser reads: lists, checklists, step tables, headings, phases (shapes/). */
  | 'procedure'
  | 'none';

export type ParseProblemCode =
  | 'invalid-yaml'
  | 'unterminated-frontmatter'
  | 'frontmatter-not-mapping'
  | 'binary-content'
  | 'document-too-large'
  | 'line-too-long'
  | 'line-too-complex'
  | 'frontmatter-too-large'
  | 'paragraph-too-complex';

/** Something the parser could not read as written. Lint reports these; the model is still usable. */
export interface ParseProblem {
  code: ParseProblemCode;
  message: string;
  range: Range;
}

export interface Frontmatter {
  /** Range of the whole block including the `---` fences. */
  range: Range;
  /** Range of the YAML text between the fences. */
  contentRange: Range;
  /** Parsed YAML (plain JS values); `undefined` when the YAML is invalid. */
  data: Record<string, unknown> | undefined;
  /** Source range of each key path (`links.relates_to`) and of each value, for precise diagnostics. */
  keyRanges: Record<string, Range>;
  valueRanges: Record<string, Range>;
  /** The raw YAML text, so schema validation and completion need not re-slice the document. */
  raw: string;
}

export interface DocumentMeta {
  id?: Located;
  type?: Located;
  title?: Located;
  status?: Located;
  created?: Located;
  updated?: Located;
  lastReview?: Located;
  /** `process_meta.frequency`, `Review Frequency:`, `Review Cadence` section etc. Raw text. */
  reviewCadence?: Located;
  /** Declared overall duration (`process_meta.duration`). Raw text. */
  duration?: Located;
  version?: Located;
  owner?: Located;
  authors: string[];
  tags: string[];
}

/** The frontmatter relations sopls knows; flat lists (`links_to`, `related`) use their key as relation. */
export const LINK_RELATIONS = ['supersedes', 'depends_on', 'enables', 'relates_to', 'conflicts_with'] as const;

export interface IdLink {
  /** Relation name (`relates_to`, `links_to`, …) or `body` for an ID mentioned in prose. */
  relation: string;
  id: string;
  range: Range;
  source: 'frontmatter' | 'body';
}

export type RoleSource = 'table' | 'definitions' | 'daci' | 'scope' | 'registry';

export interface Role {
  /** Full name without the acronym: `Customer Success Manager`. */
  name: string;
  acronym?: string;
  /** Every spelling that refers to this role, normalised (lower case, singular): name, acronym, plurals. */
  aliases: string[];
  description?: string;
  /** Range of the name as written in the declaration. */
  range: Range;
  source: RoleSource;
  /** DACI/RACI letter role (`Driver`, `Approver`, …) when declared in such a list. */
  raci?: string;
}

/**
 * Where an owner was read: an `Owner:`-style label, a role in parentheses on the step line, a `- **Role**: X`
 * bullet under the step, the enclosing section or role heading (or the parent step), a table's owner column,
 * a RACI/DACI matrix, a sentence whose subject is a role, or the document's own owner (a fallback only).
 */
export type OwnerSource = 'label' | 'parenthesis' | 'bullet' | 'section' | 'table' | 'raci' | 'sentence' | 'document';

export interface Owner {
  /** The owner as written (`CSM`, `Customer Success Manager + Solutions Engineer` gives two owners). */
  name: string;
  range: Range;
  /** The value only holds an owner's place (`TBD`, `[OWNER]`, `To be assigned`, `?`): no owner in fact. */
  placeholder?: true;
  /** Where the owner was read; absent on owners read by the seed dialects' `Owner:` lines (a label). */
  source?: OwnerSource;
}

/** A labelled field line such as `Owner: …`, `- Timeline: …`, `**Duration**: …`. */
export interface Field {
  /** Normalised label, lower case: `owner`, `timeline`, `duration`, `depends on`, `objective`, … */
  label: string;
  value: string;
  /** Range of the whole line. */
  range: Range;
  labelRange: Range;
  valueRange: Range;
}

export type TimingSource = 'timeline' | 'duration' | 'timing' | 'due' | 'heading' | 'inline' | 'when';

/** A timing phrase exactly as written; the timeline engine gives it meaning. */
export interface TimingText {
  source: TimingSource;
  text: string;
  range: Range;
}

export interface ActionItem {
  text: string;
  range: Range;
  /** `true`/`false` for `- [x]` / `- [ ]` checklist items, undefined for plain bullets. */
  checked?: boolean;
  depth: number;
}

export interface AgendaItem {
  text: string;
  minutes?: number;
  range: Range;
  minutesRange?: Range;
}

export type StepKind = 'step' | 'stage' | 'substep';

export interface Step {
  kind: StepKind;
  /** The step number as written (`4`), absent for unnumbered blocks such as `**Day 7: Check-In**`. */
  number?: number;
  /** The full number when it has parts (`4.12`); `number` is its last part. */
  numberText?: string;
  numberRange?: Range;
  title: string;
  titleRange: Range;
  /** The heading line (or strong pseudo-heading) that starts the step. */
  headingRange: Range;
  /** From the heading to the line before the next step/section. */
  range: Range;
  owners: Owner[];
  /**
   * The document's owner (`owner:` frontmatter, `Document owner:`), set only when the step names no owner of
   * its own (source `document`). A fallback to mention, never the step's own owner.
   */
  fallbackOwner?: Owner;
  /** The owner field itself (absent when the step declares no owner). */
  ownerField?: Field;
  timing: TimingText[];
  /** Targets named in `Depends on:` lines, as written. */
  dependsOn: Located[];
  actions: ActionItem[];
  agenda: AgendaItem[];
  /** Meeting length stated on the step (`Duration: 60 minutes`), in minutes, for agenda checks. */
  meetingMinutes?: number;
  fields: Field[];
  substeps: Step[];
  /** Condition on the customer parsed from the text (`if enterprise tier`), raw. */
  conditions: Located[];
}

export interface Section {
  title: string;
  level: number;
  headingRange: Range;
  range: Range;
  /** What the section is, recognised from its title. */
  kind: SectionKind;
}

export type SectionKind =
  | 'purpose'
  | 'scope'
  | 'definitions'
  | 'roles'
  | 'procedure'
  | 'trigger'
  | 'inputs'
  | 'outputs'
  | 'metrics'
  | 'escalation'
  | 'review'
  | 'revision-history'
  | 'other';

/**
 * Why a placeholder is meant to stay unfilled: it sits in a template or example section, a quoted message, a
 * mail-merge line of a message (`Hello [CUSTOMER NAME],`), or a form row someone fills in when they tick its box.
 */
export type PlaceholderContext = 'template' | 'quote' | 'message' | 'form';

export interface Placeholder {
  /** Text inside the brackets: `COMPANY_NAME`. */
  name: string;
  /** How it was written when that is not `[name]` or `{{name}}`: `<enter role>`, `__CompanyName__`, a `TBD` cell. */
  written?: string;
  range: Range;
  /** Set when the placeholder is part of text to copy or a message to send, not a value left unfilled. */
  context?: PlaceholderContext;
}

/** `<!-- sopls-disable rule -->` and friends. */
export interface InlineDirective {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  /** Rule ids; empty means all rules. */
  rules: string[];
  line: number;
  range: Range;
}

export interface SopDocument {
  uri: string;
  format: DocumentFormat;
  /** Whether the document is an SOP (steps or SOP frontmatter); non-SOPs get no step findings. */
  isSop: boolean;
  /**
   * Why the document is (or is not) read as an SOP, in words: `numbered steps under 'Procedure'`,
   * `frontmatter sop: true`, `.sopls.json notSopFiles`, `no procedure found`.
   */
  recognisedBy?: string;
  dialect: StepDialect;
  lineCount: number;
  frontmatter?: Frontmatter;
  meta: DocumentMeta;
  links: IdLink[];
  sections: Section[];
  roles: Role[];
  steps: Step[];
  placeholders: Placeholder[];
  /** Events that start the process (Trigger section items, `Trigger:` fields). */
  triggers: Located[];
  /**
   * Timing phrases of an SOP that sit outside every step (an intro's `the whole process takes about 3 weeks`, a
   * time heading no step was read under): on the model so nothing that looks like timing is silently dropped.
   * Not scheduled; `unparsed-timing` reports those it does not understand. Absent for documents that are not SOPs.
   */
  timing?: TimingText[];
  directives: InlineDirective[];
  problems: ParseProblem[];
}

export function makeRange(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export function rangeContainsPosition(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

/** A step with its place and title and nothing read into it yet: every reader starts a step here. */
export function newStep(kind: StepKind, title: string, titleRange: Range, headingRange: Range, range: Range): Step {
  return {
    kind,
    title,
    titleRange,
    headingRange,
    range,
    owners: [],
    timing: [],
    dependsOn: [],
    actions: [],
    agenda: [],
    fields: [],
    substeps: [],
    conditions: [],
  };
}

/** Every step and sub-step in document order. */
export function allSteps(doc: SopDocument): Step[] {
  const out: Step[] = [];
  const visit = (steps: Step[]): void => {
    for (const s of steps) {
      out.push(s);
      visit(s.substeps);
    }
  };
  visit(doc.steps);
  return out;
}
