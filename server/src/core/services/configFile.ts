/**
 * `.sopls.json` as a document: where its JSON syntax error is, and where the value each configuration error
 * names (`rules.missing-ownr`, `roles[0].name`) sits, so the language server can put a diagnostic on it.
 * JSON.parse decides what the file means (exactly as the CLI reads it); jsonc-parser (strict: no comments, no
 * trailing commas) finds the positions.
 */
import { findNodeAtLocation, parseTree, visit, type Node as JsonNode } from 'jsonc-parser';
import type { ConfigError } from '../configLoad';
import type { Range } from '../model';

export interface ConfigFileProblem {
  message: string;
  range: Range;
}

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

// jsonc-parser's ParseErrorCode is a const enum in a .d.ts, which esbuild cannot inline: its values, by number.
const EXPECTED: Record<number, string> = {
  1: 'a value', // InvalidSymbol
  2: 'a number', // InvalidNumberFormat
  3: 'a property name in double quotes', // PropertyNameExpected
  4: 'a value', // ValueExpected
  5: "':'", // ColonExpected
  7: "',' or '}'", // CloseBraceExpected
  8: "',' or ']'", // CloseBracketExpected
  9: 'the end of the file', // EndOfFileExpected
  10: 'no comments (JSON has none)', // InvalidCommentToken
  11: 'the end of the comment', // UnexpectedEndOfComment
  12: 'a closing quote', // UnexpectedEndOfString
  13: 'a number', // UnexpectedEndOfNumber
  14: 'a valid \\u escape', // InvalidUnicode
  15: 'a valid escape', // InvalidEscapeCharacter
  16: 'a closing quote', // InvalidCharacter (a raw control character inside a string)
};

interface SyntaxProblem {
  offset: number;
  length: number;
  line: number;
  character: number;
  expected: string;
}

/** The first syntax error, phrased as "unexpected X, expected Y"; commas are explained by their container. */
function firstSyntaxError(text: string): SyntaxProblem | undefined {
  const open: ('object' | 'array')[] = [];
  let first: SyntaxProblem | undefined;
  // After `{` or a comma inside an object, the next token must be a key: jsonc-parser calls a bare word there
  // an invalid symbol, the reader wants to hear that keys need double quotes.
  let keyNext = false;
  visit(
    text,
    {
      onObjectBegin: () => {
        open.push('object');
        keyNext = true;
      },
      onObjectEnd: () => void open.pop(),
      onArrayBegin: () => {
        open.push('array');
        keyNext = false;
      },
      onArrayEnd: () => void open.pop(),
      onObjectProperty: () => void (keyNext = false),
      onSeparator: (c) => void (keyNext = c === ',' && open[open.length - 1] === 'object'),
      onError: (code, offset, length, line, character) => {
        if (first) return;
        const inside = open[open.length - 1];
        const expected =
          code === 6
            ? inside === 'array'
              ? "',' or ']'"
              : "',' or '}'"
            : (code === 1 || code === 4) && inside === 'object' && keyNext
              ? EXPECTED[3]!
              : (EXPECTED[code] ?? 'valid JSON');
        first = { offset, length, line, character, expected };
      },
    },
    STRICT,
  );
  return first;
}

function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file';
  return JSON.stringify(String.fromCodePoint(text.codePointAt(offset)!));
}

/** `rules.missing-ownr` → ['rules', 'missing-ownr']; `roles[0].name` → ['roles', 0, 'name']. */
export function splitConfigPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The JSON value of `.sopls.json`, or the syntax error with its range. */
export function parseConfigText(text: string): { value: unknown } | { problem: ConfigFileProblem } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    const found = firstSyntaxError(text);
    if (!found) {
      // Only JSON.parse objected (jsonc-parser is slightly more lenient in corners): its words, at the start.
      const zero = { line: 0, character: 0 };
      return { problem: { message: `invalid JSON: ${err instanceof Error ? err.message : String(err)}`, range: { start: zero, end: zero } } };
    }
    const start = { line: found.line, character: found.character };
    const oneChar = found.offset < text.length && text[found.offset] !== '\n' && text[found.offset] !== '\r';
    const end = oneChar ? { line: found.line, character: found.character + 1 } : start;
    return { problem: { message: `invalid JSON: unexpected ${describeAt(text, found.offset)}, expected ${found.expected}`, range: { start, end } } };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo]! };
}

/** The deepest node along `path` that exists, and whether the whole path was found. */
function deepestNode(root: JsonNode, path: (string | number)[]): { node: JsonNode; complete: boolean } {
  for (let n = path.length; n > 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) return { node, complete: n === path.length };
  }
  return { node: root, complete: path.length === 0 };
}

/** Each configuration error of the file at the key or value it names (the top-level `{` when the path is empty). */
export function locateConfigErrors(text: string, errors: readonly ConfigError[]): ConfigFileProblem[] {
  const root = firstSyntaxError(text) ? undefined : parseTree(text, [], STRICT);
  const starts = lineStarts(text);
  const range = (a: number, b: number): Range => ({ start: positionAt(starts, a), end: positionAt(starts, b) });
  return errors.map((e) => {
    if (!root) return { message: e.message, range: range(0, 0) };
    const path = splitConfigPath(e.path);
    const { node, complete } = deepestNode(root, path);
    if (node === root) return { message: e.message, range: range(root.offset, root.offset + 1) };
    // An unknown key is marked on the key, anything else on its value.
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    const onKey = complete && key && /^unknown (?:key|rule)/.test(e.message);
    const at = onKey ? key : node;
    return { message: e.message, range: range(at.offset, at.offset + at.length) };
  });
}
