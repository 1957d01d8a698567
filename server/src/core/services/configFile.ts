/**
 * `.sopls.json` as a document: where its JSON syntax error is, and where the value each configuration error
 * names (`rules.missing-ownr`, `roles[0].name`) sits, so the language server can put a diagnostic on it.
 * JSON.parse decides what the file means (exactly as the CLI reads it); the small scanner here only finds
 * positions.
 */
import type { ConfigError } from '../configLoad';
import type { Range } from '../model';

export interface ConfigFileProblem {
  message: string;
  range: Range;
}

type Node =
  | { kind: 'object'; start: number; end: number; props: Map<string, { keyStart: number; keyEnd: number; value: Node }> }
  | { kind: 'array'; start: number; end: number; items: Node[] }
  | { kind: 'scalar'; start: number; end: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function scan(text: string): Node {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i >= text.length ? `unexpected end of file, expected ${what}` : `unexpected ${JSON.stringify(text[i])}, expected ${what}`, i);
  };
  const string = (): [number, number, string] => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail('a closing quote');
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
    let value: string;
    try {
      value = JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('a valid string');
    }
    return [start, i, value];
  };
  const value = (): Node => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const props = new Map<string, { keyStart: number; keyEnd: number; value: Node }>();
      ws();
      if (text[i] === '}') return { kind: 'object', start, end: ++i, props };
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        const [keyStart, keyEnd, key] = string();
        ws();
        if (text[i] !== ':') fail("':'");
        i++;
        props.set(key, { keyStart, keyEnd, value: value() });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return { kind: 'object', start, end: ++i, props };
        fail("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: Node[] = [];
      ws();
      if (text[i] === ']') return { kind: 'array', start, end: ++i, items };
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return { kind: 'array', start, end: ++i, items };
        fail("',' or ']'");
      }
    }
    if (c === '"') {
      string();
      return { kind: 'scalar', start, end: i };
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) return fail('a value');
    i += m[0].length;
    return { kind: 'scalar', start, end: i };
  };
  const root = value();
  ws();
  if (i < text.length) fail('the end of the file');
  return root;
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

/** `rules.missing-ownr` → ['rules', 'missing-ownr']; `roles[0].name` → ['roles', 0, 'name']. */
export function splitConfigPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * The JSON value of `.sopls.json`, or the syntax error with its range. `fileName` prefixes the message the way
 * the CLI prints it.
 */
export function parseConfigText(text: string): { value: unknown } | { problem: ConfigFileProblem } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    let offset = 0;
    let message = err instanceof Error ? err.message : String(err);
    try {
      scan(text);
    } catch (e) {
      if (e instanceof JsonSyntaxError) {
        offset = e.offset;
        message = e.message;
      }
    }
    const starts = lineStarts(text);
    const start = positionAt(starts, offset);
    const end = offset < text.length && text[offset] !== '\n' ? positionAt(starts, offset + 1) : start;
    return { problem: { message: `invalid JSON: ${message}`, range: { start, end } } };
  }
}

/** Each configuration error of the file at the key or value it names (the top-level `{` when the path is empty). */
export function locateConfigErrors(text: string, errors: readonly ConfigError[]): ConfigFileProblem[] {
  let root: Node | undefined;
  try {
    root = scan(text);
  } catch {
    root = undefined;
  }
  const starts = lineStarts(text);
  const range = (a: number, b: number): Range => ({ start: positionAt(starts, a), end: positionAt(starts, b) });
  return errors.map((e) => {
    let node = root;
    let at: [number, number] = root ? [root.start, root.start + 1] : [0, 0];
    for (const part of splitConfigPath(e.path)) {
      if (!node) break;
      if (node.kind === 'object' && typeof part === 'string' && node.props.has(part)) {
        const p = node.props.get(part)!;
        // An unknown key is marked on the key, anything else on its value.
        at = /^unknown (?:key|rule)/.test(e.message) ? [p.keyStart, p.keyEnd] : [p.value.start, p.value.end];
        node = p.value;
      } else if (node.kind === 'array' && typeof part === 'number' && node.items[part]) {
        node = node.items[part];
        at = [node.start, node.end];
      } else break;
    }
    return { message: e.message, range: range(at[0], at[1]) };
  });
}
