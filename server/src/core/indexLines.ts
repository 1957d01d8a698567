/**
 * Line views for the index extractor (core/indexScan.ts), without remark: a line scanner that knows just enough
 * Markdown (fences, ATX/setext headings, HTML blocks, list markers, `**strong**`, code spans, links) to give the
 * extractors of the full parse the same LineInfo a parse gives on ordinary documents.
 *
 * With `lazy`, a text line's shape (block, indentation, list depth) is computed at once and its visible text and
 * source map only when an extractor reads them: the extractor reads the text of a few lines per document (title,
 * headings, role sections, lines that may hold an ID), and stripping the inline markup of every line was the
 * largest part of the scan. A lazy line's fields are the eager line's (test/core/lint/seeds.test.ts).
 */
import type { LineInfo } from './parse/lines';
import { blankLine, countIndent } from './parse/lines';
import { scanPlainLine } from './parse/plaintext';

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const HTML_START = /^ {0,3}<[A-Za-z/!?]/;
const QUOTE = /^ {0,3}>[ \t]?/;
/**
 * An inline link's `(destination "title")` as CommonMark reads it: a destination holds no spaces unless it is in
 * angle brackets, so `[rubric]({{ site.baseurl }}/x)` is text, not a link (remark keeps it as written).
 */
// Runs of spaces are bounded so that a line of `[a](` and spaces stays linear.
const DESTINATION = String.raw`\(\s{0,8}(?:<[^<>\n]*>|[^\s()<]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s{1,8}(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s{0,8}\)`;
const INLINE_IMAGE = new RegExp(String.raw`^!\[[^\]\n]*\]` + DESTINATION);
const INLINE_LINK = new RegExp(String.raw`^\[([^\]\n]*)\]` + DESTINATION);

/** A list item's marker and the spaces after it: its length is the item's content column. */
const ITEM_START = /^[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)/;
/** Longest line given to the inline scanner; longer ones are blank, as in the full parse. */
const MAX_LINE = 20_000;

/** One LineInfo per line, Markdown-aware enough for indexing; see the module comment. */
export function scanMarkdownLines(raw: string[], frontmatterEnd: number, lazy = false): LineInfo[] {
  const out: LineInfo[] = new Array(raw.length);
  let fence: { char: string; length: number } | undefined;
  let html: 'comment' | 'block' | undefined;
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    if (i <= frontmatterEnd) {
      out[i] = { ...blankLine(i, line), block: 'frontmatter' };
      continue;
    }
    if (line.length > MAX_LINE) {
      out[i] = { ...blankLine(i, line), block: 'text' };
      continue;
    }
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.length && m[2]!.trim() === '') fence = undefined;
      out[i] = { ...blankLine(i, line), block: 'code' };
      continue;
    }
    if (html) {
      out[i] = { ...blankLine(i, line), block: line.trim() === '' ? 'blank' : 'html' };
      if (html === 'comment' ? line.includes('-->') : line.trim() === '') html = undefined;
      if (out[i]!.block === 'html') out[i] = htmlLine(i, line, lazy);
      continue;
    }
    if (line.trim() === '') {
      out[i] = blankLine(i, line);
      continue;
    }
    const f = FENCE.exec(line);
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
      fence = { char: f[1]![0]!, length: f[1]!.length };
      out[i] = { ...blankLine(i, line), block: 'code' };
      continue;
    }
    if (HTML_START.test(line)) {
      const comment = /^ {0,3}<!--/.test(line);
      if (comment ? !line.includes('-->') : true) html = comment ? 'comment' : 'block';
      out[i] = htmlLine(i, line, lazy);
      continue;
    }
    if (THEMATIC.test(line) && !(line.trim().startsWith('-') && i > 0 && isParagraphLine(out[i - 1]))) {
      out[i] = { ...blankLine(i, line), block: 'thematic' };
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      out[i] = headingLine(i, line, atx[0].length, atx[1]!.length);
      continue;
    }
    const next = raw[i + 1];
    const prev = out[i - 1];
    if (next !== undefined && SETEXT.exec(next) && !(prev && isParagraphLine(prev)) && !/^ {0,3}([-*+]|\d{1,9}[.)])[ \t]/.test(line)) {
      const depth = next.trim()[0] === '=' ? 1 : 2;
      out[i] = headingLine(i, line, countLead(line), depth);
      out[i + 1] = { ...blankLine(i + 1, next), block: 'heading', headingDepth: depth };
      i++;
      continue;
    }
    const quote = QUOTE.exec(line);
    const source = quote ? ' '.repeat(quote[0].length) + line.slice(quote[0].length) : line;
    out[i] = lazy ? new LazyLine(i, line, source, 'markdown') : markdownTextLine(i, line, source);
  }
  nestListItems(out);
  return out;
}

/**
 * List depths as CommonMark gives them (the line scanner alone guesses depth from indentation, two columns a
 * level): an item is the child of the open item whose content column its marker reaches; a paragraph line stays
 * inside the list while it is indented to an open item's content column (after a blank line) or continues the
 * item's paragraph (no blank line). Without this, continuation paragraphs under lazy `1.` items closed the list
 * and the scan disagreed with the full parse on whether the document has numbered steps.
 */
function nestListItems(out: LineInfo[]): void {
  const contentColumns: number[] = [];
  let afterBlank = false;
  for (const info of out) {
    if (info.block === 'blank') {
      afterBlank = true;
      continue;
    }
    if (info.block === 'code' || info.block === 'frontmatter') continue;
    if (info.block === 'heading' || info.block === 'thematic' || QUOTE.test(info.raw)) {
      if (info.indent < (contentColumns[contentColumns.length - 1] ?? 0) || info.block !== 'text') contentColumns.length = 0;
      afterBlank = false;
      continue;
    }
    if (info.itemDepth > 0) {
      const contentColumn = ITEM_START.exec(info.raw)?.[0].length ?? info.indent;
      while (contentColumns.length && contentColumns[contentColumns.length - 1]! > info.indent) contentColumns.pop();
      contentColumns.push(contentColumn);
      info.itemDepth = contentColumns.length;
      info.listDepth = contentColumns.length;
    } else {
      if (afterBlank) while (contentColumns.length && contentColumns[contentColumns.length - 1]! > info.indent) contentColumns.pop();
      info.listDepth = contentColumns.length;
    }
    afterBlank = false;
  }
}

function isParagraphLine(info: LineInfo | undefined): boolean {
  return !!info && info.block === 'text' && info.itemDepth === 0;
}

function countLead(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

function htmlLine(i: number, line: string, lazy: boolean): LineInfo {
  if (lazy) {
    const info = new LazyLine(i, line, line, 'plain');
    info.block = 'html';
    return info;
  }
  return { ...scanPlainLine(i, line), block: 'html' };
}

/** A Markdown text line: `source` is the line with a block quote marker blanked out. */
function markdownTextLine(i: number, line: string, source: string): LineInfo {
  return stripInline({ ...scanPlainLine(i, source), raw: line });
}

/** A plain-text line (plaintext.ts) whose text and map are computed when read. */
export function lazyPlainLine(i: number, line: string): LineInfo {
  return new LazyLine(i, line, line, 'plain');
}

const LIST_MARKER = /^([-*•+‣◦]|(\d{1,9})[.)])[ \t]+/;

/**
 * A text line whose shape is scanPlainLine's (plaintext.ts) and whose `text`, `map`, `strongEnd`, `codeSpans` and
 * `linkSpans` come from the eager scan of the same line the first time one is read. A plain-text line's text is
 * the source between its marker (or indentation) and its trailing blanks, so it is sliced without the eager scan:
 * most lines whose text is read (section titles are looked for on every line of a plain-text document) never need
 * the map, which is the eager scan's allocation.
 */
class LazyLine implements LineInfo {
  block: LineInfo['block'] = 'text';
  headingDepth = 0;
  itemDepth = 0;
  listDepth = 0;
  indent: number;
  ordinal?: number;
  ordinalStart?: number;
  private full: LineInfo | undefined;
  /** Where scanPlainLine's text starts: after the indentation, and after a list marker. */
  private from = 0;
  private plainText: string | undefined;

  constructor(
    readonly line: number,
    readonly raw: string,
    private readonly source: string,
    private readonly kind: 'markdown' | 'plain',
  ) {
    // The shape scanPlainLine gives `source` (the caller handles blank lines).
    this.indent = countIndent(source);
    let k = 0;
    while (k < source.length && (source.charCodeAt(k) === 32 || source.charCodeAt(k) === 9)) k++;
    this.from = k;
    if (k === source.length) {
      this.block = 'blank';
      return;
    }
    if (source.startsWith('<!--', k)) {
      this.block = 'html';
      return;
    }
    const c = source.charCodeAt(k);
    // Only a marker character or a digit can start a list item: the regex runs on few lines.
    if (c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57) || c > 127) {
      const marker = LIST_MARKER.exec(k ? source.slice(k) : source);
      if (marker) {
        const depth = 1 + Math.floor(this.indent / 2);
        this.itemDepth = depth;
        this.listDepth = depth;
        this.from = k + marker[0].length;
        if (marker[2] !== undefined) {
          this.ordinal = Number(marker[2]);
          this.ordinalStart = k;
        }
      }
    }
  }

  private resolve(): LineInfo {
    return (this.full ??= this.kind === 'markdown' ? markdownTextLine(this.line, this.raw, this.source) : scanPlainLine(this.line, this.source));
  }

  get text(): string {
    if (this.block === 'blank') return '';
    if (this.kind === 'markdown') return this.resolve().text;
    if (this.plainText === undefined) {
      const s = this.source;
      let end = s.length;
      while (end > this.from && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
      this.plainText = s.slice(this.from, end);
    }
    return this.plainText;
  }

  get map(): number[] {
    return this.block === 'blank' ? [this.raw.length] : this.resolve().map;
  }

  // A plain-text line has no inline markup: scanPlainLine never sets the three below.
  get strongEnd(): number | undefined {
    return this.block === 'blank' || this.kind === 'plain' ? undefined : this.resolve().strongEnd;
  }

  get codeSpans(): [number, number][] | undefined {
    return this.block === 'blank' || this.kind === 'plain' ? undefined : this.resolve().codeSpans;
  }

  get linkSpans(): [number, number][] | undefined {
    return this.block === 'blank' || this.kind === 'plain' ? undefined : this.resolve().linkSpans;
  }
}

function headingLine(i: number, line: string, textStart: number, depth: number): LineInfo {
  let end = line.length;
  // Closing `#` sequence: only when preceded by a space (or it is the whole content).
  const closing = /[ \t]+#+[ \t]*$/.exec(line.slice(textStart));
  if (closing) end = textStart + closing.index;
  else if (/^#+[ \t]*$/.test(line.slice(textStart))) end = textStart;
  while (end > textStart && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  const map: number[] = [];
  for (let c = textStart; c <= end; c++) map.push(c);
  const info: LineInfo = {
    line: i,
    raw: line,
    block: 'heading',
    text: line.slice(textStart, end),
    map,
    headingDepth: depth,
    itemDepth: 0,
    listDepth: 0,
    indent: countLead(line),
  };
  return stripInline(info);
}

/**
 * Removes inline markup the full parse removes (strong/emphasis markers, code span ticks, link destinations,
 * images, inline HTML, backslash escapes), keeping `map` pointing at source columns and recording `strongEnd`,
 * `codeSpans` and `linkSpans` as markdown.ts does.
 */
function stripInline(info: LineInfo): LineInfo {
  const src = info.text;
  if (!/[*_`[\]<\\!]/.test(src)) return info;
  const chars: string[] = [];
  const map: number[] = [];
  const code: [number, number][] = [];
  const links: [number, number][] = [];
  let strongEnd: number | undefined;
  const keep = (k: number): void => {
    chars.push(src[k]!);
    map.push(info.map[k]!);
  };
  /** Keeps the inside of `src[from, to)` stripped of its own markup (code spans, links), with its spans. */
  const appendInner = (from: number, to: number): void => {
    const inner = stripInline({ ...info, text: src.slice(from, to), map: info.map.slice(from, to + 1) });
    const a = chars.length;
    for (let j = 0; j < inner.text.length; j++) {
      chars.push(inner.text[j]!);
      map.push(inner.map[j]!);
    }
    for (const [x, y] of inner.codeSpans ?? []) code.push([a + x, a + y]);
    for (const [x, y] of inner.linkSpans ?? []) links.push([a + x, a + y]);
  };
  let k = 0;
  const n = src.length;
  while (k < n) {
    const c = src[k]!;
    if (c === '\\' && k + 1 < n && /[!-/:-@[-`{-~]/.test(src[k + 1]!)) {
      keep(k + 1);
      k += 2;
      continue;
    }
    if (c === '`') {
      let ticks = 1;
      while (src[k + ticks] === '`') ticks++;
      const close = src.indexOf('`'.repeat(ticks), k + ticks);
      if (close > 0) {
        const a = chars.length;
        for (let j = k + ticks; j < close; j++) keep(j);
        code.push([a, chars.length]);
        k = close + ticks;
        continue;
      }
    }
    if ((c === '*' || c === '_') && src[k + 1] === c) {
      const close = src.indexOf(c + c, k + 2);
      if (close > k + 2) {
        const startsLine = chars.length === 0;
        // Recurse over the inside so `**[x](y)**` and `**`code`**` are handled too.
        appendInner(k + 2, close);
        if (startsLine) strongEnd = chars.length;
        k = close + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && src[k + 1] !== c && src[k + 1] !== undefined && !/\s/.test(src[k + 1]!)) {
      const close = emphasisClose(src, k, c);
      if (close > 0) {
        // `*optional*`: the markers go, the words stay (CommonMark emphasis, as remark reads it); the inside
        // may hold code spans and links of its own (`_\`E. coli\`_`).
        appendInner(k + 1, close);
        k = close + 1;
        continue;
      }
    }
    if (c === '!' && src[k + 1] === '[') {
      const m = INLINE_IMAGE.exec(src.slice(k));
      if (m) {
        k += m[0].length;
        continue;
      }
    }
    if (c === '[') {
      const m = INLINE_LINK.exec(src.slice(k));
      if (m) {
        const a = chars.length;
        for (let j = k + 1; j < k + 1 + m[1]!.length; j++) keep(j);
        links.push([a, chars.length]);
        k += m[0].length;
        continue;
      }
    }
    if (c === '<') {
      const m = /^(?:<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>)/.exec(src.slice(k));
      if (m) {
        k += m[0].length;
        continue;
      }
    }
    keep(k);
    k++;
  }
  // Trim, then the end sentinel: just past the last kept character, as markdown.ts does.
  let a = 0;
  let b = chars.length;
  while (a < b && (chars[a] === ' ' || chars[a] === '\t')) a++;
  while (b > a && (chars[b - 1] === ' ' || chars[b - 1] === '\t')) b--;
  const text = chars.slice(a, b).join('');
  const outMap = map.slice(a, b);
  outMap.push(b > a ? map[b - 1]! + 1 : (info.map[info.map.length - 1] ?? 0));
  const shift = (spans: [number, number][]): [number, number][] =>
    spans.map(([x, y]) => [Math.max(0, x - a), Math.max(0, Math.min(y, b) - a)] as [number, number]);
  const result: LineInfo = { ...info, text, map: outMap };
  delete result.codeSpans;
  delete result.linkSpans;
  delete result.strongEnd;
  if (code.length) result.codeSpans = shift(code);
  if (links.length) result.linkSpans = shift(links);
  if (strongEnd !== undefined && strongEnd - a > 0) result.strongEnd = strongEnd - a;
  return result;
}

/**
 * Where single-character emphasis opened at `open` closes, or -1. Underscores inside words (`snake_case`) are not
 * emphasis in CommonMark, so `_` must open and close at word boundaries; the inside may hold no marker of its own.
 */
function emphasisClose(src: string, open: number, marker: '*' | '_'): number {
  if (marker === '_' && open > 0 && /[A-Za-z0-9]/.test(src[open - 1]!)) return -1;
  const close = src.indexOf(marker, open + 1);
  if (close < 0 || /\s/.test(src[close - 1]!) || src[close + 1] === marker) return -1;
  if (marker === '_' && close + 1 < src.length && /[A-Za-z0-9]/.test(src[close + 1]!)) return -1;
  return close;
}
