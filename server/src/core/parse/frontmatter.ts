import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { makeRange, type Frontmatter, type ParseProblem, type Range } from '../model';

export interface FrontmatterScan {
  /** Line of the closing fence, or -1 when there is no (terminated) frontmatter. */
  endLine: number;
  frontmatter?: Frontmatter;
  problems: ParseProblem[];
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/** Reads YAML frontmatter with source ranges for every key and value. */
export function readFrontmatter(lines: string[]): FrontmatterScan {
  if (lines.length === 0 || !OPEN.test(lines[0]!)) return { endLine: -1, problems: [] };
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i]!)) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    // A lone `---` on line 0 followed by prose is a thematic break, not frontmatter; say so only when the
    // next line looks like YAML, which is what an author who forgot the closing fence has written.
    if (lines.length > 1 && /^[A-Za-z_][\w-]*:(\s|$)/.test(lines[1]!)) {
      return {
        endLine: -1,
        problems: [
          {
            code: 'unterminated-frontmatter',
            message: 'Frontmatter starts with `---` on line 1 but is never closed with a `---` line.',
            range: makeRange(0, 0, 0, lines[0]!.length),
          },
        ],
      };
    }
    return { endLine: -1, problems: [] };
  }
  const yamlLines = lines.slice(1, end);
  const raw = yamlLines.join('\n');
  const contentRange = makeRange(1, 0, end - 1, yamlLines.length ? yamlLines[yamlLines.length - 1]!.length : 0);
  const range = makeRange(0, 0, end, lines[end]!.length);
  const counter = new LineCounter();
  const problems: ParseProblem[] = [];
  // YAML reports offsets, which may point at a line break or past the end; ranges stay inside their lines.
  const clampChar = (line: number, col: number): number => Math.min(col - 1, (lines[line] ?? '').length);
  const toRange = (from: number, to: number): Range => {
    const a = counter.linePos(Math.min(from, raw.length));
    const b = counter.linePos(Math.min(Math.max(from, to), raw.length));
    return makeRange(a.line, clampChar(a.line, a.col), b.line, clampChar(b.line, b.col));
  };
  const doc = parseDocument(raw, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const keyRanges: Record<string, Range> = {};
  const valueRanges: Record<string, Range> = {};
  let data: Record<string, unknown> | undefined;
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      problems.push({
        code: 'invalid-yaml',
        message: `Invalid YAML in frontmatter: ${firstLine(err.message)}`,
        range: toRange(err.pos[0], err.pos[1]),
      });
    }
  } else {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      // toJS still throws for what parsing let through: an alias used before its anchor, alias bombs.
      problems.push({
        code: 'invalid-yaml',
        message: `Invalid YAML in frontmatter: ${firstLine(err instanceof Error ? err.message : String(err))}`,
        range: contentRange,
      });
      return { endLine: end, frontmatter: { range, contentRange, data: undefined, keyRanges, valueRanges, raw }, problems };
    }
    if (value === null || value === undefined) {
      data = {};
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      data = value as Record<string, unknown>;
      collectRanges(doc.contents, '', keyRanges, valueRanges, toRange);
    } else {
      problems.push({
        code: 'frontmatter-not-mapping',
        message: 'Frontmatter must be a mapping of keys to values (`id: PRC-001`), not a single value or a list.',
        range: contentRange,
      });
    }
  }
  return { endLine: end, frontmatter: { range, contentRange, data, keyRanges, valueRanges, raw }, problems };
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl < 0 ? message : message.slice(0, nl);
}

function collectRanges(
  node: unknown,
  path: string,
  keyRanges: Record<string, Range>,
  valueRanges: Record<string, Range>,
  toRange: (a: number, b: number) => Range,
): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      const name = isScalar(key) ? String(key.value) : String(key);
      const keyPath = path ? `${path}.${name}` : name;
      const kr = (key as YamlNode | null)?.range;
      if (kr) keyRanges[keyPath] = toRange(kr[0], kr[1]);
      const value = pair.value as YamlNode | null;
      if (value?.range) valueRanges[keyPath] = toRange(value.range[0], value.range[1]);
      collectRanges(value, keyPath, keyRanges, valueRanges, toRange);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const itemPath = `${path}[${i}]`;
      const r = (item as YamlNode | null)?.range;
      if (r) valueRanges[itemPath] = toRange(r[0], r[1]);
      collectRanges(item, itemPath, keyRanges, valueRanges, toRange);
    });
  }
}
