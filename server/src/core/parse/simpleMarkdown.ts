/**
 * The line states of a Markdown chunk, without remark, for chunks made only of the few constructs most SOPs
 * are written in (issue 14: remark was ≈38% of `sopls lint`'s CPU):
 *   - blank lines; frontmatter between two bare `---` lines;
 *   - ATX headings at column 0 with plain text;
 *   - paragraphs of plain text, whose lines may start with `**Label**` (the `**Owner**: …` fields);
 *   - thematic breaks of dashes after a blank line;
 *   - bullet and ordered list items (one space after the marker), nested at exactly the parent's content
 *     column, with plain paragraph lines at that column.
 * "Plain text" holds none of `` * _ ` [ ] < \ `` and no tab. Anything else, or any line whose reading depends
 * on a CommonMark subtlety (lazy continuation, a list interrupting a paragraph, setext underlines, indented
 * code, thematic breaks…), makes `simpleChunkStates` answer undefined and the chunk goes to remark.
 *
 * The states must be exactly those remark's mdast gives (markdown.ts `parseChunk`): a differential test in
 * `npm test` (test/core/parse/simpleMarkdown.test.ts) compares both paths on the seeds, examples, fixtures, the
 * real-world corpus, the bench generator's documents and a seeded fuzzer.
 */
import type { LineBlock } from './lines';

/** What parseChunk records per line before building its LineInfo. */
export interface LineState {
  block: LineBlock;
  headingDepth: number;
  itemDepth: number;
  listDepth: number;
  ordinal?: number;
  ordinalStart?: number;
  deletions: [number, number][];
  strongSourceEnd?: number;
  code?: [number, number][];
  links?: [number, number][];
}

/** Characters that may start inline markup (or a raw HTML / autolink / escape); see `plainInline`. */
const INLINE_SPECIAL = /[*_`[\]<\\\t]/;
/** `**Label**` opening a paragraph line: strong in CommonMark when the label starts and ends alphanumeric. */
const LEADING_STRONG = /^\*\*([A-Za-z0-9](?:[^*_`[\]<\\\t]*[A-Za-z0-9])?)\*\*/;
const THEMATIC_DASHES = /^-{3,}$/;
const ATX_SIMPLE = /^(#{1,6}) (?=\S)/;
const ITEM = /^(?:([-+*])|(\d{1,9})([.)]))(?: (?=\S)|[ \t]*$)/;
/** First characters of a line's content that start some other block (or need a closer look). */
const OTHER_BLOCK = /^(?:[>#<~`=-]|\d{1,9}[.)]|[-+*](?:\s|$))/;

interface OpenItem {
  markerCol: number;
  contentCol: number;
  /** `-`, `+`, `*`, `.` or `)`: siblings must use the same. */
  marker: string;
}

function countBrackets(raw: string): number {
  let n = 0;
  for (let i = raw.indexOf('['); i >= 0; i = raw.indexOf('[', i + 1)) n++;
  for (let i = raw.indexOf(']'); i >= 0; i = raw.indexOf(']', i + 1)) n++;
  return n;
}

function emptyState(block: LineBlock): LineState {
  return { block, headingDepth: 0, itemDepth: 0, listDepth: 0, deletions: [] };
}

/**
 * Inline states of a plain paragraph line whose content starts at `col`: deletions of a leading `**Label**`,
 * and where that strong text ends when the line opens its paragraph. False when the line is not plain.
 */
function readInline(raw: string, col: number, state: LineState, opensParagraph: boolean): boolean {
  // Trailing spaces (a hard break before the next line) are either deleted by remark or trimmed: the same view.
  const content = raw.slice(col).replace(/ +$/, '');
  if (content.length === 0) return false;
  const strong = LEADING_STRONG.exec(content);
  const rest = strong ? content.slice(strong[0].length) : content;
  // `**Rule 2: …**  ` alone on its line: remark ends the line's text before the closing `**`, not after it
  // (found on a real-world document); such a line goes to remark.
  if (strong && rest === '' && content.length < raw.length - col) return false;
  if (!plainInline(rest)) return false;
  if (strong) {
    const end = col + 2 + strong[1]!.length;
    state.deletions.push([col, col + 2], [end, end + 2]);
    if (opensParagraph) state.strongSourceEnd = end;
  }
  return true;
}

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Text remark reads as one text node, deleting nothing. With no link reference definition in the document
 * (the caller checks), `[label]` without `(` or `:` after it is literal text; `_` between two letters or digits
 * can neither open nor close emphasis. Everything else in INLINE_SPECIAL sends the line to remark.
 */
function plainInline(text: string): boolean {
  if (!INLINE_SPECIAL.test(text)) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 95) {
      // `_`
      if (!(i > 0 && isAlnum(text.charCodeAt(i - 1)) && i + 1 < text.length && isAlnum(text.charCodeAt(i + 1)))) return false;
    } else if (c === 93) {
      // `]`: a link `](…)`, a reference `][…]` or a definition `]:` needs remark.
      const next = text.charCodeAt(i + 1);
      if (next === 40 || next === 91 || next === 58) return false;
    } else if (c === 91) {
      // `[`: literal unless an image opener `![` (kept simple: send it to remark).
      if (i > 0 && text.charCodeAt(i - 1) === 33) return false;
    } else if (c === 42 || c === 96 || c === 60 || c === 92 || c === 9) return false;
  }
  return true;
}

function leadingSpaces(raw: string): number {
  let i = 0;
  while (i < raw.length && raw.charCodeAt(i) === 32) i++;
  return i;
}

/**
 * Line states of `lines` (one chunk) when every line is one of the constructs above, else undefined.
 * @param frontmatterEnd index of the closing `---` when the chunk opens with frontmatter, else -1.
 */
export function simpleChunkStates(lines: readonly string[], frontmatterEnd: number): LineState[] | undefined {
  const states: LineState[] = new Array(lines.length);
  let first = 0;
  if (frontmatterEnd >= 0) {
    if (frontmatterEnd < 1 || lines[0] !== '---' || lines[frontmatterEnd] !== '---') return undefined;
    for (let i = 1; i < frontmatterEnd; i++) if (lines[i]!.startsWith('---') || lines[i]!.startsWith('...')) return undefined;
    for (let i = 0; i <= frontmatterEnd; i++) states[i] = emptyState('frontmatter');
    first = frontmatterEnd + 1;
  }
  /** Open list items, outermost first. */
  let stack: OpenItem[] = [];
  /** Whether the previous line is paragraph text (so this one could continue it). */
  let inParagraph = false;
  /** Square brackets so far: remark is spared paragraphs of very many (markdown.ts); those go to it. */
  let brackets = 0;
  for (let i = first; i < lines.length; i++) {
    const raw = lines[i]!;
    const indent = leadingSpaces(raw);
    if (indent === raw.length) {
      states[i] = emptyState('blank');
      inParagraph = false;
      continue;
    }
    if (raw.trim() === '' || raw.length > 2_000) return undefined;
    brackets += countBrackets(raw);
    if (brackets > 200) return undefined;
    const content = raw.slice(indent);
    const state = emptyState('text');
    states[i] = state;

    if (indent === 0 && !inParagraph && THEMATIC_DASHES.test(raw)) {
      // `---` after a blank line (after text it would underline a setext heading): a thematic break.
      state.block = 'thematic';
      stack = [];
      continue;
    }

    if (content[0] === '#') {
      const atx = ATX_SIMPLE.exec(content);
      const title = content.replace(/ +$/, '');
      if (!atx || indent > 0 || title.endsWith('#') || title.length <= atx[0].length || !plainInline(title) || raw.includes('\t')) return undefined;
      state.block = 'heading';
      state.headingDepth = atx[1]!.length;
      state.deletions.push([0, atx[0].length]);
      stack = [];
      inParagraph = false;
      continue;
    }

    const item = ITEM.exec(content);
    if (item) {
      const marker = item[1] ?? item[3]!;
      const markerLen = item[1] ? 1 : item[2]!.length + 1;
      const contentCol = indent + markerLen + 1;
      // Empty items, and items whose content opens another block ("- - x", "1. # x"), are left to remark.
      if (contentCol >= raw.length || OTHER_BLOCK.test(raw.slice(contentCol))) return undefined;
      // The outermost open item this line is not inside: the new item is its sibling, or nests in the last.
      let at = 0;
      while (at < stack.length && indent >= stack[at]!.contentCol) at++;
      if (at < stack.length) {
        const sibling = stack[at]!;
        if (indent !== sibling.markerCol || marker !== sibling.marker) return undefined;
      } else {
        const parentCol = at > 0 ? stack[at - 1]!.contentCol : 0;
        // A new list, exactly at its container's content column. One that interrupts a paragraph must be a
        // bullet list or start at a one-digit 1 (CommonMark; micromark checks `1.` / `1)`).
        if (indent !== parentCol || (inParagraph && !(item[1] || item[2] === '1'))) return undefined;
      }
      stack = stack.slice(0, at);
      stack.push({ markerCol: indent, contentCol, marker });
      state.itemDepth = stack.length;
      state.listDepth = stack.length;
      if (!item[1]) {
        state.ordinal = Number(item[2]);
        state.ordinalStart = indent;
      }
      state.deletions.push([indent, contentCol]);
      if (!readInline(raw, contentCol, state, true)) return undefined;
      inParagraph = true;
      continue;
    }

    if (OTHER_BLOCK.test(content)) return undefined;
    if (inParagraph) {
      // Paragraph continuation: only where it is not lazy (at the innermost item's content column, or at
      // column 0 outside lists), so the line belongs to the same item in every reading.
      const inner = stack[stack.length - 1];
      if (indent !== (inner ? inner.contentCol : 0)) return undefined;
      state.listDepth = stack.length;
      if (!readInline(raw, indent, state, false)) return undefined;
      continue;
    }
    // A new paragraph: at column 0 (closing every list) or at an open item's content column.
    let at = stack.length;
    if (indent === 0) at = 0;
    else {
      while (at > 0 && stack[at - 1]!.contentCol !== indent) at--;
      if (at === 0) return undefined;
    }
    stack = stack.slice(0, at);
    state.listDepth = stack.length;
    if (!readInline(raw, indent, state, true)) return undefined;
    inParagraph = true;
  }
  return states;
}
