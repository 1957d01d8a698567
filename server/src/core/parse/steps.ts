import {
  makeRange,
  newStep,
  type ActionItem,
  type Field,
  type Located,
  type Owner,
  type Section,
  type Step,
  type StepDialect,
  type StepKind,
  type TimingSource,
  type TimingText,
} from '../model';
import { isPlaceholderOwner, normaliseRole } from '../roles';
import type { LineInfo } from './lines';
import { isPlainSectionTitle } from './sections';
import { forEachParty } from './roles';
import { lineRange, rangeOf, readField, TIMING_LABELS } from './text';

const STEP_HEADING = /^(step|stage|phase)\s+(\d{1,6})\s*(?:\([^()]{0,40}\)\s*)?(?:[:.)–—-]\s*|\s+)(.*)$/i;
const NUMBERED_TITLE = /^(\d{1,9})[.)]\s+(.+)$/;
const TRAILING_PAREN = /\s*\(([^()]{1,60})\)\s*:?\s*$/;
const TIMING_WORDS = /\d|\b(ongoing|daily|weekly|bi-?weekly|monthly|quarterly|annually|yearly|as needed|continuous)\b/i;
const MILESTONE_TITLE = /^(\d{1,4})[- ]day\b/i;
const DAY_PREFIX = /^((?:day|week|month)s?\s+-?\d{1,4}(?:\s*(?:-|–|to)\s*-?\d{1,4})?)\s*[:.–—-]\s*(.*)$/i;
const OFFSET_TITLE = /^\d{1,4}\s+(?:business\s+|calendar\s+|working\s+)?(?:days?|weeks?|months?|hours?)\s+(?:before|after|prior to|following)\b/i;
const MINUTES = /\((\d{1,4})\s*(?:-\s*\d{1,4}\s*)?(min|mins|minutes|minute|hr|hrs|hour|hours)\)|[-–—]\s*(\d{1,4})\s*(min|mins|minutes)\b/i;
const CHECKBOX = /^\[([ xX])\]\s+/;
const CONDITION = /\bif\s+(?:the\s+)?(?:customer\s+(?:is\s+)?(?:on\s+)?(?:an?\s+)?)?([a-z][a-z0-9 -]{0,30}?\s+(?:tier|plan|edition|customers?|subscription))\b/i;

/** Labels whose value introduces a list of agenda items or actions. */
const LIST_LABELS = new Set(['agenda', 'actions', 'deliverables', 'output', 'success criteria', 'metrics', 'tools', 'escalation', 'cadence', 'input', 'participants']);
/** Fields that are metadata, never a substep title. */
const NOT_SUBSTEP = new Set([
  'owner', 'timeline', 'timing', 'when', 'due', 'duration', 'depends on', 'objective', 'goal', 'trigger', 'tools',
  'participants', 'agenda', 'deliverables', 'output', 'input', 'actions', 'success criteria', 'metrics', 'cadence',
  'escalation', 'condition', 'notes', 'version', 'last updated', 'last reviewed', 'review frequency',
  'effective date', 'approved by', 'prepared by', 'document owner', 'next review', 'driver', 'approver',
  'contributors', 'informed', 'accountable', 'consulted',
]);

/** Strong labels that head a list inside a step rather than a sub-step ("**Exit Criteria**:"). */
const LABEL_WORDS = /(criteria|tools|metrics|kpis|outputs?|inputs?|deliverables|resources|risks|notes|references|artifacts|templates|prerequisites|requirements)$/;

interface StepStart {
  line: number;
  kind: StepKind;
  number?: number;
  numberRange?: Step['numberRange'];
  title: string;
  titleStart: number;
  titleEnd: number;
  headingDepth: number;
  /** Timing written in the heading itself ("(Days 0-30)", "Day 14", "90 Days Before Renewal"). */
  headingTiming: TimingText[];
}

export interface StepContext {
  lines: LineInfo[];
  sections: Section[];
  /** Section (innermost) per line. */
  lineSection: (Section | undefined)[];
  plain: boolean;
  /** Whole-name matcher for owners, so "Research and Development" is not split when it is a declared role. */
  isDeclaredRole(name: string): boolean;
}

export interface StepResult {
  steps: Step[];
  dialect: StepDialect;
}

export function extractSteps(ctx: StepContext): StepResult {
  const headingStarts = findHeadingSteps(ctx);
  if (headingStarts.length > 0) {
    const dialect: StepDialect = headingStarts.some((s) => s.kind === 'stage')
      ? 'stages'
      : headingStarts.every((s) => /^step\b/i.test(ctx.lines[s.line]!.text))
        ? 'step-headings'
        : 'numbered-headings';
    return { steps: buildSteps(ctx, headingStarts, true), dialect };
  }
  const numbered = findNumberedSteps(ctx);
  if (numbered.length === 0) return { steps: [], dialect: 'none' };
  const steps = buildSteps(ctx, numbered, false);
  const nested = steps.some((s) => s.fields.some((f) => ctx.lines[f.range.start.line]!.itemDepth > 0));
  return { steps, dialect: nested ? 'nested-bullets' : 'numbered-plain' };
}

function headingTimingOf(info: LineInfo, title: string, titleStart: number): { title: string; timing: TimingText[] } {
  const timing: TimingText[] = [];
  let t = title;
  const paren = TRAILING_PAREN.exec(t);
  if (paren && TIMING_WORDS.test(paren[1]!)) {
    const inner = paren[1]!;
    const innerStart = titleStart + paren.index + paren[0].indexOf('(') + 1;
    timing.push({ source: 'heading', text: inner, range: rangeOf(info, innerStart, innerStart + inner.length) });
    t = t.slice(0, paren.index);
  }
  return { title: t.replace(/[\s:]+$/, ''), timing };
}

function findHeadingSteps(ctx: StepContext): StepStart[] {
  const starts: StepStart[] = [];
  for (const info of ctx.lines) {
    if (info.block !== 'heading' || !info.text) continue;
    const m = STEP_HEADING.exec(info.text);
    if (m) {
      const numberStart = info.text.indexOf(m[2]!, m[1]!.length);
      const titleStart = info.text.length - m[3]!.length;
      const { title, timing } = headingTimingOf(info, m[3]!, titleStart);
      starts.push({
        line: info.line,
        kind: /^step$/i.test(m[1]!) ? 'step' : 'stage',
        number: Number(m[2]),
        numberRange: rangeOf(info, numberStart, numberStart + m[2]!.length),
        title: title || info.text,
        titleStart: title ? titleStart : 0,
        titleEnd: title ? titleStart + title.length : info.text.length,
        headingDepth: info.headingDepth,
        headingTiming: timing,
      });
      continue;
    }
    const section = ctx.lineSection[info.line];
    const parentIsProcedure = isInProcedure(ctx, info.line, info.headingDepth);
    const n = NUMBERED_TITLE.exec(info.text);
    if (n && parentIsProcedure) {
      const titleStart = info.text.length - n[2]!.length;
      const { title, timing } = headingTimingOf(info, n[2]!, titleStart);
      starts.push({
        line: info.line,
        kind: 'step',
        number: Number(n[1]),
        numberRange: rangeOf(info, 0, n[1]!.length),
        title,
        titleStart,
        titleEnd: titleStart + title.length,
        headingDepth: info.headingDepth,
        headingTiming: timing,
      });
      continue;
    }
    void section;
  }
  if (starts.length > 0) return starts;
  // Unnumbered headings directly under a procedure section, when they carry step fields.
  for (const info of ctx.lines) {
    if (info.block !== 'heading' || !info.text) continue;
    if (!isInProcedure(ctx, info.line, info.headingDepth)) continue;
    if (!hasFieldEvidence(ctx, info.line + 1, (l) => l.block === 'heading' && l.headingDepth <= info.headingDepth)) continue;
    const { title, timing } = headingTimingOf(info, info.text, 0);
    starts.push({
      line: info.line,
      kind: 'step',
      title,
      titleStart: 0,
      titleEnd: title.length,
      headingDepth: info.headingDepth,
      headingTiming: timing,
    });
  }
  return starts;
}

/** Whether a heading at `line` with `depth` sits directly inside a procedure section. */
function isInProcedure(ctx: StepContext, line: number, depth: number): boolean {
  for (const s of ctx.sections) {
    if (s.kind !== 'procedure') continue;
    if (s.range.start.line < line && line <= s.range.end.line && s.level < depth) return true;
  }
  return false;
}

const EVIDENCE_LABELS = new Set(['owner', 'timeline', 'timing', 'when', 'due', 'duration', 'objective', 'depends on', 'trigger']);

function hasFieldEvidence(ctx: StepContext, from: number, stop: (l: LineInfo) => boolean): boolean {
  for (let i = from; i < ctx.lines.length && i < from + 40; i++) {
    const l = ctx.lines[i]!;
    if (stop(l)) return false;
    const f = readField(l);
    if (f && EVIDENCE_LABELS.has(f.label)) return true;
  }
  return false;
}

/** Seeds 000–002: `4. Kickoff Meeting` lines, told apart from agenda items and numbered actions. */
function findNumberedSteps(ctx: StepContext): StepStart[] {
  const starts: StepStart[] = [];
  const hasProcedure = ctx.sections.some((s) => s.kind === 'procedure');
  // A list opened by `Agenda:` / `Actions:` keeps numbered lines while their numbers run on from 1.
  let listContext: { next: number } | undefined;
  let lastStepNumber: number | undefined;
  for (let i = 0; i < ctx.lines.length; i++) {
    const info = ctx.lines[i]!;
    if (info.block === 'blank') continue;
    const field = readField(info);
    if (field) {
      listContext = field.value === '' && LIST_LABELS.has(field.label) ? { next: 1 } : undefined;
      continue;
    }
    const topLevel = info.ordinal !== undefined && info.indent < 4 && (ctx.plain ? info.indent === 0 : info.itemDepth === 1);
    if (!topLevel) {
      if (info.itemDepth === 0 && info.block === 'text') listContext = undefined;
      continue;
    }
    const n = info.ordinal!;
    if (listContext && n === listContext.next && !(lastStepNumber !== undefined && n === lastStepNumber + 1 && looksLikeStepTitle(info.text) && hasFieldEvidence(ctx, i + 1, (l) => l.ordinal !== undefined && l.itemDepth <= 1))) {
      listContext.next++;
      continue;
    }
    listContext = undefined;
    const section = ctx.lineSection[i];
    const inProcedure = section?.kind === 'procedure';
    if (hasProcedure && !inProcedure) continue;
    const evidence = hasFieldEvidence(ctx, i + 1, (l) => (l.ordinal !== undefined && (ctx.plain ? l.indent === 0 : l.itemDepth === 1)) || isPlainSectionTitle(l) || l.block === 'heading');
    if (!evidence && !(inProcedure && looksLikeStepTitle(info.text))) continue;
    const { title, timing } = headingTimingOf(info, info.text, 0);
    const numberStart = info.ordinalStart ?? 0;
    starts.push({
      line: i,
      kind: 'step',
      number: n,
      numberRange: makeRange(i, numberStart, i, numberStart + String(n).length),
      title,
      titleStart: 0,
      titleEnd: title.length,
      headingDepth: 0,
      headingTiming: timing,
    });
    lastStepNumber = n;
  }
  return starts;
}

function looksLikeStepTitle(text: string): boolean {
  return text.length <= 100 && !/[.!?]$/.test(text) && text.split(/\s+/).length <= 12;
}

function buildSteps(ctx: StepContext, starts: StepStart[], headings: boolean): Step[] {
  const steps: Step[] = [];
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    let end = ctx.lines.length - 1;
    const next = starts[k + 1];
    if (next) end = next.line - 1;
    for (let i = s.line + 1; i <= end; i++) {
      const l = ctx.lines[i]!;
      if (headings ? l.block === 'heading' && l.headingDepth <= s.headingDepth : isPlainSectionTitle(l) || (l.block === 'heading' && !ctx.plain)) {
        end = i - 1;
        break;
      }
    }
    while (end > s.line && ctx.lines[end]!.block === 'blank') end--;
    steps.push(buildStep(ctx, s, end, headings));
  }
  return steps;
}

function buildStep(ctx: StepContext, s: StepStart, end: number, headings: boolean): Step {
  const head = ctx.lines[s.line]!;
  const step = emptyStep(s, head, end, ctx);
  // Sub-steps: strong pseudo-headings (`**Day 7: Check-In**`), deeper headings, and milestone lines.
  const subStarts: number[] = [];
  for (let i = s.line + 1; i <= end; i++) {
    if (isSubstepStart(ctx, ctx.lines[i]!, s.headingDepth, headings)) subStarts.push(i);
  }
  const bodyEnd = subStarts.length ? subStarts[0]! - 1 : end;
  fillBody(ctx, step, s.line + 1, bodyEnd);
  for (let k = 0; k < subStarts.length; k++) {
    const a = subStarts[k]!;
    const limit = k + 1 < subStarts.length ? subStarts[k + 1]! - 1 : end;
    // A sub-step ends where the parent's own fields resume: a field or label after the sub-step's items
    // ("- Tools: …" after the 90-Day Check-In bullets, "**Success Criteria**:" after the Day 30 block).
    let b = limit;
    let seenItems = false;
    for (let i = a + 1; i <= limit; i++) {
      const l = ctx.lines[i]!;
      if (l.block !== 'text') continue;
      if (seenItems && (readField(l) || isLabelLine(l))) {
        b = i - 1;
        break;
      }
      if (l.itemDepth > 0) seenItems = true;
    }
    const subEnd = b;
    while (b > a && ctx.lines[b]!.block === 'blank') b--;
    const info = ctx.lines[a]!;
    const titleText = substepTitle(info);
    const { title, timing } = headingTimingOf(info, titleText, 0);
    const sub = emptyStep(
      { line: a, kind: 'substep', title, titleStart: 0, titleEnd: title.length, headingDepth: info.headingDepth, headingTiming: timing },
      info,
      b,
      ctx,
    );
    addTitleTiming(sub, info, title);
    fillBody(ctx, sub, a + 1, b);
    step.substeps.push(sub);
    if (subEnd < limit) fillBody(ctx, step, subEnd + 1, limit);
  }
  return step;
}

/** `**Success Criteria**:` — a strong label with nothing after it. */
function isLabelLine(info: LineInfo): boolean {
  if (info.strongEnd === undefined || info.strongEnd === 0) return false;
  return /^\s*:?\s*$/.test(info.text.slice(info.strongEnd)) && /:\s*$/.test(info.text);
}

function substepTitle(info: LineInfo): string {
  if (info.strongEnd !== undefined) {
    const rest = info.text.slice(info.strongEnd);
    const paren = /^\s*(\([^()]*\))/.exec(rest);
    const base = info.text.slice(0, info.strongEnd);
    return (paren ? base + ' ' + paren[1] : base).replace(/:$/, '');
  }
  return info.text.replace(/:$/, '');
}

/** Titles that are themselves timing: "Day 14: Review", "90 Days Before Renewal", "30-Day Check-In". */
function addTitleTiming(step: Step, info: LineInfo, title: string): void {
  const day = DAY_PREFIX.exec(title);
  if (day) {
    step.timing.unshift({ source: 'heading', text: day[1]!, range: rangeOf(info, 0, day[1]!.length) });
    return;
  }
  if (OFFSET_TITLE.test(title) || MILESTONE_TITLE.test(title)) {
    step.timing.unshift({ source: 'heading', text: title, range: rangeOf(info, 0, title.length) });
  }
}

function isSubstepStart(ctx: StepContext, info: LineInfo, stepDepth: number, headings: boolean): boolean {
  if (info.block === 'heading') return headings && info.headingDepth > stepDepth;
  if (info.block !== 'text') return false;
  if (info.strongEnd !== undefined && info.strongEnd > 0) {
    const rest = info.text.slice(info.strongEnd);
    if (!/^\s*(\([^()]*\))?\s*:?\s*$/.test(rest)) return false;
    const label = info.text.slice(0, info.strongEnd).replace(/:$/, '').trim().toLowerCase();
    const f = readField({ ...info, text: label + ': x' });
    if (f && NOT_SUBSTEP.has(f.label)) return false;
    if (LABEL_WORDS.test(label)) return false;
    return info.itemDepth <= 1;
  }
  const text = info.text.replace(/:$/, '');
  if (MILESTONE_TITLE.test(text) && looksLikeTitleLine(text)) {
    // Plain "30-Day Check-In" lines, and "- 30-Day Check-In:" bullets that head nested bullets.
    return info.itemDepth === 0 || info.text.endsWith(':');
  }
  if (ctx.plain && info.itemDepth === 0 && DAY_PREFIX.test(text) && looksLikeTitleLine(text)) return true;
  return false;
}

function looksLikeTitleLine(text: string): boolean {
  return text.length <= 80 && !/[.!?]$/.test(text) && text.split(/\s+/).length <= 8;
}

function emptyStep(s: StepStart, head: LineInfo, end: number, ctx: StepContext): Step {
  const step = newStep(
    s.kind,
    s.title,
    rangeOf(head, s.titleStart, Math.max(s.titleStart, s.titleEnd)),
    lineRange(head),
    makeRange(s.line, 0, end, ctx.lines[end]!.raw.length),
  );
  step.timing.push(...s.headingTiming);
  if (s.number !== undefined) step.number = s.number;
  if (s.numberRange) step.numberRange = s.numberRange;
  // "### Step 4: Configure SSO if enterprise tier": a condition on the whole step (the timeline drops it).
  scanConditions(step, head);
  const minutes = minutesIn(s.title);
  if (minutes !== undefined) step.meetingMinutes = minutes;
  return step;
}

function minutesIn(text: string): number | undefined {
  const m = MINUTES.exec(text);
  if (!m) return undefined;
  const n = Number(m[1] ?? m[3]);
  const unit = (m[2] ?? m[4] ?? 'min').toLowerCase();
  return unit.startsWith('h') ? n * 60 : n;
}

function durationMinutes(value: string): number | undefined {
  const m = /^(\d{1,4}(?:\.\d+)?)\s*(min|mins|minutes|minute|hr|hrs|hour|hours)\b/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return /^h/i.test(m[2]!) ? Math.round(n * 60) : n;
}

function fillBody(ctx: StepContext, step: Step, from: number, to: number): void {
  let listLabel: string | undefined;
  let listDepth = 0;
  for (let i = from; i <= to; i++) {
    const info = ctx.lines[i]!;
    if (info.block !== 'text') continue;
    const field = readField(info);
    if (field) {
      addField(ctx, step, field);
      listLabel = field.value === '' ? field.label : undefined;
      listDepth = info.itemDepth;
      continue;
    }
    if (info.itemDepth === 0 && info.strongEnd !== undefined) {
      // `**Actions**:` style label with nothing after it.
      const label = info.text.slice(0, info.strongEnd).replace(/:$/, '').trim().toLowerCase();
      listLabel = label;
      listDepth = 0;
      continue;
    }
    if (info.itemDepth === 0 && info.ordinal === undefined) {
      if (listLabel !== undefined && !/:$/.test(info.text)) listLabel = undefined;
      if (/:$/.test(info.text)) listLabel = info.text.slice(0, -1).toLowerCase();
      scanConditions(step, info);
      continue;
    }
    if (listLabel !== undefined && info.itemDepth > 0 && info.itemDepth <= listDepth) listLabel = undefined;
    const isAgenda = listLabel === 'agenda' || (listLabel === undefined && info.ordinal !== undefined && MINUTES.test(info.text));
    if (isAgenda) {
      const m = MINUTES.exec(info.text);
      const item: Step['agenda'][number] = { text: info.text, range: lineRange(info) };
      if (m) {
        item.minutes = minutesIn(info.text)!;
        const num = m[1] ?? m[3]!;
        const at = info.text.indexOf(num, m.index);
        item.minutesRange = rangeOf(info, at, at + num.length);
      }
      step.agenda.push(item);
      continue;
    }
    const cb = CHECKBOX.exec(info.text);
    const action: ActionItem = {
      text: cb ? info.text.slice(cb[0].length) : info.text,
      range: cb ? rangeOf(info, cb[0].length, info.text.length) : lineRange(info),
      depth: Math.max(1, info.itemDepth),
    };
    if (cb) action.checked = cb[1] !== ' ';
    step.actions.push(action);
    scanConditions(step, info);
  }
}

function scanConditions(step: Step, info: LineInfo): void {
  const m = CONDITION.exec(info.text);
  if (!m) return;
  const at = m.index;
  step.conditions.push({ value: m[0], range: rangeOf(info, at, at + m[0].length) });
}

function addField(ctx: StepContext, step: Step, field: Field): void {
  step.fields.push(field);
  const timingSource = TIMING_LABELS[field.label] as TimingSource | undefined;
  if (field.label === 'owner') {
    if (!step.ownerField) step.ownerField = field;
    for (const owner of splitOwners(ctx, field)) step.owners.push(owner);
  } else if (timingSource && field.value) {
    step.timing.push({ source: timingSource, text: field.value, range: field.valueRange });
    if (field.label === 'duration') {
      const minutes = durationMinutes(field.value);
      if (minutes !== undefined) step.meetingMinutes = minutes;
    }
  } else if (field.label === 'depends on' && field.value) {
    forEachParty(field.value, (part, offset) => {
      step.dependsOn.push(located(part, field, offset));
    });
  } else if (field.label === 'condition' && field.value) {
    step.conditions.push({ value: field.value, range: field.valueRange });
  }
}

function located(part: string, field: Field, offset: number): Located {
  const start = field.valueRange.start.character + offset;
  return { value: part, range: makeRange(field.valueRange.start.line, start, field.valueRange.start.line, start + part.length) };
}

/** "AE and CSM", "CSM + Solutions Engineer", "CSM / Account Manager" → one owner each. */
export function splitOwners(ctx: StepContext, field: Field): Owner[] {
  const value = field.value;
  if (!value) return [];
  if (ctx.isDeclaredRole(value)) return [{ name: value, range: field.valueRange }];
  if (isPlaceholderOwner(value)) return [{ name: value, range: field.valueRange, placeholder: true }];
  const owners: Owner[] = [];
  forEachParty(value, (part, offset) => {
    const clean = part.replace(/[.;,]+$/, '');
    if (!clean || normaliseRole(clean) === '') return;
    owners.push({ name: clean, range: located(clean, field, offset).range });
  });
  return owners;
}
