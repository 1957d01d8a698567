import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Parents, Root } from 'mdast';
import { MAX_FRONTMATTER_CHARS } from './frontmatter';
import { blankLine, countIndent, trimVisible, type LineInfo } from './lines';
import { simpleChunkStates, type LineState } from './simpleMarkdown';

/**
 * Markdown → per-line block context, through mdast.
 *
 * remark-parse is the slowest stage by far (≈0.3–0.6 MB/s here), so the document is cut into chunks at ATX
 * headings found by a cheap line scan, each chunk parsed on its own and cached by content. A column-0 ATX
 * heading always closes every open container in CommonMark, so a chunked parse gives the same lines as a
 * whole parse; the scan refuses to cut inside fenced code, HTML blocks and frontmatter, where that is not so.
 */

const processor = unified().use(remarkParse);
const processorWithFrontmatter = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** Lines longer than this are not given to remark: its inline tokenizer is too slow on them. */
export const MAX_MARKDOWN_LINE = 20_000;

/** More container markers than this at the start of one line ("1. 2) - > …") nest that deep in CommonMark. */
export const MAX_LINE_NESTING = 32;

/**
 * How many list or block-quote markers open the line. Each one nests a container, and micromark's cost grows
 * with the square of that nesting, so a line of thousands of markers would take minutes.
 */
export function leadingContainerMarkers(line: string): number {
  let i = 0;
  let count = 0;
  const n = line.length;
  for (;;) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (i >= n) return count;
    const c = line[i]!;
    let after = -1;
    if (c === '>') after = i + 1;
    else if ((c === '-' || c === '*' || c === '+') && (line[i + 1] === ' ' || line[i + 1] === '\t')) after = i + 1;
    else {
      let j = i;
      while (j < n && j - i < 9 && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
      if (j > i && (line[j] === '.' || line[j] === ')') && (line[j + 1] === ' ' || line[j + 1] === '\t')) after = j + 1;
    }
    if (after < 0) return count;
    count++;
    if (count > MAX_LINE_NESTING) return count;
    i = after;
  }
}

/**
 * Indentation past which a line is not given to remark. Lists nested one level per line cost remark
 * (mdast-util-from-markdown's prepareList) far more than quadratic time: 500 levels take seconds, 1,000 most
 * of a minute. 160 columns is 80 levels of two-space nesting, which no document needs.
 */
export const MAX_MARKDOWN_INDENT = 160;

export function tooComplexForMarkdown(line: string): boolean {
  return leadingContainerMarkers(line) > MAX_LINE_NESTING || countIndent(line) > MAX_MARKDOWN_INDENT;
}

/** Lines remark is not given (the caller reports them): over-long, or nested beyond reason. */
export function isUnparseableLine(line: string): boolean {
  return line.length > MAX_MARKDOWN_LINE || tooComplexForMarkdown(line);
}

/**
 * Square brackets one paragraph may hold before remark is spared them. micromark resolves each label end
 * against every earlier one in its paragraph, so time grows with the square of the brackets: a paragraph of
 * 20 lines of `[a] ` × 4,000 took 31 s, 1,000 took 0.3 s. Past this count the paragraph's brackets are shown to
 * remark as letters (its links are not read; the caller reports it), so its text and columns stay put.
 */
export const MAX_PARAGRAPH_BRACKETS = 800;

/**
 * Runs of non-blank lines (outside fenced code) holding more than MAX_PARAGRAPH_BRACKETS square brackets, as
 * [first line, one past the last). One linear pass over the characters.
 */
export function bracketHeavyParagraphs(lines: readonly string[], from = 0, to = lines.length): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  let brackets = 0;
  let fence: string | undefined;
  const close = (end: number): void => {
    if (start >= 0 && brackets > MAX_PARAGRAPH_BRACKETS) out.push([start, end]);
    start = -1;
    brackets = 0;
  };
  for (let i = from; i < to; i++) {
    const raw = lines[i]!;
    const f = FENCE.exec(raw);
    if (fence) {
      if (f && f[1]!.startsWith(fence) && f[2]!.trim() === '') fence = undefined;
      continue;
    }
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
      close(i);
      fence = f[1]!;
      continue;
    }
    if (raw.trim() === '' || ATX.test(raw)) {
      // A heading at column 0 ends the paragraph (and is where chunks are cut, so chunks agree with the whole).
      close(i);
      continue;
    }
    if (start < 0) start = i;
    for (let c = 0; c < raw.length; c++) {
      const code = raw.charCodeAt(c);
      if (code === 91 || code === 93) brackets++;
    }
  }
  close(to);
  return out;
}

/** `[` and `]` → letters, so remark reads the line as plain words; same length, so columns do not move. */
function withoutBrackets(line: string): string {
  return line.replace(/[[\]]/g, 'x');
}

export interface Chunk {
  /** First document line of the chunk. */
  startLine: number;
  /** One past the last line. */
  endLine: number;
}

const LAZY_ORDINAL = /^(\d{1,9})[.)][ \t]+(?=\S)/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HTML_START = /^ {0,3}<[A-Za-z/!?]/;
const DEFINITION = /^ {0,3}\[[^\]]+\]:/;

export interface ChunkScan {
  chunks: Chunk[];
  /** Link reference definitions, appended to every chunk so references resolve as in a whole parse. */
  definitions: string[];
}

export function scanChunks(lines: string[], bodyStart: number): ChunkScan {
  const chunks: Chunk[] = [];
  const definitions: string[] = [];
  let start = 0;
  let fence: { char: string; length: number } | undefined;
  let inHtml = false;
  for (let i = bodyStart; i < lines.length; i++) {
    const raw = lines[i]!;
    if (fence) {
      const m = FENCE.exec(raw);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.length && m[2]!.trim() === '') fence = undefined;
      continue;
    }
    if (inHtml) {
      if (raw.trim() === '') inHtml = false;
      continue;
    }
    const f = FENCE.exec(raw);
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
      fence = { char: f[1]![0]!, length: f[1]!.length };
      continue;
    }
    if (HTML_START.test(raw)) {
      inHtml = true;
      continue;
    }
    if (DEFINITION.test(raw)) definitions.push(raw);
    if (i > start && i > bodyStart && ATX.test(raw)) {
      chunks.push({ startLine: start, endLine: i });
      start = i;
    }
  }
  chunks.push({ startLine: start, endLine: lines.length });
  return { chunks, definitions };
}

interface CachedChunk {
  /** Line infos with chunk-relative line numbers. */
  relative: LineInfo[];
  /** The same infos placed at `startLine` the last time, re-used while the chunk has not moved. */
  placed?: { startLine: number; infos: LineInfo[] };
}

/**
 * Content-keyed cache of parsed chunks, owned by whoever re-parses the same document (the language server).
 * A chunk that neither changed nor moved is served as the very same objects, so per-line memos built on them
 * (see text.ts readField) survive the edit too.
 */
export class ChunkCache {
  private readonly map = new Map<string, CachedChunk>();
  constructor(private readonly capacity = 512) {}

  get(key: string): CachedChunk | undefined {
    const hit = this.map.get(key);
    if (hit) {
      // Refresh recency: Map keeps insertion order.
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedChunk): void {
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  get size(): number {
    return this.map.size;
  }
}

function oversizedFrontmatter(lines: readonly string[], end: number): boolean {
  let chars = 0;
  for (let i = 1; i < end; i++) chars += lines[i]!.length + 1;
  return chars - 1 > MAX_FRONTMATTER_CHARS;
}

export interface MarkdownLinesResult {
  lines: LineInfo[];
  chunks: Chunk[];
  /** How many chunks were parsed (not served from the cache). */
  parsedChunks: number;
  /** How many of the parsed chunks were read without remark (simpleMarkdown.ts). */
  simpleChunks: number;
}

/**
 * @param frontmatterEnd line index of the closing `---` when the document has frontmatter, else -1.
 */
export function markdownLines(
  lines: string[],
  frontmatterEnd: number,
  cache?: ChunkCache,
  options: {
    chunked?: boolean;
    /** False: every chunk through remark (the differential test compares both paths). */
    simple?: boolean;
  } = {},
): MarkdownLinesResult {
  const scan =
    options.chunked === false
      ? { chunks: [{ startLine: 0, endLine: lines.length }], definitions: [] as string[] }
      : scanChunks(lines, frontmatterEnd + 1);
  const out: LineInfo[] = new Array(lines.length);
  let parsedChunks = 0;
  let simpleChunks = 0;
  if (frontmatterEnd >= 0 && oversizedFrontmatter(lines, frontmatterEnd)) {
    // Frontmatter over its budget is not read (frontmatter.ts reports it); remark is not given it either, as
    // 100,000 YAML lines cost it seconds of tokens. Its lines are marked frontmatter, as remark would.
    for (let i = 0; i <= frontmatterEnd; i++) out[i] = { ...blankLine(i, lines[i]!), block: 'frontmatter' };
    scan.chunks[0]!.startLine = frontmatterEnd + 1;
    frontmatterEnd = -1;
  }
  const suffix = scan.definitions.length ? '\n\n' + scan.definitions.join('\n') : '';
  for (const chunk of scan.chunks) {
    const chunkLines = lines.slice(chunk.startLine, chunk.endLine);
    const withFrontmatter = chunk.startLine === 0 && frontmatterEnd >= 0;
    const key = (withFrontmatter ? 'F' : 'B') + chunkLines.join('\n') + suffix;
    let entry = cache?.get(key);
    if (!entry) {
      const simple = options.simple === false || suffix ? undefined : simpleChunkStates(chunkLines, withFrontmatter ? frontmatterEnd : -1);
      entry = { relative: simple ? linesFromStates(chunkLines, simple) : parseChunk(chunkLines, withFrontmatter, suffix) };
      parsedChunks++;
      if (simple) simpleChunks++;
      cache?.set(key, entry);
    }
    let placed = entry.placed;
    if (!placed || placed.startLine !== chunk.startLine) {
      const start = chunk.startLine;
      placed = { startLine: start, infos: entry.relative.map((info, i) => ({ ...info, line: start + i })) };
      if (cache) entry.placed = placed;
    }
    for (let i = 0; i < placed.infos.length; i++) out[chunk.startLine + i] = placed.infos[i]!;
  }
  return { lines: out, chunks: scan.chunks, parsedChunks, simpleChunks };
}

function linesFromStates(chunkLines: readonly string[], states: readonly LineState[]): LineInfo[] {
  return chunkLines.map((raw, i) => (states[i]!.block === 'blank' ? blankLine(i, raw) : buildInfo(i, raw, states[i]!)));
}

function parseChunk(chunkLines: string[], withFrontmatter: boolean, suffix: string): LineInfo[] {
  // Over-long lines are blanked for remark (the caller reports them); their columns stay put.
  const safeLines = chunkLines.map((l) => (isUnparseableLine(l) ? '' : l));
  for (const [a, b] of bracketHeavyParagraphs(safeLines)) for (let i = a; i < b; i++) safeLines[i] = withoutBrackets(safeLines[i]!);
  const text = safeLines.join('\n') + suffix;
  const starts: number[] = [];
  let offset = 0;
  for (const l of safeLines) {
    starts.push(offset);
    offset += l.length + 1;
  }
  const tree = (withFrontmatter ? processorWithFrontmatter : processor).parse(text) as Root;
  const states: LineState[] = safeLines.map((l) => ({
    block: l.trim() === '' ? 'blank' : 'text',
    headingDepth: 0,
    itemDepth: 0,
    listDepth: 0,
    deletions: [],
  }));
  const lineCount = safeLines.length;

  const lineOf = (off: number): number => {
    // Binary search: offsets are monotone.
    let lo = 0;
    let hi = lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const del = (from: number, to: number): void => {
    if (to <= from) return;
    let line = lineOf(from);
    let a = from;
    while (a < to && line < lineCount) {
      const lineEnd = starts[line]! + safeLines[line]!.length;
      const b = Math.min(to, lineEnd);
      if (b > a) states[line]!.deletions.push([a - starts[line]!, b - starts[line]!]);
      line++;
      if (line < lineCount) a = Math.max(a, starts[line]!);
    }
  };
  const markLines = (node: Nodes, block: LineInfo['block']): void => {
    const p = node.position;
    if (!p || p.start.offset === undefined || p.end.offset === undefined) return;
    const a = lineOf(p.start.offset);
    const b = Math.min(lineOf(Math.max(p.start.offset, p.end.offset - 1)), lineCount - 1);
    for (let l = a; l <= b; l++) states[l]!.block = block;
  };
  const startOf = (n: Nodes): number => n.position?.start.offset ?? 0;
  const endOf = (n: Nodes): number => n.position?.end.offset ?? 0;
  const markRange = (from: number, to: number, kind: 'code' | 'links'): void => {
    const line = lineOf(from);
    if (line >= lineCount) return;
    const s = states[line]!;
    const list = (s[kind] ??= []);
    list.push([from - starts[line]!, Math.min(to, starts[line]! + safeLines[line]!.length) - starts[line]!]);
  };

  // An explicit stack, not recursion: "1. 2) 1. 2) …" nests a list per marker, thousands deep on one line.
  const stack: { node: Nodes; depth: number; inline: boolean }[] = [];
  const pushChildren = (children: Nodes[], depth: number, inline: boolean): void => {
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth, inline });
  };

  const visitInline = (node: Nodes): void => {
    switch (node.type) {
      case 'text':
        return;
      case 'inlineCode': {
        const a = startOf(node);
        const b = endOf(node);
        const src = text.slice(a, b);
        let ticks = 0;
        while (ticks < src.length && src[ticks] === '`') ticks++;
        del(a, a + ticks);
        del(b - ticks, b);
        markRange(a + ticks, b - ticks, 'code');
        return;
      }
      case 'html':
      case 'image':
      case 'imageReference':
      case 'break':
      case 'footnoteReference':
        del(startOf(node), endOf(node));
        return;
      default:
        break;
    }
    if ('children' in node) {
      const children = (node as Parents).children as Nodes[];
      if (children.length === 0) {
        del(startOf(node), endOf(node));
        return;
      }
      const first = children[0]!;
      const last = children[children.length - 1]!;
      del(startOf(node), startOf(first));
      del(endOf(last), endOf(node));
      if (node.type === 'link' || node.type === 'linkReference') markRange(startOf(first), endOf(last), 'links');
      pushChildren(children, 0, true);
    }
  };

  const visitBlock = (node: Nodes, listDepth: number): void => {
    switch (node.type) {
      case 'yaml':
        markLines(node, 'frontmatter');
        return;
      case 'code':
        markLines(node, 'code');
        return;
      case 'html':
        markLines(node, 'html');
        return;
      case 'definition':
        markLines(node, 'html');
        return;
      case 'thematicBreak':
        markLines(node, 'thematic');
        return;
      case 'heading': {
        const a = lineOf(startOf(node));
        const b = lineOf(Math.max(startOf(node), endOf(node) - 1));
        for (let l = a; l <= b; l++) {
          states[l]!.block = 'heading';
          states[l]!.headingDepth = node.depth;
        }
        if (node.children.length === 0) {
          del(startOf(node), endOf(node));
        } else {
          stack.push({ node, depth: listDepth, inline: true });
          if (b > a) {
            // Setext underline: no visible text.
            const lastLine = b;
            del(starts[lastLine]!, starts[lastLine]! + safeLines[lastLine]!.length);
          }
        }
        return;
      }
      case 'paragraph': {
        const first = node.children[0];
        if (first && first.type === 'strong' && startOf(first) === startOf(node)) {
          const line = lineOf(startOf(node));
          states[line]!.strongSourceEnd = endOf(first.children[first.children.length - 1] ?? first) - starts[line]!;
        }
        stack.push({ node, depth: listDepth, inline: true });
        return;
      }
      case 'list': {
        pushChildren(node.children, listDepth + 1, false);
        return;
      }
      case 'listItem': {
        const a = lineOf(startOf(node));
        const b = lineOf(Math.max(startOf(node), endOf(node) - 1));
        for (let l = a; l <= b; l++) states[l]!.listDepth = listDepth;
        const s = states[a]!;
        s.itemDepth = listDepth;
        const col = startOf(node) - starts[a]!;
        const m = /^(\d{1,9})[.)]/.exec(safeLines[a]!.slice(col));
        if (m) {
          s.ordinal = Number(m[1]);
          s.ordinalStart = col;
        }
        const first = node.children[0];
        const markerEnd = first && lineOf(startOf(first)) === a ? startOf(first) : starts[a]! + safeLines[a]!.length;
        del(startOf(node), markerEnd);
        pushChildren(node.children, listDepth, false);
        return;
      }
      case 'blockquote': {
        const a = lineOf(startOf(node));
        const b = lineOf(Math.max(startOf(node), endOf(node) - 1));
        for (let l = a; l <= b; l++) {
          const m = /^\s*>\s?/.exec(safeLines[l]!);
          if (m) del(starts[l]!, starts[l]! + m[0].length);
        }
        pushChildren(node.children, listDepth, false);
        return;
      }
      default:
        if ('children' in node) pushChildren((node as Parents).children as Nodes[], listDepth, false);
    }
  };
  pushChildren(tree.children, 0, false);
  while (stack.length > 0) {
    const work = stack.pop()!;
    if (work.inline) visitInline(work.node);
    else visitBlock(work.node, work.depth);
  }

  return safeLines.map((safe, i) => {
    const raw = chunkLines[i]!;
    const s = states[i]!;
    if (raw !== safe) return { ...blankLine(i, raw), block: 'text' as const };
    if (s.block === 'blank') return blankLine(i, raw);
    return buildInfo(i, raw, s);
  });
}

function buildInfo(line: number, raw: string, s: LineState): LineInfo {
  const dels = s.deletions.sort((x, y) => x[0] - y[0]);
  const chars: string[] = [];
  const map: number[] = [];
  let d = 0;
  for (let col = 0; col < raw.length; col++) {
    while (d < dels.length && dels[d]![1] <= col) d++;
    if (d < dels.length && dels[d]![0] <= col && col < dels[d]![1]) continue;
    chars.push(raw[col]!);
    map.push(col);
  }
  map.push(raw.length);
  // Point the end sentinel just past the last kept character, not past deleted trailing markup.
  if (chars.length > 0) map[chars.length] = map[chars.length - 1]! + 1;
  const trimmed = trimVisible(chars.join(''), map);
  const info: LineInfo = {
    line,
    raw,
    block: s.block,
    text: trimmed.text,
    map: trimmed.map,
    headingDepth: s.headingDepth,
    itemDepth: s.itemDepth,
    listDepth: s.listDepth,
    indent: countIndent(raw),
  };
  if (s.ordinal !== undefined) {
    info.ordinal = s.ordinal;
    info.ordinalStart = s.ordinalStart;
  }
  const toIndex = (col: number): number => {
    // First visible index whose source column is >= col.
    let lo = 0;
    let hi = trimmed.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (trimmed.map[mid]! < col) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  if (s.strongSourceEnd !== undefined) info.strongEnd = toIndex(s.strongSourceEnd);
  if (s.code) info.codeSpans = s.code.map(([a, b]) => [toIndex(a), toIndex(b)]);
  if (s.links) info.linkSpans = s.links.map(([a, b]) => [toIndex(a), toIndex(b)]);
  if (s.ordinal === undefined && s.block === 'text' && s.itemDepth === 0) applyLazyOrdinal(info);
  return info;
}

/**
 * "2. Account Setup" right under a bullet is a lazy continuation line to CommonMark, but an author who writes
 * it means a numbered line, as in plain text; read it so.
 */
function applyLazyOrdinal(info: LineInfo): void {
  const lazy = LAZY_ORDINAL.exec(info.raw);
  if (!lazy || !info.text.startsWith(lazy[1]!)) return;
  const cut = lazy[0].length;
  info.ordinal = Number(lazy[1]);
  info.ordinalStart = 0;
  info.itemDepth = 1;
  info.listDepth = Math.max(1, info.listDepth);
  info.text = info.text.slice(cut);
  info.map = info.map.slice(cut);
  const shift = (spans: [number, number][] | undefined): [number, number][] | undefined =>
    spans?.map(([a, b]) => [Math.max(0, a - cut), Math.max(0, b - cut)] as [number, number]);
  if (info.strongEnd !== undefined) info.strongEnd = Math.max(0, info.strongEnd - cut) || undefined;
  if (info.codeSpans) info.codeSpans = shift(info.codeSpans);
  if (info.linkSpans) info.linkSpans = shift(info.linkSpans);
}
