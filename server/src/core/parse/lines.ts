/**
 * Line-level view of a document: what every extractor works on.
 *
 * Markdown lines get their block context from mdast (markdown.ts); plain-text lines from a cheap scanner
 * (plaintext.ts). Either way each line ends up with its "visible" text (markup removed) and a map back to
 * source columns, so extractors match simple single-line patterns and still report exact ranges.
 */

export type LineBlock = 'blank' | 'text' | 'heading' | 'code' | 'html' | 'frontmatter' | 'thematic';

export interface LineInfo {
  line: number;
  /** The source line without its line ending. */
  raw: string;
  block: LineBlock;
  /** Visible text after indentation, list marker and inline markup are removed. */
  text: string;
  /**
   * map[i] is the source column of text[i]; map[text.length] is the column just after the last visible
   * character, so `[map[a], map[b])` is the source range of `text.slice(a, b)` when `b > a`.
   */
  map: number[];
  /** ATX/setext heading depth, 0 when the line is not a heading. */
  headingDepth: number;
  /** Depth of the list item whose marker starts on this line (1 = top level), 0 when none. */
  itemDepth: number;
  /** Number of an ordered list marker on this line (`4.` → 4). */
  ordinal?: number;
  /** Source column range of the ordered number, for ranges on step numbers. */
  ordinalStart?: number;
  /** Nesting depth of the innermost list the line belongs to (continuation lines too), 0 outside lists. */
  listDepth: number;
  /** Indentation in columns before any marker. */
  indent: number;
  /** The line starts with strong text (`**Owner**: x`): end index of that strong text in `text`. */
  strongEnd?: number;
  /** Index ranges in `text` that came from code spans or link destinations: never placeholders or IDs. */
  codeSpans?: [number, number][];
  /** Index ranges in `text` that are link texts (`[Checklist](./x.md)`): not placeholders. */
  linkSpans?: [number, number][];
}

export interface LineSplit {
  lines: string[];
  /** Offset of each line's first character in the document text. */
  starts: number[];
}

/** Splits on \n, \r\n and \r, as LSP clients count lines. */
export function splitLines(text: string): LineSplit {
  const lines: string[] = [];
  const starts: number[] = [];
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push(text.slice(start, i));
      starts.push(start);
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  starts.push(start);
  return { lines, starts };
}

export function countIndent(raw: string): number {
  let col = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 32) col++;
    else if (c === 9) col += 4 - (col % 4);
    else break;
  }
  return col;
}

export function identityMap(from: number, length: number): number[] {
  const map = new Array<number>(length + 1);
  for (let i = 0; i <= length; i++) map[i] = from + i;
  return map;
}

/** Trims spaces from both ends of `text`, keeping `map` aligned. */
export function trimVisible(text: string, map: number[]): { text: string; map: number[] } {
  let a = 0;
  let b = text.length;
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
  while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
  if (a === 0 && b === text.length) return { text, map };
  return { text: text.slice(a, b), map: map.slice(a, b + 1) };
}

export function blankLine(line: number, raw: string): LineInfo {
  return {
    line,
    raw,
    block: 'blank',
    text: '',
    map: [raw.length],
    headingDepth: 0,
    itemDepth: 0,
    listDepth: 0,
    indent: countIndent(raw),
  };
}
