/**
 * Completion: roles after owner labels, steps and events after timing anchors, document IDs, frontmatter keys
 * and values from the schema, timing units, and a next-step skeleton written in the document's own dialect.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type MarkupContent,
} from 'vscode-languageserver-types';
import schema from '../../../../schemas/sop-frontmatter.schema.json';
import { allSteps, makeRange, type Position, type Step } from '../model';
import { normaliseRole } from '../roles';
import { BUILTIN_TRIGGERS } from '../timeline/resolve';
import { basename, inFrontmatter, knownRoles, lineAt, stepAt, stepLabel, type KnownRole, type ServiceContext } from './context';

export interface CompletionOptions {
  /** The client understands snippet syntax (`${1:Title}`). */
  snippetSupport: boolean;
  /** The client renders Markdown documentation. */
  markdown: boolean;
}

const DEFAULT_OPTIONS: CompletionOptions = { snippetSupport: true, markdown: true };

const OWNER_LABELS = /^(owners?|step owner|responsible|responsible part(?:y|ies)|owned by|assigned to|driver|approvers?|contributors?|informed|accountable|consulted|facilitator|participants)$/i;
const TIMING_LABELS = /^(timeline|timing|time ?frame|when|due|due date|deadline|duration|sla|estimated time|estimated duration|target time)$/i;
const DEPENDS_LABELS = /^(depends on|dependencies|dependency|prerequisites|after)$/i;
/** `- **Owner**: `, `Owner:`, `**Owner:** `, `   - Timeline: ` (list markers and strong markup around the label). */
const FIELD_PREFIX = /^(\s*(?:>\s*)*(?:[-*+]\s+|\d{1,4}[.)]\s+)?)(\*\*|__)?([A-Za-z][A-Za-z &/-]{0,28}?)(\*\*|__)?\s*:\s*(\*\*|__)?[ \t]*/;
const UNITS = ['minutes', 'hours', 'days', 'business days', 'weeks', 'months'];

export function complete(ctx: ServiceContext, pos: Position, options: Partial<CompletionOptions> = {}): CompletionItem[] {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const line = lineAt(ctx, pos.line);
  const before = line.slice(0, pos.character);
  if (inFrontmatter(ctx, pos.line)) return frontmatterCompletion(ctx, pos, before, opts);
  const fm = ctx.doc.frontmatter;
  if (fm && (pos.line === fm.range.start.line || pos.line === fm.range.end.line)) return [];

  const field = FIELD_PREFIX.exec(before);
  if (field) {
    const label = field[3]!.trim().replace(/\s+/g, ' ');
    const valueStart = field[0].length;
    const value = before.slice(valueStart);
    if (OWNER_LABELS.test(label)) return roleCompletion(ctx, pos, valueStart, value, opts);
    if (DEPENDS_LABELS.test(label)) return stepCompletion(ctx, pos, fragmentStart(value, /[,;]/) + valueStart, false, opts);
    if (TIMING_LABELS.test(label)) return timingCompletion(ctx, pos, valueStart, value, opts);
  }
  // A timing phrase written inline in a heading or sentence still gets anchors after "within … of ".
  const anchor = /\bwithin\b[^.;]*?\b(?:of|after)\s+((?:the\s+)?[^,;.]*)$/i.exec(before);
  if (anchor) return stepCompletion(ctx, pos, before.length - anchor[1]!.length, true, opts);

  const idItems = idReferenceCompletion(ctx, pos, before, opts);
  if (idItems.length) return idItems;
  return skeletonCompletion(ctx, pos, before, opts);
}

// ---- roles -------------------------------------------------------------------------------------------------------

function fragmentStart(value: string, separators: RegExp): number {
  let start = 0;
  const re = new RegExp(separators.source, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) start = m.index + m[0].length;
  while (start < value.length && /\s/.test(value[start]!)) start++;
  return start;
}

function markdown(opts: CompletionOptions, text: string): MarkupContent | string {
  return opts.markdown ? { kind: MarkupKind.Markdown, value: text } : text.replace(/[*_`]/g, '');
}

function ownersUseAcronyms(ctx: ServiceContext): boolean {
  return allSteps(ctx.doc).some((s) => s.owners.some((o) => /\([A-Z][A-Za-z0-9&]{1,9}\)/.test(o.name)));
}

function roleDoc(ctx: ServiceContext, r: KnownRole): string {
  const parts = [`**${r.name}**${r.acronym ? ` (${r.acronym})` : ''}`];
  if (r.description) parts.push(r.description);
  parts.push(
    r.origin === 'document'
      ? '_Declared in this document._'
      : r.origin === 'registry'
        ? '_From the role registry._'
        : `_Declared in ${basename(r.uri ?? '')}._`,
  );
  const owned = allSteps(ctx.doc).filter((s) => s.owners.some((o) => !o.placeholder && matchesRole(r, o.name)));
  if (owned.length) parts.push(`Owns: ${owned.map(stepLabel).join('; ')}`);
  return parts.join('\n\n');
}

export function matchesRole(r: KnownRole, written: string): boolean {
  // Owners keep their parenthesised acronym as written; compare without it.
  const key = normalise(written);
  return r.aliases.includes(key);
}

function normalise(written: string): string {
  return normaliseRole(written);
}

function roleCompletion(ctx: ServiceContext, pos: Position, valueStart: number, value: string, opts: CompletionOptions): CompletionItem[] {
  const start = valueStart + fragmentStart(value, /\s*(?:[,;+/&]|\band\b)\s*/);
  const range = makeRange(pos.line, start, pos.line, pos.character);
  const withAcronym = ownersUseAcronyms(ctx);
  const order = { document: '0', registry: '1', workspace: '2' } as const;
  return knownRoles(ctx).map((r, i) => {
    const text = withAcronym && r.acronym ? `${r.name} (${r.acronym})` : r.name;
    const item: CompletionItem = {
      label: r.name,
      kind: CompletionItemKind.Value,
      detail: [r.acronym, r.origin === 'document' ? 'role in this document' : r.origin === 'registry' ? 'role registry' : 'workspace role']
        .filter(Boolean)
        .join(' · '),
      documentation: markdown(opts, roleDoc(ctx, r)),
      filterText: r.acronym ? `${r.name} ${r.acronym}` : r.name,
      sortText: `${order[r.origin]}${String(i).padStart(4, '0')}`,
      textEdit: { range, newText: text },
    };
    return item;
  });
}

// ---- steps, events, units ----------------------------------------------------------------------------------------

function timingCompletion(ctx: ServiceContext, pos: Position, valueStart: number, value: string, opts: CompletionOptions): CompletionItem[] {
  const anchor = /\b(?:of|after|before|during|following|upon|from)\s+((?:the\s+)?[^,;.]*)$/i.exec(value);
  if (anchor) return stepCompletion(ctx, pos, valueStart + value.length - anchor[1]!.length, true, opts);
  const unit = /\b\d+(?:\.\d+)?(?:\s*[-–]\s*\d+(?:\.\d+)?)?\s+([A-Za-z]*)$/.exec(value);
  if (unit) {
    const start = pos.character - unit[1]!.length;
    const range = makeRange(pos.line, start, pos.line, pos.character);
    return UNITS.map((u, i) => ({
      label: u,
      kind: CompletionItemKind.Unit,
      detail: u === 'business days' ? 'working days (skips weekends and holidays)' : 'calendar time',
      sortText: String(i),
      textEdit: { range, newText: u },
    }));
  }
  return [];
}

function stepCompletion(ctx: ServiceContext, pos: Position, start: number, withEvents: boolean, opts: CompletionOptions): CompletionItem[] {
  const range = makeRange(pos.line, start, pos.line, pos.character);
  const current = stepAt(ctx.doc, pos);
  const items: CompletionItem[] = [];
  const dependsStyleStep = allSteps(ctx.doc).some((s) => s.dependsOn.some((d) => /^step\s+\d+/i.test(d.value)));
  const typed = lineAt(ctx, pos.line).slice(start, pos.character);
  const lowerFirst = /^[a-z]/.test(typed) || (withEvents && /\b(of|after)\s+$/.test(lineAt(ctx, pos.line).slice(0, start)) && typed === '' && prefersLowerCase(ctx));
  allSteps(ctx.doc).forEach((s, i) => {
    if (s === current || !s.title) return;
    const newText = !withEvents && dependsStyleStep && s.number !== undefined ? `Step ${s.number}` : lowerFirst ? s.title.toLowerCase() : s.title;
    items.push({
      label: s.title,
      kind: CompletionItemKind.Reference,
      detail: s.number !== undefined ? `${s.kind === 'stage' ? 'stage' : 'step'} ${s.number}` : 'step',
      documentation: markdown(opts, stepSummary(s)),
      filterText: `${s.title} ${newText}`,
      sortText: `0${String(i).padStart(4, '0')}`,
      textEdit: { range, newText },
    });
  });
  if (withEvents) {
    const events = new Map<string, string>();
    for (const t of ctx.doc.triggers) events.set(t.value.toLowerCase(), t.value.replace(/[.;]+$/, ''));
    for (const t of ctx.config.timeline.triggers) events.set(t.toLowerCase(), t);
    if (!events.size) events.set(BUILTIN_TRIGGERS[0]!, BUILTIN_TRIGGERS[0]!);
    [...events.values()].forEach((e, i) => {
      const newText = lowerFirst ? e.charAt(0).toLowerCase() + e.slice(1) : e;
      items.push({
        label: e,
        kind: CompletionItemKind.Event,
        detail: 'trigger event (day 0)',
        sortText: `1${String(i).padStart(4, '0')}`,
        textEdit: { range, newText },
      });
    });
  }
  return items;
}

function prefersLowerCase(ctx: ServiceContext): boolean {
  let lower = 0;
  let upper = 0;
  for (const s of allSteps(ctx.doc)) {
    for (const t of s.timing) {
      const m = /\b(?:of|after)\s+(?:the\s+)?(\w)/.exec(t.text);
      if (m) /[a-z]/.test(m[1]!) ? lower++ : upper++;
    }
  }
  return lower > upper;
}

function stepSummary(s: Step): string {
  const parts = [`**${stepLabel(s)}**`];
  const owners = s.owners.filter((o) => !o.placeholder).map((o) => o.name);
  if (owners.length) parts.push(`Owner: ${owners.join(', ')}`);
  if (s.timing.length) parts.push(`Timing: ${s.timing.map((t) => t.text).join('; ')}`);
  return parts.join('\n\n');
}

// ---- IDs ---------------------------------------------------------------------------------------------------------

function idItems(ctx: ServiceContext, range: ReturnType<typeof makeRange>, opts: CompletionOptions, prefix: string): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const e of ctx.workspace.entries()) {
    if (!e.id || e.uri === ctx.doc.uri || seen.has(e.id) || !e.id.startsWith(prefix)) continue;
    seen.add(e.id);
    items.push({
      label: e.id,
      kind: CompletionItemKind.Reference,
      detail: [e.title, e.status].filter(Boolean).join(' · '),
      documentation: markdown(opts, `**${e.id}**${e.title ? ` — ${e.title}` : ''}\n\n${e.type ? `Type: ${e.type}  \n` : ''}${e.status ? `Status: ${e.status}  \n` : ''}Path: ${basename(e.uri)}`),
      sortText: e.id,
      textEdit: { range, newText: e.id },
    });
  }
  return items.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

function idReferenceCompletion(ctx: ServiceContext, pos: Position, before: string, opts: CompletionOptions): CompletionItem[] {
  const m = /(?:^|[^\w-])([A-Z][A-Z0-9]{1,9}(?:-\d{0,6})?)$/.exec(before);
  if (!m) return [];
  const token = m[1]!;
  const range = makeRange(pos.line, pos.character - token.length, pos.line, pos.character);
  const items = idItems(ctx, range, opts, token);
  // Completing an ID already typed in full is noise.
  return items.length === 1 && items[0]!.label === token ? [] : items;
}

// ---- frontmatter ----------------------------------------------------------------------------------------------

interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  description?: string;
  markdownDescription?: string;
  items?: SchemaNode;
  $ref?: string;
  examples?: unknown[];
}

const ROOT = schema as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node?.$ref) return node;
  const name = node.$ref.replace('#/definitions/', '');
  const target = ROOT.definitions[name];
  return target ? { ...target, ...node, $ref: undefined } as SchemaNode : node;
}

function schemaAt(path: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = ROOT;
  for (const key of path) {
    node = deref(node);
    if (!node) return undefined;
    const next: SchemaNode | undefined = node.properties?.[key] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    node = deref(next);
  }
  return node;
}

function enumValues(node: SchemaNode | undefined): string[] {
  if (!node) return [];
  const out: string[] = [];
  for (const v of node.enum ?? []) if (typeof v === 'string') out.push(v);
  for (const alt of node.anyOf ?? []) out.push(...enumValues(deref(alt)));
  for (const v of node.examples ?? []) if (typeof v === 'string' && !out.includes(v)) out.push(v);
  return out;
}

function isIdList(node: SchemaNode | undefined): boolean {
  return !!node && (node.type === 'array' || !!node.items) && deref(node.items)?.description === ROOT.definitions['docId']?.description;
}

/** Keys from the root down to the line's parent, read by indentation. */
function yamlParents(ctx: ServiceContext, line: number, indent: number): string[] {
  const fm = ctx.doc.frontmatter!;
  const path: string[] = [];
  let want = indent;
  for (let l = line - 1; l > fm.range.start.line && want > 0; l--) {
    const raw = lineAt(ctx, l);
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    const ind = raw.length - raw.trimStart().length;
    const key = /^\s*([\w-]+)\s*:/.exec(raw);
    if (ind < want && key) {
      path.unshift(key[1]!);
      want = ind;
    }
  }
  return path;
}

function frontmatterCompletion(ctx: ServiceContext, pos: Position, before: string, opts: CompletionOptions): CompletionItem[] {
  const indent = before.length - before.trimStart().length;
  // `key: value` or `key: [A, B` on the cursor line.
  const kv = /^(\s*)(?:-\s+)?([\w-]+)\s*:\s*(.*)$/.exec(before);
  if (kv) {
    const path = [...yamlParents(ctx, pos.line, kv[1]!.length), kv[2]!];
    const node = schemaAt(path);
    const value = kv[3]!;
    if (isIdList(node) || (path[0] === 'links' && path.length === 2)) {
      const start = pos.character - (/[A-Z0-9-]*$/.exec(value)?.[0].length ?? 0);
      return idItems(ctx, makeRange(pos.line, start, pos.line, pos.character), opts, before.slice(start));
    }
    const values = enumValues(node);
    if (values.length && !/[\[{]/.test(value)) {
      const start = pos.character - value.length;
      // The whole value is replaced: picking `draft` on `status: active` must not leave `draftactive`.
      const rest = /^[^\s#]*/.exec(lineAt(ctx, pos.line).slice(pos.character))![0];
      const range = makeRange(pos.line, start, pos.line, pos.character + rest.length);
      return values.map((v, i) => ({ label: v, kind: CompletionItemKind.EnumMember, sortText: String(i).padStart(3, '0'), textEdit: { range, newText: v } }));
    }
    return [];
  }
  // A block-sequence item under an id list (`relates_to:` then `  - PRC-`).
  const item = /^(\s*)-\s*([A-Z0-9-]*)$/.exec(before);
  if (item) {
    const path = yamlParents(ctx, pos.line, item[1]!.length + 1);
    if (isIdList(schemaAt(path)) || (path[0] === 'links' && path.length === 2)) {
      const start = pos.character - item[2]!.length;
      return idItems(ctx, makeRange(pos.line, start, pos.line, pos.character), opts, item[2]!);
    }
    return [];
  }
  // A key being typed.
  const key = /^(\s*)([\w-]*)$/.exec(before);
  if (!key) return [];
  const path = yamlParents(ctx, pos.line, indent);
  const node = deref(schemaAt(path));
  if (!node?.properties) return [];
  const present = new Set<string>();
  const fm = ctx.doc.frontmatter!;
  for (let l = fm.range.start.line + 1; l < fm.range.end.line; l++) {
    const m = /^(\s*)([\w-]+)\s*:/.exec(lineAt(ctx, l));
    if (m && m[1]!.length === indent && l !== pos.line && yamlParents(ctx, l, indent).join('.') === path.join('.')) present.add(m[2]!);
  }
  const start = pos.character - key[2]!.length;
  const range = makeRange(pos.line, start, pos.line, pos.character);
  return Object.entries(node.properties)
    .filter(([k]) => !present.has(k))
    .map(([k, v], i) => {
      const target = deref(v);
      const isObject = target?.type === 'object';
      const isList = target?.type === 'array';
      const item: CompletionItem = {
        label: k,
        kind: CompletionItemKind.Property,
        sortText: String(i).padStart(3, '0'),
        textEdit: { range, newText: isObject ? `${k}:\n${' '.repeat(indent + 2)}` : isList ? `${k}: []` : `${k}: ` },
      };
      const doc = v.markdownDescription ?? v.description ?? target?.description;
      if (doc) item.documentation = markdown(opts, doc);
      if (target?.type) item.detail = String(target.type);
      return item;
    });
}

// ---- next-step skeleton ------------------------------------------------------------------------------------------

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

interface Piece {
  text: string;
  placeholder?: string;
}

function skeletonCompletion(ctx: ServiceContext, pos: Position, before: string, opts: CompletionOptions): CompletionItem[] {
  const doc = ctx.doc;
  if (!doc.isSop || doc.steps.length === 0) return [];
  const typed = before.trim();
  if (typed && !/^(#{1,6}\s*)?((s|st|ste|step|stag|stage)\s*\d*)?\s*$/i.test(typed) && !/^\d{1,4}\.?$/.test(typed)) return [];
  if (pos.line <= doc.steps[0]!.headingRange.start.line) return [];
  if (lineAt(ctx, pos.line).slice(pos.character).trim()) return [];
  const top = doc.steps.filter((s) => s.kind !== 'substep');
  let prev = top[0]!;
  for (const s of top) if (s.headingRange.start.line < pos.line) prev = s;
  const maxNumber = Math.max(0, ...top.filter((s) => s.headingRange.start.line < pos.line).map((s) => s.number ?? 0));
  const n = maxNumber + 1;

  const pieces = skeletonLines(ctx, prev, n);
  let tab = 1;
  const render = (snippet: boolean): string =>
    pieces
      .map((line) =>
        line
          .map((p) => (p.placeholder === undefined ? (snippet ? escapeSnippet(p.text) : p.text) : snippet ? `\${${tab++}:${escapeSnippet(p.placeholder)}}` : p.placeholder))
          .join(''),
      )
      .join('\n');
  const snippet = opts.snippetSupport;
  const text = render(snippet);
  const firstLine = pieces[0]!.map((p) => p.placeholder ?? p.text).join('');
  return [
    {
      label: `Step ${n} skeleton`,
      kind: CompletionItemKind.Snippet,
      detail: firstLine,
      documentation: markdown(opts, '```\n' + pieces.map((l) => l.map((p) => p.placeholder ?? p.text).join('')).join('\n') + '\n```'),
      filterText: typed || `step ${n}`,
      sortText: '0',
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: makeRange(pos.line, 0, pos.line, pos.character), newText: text },
    },
  ];
}

const FIELD_DEFAULTS: Record<string, string> = {
  owner: 'Role',
  timeline: 'Within 2 business days of previous step',
  timing: 'Within 2 business days of previous step',
  when: 'Within 2 business days of previous step',
  due: 'Within 2 business days of previous step',
  duration: '1 business day',
};

/** The new step's lines, copying the heading and field layout of the step before it. */
function skeletonLines(ctx: ServiceContext, prev: Step, n: number): Piece[][] {
  const headingLine = prev.headingRange.start.line;
  const heading = lineAt(ctx, headingLine);
  const out: Piece[][] = [];
  if (prev.numberRange && prev.numberRange.start.line === headingLine) {
    const numberStart = prev.numberRange.start.character;
    const numberEnd = prev.numberRange.end.character;
    const titleStart = prev.titleRange.start.line === headingLine ? prev.titleRange.start.character : numberEnd;
    const sep = titleStart > numberEnd ? heading.slice(numberEnd, titleStart) : prev.kind === 'stage' || /step/i.test(heading.slice(0, numberStart)) ? ': ' : '. ';
    const title: Piece[] = [{ text: heading.slice(0, numberStart) + String(n) + sep }, { text: '', placeholder: 'Title' }];
    if (prev.kind === 'stage') title.push({ text: ' (' }, { text: '', placeholder: 'Days 0-30' }, { text: ')' });
    // Bold and other closing markup after the title (`**1. Title**`) is kept.
    const titleEnd = prev.titleRange.start.line === headingLine ? prev.titleRange.end.character : heading.length;
    const closing = heading.slice(titleEnd).replace(/\s*\([^)]*\)\s*/, '');
    if (/^[*_:\s]+$/.test(closing)) title.push({ text: closing });
    out.push(title);
  } else {
    out.push([{ text: `${n}. ` }, { text: '', placeholder: 'Title' }]);
  }

  const wanted = ['owner', 'timeline', 'timing', 'when', 'due', 'duration', 'actions'];
  const fields = prev.fields.filter((f) => wanted.includes(f.label) && f.range.start.line > headingLine);
  const seen = new Set<string>();
  const template = new Map<number, Piece[]>();
  for (const f of fields) {
    if (seen.has(f.label)) continue;
    seen.add(f.label);
    const raw = lineAt(ctx, f.range.start.line);
    const prefix = f.valueRange.start.character > f.labelRange.start.character && f.value ? raw.slice(0, f.valueRange.start.character) : raw.replace(/\s+$/, '') + (f.label === 'actions' ? '' : ' ');
    const value = FIELD_DEFAULTS[f.label];
    template.set(f.range.start.line, value ? [{ text: prefix }, { text: '', placeholder: value }] : [{ text: prefix.replace(/\s+$/, '') }]);
  }
  const firstAction = prev.actions[0];
  if (firstAction) {
    const raw = lineAt(ctx, firstAction.range.start.line);
    const marker = /^\s*(?:[-*+]|\d{1,4}[.)])\s+(?:\[[ xX]\]\s+)?/.exec(raw)?.[0] ?? '- ';
    template.set(firstAction.range.start.line, [{ text: marker.replace(/\d+/, '1') }, { text: '', placeholder: 'First action' }]);
  }
  if (!seen.has('owner')) {
    // No field layout to copy: the dialect's usual lines.
    const bold = ctx.doc.dialect === 'step-headings' || ctx.doc.dialect === 'stages' || ctx.doc.dialect === 'numbered-headings';
    const bullet = ctx.doc.dialect === 'nested-bullets' ? '- ' : '';
    out.push([{ text: bold ? '**Owner**: ' : `${bullet}Owner: ` }, { text: '', placeholder: 'Role' }]);
    out.push([{ text: bold ? '**Duration**: ' : `${bullet}Timeline: ` }, { text: '', placeholder: bold ? '1 business day' : FIELD_DEFAULTS['timeline']! }]);
    return out;
  }
  const last = Math.max(...template.keys());
  let blank = false;
  for (let l = headingLine + 1; l <= last; l++) {
    const t = template.get(l);
    if (t) {
      out.push(t);
      blank = false;
    } else if (!lineAt(ctx, l).trim() && !blank) {
      out.push([{ text: '' }]);
      blank = true;
    }
  }
  return out;
}

