/**
 * The general procedure recogniser: steps in the shapes people write them, beyond the seed dialects.
 *
 * The document's headings form a tree. Walking it, each heading is a step (`### Step 2: …`, `### 3. …` in a
 * procedure), a group that holds steps (a phase, stage, `Week 1`, `T-2 weeks`, a role's checklist) or a plain
 * container; inside each, lists, checklists, numbered paragraphs and step tables give steps when the context
 * says they are a procedure (a procedure-like title, imperative items, numbers, checkboxes, owner or timing
 * columns). Every signal that made something a step is scored, and the strongest names why the document is
 * an SOP (`recognisedBy`). Each line is looked at a bounded number of times: linear in the document.
 */
import { makeRange, newStep, type Owner, type Section, type Step, type TimingText } from '../../model';
import type { SectionMemos } from '../../incremental/sections';
import type { LineInfo } from '../lines';
import { inheritedOwners, passOwnersDown } from '../ownerInheritance';
import { classifySection } from '../sections';
import { lineRange, rangeOf, readField, TIMING_LABELS } from '../text';
import { readItemLists, type Item, type ItemList } from './items';
import { agentOnLine, hasRoleSubject, ownerFromClause, ownerFromSentence, ownerInProse, ownersFromKeyValueRow, ownersFromValue, ownersInCell, ownersOnLine, type OwnerReader } from './owners';
import { isActivity, isDepartment, isGroupTitle, isImperative, isNonProcedureTitle, plausibleOwner, procedureStrength, roleOfTitle, timePrefix } from './signals';
import { readStepTables, type RaciRow } from './tables';
import { areAlternatives, isContentsEntry, isRouting, notStepsLeadIn } from './notSteps';
import { isSequence, sequenceRun } from './sequence';

export interface RecogniseInput {
  lines: LineInfo[];
  sections: Section[];
  isDeclaredRole(name: string): boolean;
  /** Forced to be an SOP (frontmatter, config): weaker evidence is enough. */
  permissive: boolean;
  /** The open document's memo of section walks (core/incremental/sections.ts): untouched sections are replayed. */
  memo?: SectionMemos;
}

export interface Recognised {
  steps: Step[];
  /** Why the steps were read as a procedure; absent when nothing qualified. */
  reason?: string;
  /** 3 = unmistakable procedure, 2 = likely, 1 = weak evidence only, 0 = nothing. */
  strength: number;
}

interface Node {
  info?: LineInfo;
  level: number;
  start: number;
  end: number;
  children: Node[];
}

interface Scope {
  proc: 'strong' | 'weak' | 'none';
  /** Inside a step (heading or item): lists here are its sub-steps. */
  inStep: boolean;
  /** Inside a phase, stage, time or role group. */
  group: boolean;
  /** Lists here are never steps (contents, references, glossaries), checklists aside. */
  nonProc: boolean;
  /** Owner stated by the enclosing role heading, label or `Owner:` line. */
  owner?: Owner[];
  /** A role's duties section ("Steward responsibilities"): every bullet is that role's duty, whatever its grammar. */
  duties?: boolean;
  /** Title that gives the context, for `recognisedBy`. */
  label: string;
}

interface Signal {
  strength: number;
  reason: string;
}

/** A verb that makes an item a sentence about doing something, not a noun phrase. */
const FINITE_VERB = /\b(is|are|be|been|has|have|had|will|should|must|shall|can|may|needs?|gets?|runs?|[a-z]{3,}(?:ed|es))\b/i;

const TIME_PAREN = /\((?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[^()]{0,30}|(?:days?|weeks?|months?|hours?)\s*-?\d[^()]{0,20}|t\s*[-–]\s*\d[^()]{0,20}|\d{1,3}\s*[-–]\s*\d{1,3}\s*(?:days?|weeks?|months?|hours?)|release day|launch day)\)\s*:?$/i;

/** Last words that name a function or an area of work, not who does it ("Customer Support", "Compliance"). */
const FUNCTION_WORDS = /^(?:support|sale|marketing|procurement|compliance|customer|client|user|leadership|staff|department|personnel|security|legal|finance|hr|it|op|operation)$/;

/** A heading that names rules or advice ("Billing guidelines", "Travel policy"), not something to do. */
const RULES_TITLE = /\b(?:guidelines|guidance|rules|policy|policies|tips|notes|etiquette|conventions)\s*:?$/i;

const STRONG_DOCUMENT_TITLE = /^(?:[\w-]+\s+){0,2}(runbook|playbook|procedure|checklist|steps|instructions|how[- ]to)\b|^how[- ]to\b|\b(runbook|playbook|checklist|step[- ]by[- ]step)\b/i;

const HEADING_STEP = /^(?:([^:]{2,40}):\s+(?=(?:step|task)\s+\d))?(?:(step|task|action)\s+(\d{1,3}[a-z]?(?:\.\d{1,3})*)\s*(?:\(([^()]{0,40})\)\s*)?(?:[:.)–—-]\s*|\s+|$)|(\d{1,3}(?:\.(?:\d{1,3}|[a-z]\b)){0,3})(?:[.):]\s*|\s*[–—-]\s*|\s+))(.*)$/i;

export function recogniseProcedure(input: RecogniseInput): Recognised {
  const root = buildTree(input.lines, input.sections, input.isDeclaredRole);
  const walker = new Walker(input, documentTitleLine(root));
  const steps = walker.visit(root, { proc: 'none', inStep: false, group: false, nonProc: false, label: '' }, undefined);
  walker.applyRaci(steps);
  const best = walker.signals.sort((a, b) => b.strength - a.strength)[0];
  const result: Recognised = { steps, strength: best?.strength ?? 0 };
  if (best) result.reason = best.reason;
  return result;
}

/** The title heading: the document's first heading, level 1, with the sections below it. */
function documentTitleLine(root: Node): number {
  const first = root.children[0];
  if (!first?.info || first.level !== 1 || first.children.length === 0 || first.info.headingDepth !== 1) return -1;
  return first.info.line;
}

/** Below every heading level: a bold role line is the innermost section. */
const BOLD_ROLE_LEVEL = 7;

function buildTree(lines: LineInfo[], sections: Section[], isDeclaredRole: (name: string) => boolean): Node {
  const root: Node = { level: 0, start: -1, end: lines.length - 1, children: [] };
  const stack: Node[] = [root];
  const heads: Node[] = sections.map((s) => {
    const info = lines[s.headingRange.start.line]!;
    return { info, level: s.level, start: info.line, end: s.range.end.line, children: [] };
  });
  heads.push(...boldRoleLines(lines, isDeclaredRole), ...boldNumberedLines(lines));
  heads.sort((a, b) => a.start - b.start);
  heads.forEach((node, k) => {
    while (stack.length > 1 && stack[stack.length - 1]!.level >= node.level) stack.pop();
    const parent = stack[stack.length - 1]!;
    // A bold role line holds what follows it up to the next heading or bold role line.
    if (node.level === BOLD_ROLE_LEVEL) node.end = Math.min(parent.end, (heads[k + 1]?.start ?? lines.length) - 1);
    parent.children.push(node);
    stack.push(node);
  });
  return root;
}

/**
 * "**Hiring manager responsibilities**", "**Steps for the night porter**" on a line of their own: a role's
 * section written without a heading. Only lines that name a role; other bold lines stay lead-ins.
 */
function boldRoleLines(lines: LineInfo[], isDeclaredRole: (name: string) => boolean): Node[] {
  const out: Node[] = [];
  for (const info of lines) {
    if (info.block !== 'text' || info.itemDepth > 0 || info.listDepth > 0 || info.strongEnd === undefined) continue;
    if (info.strongEnd < info.text.length - 1 || info.text.length > 80 || /^\s*>/.test(info.raw)) continue;
    const title = info.text.replace(/:\s*$/, '');
    if (!/\b(responsibilit(?:y|ies)|responsiblities|responsibilites|duties|tasks|actions|steps|checklist)\b/i.test(title)) continue;
    if (!roleOfTitle(title, isDeclaredRole, false)) continue;
    out.push({ info, level: BOLD_ROLE_LEVEL, start: info.line, end: info.line, children: [] });
  }
  return out;
}

/** `**2. Set the severity**` on a line of its own: the number, then a short title, all in bold. */
const BOLD_NUMBERED = /^\d{1,3}(?:\.(?:\d{1,3}|[a-z]\b)){0,3}[.)]\s+\S/i;

/**
 * "**1. Assess the report**", "**2. Set the severity**", each on a line of its own with prose below: numbered
 * headings written in bold instead of with `#`. Each holds what follows it, like a heading one level below the
 * section it stands in. Two or more are needed: one bold numbered line is emphasis, a run of them is an outline.
 */
function boldNumberedLines(lines: LineInfo[]): Node[] {
  const out: Node[] = [];
  for (const info of lines) {
    if (info.block !== 'text' || info.itemDepth > 0 || info.listDepth > 0 || info.strongEnd === undefined) continue;
    if (info.strongEnd < info.text.length - 1 || info.text.length > 100 || /^\s*>/.test(info.raw)) continue;
    if (!BOLD_NUMBERED.test(info.text)) continue;
    out.push({ info, level: BOLD_ROLE_LEVEL, start: info.line, end: info.line, children: [] });
  }
  return out.length >= 2 ? out : [];
}

interface HeadingShape {
  kind: 'step' | 'group' | 'candidate' | 'container';
  number?: number;
  numberText?: string;
  title: string;
  titleStart: number;
  owner?: string;
  numbered: boolean;
  /** The heading ends in a time in parentheses: a step even outside a procedure section. */
  timed?: boolean;
}

class Walker implements OwnerReader {
  readonly signals: Signal[] = [];
  private readonly raci: RaciRow[] = [];
  constructor(
    private readonly input: RecogniseInput,
    /** The line of the document's title heading (the only level-1 heading, first), or -1. */
    private readonly titleLine: number,
  ) {}

  /** An arrow, so it can be handed on as a plain function. */
  readonly isDeclaredRole = (name: string): boolean => this.input.isDeclaredRole(name);

  visit(node: Node, scope: Scope, parentShape: HeadingShape | undefined, siblingsNumbered = false, siblingsImperative = false): Step[] {
    const shape = node.info ? this.headingShape(node.info, scope, parentShape, siblingsNumbered) : undefined;
    const inner = this.innerScope(node, shape, scope);
    const firstChild = node.children[0];
    const bodyEnd = firstChild ? firstChild.start - 1 : node.end;
    const body = this.bodySteps(node.start + 1, bodyEnd, inner);
    const childSteps: Step[] = [];
    const numberedChildren = numberedStepHeadings(node.children);
    const imperativeChildren = imperativeHeadings(node.children);
    for (const child of node.children) childSteps.push(...this.visitSection(child, inner, shape, numberedChildren, imperativeChildren, node.children.length));
    const contained = [...body, ...childSteps];
    if (!shape || !node.info) return contained;
    // A heading under a time group that holds no steps of its own is the task itself, even when its title
    // starts with a cadence ("Fortnightly pipeline review" under "Each week").
    const groupAsTask = shape.kind === 'group' && contained.length === 0 && scope.group && !shape.owner && shape.title.split(/\s+/).length > 2;
    // A sub-heading of a step that reads as an instruction or an activity ("Manually updating the lock file").
    const subTask = scope.inStep && (isImperative(shape.title) || isActivity(shape.title));
    // "Billing guidelines" under a role's checklist: rules the role keeps, not a task of it.
    const rules = RULES_TITLE.test(shape.title) && !isImperative(shape.title);
    if (shape.kind === 'step' || groupAsTask || (shape.kind === 'candidate' && contained.length === 0 && ((scope.group && !rules) || shape.timed || subTask || (isImperative(shape.title) && siblingsImperative)))) {
      const step = this.headingStep(node, shape, 'step', contained, inner);
      if (shape.kind === 'step') this.signal(shape.numbered ? 3 : 2, `step headings ('${clip(node.info.text)}')`);
      else if (scope.proc === 'strong') this.signal(2, `step headings under '${clip(scope.label)}'`);
      return [step];
    }
    if ((shape.kind === 'group' || shape.kind === 'candidate') && contained.length > 0) {
      const stage = this.headingStep(node, shape, 'stage', contained, inner);
      if (contained.length >= 2 && shape.kind === 'group') this.signal(3, `steps grouped under '${clip(node.info.text)}'`);
      return [stage];
    }
    return contained;
  }

  /** One section's walk; replayed from the open document's memo when nothing it read changed. */
  private visitSection(child: Node, scope: Scope, shape: HeadingShape | undefined, numbered: boolean, imperative: boolean, siblings: number): Step[] {
    const memo = this.input.memo;
    // A section with sections of its own is walked here, each of those from the memo: an edit in one stage of
    // a long procedure re-walks that stage, not the procedure.
    if (!memo || siblings < 2 || !child.info || child.children.length >= 2) return this.visit(child, scope, shape, numbered, imperative);
    const { permissive } = this.input;
    const key = JSON.stringify([scope, shape ?? null, numbered, imperative, this.titleLine, permissive]);
    const root = { lines: this.input.lines, sections: this.input.sections, child };
    const out = memo.walk(`${permissive}\u0000${child.info.raw}`, key, root, this.input.isDeclaredRole, (view, isDeclaredRole) => {
      const walker = new Walker({ lines: view.lines, sections: view.sections, isDeclaredRole, permissive }, this.titleLine);
      const steps = walker.visit(view.child, scope, shape, numbered, imperative);
      return { steps, signals: walker.signals, raci: walker.raci };
    });
    this.signals.push(...out.signals);
    this.raci.push(...out.raci);
    return out.steps;
  }

  private headingShape(info: LineInfo, scope: Scope, parent: HeadingShape | undefined, siblingsNumbered: boolean): HeadingShape {
    const shape = this.rawHeadingShape(info, scope, parent, siblingsNumbered);
    // The document's title names what the whole document is about ("Release team duties"): a container whose
    // role, if it names one, owns the steps below; never a step or a group itself.
    if (info.line === this.titleLine && shape.kind !== 'step') {
      const owner = shape.owner ?? this.titleRole(shape.title);
      return { ...shape, kind: 'container', ...(owner ? { owner } : {}) };
    }
    return shape;
  }

  /**
   * "# Night Duty Officer", "# Platform On-call": a document titled with a role alone is that role's page, and the
   * role owns its steps. A title naming a department or function ("# Security", "# Customer Support") is a
   * subject, not a party.
   */
  private titleRole(title: string): string | undefined {
    const role = roleOfTitle(title, (n) => this.isDeclaredRole(n), true);
    if (!role || role !== title.trim().replace(/:$/, '')) return undefined;
    const last = role.split(/\s+/).pop()!.toLowerCase().replace(/s$/, '');
    return isDepartment(last) || FUNCTION_WORDS.test(last) ? undefined : role;
  }

  private rawHeadingShape(info: LineInfo, scope: Scope, parent: HeadingShape | undefined, siblingsNumbered: boolean): HeadingShape {
    const text = info.text;
    const m = HEADING_STEP.exec(text);
    const inProc = scope.proc !== 'none' || scope.group || scope.inStep;
    if (m && m[2] && m[6] !== undefined) {
      const numberText = m[3]!;
      const shape: HeadingShape = {
        kind: 'step',
        number: Number(numberText.split('.').pop()!.replace(/[a-z]$/i, '')),
        numberText,
        title: m[6] || text,
        titleStart: m[6] ? text.length - m[6].length : 0,
        numbered: true,
      };
      // "Release team: Step 3: …": the role that does the step, written before it.
      if (m[1] && (plausibleOwner(m[1], this.isDeclaredRole) || m[1].split(/\s+/).length <= 3)) shape.owner = m[1];
      return shape;
    }
    const title = m && m[5] ? m[6]! : text;
    const titleStart = text.length - title.length;
    const known = classifySection(title);
    const nonProc = isNonProcedureTitle(title) || (known !== 'other' && known !== 'procedure' && known !== 'escalation');
    if (isGroupTitle(title) && !nonProc) return { kind: 'group', title, titleStart, numbered: !!m?.[5] };
    // "Promote branches (Monday)", "Bump the version (Friday the week before)": a task or group set in time.
    if (!nonProc && TIME_PAREN.test(title)) return { kind: 'candidate', title, titleStart, numbered: false, timed: true };
    const role = roleOfTitle(title, (n) => this.isDeclaredRole(n), inProc);
    // "For reviewers": a section addressed to a party. The party owns what it says to do, but the section is
    // not a phase: its sub-headings are steps only as they would be anywhere (instructions among instructions).
    if (role && !nonProc && /^for\s/i.test(title.trim())) return { kind: 'container', title, titleStart, owner: role, numbered: false };
    if (role && !nonProc) return { kind: 'group', title, titleStart, owner: role, numbered: false };
    if (m && m[5] && !nonProc && procedureStrength(title) !== 'strong' && (inProc || siblingsNumbered || parent?.kind === 'step')) {
      const numberText = m[5];
      return { kind: 'step', number: lastNumber(numberText), numberText, title, titleStart, numbered: true };
    }
    // "Check the task list" under a time group is a task even though it names tasks: an instruction is a step.
    // In a section addressed to a party ("For stewards"), an instruction heading is that party's step.
    const addressed = !!scope.owner?.some((o) => o.source === 'section') && isImperative(title);
    if (!nonProc && (procedureStrength(title) === 'none' || isImperative(title)) && (scope.proc === 'strong' || scope.group || scope.inStep || addressed)) {
      return { kind: 'candidate', title, titleStart, numbered: false };
    }
    return { kind: 'container', title, titleStart, numbered: false };
  }

  private innerScope(node: Node, shape: HeadingShape | undefined, scope: Scope): Scope {
    if (!shape || !node.info) return scope;
    const title = shape.title;
    const strength = procedureStrength(title);
    const inner: Scope = { ...scope, label: title };
    if (isNonProcedureTitle(title)) {
      inner.nonProc = true;
      inner.proc = 'none';
    } else if (strength === 'none' && scope.proc === 'none' && node.level > 1 && isActivity(title)) {
      // "Renewing the permit", "Setting up a laptop": a section named by what is done in it is weak evidence
      // of a procedure; its lists count when they are mostly instructions.
      inner.proc = 'weak';
    } else if (strength === 'strong' || (strength === 'weak' && scope.proc === 'none')) {
      // A document title ("# Data ingress process") names the subject; only a title that is itself a
      // procedure word ("# Runbook", "# How to rotate keys") makes the whole document one.
      inner.proc = strength === 'strong' && node.level === 1 && !STRONG_DOCUMENT_TITLE.test(title) ? 'weak' : strength;
      inner.nonProc = false;
    }
    if (shape.kind === 'step') inner.inStep = true;
    if (shape.kind === 'group') inner.group = true;
    // A time or phase heading ("Week 2-3", "Days 31-60") says when what it holds is done: a plan's template is
    // still a plan, so its lists are read as steps again.
    if (shape.kind === 'group' && !shape.owner && isGroupTitle(title)) inner.nonProc = false;
    if (shape.owner && !(scope.owner && isDepartment(shape.owner))) inner.owner = [{ name: shape.owner, range: lineRange(node.info), source: 'section' }];
    inner.duties = !!shape.owner && shape.kind === 'group' && /\b(?:responsibilit(?:y|ies)|duties)\s*:?$/i.test(title);
    const ownerLine = this.sectionOwner(node);
    if (ownerLine.length) inner.owner = ownerLine;
    else if (!shape.owner) {
      const intro = this.introOwner(node);
      if (intro) inner.owner = [intro];
    }
    return inner;
  }

  /** The prose under a heading, before any list, saying who does what follows ("what a new starter should do"). */
  private introOwner(node: Node): Owner | undefined {
    return ownerInProse(this.input.lines, node.start + 1, Math.min(node.end, node.start + 11), this, true, true);
  }

  /** An `Owner: X` line directly under a heading, before any list: the section's owner. */
  private sectionOwner(node: Node): Owner[] {
    const lines = this.input.lines;
    for (let i = node.start + 1; i <= node.end && i < node.start + 8; i++) {
      const info = lines[i]!;
      if (info.block === 'heading') break;
      if (info.itemDepth > 0 && !readField(info)) break;
      const f = readField(info);
      if (f && f.label === 'owner' && f.value) return ownersFromValue(f.value, f.valueRange, 'section', this);
    }
    return [];
  }

  private headingStep(node: Node, shape: HeadingShape, kind: Step['kind'], contained: Step[], scope: Scope): Step {
    const info = node.info!;
    const lines = this.input.lines;
    let title = shape.title.replace(/[\s:]+$/, '');
    const timing: TimingText[] = [];
    const paren = /\s*\(([^()]{1,60})\)\s*:?\s*$/.exec(title);
    if (paren && /\d|\b(ongoing|daily|weekly|monthly|quarterly|annually|as needed|optional|monday|tuesday|wednesday|thursday|friday|saturday|sunday|release day|launch day)\b/i.test(paren[1]!) && !/^optional$/i.test(paren[1]!)) {
      const at = shape.titleStart + paren.index + paren[0].indexOf('(') + 1;
      timing.push({ source: 'heading', text: paren[1]!, range: rangeOf(info, at, at + paren[1]!.length) });
      title = title.slice(0, paren.index);
    }
    const time = kind === 'stage' || shape.kind === 'group' ? timePrefix(title) : undefined;
    if (time && !timing.some((t) => t.text === time)) {
      timing.unshift({ source: 'heading', text: time, range: rangeOf(info, shape.titleStart, shape.titleStart + time.length) });
    }
    let end = node.end;
    while (end > node.start && lines[end]!.block === 'blank') end--;
    const step = newStep(kind, title || info.text, rangeOf(info, shape.titleStart, shape.titleStart + Math.max(1, title.length)), lineRange(info), makeRange(node.start, 0, end, lines[end]!.raw.length));
    if (shape.number !== undefined) {
      step.number = shape.number;
      step.numberRange = rangeOf(info, Math.max(0, info.text.indexOf(shape.numberText!)), Math.max(0, info.text.indexOf(shape.numberText!)) + shape.numberText!.length);
      if (shape.numberText && shape.numberText.includes('.')) step.numberText = shape.numberText;
    }
    step.timing.push(...timing);
    const firstChildLine = node.children[0]?.start ?? node.end + 1;
    const stepLines = new Set<number>();
    for (const s of contained) for (let l = s.range.start.line; l <= s.range.end.line; l++) stepLines.add(l);
    this.readBody(step, node.start + 1, Math.min(node.end, firstChildLine - 1), stepLines);
    if (!step.owners.length) step.owners.push(...ownersOnLine(info, shape.titleStart, this));
    if (!step.owners.length && shape.owner) {
      const at = Math.max(0, info.text.indexOf(shape.owner));
      step.owners.push({ name: shape.owner, range: rangeOf(info, at, at + shape.owner.length), source: kind === 'step' ? 'label' : 'section' });
    }
    if (!step.owners.length && kind === 'step') {
      const o = this.bodyOwner(node.start + 1, Math.min(node.end, firstChildLine - 1));
      if (o) step.owners.push(o);
    }
    // A heading that became a group only because its body was read as steps is still a task of the section's
    // role: it takes that owner. Phase and time groups ("Daily") stay unowned containers.
    if (!step.owners.length && scope.owner && (kind === 'step' || shape.kind === 'candidate')) step.owners.push(...inherit(scope.owner));
    step.substeps = contained;
    passOwnersDown(step);
    return step;
  }

  private bodySteps(from: number, to: number, scope: Scope): Step[] {
    if (to < from) return [];
    const out: { line: number; steps: Step[] }[] = [];
    for (const list of readItemLists(this.input.lines, from, to)) {
      const steps = this.listSteps(list, scope);
      if (steps.length) out.push({ line: list.items[0]!.line, steps });
    }
    const tables = readStepTables(this.input.lines, from, to, scope.proc !== 'none' || scope.group || scope.inStep);
    this.raci.push(...tables.raci);
    for (const table of tables.steps) {
      const steps = table.rows.map((r) => this.rowStep(r, scope));
      if (steps.length >= 2 || scope.proc !== 'none') this.signal(steps.length >= 2 ? 3 : 2, `step table under '${clip(scope.label || 'the document')}'`);
      out.push({ line: table.headerLine, steps });
    }
    // Prose is the procedure only where the section has no list or table of steps; under a step heading its
    // instructions are sub-steps beside the lists ("Bump the version …", then a list of notes, then "Tag it:").
    const prose = out.length && !scope.inStep ? [] : this.paragraphSteps(from, to, scope);
    if (prose.length) out.push(...prose.map((p) => ({ line: p.headingRange.start.line, steps: [p] })));
    return out.sort((a, b) => a.line - b.line).flatMap((o) => o.steps);
  }

  /**
   * Steps written as paragraphs: under a heading that names a procedure ("Escalation process"), paragraphs that
   * open with an instruction or with a party doing something ("If the pager stays silent, call the duty manager",
   * "The duty manager will open a bridge") are its steps, when they are at least half the paragraphs there.
   * A step's own body paragraphs describe it; they are never sub-steps.
   */
  private paragraphSteps(from: number, to: number, scope: Scope): Step[] {
    // Under a procedure heading, or in a role's own section ("Facilities responsibilities").
    const roleSection = scope.group && !!scope.owner?.some((o) => o.source === 'section');
    if (scope.nonProc) return [];
    const lines = this.input.lines;
    const starts: { first: number; last: number }[] = [];
    for (let i = from; i <= to; i++) {
      const info = lines[i]!;
      if (!isProseLine(info)) continue;
      const prev = lines[i - 1];
      if (prev && isProseLine(prev) && i > from) starts[starts.length - 1]!.last = i;
      else starts.push({ first: i, last: i });
    }
    // "First, …" / "Then …" / "Finally, …" paragraphs are steps wherever they stand.
    const sequenced = sequenceRun(starts.map((p) => lines[p.first]!.text));
    if (sequenced.length) {
      this.signal(2, `steps in sequence under '${clip(scope.label || 'the document')}'`);
      return sequenced.map((k) => this.paragraphStep(starts[k]!.first, starts[k]!.last, scope));
    }
    if (scope.proc !== 'strong' && !roleSection && !scope.inStep) return [];
    const actions = starts.filter((p) => {
      const info = lines[p.first]!;
      const lastLine = lines[p.last]!;
      // A paragraph ending in a colon introduces what follows; a question is not an action.
      // An instruction whose command follows in a code block ("Tag the release:" then the commands) is an action.
      if ((/:\s*$/.test(lastLine.text) && !(scope.inStep && codeFollows(lines, p.last, to))) || /^[^.!?]{0,200}\?/.test(info.text)) return false;
      // Notes, quotes and pointers elsewhere ("Click this link to see …", "Read more in …") are not actions.
      if (/^\s*>/.test(info.raw) || /^\[!|^(?:note|tip|warning)\b/i.test(info.text) || POINTER.test(info.text)) return false;
      // Under a step heading only instructions are its sub-steps; a role acting there describes the step.
      if (scope.inStep) return isImperative(info.text);
      // "The review panel will consist of three trustees": what a party is made of, not something it does.
      if (MEMBERSHIP.test(info.text.slice(0, 160))) return false;
      return isImperative(info.text) || hasRoleSubject(info, 0, this) || !!ownerFromClause(info, this, false, 0, true);
    });
    // One paragraph is a description; a run of them, mostly actions, is the procedure.
    if (actions.length < 2 || actions.length * 2 < starts.length) return [];
    this.signal(2, `steps written as paragraphs under '${clip(scope.label)}'`);
    return actions.map((p) => this.paragraphStep(p.first, p.last, scope));
  }

  private paragraphStep(first: number, last: number, scope: Scope): Step {
    const lines = this.input.lines;
    const info = lines[first]!;
    const { title, start, end } = titleOf(info, 0);
    const step = newStep('step', title, rangeOf(info, start, end), lineRange(info), makeRange(first, 0, last, lines[last]!.raw.length));
    const own = ownersOnLine(info, 0, this);
    const o = own.length ? own : [ownerFromSentence(info, 0, this) ?? ownerFromClause(info, this)].filter((x): x is Owner => !!x);
    step.owners.push(...o);
    if (!step.owners.length && scope.owner) step.owners.push(...inherit(scope.owner));
    return step;
  }

  private listSteps(list: ItemList, scope: Scope): Step[] {
    const lines = this.input.lines;
    // A long paragraph that ends in a colon introduces the list with its last sentence.
    const leadStart = list.leadIn ? lastSentenceStart(list.leadIn.text) : 0;
    const lead = list.leadIn ? list.leadIn.text.slice(leadStart).replace(/:\s*$/, '') : '';
    const leadScope: Scope = { ...scope };
    /** The lead-in says a party must, should or will do what follows ("the auditor shall confirm that:"). */
    let assigned = !!scope.duties;
    if (lead) {
      const role = roleOfTitle(lead, (n) => this.isDeclaredRole(n), false) ?? roleOfLeadIn(lead, this.isDeclaredRole);
      if (role) leadScope.owner = [{ name: role, range: lineRange(list.leadIn!), source: 'section' }];
      else {
        const clause = ownerFromClause(list.leadIn!, this, false, leadStart);
        if (clause) leadScope.owner = [clause];
        assigned = !!clause && /:\s*$/.test(list.leadIn!.text);
      }
      // The clause that introduces the list: "If a paper was reviewed elsewhere, the streamlined process is:".
      const clause = lead.slice(Math.max(lead.lastIndexOf(', '), lead.lastIndexOf('. ')) + 1);
      const strength = clause.length <= 100 && !/\bnot\b|n't\b|\bnever\b/i.test(clause) ? procedureStrength(clause) : 'none';
      // "… then you should:", "Before the call, we need to:": a lead-in ending in a duty introduces things to do.
      const duty = /\b(?:should|must|shall|need to|needs to|have to|has to|will need to|are expected to|is expected to)(?:\s+(?:also|then|now|first))?(?:\s+do)?(?:\s+the following)?\s*$/i.test(lead) && /:\s*$/.test(list.leadIn!.text);
      if (strength === 'strong' || duty || /\b(following|these|this)\s+(steps|actions|tasks)\b|^to\s+[a-z]+\b|\bdo the following\b|\bas follows\b/i.test(lead)) leadScope.proc = 'strong';
      if (role) leadScope.group = true;
      const leadGroup = this.isLeadInGroup(list.leadIn!, lead);
      if (leadGroup) leadScope.group = true;
      if (isNonProcedureTitle(lead)) leadScope.nonProc = true;
      // "This disclosure must include:": what something contains, not what someone does.
      if (/\b(?:include|includes|contain|contains|cover|covers|consist of|consists of)\s*$/i.test(lead) && !/\b(?:tasks|steps|actions|duties|responsibilities|activities|checklist)\b/i.test(lead)) leadScope.nonProc = true;      // "A few ways to find a venue:", "The spare key can also be used to:": a menu or a list of uses.
      if (notStepsLeadIn(this.paragraphLead(list.leadIn!))) leadScope.nonProc = true;
    }
    const items = list.items;
    // "- [Rollback](#rollback)": a table of contents, with its nested entries.
    if (items.filter((it) => isContentsEntry(lines[it.line]!.raw)).length * 2 >= items.length) return [];
    // "[Release lead] Bump the version": the bracketed party names who acts; the instruction follows it.
    // "**Session replay:** Set up recordings": a bold title, then the instruction.
    const texts = items.map((it) => withoutBoldTitle(lines[it.line]!, it.textStart).replace(/^\s*\[[^\[\]]{2,40}\]\s+(?=\S)/, ''));
    const share = (pred: (t: string, it: Item) => boolean): number => items.filter((it, k) => pred(texts[k]!, it)).length / items.length;
    const checkboxes = share((_, it) => !!it.checkbox);
    // An instruction, or a sentence whose subject is a role ("The VMT replies to the reporter").
    // In a role's section, "Selecting a buddy" names one of its activities as surely as "Select a buddy".
    const roleContext = assigned || !!leadScope.owner?.some((o) => o.source === 'section');
    const imperative = share((t, it) => isImperative(t) || hasRoleSubject(lines[it.line]!, it.textStart, this) || (roleContext && isActivity(t)));
    const ordered = items[0]!.number !== undefined;
    // A link whose text is an instruction ("[Rotate the keys](…)") is a step that links to its details.
    const linky = share((t, it) => mostlyLink(lines[it.line]!, it.textStart) && !isImperative(t));
    const fields = items.filter((it) => readField(lines[it.line]!)).length / items.length;
    const questions = share((t) => /^[^.!?]{0,300}\?/.test(t));
    const sentences = share((t) => FINITE_VERB.test(t.slice(0, 160)));
    const n = items.length;
    // "If no, go to step 5": routing between steps; "Option B: …", "… -or-": choices. Neither is done in turn.
    const routing = items.map((it, k) => !it.children.length && isRouting(texts[k]!));
    const choices = areAlternatives(texts);
    let accept = false;
    let weakPick = false;
    let strength = 0;
    let what = ordered ? 'numbered steps' : 'action list';
    // "Step 1 — …", "Step 2 — …": the writer called them steps, whatever their grammar.
    const labelled = share((_, it) => !!it.labelled);
    // "First you'll …", "Next the reviewer …", "Finally …": the writer put them in order, whatever their grammar.
    const sequenced = isSequence(texts);
    if (labelled >= 0.5 && n >= 2 && !leadScope.nonProc) {
      accept = true;
      strength = 3;
      what = 'step labels';
    } else if (sequenced && !leadScope.nonProc) {
      accept = true;
      strength = 2;
      what = 'steps in sequence';
    } else if (checkboxes >= 0.5) {
      accept = true;
      strength = n >= 3 || scope.group ? 3 : 2;
      what = 'checklist';
    } else if (fields >= 0.5 || linky > 0.5 || questions >= 0.5 || choices || routing.every(Boolean) || leadScope.nonProc || (scope.nonProc && !leadScope.owner)) {
      accept = false;
    } else if (scope.inStep) {
      accept = ordered || imperative >= 0.5 || (assigned && n >= 2 && sentences >= 0.5);
      strength = 2;
    } else if (ordered) {
      const ctx = leadScope.proc === 'strong' || leadScope.group || !!leadScope.owner;
      // In a procedure context a numbered list is steps when its items say what is done (instructions or
      // sentences with a verb); a numbered list of noun phrases is a list of things.
      const strongCtx = leadScope.proc === 'strong';
      accept = n >= 2 && (strongCtx || (ctx && (imperative >= 0.3 || sentences >= 0.5)) || imperative >= 0.5 || (leadScope.proc === 'weak' && imperative >= 0.3));
      strength = ctx && n >= 2 ? 3 : imperative >= 0.5 && n >= 3 ? 3 : 2;
    } else {
      const ctx = leadScope.proc === 'strong' || leadScope.group || !!leadScope.owner;
      // A colon lead-in followed by bullets that are nearly all instructions is a procedure wherever it stands.
      // Three or more bullets that are all instructions are a procedure wherever they stand; with a colon
      // lead-in, most being instructions is enough.
      const introduced = (!!list.leadIn && /:\s*$/.test(list.leadIn.text) && imperative >= 0.8 && n >= 3) || (imperative === 1 && n >= 3 && !scope.nonProc);
      // What a named party must do or confirm, item by item, whatever the items' grammar.
      const duties = assigned && n >= 2 && Math.max(imperative, sentences) >= 0.5;
      // Under a weaker title ("On-call rota"), bullets that are mostly instructions are the procedure and the
      // others notes about it: only the instructions are kept (below).
      weakPick = !ctx && !introduced && !duties && leadScope.proc === 'weak' && imperative >= 0.5 && imperative < 0.6 && n >= 3;
      accept = (ctx && imperative >= 0.5) || (leadScope.proc === 'weak' && imperative >= 0.6 && n >= 2) || introduced || duties || weakPick;
      strength = ctx && n >= 2 ? 3 : 2;
    }
    if (!accept) {
      // Not steps themselves; a nested list under a group-like item may still be ("- Week 1" then checkboxes).
      const out: Step[] = [];
      for (const it of items) {
        if (!it.children.length) continue;
        const text = lines[it.line]!.text.slice(it.textStart);
        const group = isGroupTitle(text.replace(/:$/, ''));
        // "- Agenda:" then a numbered list: the items of a meeting, not steps.
        const inner: Scope = group ? { ...leadScope, group: true, label: text } : isNonProcedureTitle(text) ? { ...leadScope, nonProc: true } : leadScope;
        const subs = this.listSteps({ items: it.children }, inner);
        if (subs.length && group) out.push(this.itemStep(it, 'stage', subs, inner));
        else out.push(...subs);
      }
      return out;
    }
    const where = scope.label || lead;
    this.signal(strength, `${what}${where ? ` under '${clip(where)}'` : ''}`);
    const stepScope: Scope = { ...leadScope, inStep: true, duties: false };
    // Inside a step, bullets mix instructions with notes about them: only the instructions are sub-steps.
    const pick = (scope.inStep && !ordered && checkboxes < 0.5 && !assigned) || weakPick;
    const steps: Step[] = [];
    items.forEach((it, k) => {
      const subs = it.children.length ? this.listSteps({ items: it.children }, stepScope) : [];
      if (pick && !subs.length && !isImperative(texts[k]!) && !hasRoleSubject(lines[it.line]!, it.textStart, this)) return;
      if (routing[k]) return;
      steps.push(this.itemStep(it, 'step', subs, leadScope));
    });
    if (!steps.length) return [];
    return list.leadIn && this.isLeadInGroup(list.leadIn, lead) ? [this.leadInStage(list.leadIn, lead, steps)] : steps;
  }

  /** The last sentence of the paragraph a lead-in line ends ("… make sure you include this information for / each PR:"). */
  private paragraphLead(info: LineInfo): string {
    const lines = this.input.lines;
    let first = info.line;
    while (first > 0 && info.line - first < 6 && isProseLine(lines[first - 1]!)) first--;
    const text = lines.slice(first, info.line + 1).map((l) => l.text).join(' ');
    return text.slice(lastSentenceStart(text));
  }

  /** A lead-in that is a time or phase label on a line of its own ("Week 1:"), not the end of a sentence. */
  private isLeadInGroup(info: LineInfo, lead: string): boolean {
    // A bold line of its own may be longer: "**After the paper has been accepted**" names a phase, not a sentence.
    const bold = info.strongEnd !== undefined && info.strongEnd >= info.text.length - 1 && !/[.,;]/.test(lead);
    const [maxChars, maxWords] = bold ? [90, 12] : [50, 6];
    if (lead.length > maxChars || lead.split(/\s+/).length > maxWords || !isGroupTitle(lead)) return false;
    const before = this.input.lines[info.line - 1];
    return !before || before.block !== 'text' || before.listDepth > 0;
  }

  /** "Week 1:" or "**Day 0**" on a line of its own, holding the list after it: a stage. */
  private leadInStage(info: LineInfo, title: string, steps: Step[]): Step {
    const last = steps[steps.length - 1]!.range.end;
    const start = Math.max(0, info.text.indexOf(title));
    const stage = newStep('stage', title, rangeOf(info, start, start + title.length), lineRange(info), makeRange(info.line, 0, last.line, last.character));
    const time = timePrefix(title);
    if (time) stage.timing.push({ source: 'heading', text: time, range: rangeOf(info, start, start + time.length) });
    stage.substeps = steps;
    return stage;
  }

  private itemStep(item: Item, kind: Step['kind'], substeps: Step[], scope: Scope): Step {
    const lines = this.input.lines;
    const info = lines[item.line]!;
    const { title, start, end } = titleOf(info, item.textStart);
    let last = item.end;
    while (last > item.line && lines[last]!.block === 'blank') last--;
    const step = newStep(kind, title, rangeOf(info, start, end), lineRange(info), makeRange(item.line, 0, last, lines[last]!.raw.length));
    if (item.number !== undefined) {
      step.number = item.number;
      if (item.pseudo) {
        const at = info.text.indexOf(item.numberText!);
        step.numberRange = rangeOf(info, Math.max(0, at), Math.max(0, at) + item.numberText!.length);
      } else {
        const col = info.ordinalStart ?? info.map[0] ?? 0;
        step.numberRange = makeRange(item.line, col, item.line, col + String(item.number).length);
      }
      if (item.numberText?.includes('.')) step.numberText = item.numberText;
    }
    if (item.checkbox) {
      step.actions.push({ text: title, range: step.titleRange, checked: !!item.checked, depth: 1 });
    }
    if (kind === 'stage') {
      const time = timePrefix(title);
      if (time) step.timing.push({ source: 'heading', text: time, range: rangeOf(info, start, start + time.length) });
    }
    const subLines = new Set<number>();
    for (const s of substeps) for (let l = s.range.start.line; l <= s.range.end.line; l++) subLines.add(l);
    this.readBody(step, item.line + 1, last, subLines);
    if (!step.owners.length) step.owners.push(...ownersOnLine(info, item.textStart, this));
    if (!step.owners.length) {
      const o = ownerFromSentence(info, item.textStart, this);
      if (o) step.owners.push(o);
    }
    if (!step.owners.length) {
      const o = this.agentInParagraph(item);
      if (o) step.owners.push(o);
    }
    if (!step.owners.length && scope.owner && kind === 'step') step.owners.push(...inherit(scope.owner));
    step.substeps = substeps;
    passOwnersDown(step);
    return step;
  }

  /**
   * The party the prose under a step heading says must, should or will act ("The records clerk shall file the
   * forms …"): the step's owner when the heading names none. Only prose counts, not the step's lists.
   */
  private bodyOwner(from: number, to: number): Owner | undefined {
    return ownerInProse(this.input.lines, from, to, this);
  }

  /** "… This is often done by the release team": the agent named in the item's own paragraph, below its first line. */
  private agentInParagraph(item: Item): Owner | undefined {
    const lines = this.input.lines;
    const stop = item.children[0]?.line ?? item.end + 1;
    for (let i = item.line + 1; i < stop && i <= item.line + 4; i++) {
      const info = lines[i]!;
      if (info.block !== 'text' || info.itemDepth > 0) break;
      const o = agentOnLine(info, this);
      if (o) return o;
    }
    return undefined;
  }

  private rowStep(row: import('./tables').StepRow, scope: Scope): Step {
    const info = this.input.lines[row.line]!;
    const title = row.task.text;
    const step = newStep('step', title, row.task.range, row.task.range, lineRange(info));
    if (row.number !== undefined) step.number = row.number;
    if (row.numberText?.includes('.')) step.numberText = row.numberText;
    if (row.owner) step.owners.push(...ownersFromValue(row.owner.text, row.owner.range, 'table', this));
    if (!step.owners.length) step.owners.push(...ownersInCell(row.task.text, (a, b) => cellRange(row.task.range, a, b), this));
    if (!step.owners.length && scope.owner) step.owners.push(...inherit(scope.owner));
    if (row.timing) step.timing.push({ source: 'due', text: row.timing.text, range: row.timing.range });
    return step;
  }

  /** Fields (`Owner:`, `Due:`, `- **Role**: X`) on the step's own lines, not those of its sub-steps. */
  private readBody(step: Step, from: number, to: number, skip: Set<number>): void {
    for (let i = from; i <= to; i++) {
      if (skip.has(i)) continue;
      const info = this.input.lines[i]!;
      if (info.block !== 'text') continue;
      const field = readField(info);
      if (!field) continue;
      step.fields.push(field);
      if (field.label === 'owner') {
        step.ownerField ??= field;
        if (field.value) step.owners.push(...ownersFromValue(field.value, field.valueRange, info.itemDepth > 0 ? 'bullet' : 'label', this));
      } else if (TIMING_LABELS[field.label] && field.value) {
        step.timing.push({ source: TIMING_LABELS[field.label]!, text: field.value, range: field.valueRange });
      } else if (field.label === 'condition' && field.value) {
        step.conditions.push({ value: field.value, range: field.valueRange });
      }
    }
    if (!step.owners.length) {
      for (const f of step.fields) {
        if ((f.label === 'accountable' || f.label === 'driver') && f.value) step.owners.push(...ownersFromValue(f.value, f.valueRange, 'label', this));
      }
    }
    // "| Participants | Duty Officer |" in the step's table of facts.
    for (let i = from; i <= to && i < from + 60 && !step.owners.length; i++) {
      if (!skip.has(i)) step.owners.push(...ownersFromKeyValueRow(this.input.lines[i]!, this));
    }
  }

  /** Steps with no owner whose title names a RACI activity take that row's R (or D, or A). */
  applyRaci(steps: Step[]): void {
    if (!this.raci.length) return;
    const rows = this.raci.filter((r) => r.owners.length).map((r) => ({ key: r.activity.toLowerCase().replace(/[^a-z0-9 ]/g, '').trim(), r }));
    const visit = (list: Step[]): void => {
      for (const s of list) {
        if (!s.owners.length && s.kind === 'step') {
          const t = s.title.toLowerCase().replace(/[^a-z0-9 ]/g, '').trim();
          const hit = rows.find((x) => x.key.length >= 4 && (t === x.key || t.includes(x.key) || x.key.includes(t)));
          if (hit) for (const o of hit.r.owners) s.owners.push({ name: o.text, range: o.range, source: 'raci' });
        }
        visit(s.substeps);
      }
    };
    visit(steps);
  }

  private signal(strength: number, reason: string): void {
    this.signals.push({ strength, reason });
  }
}

/** The last part of a number as written: `4.12` → 12, `1.b` → 2 (letters count from a = 1). */
function lastNumber(numberText: string): number {
  const last = numberText.split('.').pop()!;
  return /^[a-z]$/i.test(last) ? last.toLowerCase().charCodeAt(0) - 96 : Number(last);
}

/** Sibling headings numbered `1.`, `2.` … whose titles are mostly instructions: steps, wherever they stand. */
function numberedStepHeadings(children: Node[]): boolean {
  let numbered = 0;
  let imperative = 0;
  for (const c of children) {
    const m = /^(\d{1,3})[.):]?\s+(.*)$/.exec(c.info?.text ?? '');
    if (!m) continue;
    if (isNonProcedureTitle(m[2]!) || classifySection(m[2]!) !== 'other') return false;
    numbered++;
    if (isImperative(m[2]!)) imperative++;
  }
  return numbered >= 2 && imperative / numbered >= 0.5;
}

/**
 * "At least one engineer to:", "The release manager should:", "Before the fair, the steward will": a lead-in
 * naming who does the list. A condition before the subject says when, not who.
 */
function roleOfLeadIn(lead: string, isDeclared: (n: string) => boolean): string | undefined {
  // "When a change lands, the duty editor and the site lead have the following duties": the main clause.
  const comma = lead.lastIndexOf(', ');
  if (comma > 0) {
    const main = roleOfLeadIn(lead.slice(comma + 2), isDeclared);
    if (main) return main;
  }
  lead = lead.replace(LEAD_CONDITION, '');
  const m = /^(?:the\s+|each\s+|every\s+|all\s+)?(.{2,60}?)\s+(?:to|should|must|will|shall|needs? to|is responsible for|are responsible for|(?:has|have) the following (?=responsibilities|duties|tasks))(?:\s+do)?(?:\s+the following)?(?:\s*(?:steps|tasks|actions|responsibilities|duties))?$/i.exec(lead);
  if (!m) return undefined;
  return plausibleOwner(m[1]!, isDeclared) ? m[1]! : undefined;
}

const LEAD_CONDITION = /^(?:if|when|once|after|before|during|upon|while|at|in|on|for|by|prior to)\b[^,]{1,80},\s*/i;

/** Sibling headings that mostly read as instructions ("Stop writes", "Promote the replica"): steps. */
function imperativeHeadings(children: Node[]): boolean {
  const titles = children.map((c) => c.info?.text ?? '').filter((t) => t && !isNonProcedureTitle(t));
  const imperative = titles.filter((t) => isImperative(t)).length;
  return imperative >= 2 && imperative / titles.length >= 0.6;
}

const inherit = inheritedOwners;

/** The range of `[a, b)` inside a one-line table cell. */
function cellRange(cell: import('../../model').Range, a: number, b: number): import('../../model').Range {
  const start = cell.start.character + a;
  return makeRange(cell.start.line, start, cell.start.line, Math.min(cell.end.character, cell.start.character + b));
}


/** The step's title: its first sentence (or the bold title that opens it), without a trailing colon. */
function titleOf(info: LineInfo, textStart: number): { title: string; start: number; end: number } {
  const text = info.text;
  let start = textStart;
  while (start < text.length && text[start] === ' ') start++;
  let end = text.length;
  if (info.strongEnd !== undefined && info.strongEnd > start + 2 && info.strongEnd < text.length) end = info.strongEnd;
  else {
    const sentence = /[.!?](?=\s+[A-Z(["'`*])/g;
    sentence.lastIndex = start;
    const m = sentence.exec(text);
    if (m && m.index - start >= 12) end = m.index;
  }
  while (end > start && /[\s:.;,]/.test(text[end - 1]!)) end--;
  if (end <= start) end = text.length;
  return { title: text.slice(start, end), start, end };
}

/** A sentence saying what a party is made of: "… will consist of …", "… is made up of …", "… comprises …". */
const MEMBERSHIP = /^[^.;:]{0,100}\b(?:consists?\s+of|consisting\s+of|(?:is|are)\s+(?:made\s+up|composed)\s+of|compris(?:e|es))\b/i;

const POINTER = /^(?:click|see|read more|for more|learn more|refer to|more (?:details|information))\b|^(?:\w+\s+){0,3}(?:this|the following) link\b/i;

/** The item's text after a bold `**Title:**` that opens it, when the rest says what to do. */
function withoutBoldTitle(info: LineInfo, textStart: number): string {
  const text = info.text.slice(textStart);
  const end = info.strongEnd;
  if (end === undefined || end <= textStart) return text;
  const title = info.text.slice(textStart, end);
  const rest = info.text.slice(end).replace(/^\s*:?\s*/, '');
  if (!/:\s*$/.test(title) && !/^\s*:/.test(info.text.slice(end))) return text;
  return isImperative(rest) ? rest : text;
}

/** The next non-blank line after `line` (up to `to`) opens a code block. */
function codeFollows(lines: LineInfo[], line: number, to: number): boolean {
  for (let i = line + 1; i <= to && i <= line + 3; i++) {
    const info = lines[i]!;
    if (info.block === 'blank') continue;
    return info.block === 'code';
  }
  return false;
}

/** A line of running prose: not a list, table, heading or code. */
function isProseLine(info: LineInfo): boolean {
  return info.block === 'text' && info.itemDepth === 0 && info.listDepth === 0 && !!info.text && !info.raw.trimStart().startsWith('|');
}

/** Where the last sentence of a paragraph starts ("… without communication, editors should use their judgment to:"). */
function lastSentenceStart(text: string): number {
  const re = /[.!?]\s+(?=[A-Z(])/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) start = m.index + m[0].length;
  return start;
}

function mostlyLink(info: LineInfo, from: number): boolean {
  const spans = info.linkSpans;
  if (!spans || !spans.length) return /^https?:\/\/\S+$/.test(info.text.slice(from).trim());
  let covered = 0;
  for (const [a, b] of spans) covered += Math.max(0, b - Math.max(a, from));
  const rest = info.text.slice(from).replace(/[\s\-–—:,.]/g, '').length;
  return rest > 0 && covered / rest >= 0.6;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}
