import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { makeRange, type Frontmatter, type ParseProblem, type Range } from '../model';
import { readSimpleYaml } from './simpleYaml';

export interface FrontmatterScan {
  /** Line of the closing fence, or -1 when there is no (terminated) frontmatter. */
  endLine: number;
  frontmatter?: Frontmatter;
  problems: ParseProblem[];
}

const OPEN = /^\uFEFF?---[ \t]*$/;

/**
 * Frontmatter budgets. Real frontmatter is a few dozen lines; YAML past these sizes is refused with a problem
 * rather than parsed, because the `yaml` package's alias expansion and anchor bookkeeping grow faster than
 * linearly (20,000 anchors and aliases took 20 s).
 */
export const MAX_FRONTMATTER_CHARS = 65_536;
export const MAX_FRONTMATTER_ANCHORS = 256;
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,:-])[&*][^\s[\]{},]/g;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/**
 * Reads YAML frontmatter with source ranges for every key and value. Plain `key: value` frontmatter is read
 * by simpleYaml.ts (same result, a fraction of the cost); `viaYaml` forces the `yaml` package (tests compare).
 */
export function readFrontmatter(lines: string[], viaYaml = false): FrontmatterScan {
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
  const budget = frontmatterBudgetProblem(raw);
  if (budget) {
    problems.push({ code: 'frontmatter-too-large', message: budget, range: makeRange(0, 0, 0, lines[0]!.length) });
    return { endLine: end, frontmatter: { range, contentRange, data: undefined, keyRanges: {}, valueRanges: {}, raw }, problems };
  }
  const simple = viaYaml ? undefined : readSimpleYaml(yamlLines);
  if (simple) return { endLine: end, frontmatter: { range, contentRange, data: simple.data, keyRanges: simple.keyRanges, valueRanges: simple.valueRanges, raw }, problems };
  // uniqueKeys is checked below in one pass: the `yaml` package compares each key with every earlier one.
  const doc = parseDocument(raw, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  const keyRanges: Record<string, Range> = {};
  const valueRanges: Record<string, Range> = {};
  let data: Record<string, unknown> | undefined;
  const duplicates = doc.errors.length === 0 ? duplicateKeys(doc.contents) : [];
  if (duplicates.length > 0) {
    for (const key of duplicates.slice(0, 20)) {
      const r = key.range!;
      problems.push({
        code: 'invalid-yaml',
        message: `Invalid YAML in frontmatter: Map keys must be unique ("${String(isScalar(key) ? key.value : key).slice(0, 60)}" is repeated)`,
        range: toRange(r[0], r[1]),
      });
    }
  } else if (doc.errors.length > 0) {
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

/** Why `raw` is over the frontmatter budget, or undefined. Linear: one length check and one scan. */
function frontmatterBudgetProblem(raw: string): string | undefined {
  if (raw.length > MAX_FRONTMATTER_CHARS) {
    return `Frontmatter is ${raw.length} characters long; past ${MAX_FRONTMATTER_CHARS} it is not read (its id, links and other fields are lost).`;
  }
  let anchors = 0;
  ANCHOR_OR_ALIAS.lastIndex = 0;
  while (ANCHOR_OR_ALIAS.exec(raw) && ++anchors <= MAX_FRONTMATTER_ANCHORS);
  if (anchors > MAX_FRONTMATTER_ANCHORS) {
    return `Frontmatter uses more than ${MAX_FRONTMATTER_ANCHORS} YAML anchors or aliases (\`&name\`, \`*name\`); it is not read.`;
  }
  return undefined;
}

/** Keys repeated within one mapping, at any depth (the second and later occurrences), with a Set per mapping. */
function duplicateKeys(root: unknown): YamlNode[] {
  const out: YamlNode[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        const name = isScalar(key) ? key.value : key === null ? null : String(key);
        if (seen.has(name) && key?.range) out.push(key);
        seen.add(name);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return out.sort((a, b) => a.range![0] - b.range![0]);
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
