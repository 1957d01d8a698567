/**
 * Small pure helpers shared by several rules. Nothing here reads document text: rules work on the model.
 */
import { addMonths as addIsoMonths, dayNumberOf, parseIsoDate } from '../dates';
import type { SopDocument } from '../model';
import type { RuleContext } from './rule';

/** Frontmatter `type` values listed in schemas/sop-frontmatter.schema.json. */
const KNOWN_TYPES = new Set([
  'process', 'procedure', 'sop', 'work-instruction', 'runbook', 'playbook', 'checklist', 'policy', 'standard',
  'guideline', 'template', 'form', 'customer', 'reference', 'training',
]);

/**
 * A document sopls manages: an SOP, or a document whose frontmatter speaks sopls (an `id`, `links`, or a known
 * `type`). A README with no frontmatter, or with a static-site generator's (`layout`, `permalink`), is not one.
 */
export function isManagedDocument(doc: SopDocument): boolean {
  if (doc.isSop) return true;
  if (!doc.frontmatter) return false;
  const data = doc.frontmatter.data;
  // Frontmatter that could not be read may well be sopls frontmatter; saying so is worth more than silence.
  if (!data) return true;
  if (data['id'] !== undefined || data['links'] !== undefined) return true;
  const type = data['type'];
  return typeof type === 'string' && KNOWN_TYPES.has(type.trim().toLowerCase());
}

/** `CUS-*`, `ACME-??` → a matcher; `*` is any run of characters, `?` one character; case-sensitive like ids. */
export function globMatcher(patterns: readonly string[]): (id: string) => boolean {
  if (patterns.length === 0) return () => false;
  const res = patterns.map(
    (p) => new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$'),
  );
  return (id) => res.some((r) => r.test(id));
}

/** `PRC-001` → `PRC`. */
export function idPrefix(id: string): string {
  const dash = id.lastIndexOf('-');
  return dash > 0 ? id.slice(0, dash) : id;
}

/** Prefixes of every id declared in the workspace (uses the workspace's own index when it keeps one). */
export function declaredIdPrefixes(ctx: RuleContext): ReadonlySet<string> {
  const ws = ctx.workspace;
  if (ws.idPrefixes) return ws.idPrefixes();
  return ctx.shared('ids:prefixes', () => {
    const prefixes = new Set<string>();
    for (const e of ws.entries()) if (e.id) prefixes.add(idPrefix(e.id));
    return prefixes;
  });
}

/** Days since 1970-01-01 for a valid YYYY-MM-DD date, else undefined (date arithmetic lives in core/dates.ts). */
export function dayNumber(date: string): number | undefined {
  return dayNumberOf(date);
}

/** `2026-01-31` + 1 month = `2026-02-28`: the day is clamped to the target month. */
export function addMonths(date: string, months: number): string | undefined {
  const iso = parseIsoDate(date.trim());
  return iso === undefined ? undefined : addIsoMonths(iso, months);
}

const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  eighteen: 18, twenty: 20, 'twenty-four': 24, a: 1,
};

/**
 * A review cadence as people write it → months. `quarterly` 3, `every 6 months` 6, `twice a year` 6,
 * `annually` 12, `every two years` 24, `every 8 weeks` 2. Undefined when the text names no cadence
 * (`as needed`, `ongoing`).
 */
export function cadenceMonths(text: string): number | undefined {
  const t = text.toLowerCase().replace(/[_]/g, ' ').trim();
  const every = /\bevery\s+(\d{1,3}|[a-z-]+)\s+(day|week|month|year)s?\b/.exec(t);
  if (every) {
    const n = /^\d+$/.test(every[1]!) ? Number(every[1]) : WORD_NUMBERS[every[1]!];
    if (n !== undefined && n > 0) {
      switch (every[2]) {
        case 'day':
          return Math.max(1, Math.round(n / 30));
        case 'week':
          return Math.max(1, Math.round(n / 4.345));
        case 'month':
          return n;
        default:
          return n * 12;
      }
    }
  }
  if (/\bevery\s+(year|twelve months)\b/.test(t)) return 12;
  if (/\bevery\s+(quarter)\b/.test(t)) return 3;
  if (/\bevery\s+month\b/.test(t)) return 1;
  if (/\b(semi-?annual(ly)?|half-?yearly|twice a year|bi-?annual(ly)?)\b/.test(t)) return 6;
  if (/\b(bienn?ial(ly)?)\b/.test(t)) return 24;
  if (/\b(annual(ly)?|yearly|once a year)\b/.test(t)) return 12;
  if (/\bquarterly\b/.test(t)) return 3;
  if (/\bbi-?monthly\b/.test(t)) return 2;
  if (/\bmonthly\b/.test(t)) return 1;
  return undefined;
}

export function cadenceName(months: number): string {
  switch (months) {
    case 1:
      return 'monthly';
    case 3:
      return 'quarterly';
    case 6:
      return 'half-yearly';
    case 12:
      return 'yearly';
    case 24:
      return 'two-yearly';
    default:
      return `${months}-monthly`;
  }
}
