import type { ErrorObject } from 'ajv';
import frontmatterSchema from '../../../../../schemas/sop-frontmatter.schema.json';
import type { Frontmatter, Range } from '../../model';
import { ruleDocsUrl, type Rule, type RuleContext } from '../rule';
import { dayNumber, speaksSopls } from '../util';
import { editDistance } from '../../roles';
import { lazyValidator } from '../../schemaValidator';

const validate = lazyValidator(frontmatterSchema);

/** `/links/relates_to/0` → `links.relates_to[0]`, the key path form of `Frontmatter.keyRanges/valueRanges`. */
export function keyPath(instancePath: string): string {
  let out = '';
  for (const raw of instancePath.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}

function rangeFor(fm: Frontmatter, path: string, prefer: 'key' | 'value'): Range {
  const first = prefer === 'key' ? fm.keyRanges[path] : fm.valueRanges[path];
  const second = prefer === 'key' ? fm.valueRanges[path] : fm.keyRanges[path];
  if (first) return first;
  if (second) return second;
  // Fall back to the nearest ancestor that has a range, then to the opening fence.
  let p = path;
  while (p) {
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
    if (p && (fm.keyRanges[p] || fm.valueRanges[p])) return (fm.keyRanges[p] ?? fm.valueRanges[p])!;
  }
  return { start: fm.range.start, end: { line: fm.range.start.line, character: 3 } };
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function valueAt(data: Record<string, unknown>, instancePath: string): unknown {
  let v: unknown = data;
  for (const raw of instancePath.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return v;
}

function describe(err: ErrorObject, group: ErrorObject[], data: Record<string, unknown>): string {
  const path = keyPath(err.instancePath);
  const value = valueAt(data, err.instancePath);
  const name = path || 'frontmatter';
  switch (err.keyword) {
    case 'required':
      return `Frontmatter is missing the required key "${(err.params as { missingProperty: string }).missingProperty}".`;
    case 'enum':
      return `${name} ${show(value)} is not one of: ${(err.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}.`;
    case 'pattern':
      if (path === 'id' || /\[\d+\]$/.test(path) || path.startsWith('links')) {
        return `${name} ${show(value)} is not a document id (an upper-case prefix, a hyphen and a number, e.g. PRC-001).`;
      }
      return `${name} ${show(value)} does not match the pattern ${(err.params as { pattern: string }).pattern}.`;
    case 'format':
      return `${name} ${show(value)} is not a valid ${(err.params as { format: string }).format === 'date' ? 'date (YYYY-MM-DD)' : (err.params as { format: string }).format}.`;
    case 'type':
      return `${name} must be ${articled((err.params as { type: string }).type)}, not ${kindOf(value)}.`;
    case 'anyOf': {
      const allowed = group.flatMap((e) => (e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues.map(String) : []));
      const patterns = group.filter((e) => e.keyword === 'pattern').map((e) => (e.params as { pattern: string }).pattern);
      if (path.endsWith('frequency') && typeof value === 'string') return frequencyMessage(name, value, allowed);
      if (allowed.length || patterns.length) {
        return `${name} ${show(value)} is not one of: ${[...allowed, ...patterns.map(patternInWords)].join(', ')}.`;
      }
      return `${name} ${show(value)} does not match any allowed form.`;
    }
    case 'uniqueItems':
      return `${name} lists the same id twice.`;
    case 'minLength':
      return `${name} must not be empty.`;
    default:
      return `${name} ${err.message ?? 'is invalid'}.`;
  }
}

/** A frequency the schema does not know: the nearest known word, or the forms that are accepted. */
function frequencyMessage(name: string, value: string, allowed: string[]): string {
  const v = value.trim().toLowerCase();
  const near = allowed.map((w) => ({ w, d: editDistance(v, w, 4) })).sort((a, b) => a.d - b.d)[0];
  const hint = near && near.d <= Math.min(3, Math.max(1, Math.floor(v.length / 3))) ? `did you mean "${near.w}"?` : `use a word such as weekly, fortnightly, monthly, quarterly or yearly, or 'every N weeks'.`;
  return `${name} ${show(value)} is not a frequency sopls knows; ${hint}`;
}

/** Schema patterns people read in messages, in words. */
function patternInWords(pattern: string): string {
  if (pattern.startsWith('^every ')) return "'every N days|weeks|months|years'";
  return `a value matching ${pattern}`;
}

function articled(type: string): string {
  return type === 'array' ? 'a list' : type === 'object' ? 'a mapping' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${articled(typeof v)} (${show(v)})`;
}

function checkSchema(ctx: RuleContext, fm: Frontmatter, data: Record<string, unknown>): void {
  const fn = validate();
  if (fn(data)) return;
  const errors = fn.errors ?? [];
  // One finding per offending value: anyOf and its branches describe the same value several times.
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const key = e.keyword === 'required' ? `required:${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath;
    const list = byPath.get(key);
    if (list) list.push(e);
    else byPath.set(key, [e]);
  }
  for (const group of byPath.values()) {
    const main = group.find((e) => e.keyword === 'anyOf') ?? group[0]!;
    const path = keyPath(main.instancePath);
    const range =
      main.keyword === 'required'
        ? path
          ? rangeFor(fm, path, 'key')
          : { start: fm.range.start, end: { line: fm.range.start.line, character: 3 } }
        : rangeFor(fm, path, 'value');
    // An unknown frequency word is a hint to fix, not a broken document.
    const frequency = path.endsWith('frequency') && main.keyword === 'anyOf';
    ctx.report({
      message: describe(main, group, data),
      range,
      ...(frequency ? { severity: 'warning' as const } : {}),
      data: { keyword: main.keyword, path: main.keyword === 'required' ? (main.params as { missingProperty: string }).missingProperty : path },
    });
  }
}

export const frontmatterSchemaRule: Rule = {
  id: 'frontmatter-schema',
  description: 'Frontmatter that is not valid YAML or breaks schemas/sop-frontmatter.schema.json (required keys, id pattern, status, dates, updated before created).',
  defaultSeverity: 'error',
  docs: ruleDocsUrl('frontmatter-schema'),
  scope: 'document',
  appliesTo: 'managed',
  check(ctx) {
    const { doc } = ctx;
    for (const p of doc.problems) {
      if (p.code === 'invalid-yaml' || p.code === 'frontmatter-not-mapping') {
        ctx.report({ message: p.message, range: p.range, data: { problem: p.code } });
      }
    }
    const fm = doc.frontmatter;
    const data = fm?.data;
    if (!fm || !data) return;
    // A static-site generator's frontmatter (title, layout, weight, its own `type`) is not sopls's to judge:
    // requiring an id and a status there is noise. Only frontmatter that speaks sopls is held to the schema.
    if (!speaksSopls(data)) return;
    checkSchema(ctx, fm, data);
    // Draft-07 cannot compare two values; the schema's description says this check lives here.
    const created = data['created'];
    const updated = data['updated'];
    if (typeof created === 'string' && typeof updated === 'string') {
      const c = dayNumber(created);
      const u = dayNumber(updated);
      if (c !== undefined && u !== undefined && u < c) {
        ctx.report({
          message: `updated (${updated}) is earlier than created (${created}).`,
          range: rangeFor(fm, 'updated', 'value'),
          related: [{ uri: doc.uri, range: rangeFor(fm, 'created', 'value'), message: 'created is set here.' }],
          data: { keyword: 'updatedBeforeCreated', path: 'updated' },
        });
      }
    }
  },
};
