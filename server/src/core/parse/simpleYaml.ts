/**
 * Frontmatter that is only `key: value` lines is read here without the `yaml` package (issue 14: the package
 * was 7% of a lint, for frontmatter like `id: PRC-001` / `links:` / `  relates_to: [CUS-1, CUS-2]`).
 *
 * The reader accepts a narrow shape and gives exactly what `yaml` (core schema) gives for it: the same data
 * and the same key and value ranges as frontmatter.ts's `collectRanges`. Anything it is not sure of (quotes,
 * comments, block lists, deeper nesting, tabs, blank lines, a value that could be a number, a boolean or a
 * null, a repeated key) makes it answer undefined, and the caller parses with `yaml` as before.
 * test/core/parse/simpleYaml.test.ts compares both on every document we have and on generated variants.
 *
 * Accepted, one entry per line:
 *   key: plain scalar          a string, or a whole number of at most 15 digits
 *   key: [a, b, c]  / key: []  a flow list of such scalars
 *   key:                       followed by lines indented alike, each `key: scalar` or `key: [list]`
 *                              (one nested mapping); with no such lines, null
 */
import type { Range } from '../model';

export interface SimpleYaml {
  data: Record<string, unknown>;
  keyRanges: Record<string, Range>;
  valueRanges: Record<string, Range>;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?:( +)(.*))?$/;
const INDENTED_KEY_LINE = /^( +)([A-Za-z_][A-Za-z0-9_-]*):(?:( +)(.*))?$/;
/** Words and numbers core YAML reads as something other than a string (yaml's core schema tests). */
const NOT_A_STRING =
  /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const WHOLE_NUMBER = /^(?:0|[1-9][0-9]{0,14})$/;
/** A plain scalar we are sure of: no indicator first, no `: ` or ` #` inside, no flow characters. */
const PLAIN = /^[A-Za-z0-9_(/.](?:(?![:#[\]{},"'`\\])[\x20-\x7e])*$/;
const RESERVED_KEYS = /^(?:__proto__|constructor|prototype|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

const range = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });

/** A plain scalar's value, or undefined when `yaml` might read it otherwise. */
function scalar(text: string): string | number | undefined {
  if (!PLAIN.test(text) || text.endsWith(' ') || text.includes('  ')) return undefined;
  if (!NOT_A_STRING.test(text)) return text;
  return WHOLE_NUMBER.test(text) ? Number(text) : undefined;
}

interface Value {
  value: unknown;
  range: Range;
  items?: Range[];
}

/** The value written at `column` of document line `line` (text is the rest of the line), or undefined. */
function readValue(text: string, line: number, column: number): Value | undefined {
  const trimmed = text.replace(/ +$/, '');
  if (trimmed.startsWith('[')) {
    if (!trimmed.endsWith(']')) return undefined;
    const inner = trimmed.slice(1, -1);
    const out: Value = { value: [], range: range(line, column, column + trimmed.length), items: [] };
    if (/^ *$/.test(inner)) return inner === '' ? out : undefined;
    let at = column + 1;
    for (const part of inner.split(',')) {
      const lead = part.length - part.trimStart().length;
      const item = part.trim();
      const v = item === '' ? undefined : scalar(item);
      if (v === undefined) return undefined;
      (out.value as unknown[]).push(v);
      out.items!.push(range(line, at + lead, at + lead + item.length));
      at += part.length + 1;
    }
    return out;
  }
  const v = scalar(trimmed);
  return v === undefined ? undefined : { value: v, range: range(line, column, column + trimmed.length) };
}

/**
 * `yamlLines` are the frontmatter's lines (document lines 1…n). Undefined when the text is not in the
 * accepted shape; then `yaml` decides.
 */
export function readSimpleYaml(yamlLines: readonly string[]): SimpleYaml | undefined {
  const data: Record<string, unknown> = {};
  const keyRanges: Record<string, Range> = {};
  const valueRanges: Record<string, Range> = {};
  let i = 0;
  while (i < yamlLines.length) {
    const text = yamlLines[i]!;
    const line = i + 1;
    const m = KEY_LINE.exec(text);
    if (!m) return undefined;
    const key = m[1]!;
    if (RESERVED_KEYS.test(key) || Object.prototype.hasOwnProperty.call(data, key)) return undefined;
    keyRanges[key] = range(line, 0, key.length);
    if (m[3] !== undefined && m[3] !== '') {
      const value = readValue(m[3], line, key.length + 1 + m[2]!.length);
      if (!value) return undefined;
      setValue(data, valueRanges, key, value);
      i++;
      continue;
    }
    // `key:` alone (trailing spaces would move yaml's empty value): a nested mapping or null.
    if (m[2] !== undefined) return undefined;
    const nested = readNested(yamlLines, i + 1, key);
    if (!nested) return undefined;
    if (nested.end === i + 1) {
      data[key] = null;
      valueRanges[key] = range(line, key.length + 1, key.length + 1);
      i++;
      continue;
    }
    data[key] = nested.data;
    // yaml's mapping ends where its last line does, line break included: the start of the next line, or the
    // end of the frontmatter.
    const last = nested.end - 1;
    const endsAt = nested.end < yamlLines.length ? { line: nested.end + 1, character: 0 } : { line: last + 1, character: yamlLines[last]!.length };
    valueRanges[key] = { start: { line: i + 2, character: nested.indent }, end: endsAt };
    // collectRanges visits the mapping's key, then the mapping, then its pairs: the same insertion order.
    Object.assign(keyRanges, nested.keyRanges);
    Object.assign(valueRanges, nested.valueRanges);
    i = nested.end;
  }
  return { data, keyRanges, valueRanges };
}

interface Nested {
  data: Record<string, unknown>;
  keyRanges: Record<string, Range>;
  valueRanges: Record<string, Range>;
  /** Index (in yamlLines) of the first line after the mapping. */
  end: number;
  indent: number;
}

function readNested(yamlLines: readonly string[], from: number, parent: string): Nested | undefined {
  const out: Nested = { data: {}, keyRanges: {}, valueRanges: {}, end: from, indent: 0 };
  let i = from;
  for (; i < yamlLines.length; i++) {
    const text = yamlLines[i]!;
    if (!text.startsWith(' ')) break;
    const m = INDENTED_KEY_LINE.exec(text);
    if (!m || m[4] === undefined || m[4] === '') return undefined;
    const indent = m[1]!.length;
    if (i === from) out.indent = indent;
    else if (indent !== out.indent) return undefined;
    const key = m[2]!;
    if (RESERVED_KEYS.test(key) || Object.prototype.hasOwnProperty.call(out.data, key)) return undefined;
    const path = `${parent}.${key}`;
    const line = i + 1;
    const value = readValue(m[4], line, indent + key.length + 1 + m[3]!.length);
    if (!value) return undefined;
    out.keyRanges[path] = range(line, indent, indent + key.length);
    setValue(out.data, out.valueRanges, key, value, path);
  }
  out.end = i;
  return out;
}

function setValue(data: Record<string, unknown>, valueRanges: Record<string, Range>, key: string, value: Value, path = key): void {
  data[key] = value.value;
  valueRanges[path] = value.range;
  value.items?.forEach((r, n) => (valueRanges[`${path}[${n}]`] = r));
}
