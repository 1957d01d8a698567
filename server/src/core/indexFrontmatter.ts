/**
 * Frontmatter for the index extractor (core/indexScan.ts). The `yaml` package builds a document tree with
 * comments, tokens and node ranges, and was a third of the index scan; index frontmatter is nearly always flat
 * `key: value` lines, flow lists (`related: [PRC-1, POL-2]`), block lists and one nested map (`links:`). This
 * reader handles exactly that subset, with YAML 1.2 core-schema scalars, and gives the `data` and value ranges
 * `readFrontmatter` gives. Whatever it is not sure of (anchors, block scalars, comments after values, multi-line
 * scalars, escapes, flow maps, tabs, duplicate keys, hex or infinite numbers, …) sends the whole block to
 * `readFrontmatter`. test/core/indexFrontmatter.test.ts compares both on every document we have and on generated
 * edge cases.
 */
import { makeRange, type Frontmatter, type Range } from './model';
import { MAX_FRONTMATTER_CHARS, readFrontmatter } from './parse/frontmatter';

export interface IndexFrontmatter {
  /** Line of the closing fence, or -1 when there is no (terminated) frontmatter. */
  endLine: number;
  /** The fast path fills in only `data` and the value ranges of non-null scalars (values and list items). */
  frontmatter?: Frontmatter;
}

const OPEN = /^\uFEFF?---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;
const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;

/** Raised inside the fast reader when the YAML leaves the subset it knows. */
class NotSimple extends Error {}
const notSimple = new NotSimple();

/** The frontmatter of `lines` (a document split into lines), read fast when it is simple. */
export function readIndexFrontmatter(lines: readonly string[]): IndexFrontmatter {
  if (lines.length === 0 || !OPEN.test(lines[0]!)) return { endLine: -1 };
  let end = -1;
  let chars = 0;
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i]!)) {
      end = i;
      break;
    }
    chars += lines[i]!.length + 1;
    if (chars > MAX_FRONTMATTER_CHARS) break;
  }
  if (end > 0) {
    const fast = readSimple(lines, end);
    if (fast) return { endLine: end, frontmatter: fast };
  }
  const full = readFrontmatter(lines as string[]);
  return full.frontmatter ? { endLine: full.endLine, frontmatter: full.frontmatter } : { endLine: full.endLine };
}

function readSimple(lines: readonly string[], end: number): Frontmatter | undefined {
  try {
    const data: Record<string, unknown> = {};
    const valueRanges: Record<string, Range> = {};
    new SimpleReader(lines, end, valueRanges).mapping(1, 0, data, '');
    const last = end - 1;
    return {
      range: makeRange(0, 0, end, lines[end]!.length),
      contentRange: makeRange(1, 0, last, last >= 1 ? lines[last]!.length : 0),
      data,
      keyRanges: {},
      valueRanges,
      raw: '',
    };
  } catch (err) {
    if (err === notSimple) return undefined;
    throw err;
  }
}

class SimpleReader {
  constructor(
    private readonly lines: readonly string[],
    private readonly end: number,
    private readonly ranges: Record<string, Range>,
  ) {}

  /** Index of the next line from `i` that is not blank or a comment (`end` when none). */
  private next(i: number): number {
    while (i < this.end) {
      const t = this.lines[i]!.trimStart();
      if (t !== '' && t[0] !== '#') break;
      i++;
    }
    return i;
  }

  private indentOf(i: number): number {
    const line = this.lines[i]!;
    let k = 0;
    while (line.charCodeAt(k) === 32) k++;
    if (line.charCodeAt(k) === 9) throw notSimple;
    return k;
  }

  /** Reads `key: value` lines at `indent` from line `from` into `out`; returns the first line after them. */
  mapping(from: number, indent: number, out: Record<string, unknown>, path: string): number {
    let i = this.next(from);
    while (i < this.end) {
      const at = this.indentOf(i);
      if (at < indent) return i;
      if (at > indent) throw notSimple;
      const line = this.lines[i]!;
      const m = KEY.exec(line.slice(indent));
      if (!m) throw notSimple;
      const key = m[1]!;
      if (Object.prototype.hasOwnProperty.call(out, key) || key === '__proto__') throw notSimple;
      const keyPath = path ? `${path}.${key}` : key;
      const valueStart = indent + m[0].length;
      if (valueStart < line.length) {
        out[key] = this.inlineValue(i, valueStart, keyPath);
        i = this.next(i + 1);
        // A more indented line after a value continues it (a multi-line scalar): not in the subset.
        if (i < this.end && this.indentOf(i) > indent) throw notSimple;
        continue;
      }
      // `key:` alone: a block list, a nested map (one level deep) or null.
      const j = this.next(i + 1);
      const childIndent = j < this.end ? this.indentOf(j) : -1;
      if (j < this.end && childIndent >= indent && this.lines[j]!.startsWith('-', childIndent)) {
        const list: unknown[] = [];
        out[key] = list;
        i = this.list(j, childIndent, list, keyPath);
      } else if (j < this.end && childIndent > indent) {
        if (path) throw notSimple;
        const child: Record<string, unknown> = {};
        out[key] = child;
        i = this.mapping(j, childIndent, child, keyPath);
      } else {
        out[key] = null;
        i = j;
      }
    }
    return i;
  }

  /** `- item` lines at `indent`, each a scalar. */
  private list(from: number, indent: number, out: unknown[], path: string): number {
    let i = from;
    while (i < this.end) {
      const at = this.indentOf(i);
      if (at !== indent || !this.lines[i]!.startsWith('-', at)) return at > indent ? fail() : i;
      const line = this.lines[i]!;
      let k = at + 1;
      if (k < line.length && line[k] !== ' ') throw notSimple;
      while (line.charCodeAt(k) === 32) k++;
      if (k >= line.length) throw notSimple;
      out.push(this.scalar(i, k, line.length, `${path}[${out.length}]`));
      i = this.next(i + 1);
      if (i < this.end && this.indentOf(i) > indent) throw notSimple;
    }
    return i;
  }

  private inlineValue(i: number, start: number, path: string): unknown {
    const line = this.lines[i]!;
    if (line[start] === '[') return this.flowList(i, start, path);
    return this.scalar(i, start, line.length, path);
  }

  /** `[a, b, 'c']` on one line. */
  private flowList(i: number, start: number, path: string): unknown[] {
    const line = this.lines[i]!;
    let close = line.length;
    while (close > start && line.charCodeAt(close - 1) === 32) close--;
    if (line[close - 1] !== ']') throw notSimple;
    close--;
    const out: unknown[] = [];
    const inner = line.slice(start + 1, close);
    if (inner.trim() === '') return out;
    if (/[[\]{}#]/.test(inner)) throw notSimple;
    let a = start + 1;
    for (;;) {
      let b = line.indexOf(',', a);
      if (b < 0 || b > close) b = close;
      let s = a;
      while (line.charCodeAt(s) === 32) s++;
      let e = b;
      while (e > s && line.charCodeAt(e - 1) === 32) e--;
      if (e === s) throw notSimple;
      out.push(this.scalar(i, s, e, `${path}[${out.length}]`, true));
      if (b === close) break;
      a = b + 1;
    }
    return out;
  }

  /** The scalar in `line[start, end)` (trailing spaces allowed), its range recorded under `path`. */
  private scalar(i: number, start: number, end: number, path: string, inFlow = false): unknown {
    const line = this.lines[i]!;
    while (end > start && line.charCodeAt(end - 1) === 32) end--;
    const text = line.slice(start, end);
    const q = text[0];
    let value: unknown;
    if (q === '"' || q === "'") {
      if (text.length < 2 || text[text.length - 1] !== q) throw notSimple;
      const inner = text.slice(1, -1);
      if (inner.includes(q) || inner.includes('\\') || inner.includes('\t')) throw notSimple;
      value = inner;
    } else value = plainScalar(text, inFlow);
    this.ranges[path] = makeRange(i, start, i, end);
    return value;
  }
}

function fail(): never {
  throw notSimple;
}

const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A plain scalar as YAML 1.2's core schema reads it; throws when the text is outside the subset. */
function plainScalar(text: string, inFlow: boolean): unknown {
  const c = text[0]!;
  // Indicators that start something else (tags, anchors, aliases, block scalars, flow maps, directives…).
  if ('[]{}&*!|>%@`#,?:'.includes(c) || (c === '-' && (text.length === 1 || text[1] === ' '))) throw notSimple;
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #') || text.includes('\t')) throw notSimple;
  if (inFlow && /[:,[\]{}]/.test(text)) throw notSimple;
  switch (text) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    default:
      break;
  }
  if (INT.test(text) || FLOAT.test(text)) return Number(text);
  // Hexadecimal, octal, infinities and NaN: left to the yaml package.
  if (/^[-+]?\.?(?:0[xo]|inf|nan)/i.test(text)) throw notSimple;
  return text;
}
