/**
 * Outline, workspace symbols and folding: the shape of an SOP (sections, steps, owners) for navigation.
 */
import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
  type SymbolInformation,
} from 'vscode-languageserver-types';
import { comparePositions, makeRange, rangeContains, type Range, type SopDocument, type Step } from '../model';
import type { Workspace } from '../workspace';
import { lineAt, type ServiceContext } from './context';

/** Last non-blank line of a range, so folds and outline entries do not swallow the blank lines after them. */
function trimmedEnd(ctx: ServiceContext, range: Range): Range {
  let end = range.end.line;
  while (end > range.start.line && !lineAt(ctx, end).trim()) end--;
  if (end === range.end.line) return range;
  return makeRange(range.start.line, range.start.character, end, lineAt(ctx, end).length);
}

function stepSymbol(ctx: ServiceContext, s: Step): DocumentSymbol {
  const owners = s.owners.filter((o) => !o.placeholder).map((o) => o.name);
  const name = s.number !== undefined ? `${s.kind === 'stage' ? 'Stage' : 'Step'} ${s.number}: ${s.title}` : s.title;
  const range = trimmedEnd(ctx, s.range);
  const selection = rangeContains(range, s.titleRange) ? s.titleRange : s.headingRange;
  const symbol: DocumentSymbol = {
    name: name || '(untitled step)',
    kind: s.kind === 'substep' ? SymbolKind.Event : SymbolKind.Function,
    range: rangeContains(range, selection) ? range : s.headingRange,
    selectionRange: selection,
    children: s.substeps.map((sub) => stepSymbol(ctx, sub)),
  };
  const detail = owners.length ? owners.join(', ') : s.ownerField ? 'no owner' : '';
  if (detail) symbol.detail = detail;
  return symbol;
}

/** Sections nest by heading level; each step goes under the innermost section holding its heading. */
export function documentSymbols(ctx: ServiceContext): DocumentSymbol[] {
  const doc = ctx.doc;
  if (!doc.isSop) return [];
  const roots: DocumentSymbol[] = [];
  const stack: { level: number; symbol: DocumentSymbol; range: Range }[] = [];
  type Item = { kind: 'section'; level: number; range: Range; symbol: DocumentSymbol } | { kind: 'step'; range: Range; symbol: DocumentSymbol };
  const items: Item[] = [];
  for (const sec of doc.sections) {
    const range = trimmedEnd(ctx, sec.range);
    const symbol: DocumentSymbol = {
      name: sec.title || '(untitled section)',
      kind: SymbolKind.Namespace,
      range,
      selectionRange: sec.headingRange,
      children: [],
    };
    items.push({ kind: 'section', level: sec.level, range, symbol });
  }
  for (const s of doc.steps) items.push({ kind: 'step', range: s.headingRange, symbol: stepSymbol(ctx, s) });
  // Sections before steps on the same line: a step heading that is also a section heading nests under it.
  items.sort((a, b) => comparePositions(a.range.start, b.range.start) || (a.kind === b.kind ? 0 : a.kind === 'section' ? -1 : 1));
  for (const item of items) {
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const inside = rangeContains(top.range, item.range) && (item.kind === 'step' || item.level > top.level);
      if (inside) break;
      stack.pop();
    }
    const parent = stack[stack.length - 1];
    if (item.kind === 'section' && parent === undefined) roots.push(item.symbol);
    else if (parent) parent.symbol.children!.push(item.symbol);
    else roots.push(item.symbol);
    if (item.kind === 'section') stack.push({ level: item.level, symbol: item.symbol, range: item.range });
  }
  // A step heading that is itself a section heading shows once, as the step.
  const dedupe = (list: DocumentSymbol[]): DocumentSymbol[] =>
    list.flatMap((sym) => {
      sym.children = dedupe(sym.children ?? []);
      const twin = sym.kind === SymbolKind.Namespace && sym.children.find((c) => c.kind === SymbolKind.Function && c.selectionRange.start.line === sym.selectionRange.start.line);
      if (twin) {
        const rest = sym.children.filter((c) => c !== twin);
        twin.children = [...(twin.children ?? []), ...rest];
        return [twin];
      }
      return [sym];
    });
  return dedupe(roots);
}

/** IDs and titles of every indexed document (and its section headings) that match the query, case-insensitively. */
export function workspaceSymbols(workspace: Workspace, query: string, limit = 256): SymbolInformation[] {
  const q = query.trim().toLowerCase();
  const matches = (text: string): boolean => !q || fuzzy(text.toLowerCase(), q);
  const out: SymbolInformation[] = [];
  const entries = [...workspace.entries()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const e of entries) {
    const name = [e.id, e.title].filter(Boolean).join(': ');
    if (name && matches(name)) {
      out.push({ name, kind: SymbolKind.File, location: { uri: e.uri, range: e.idRange ?? makeRange(0, 0, 0, 0) }, ...(e.type ? { containerName: e.type } : {}) });
    }
    // Section headings (the index holds no steps: finding them takes the full parse); the title heading is the
    // document's own symbol above.
    for (const h of e.headings) {
      if (q && h.value !== e.title && matches(h.value)) out.push({ name: h.value, kind: SymbolKind.Namespace, location: { uri: e.uri, range: h.range }, containerName: e.id ?? e.title ?? '' });
    }
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

/** Characters of the query in order ("prc1" finds "PRC-001"). */
function fuzzy(text: string, query: string): boolean {
  if (text.includes(query)) return true;
  let i = 0;
  for (const c of text) if (c === query[i]) i++;
  return i === query.length;
}

export function foldingRanges(ctx: ServiceContext): FoldingRange[] {
  const doc: SopDocument = ctx.doc;
  const out: FoldingRange[] = [];
  if (doc.frontmatter) {
    const fm = doc.frontmatter.range;
    if (fm.end.line > fm.start.line) out.push({ startLine: fm.start.line, endLine: fm.end.line, kind: FoldingRangeKind.Region });
  }
  if (!doc.isSop) return out;
  const visit = (steps: Step[]): void => {
    for (const s of steps) {
      const r = trimmedEnd(ctx, s.range);
      if (r.end.line > s.headingRange.start.line) out.push({ startLine: s.headingRange.start.line, endLine: r.end.line, kind: FoldingRangeKind.Region });
      visit(s.substeps);
    }
  };
  visit(doc.steps);
  return out;
}
