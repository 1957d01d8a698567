/**
 * Small pure helpers shared by several rules. Nothing here reads document text: rules work on the model.
 */
import { addMonths as addIsoMonths, dayNumberOf, parseIsoDate } from '../dates';
import { globsMatcher } from '../glob';
import type { Owner, SopDocument, Step } from '../model';
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
  return speaksSopls(data);
}

/** Keys only sopls frontmatter uses; `title`, `type`, `status`, `tags` are every site generator's too. */
const SOPLS_KEYS = ['id', 'links', 'links_to', 'related', 'process_meta', 'contract_signed', 'contract_term_months', 'renewal_date', 'next_review', 'effective_date'];

/**
 * Frontmatter written for sopls: a sopls-only key, or a `type` sopls knows. A Jekyll or Hugo page's frontmatter
 * (`title`, `layout`, `permalink`, a `type` of its own) is not, and is not checked against sopls's schema.
 */
export function speaksSopls(data: Record<string, unknown>): boolean {
  if (SOPLS_KEYS.some((k) => data[k] !== undefined)) return true;
  const type = data['type'];
  return typeof type === 'string' && KNOWN_TYPES.has(type.trim().toLowerCase());
}

/** `CUS-*`, `ACME-??` → a matcher; `*` is any run of characters, `?` one character; case-sensitive like ids. */
export function globMatcher(patterns: readonly string[]): (id: string) => boolean {
  // The same matcher as `include`/`exclude` (core/glob.ts): no backtracking blow-up on hostile patterns.
  return globsMatcher(patterns);
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

/**
 * A step that holds other steps rather than being one: a phase, a `Week 1` heading or a role heading whose
 * numbered steps or checklist items are the tasks. A stage whose children are only sub-steps (its `Day 7`
 * blocks, its check-ins) is a task of its own.
 */
export function isContainerStep(step: Step): boolean {
  return step.substeps.some((s) => s.kind !== 'substep');
}

/**
 * The steps someone has to do, each with the containers above it (outermost first): containers are opened,
 * sub-steps of a task are part of that task and done by its owner.
 */
export function taskSteps(doc: SopDocument): { step: Step; containers: Step[] }[] {
  const out: { step: Step; containers: Step[] }[] = [];
  // Explicit stack, children pushed in reverse so tasks come out in document order.
  const stack: { step: Step; containers: Step[] }[] = doc.steps.map((step) => ({ step, containers: [] as Step[] })).reverse();
  while (stack.length > 0) {
    const { step, containers } = stack.pop()!;
    if (!isContainerStep(step)) {
      out.push({ step, containers });
      continue;
    }
    const inner = [...containers, step];
    for (let i = step.substeps.length - 1; i >= 0; i--) stack.push({ step: step.substeps[i]!, containers: inner });
  }
  return out;
}

/** Owners a step really has: not placeholders, and not the document's owner assumed for every step. */
export function ownOwners(step: Step): Owner[] {
  return step.owners.filter((o) => !o.placeholder && o.source !== 'document');
}

/**
 * Steps read from weak evidence: a plain bullet or a paragraph, with no number, heading, checklist box, table row
 * or field to say it is a step. The recogniser takes such lines for steps when they read like actions, and is
 * wrong more often than with the others (a list of notes or of things not to do): rules say less about them.
 */
export function weaklyRecognisedSteps(doc: SopDocument): Set<Step> {
  const headingLines = new Set(doc.sections.map((s) => s.headingRange.start.line));
  const weak = new Set<Step>();
  const visit = (list: Step[]): void => {
    // A table's rows are its steps; a row with an empty owner cell still sits in a table that has owners.
    const table = list.some((s) => s.owners.some((o) => o.source === 'table'));
    for (const step of list) {
      if (!table && isWeakStep(step, headingLines)) weak.add(step);
      visit(step.substeps);
    }
  };
  visit(doc.steps);
  return weak;
}

function isWeakStep(step: Step, headingLines: ReadonlySet<number>): boolean {
  if (step.kind !== 'step' || step.number !== undefined || step.fields.length > 0) return false;
  if (headingLines.has(step.headingRange.start.line)) return false;
  const line = step.titleRange.start.line;
  return !step.actions.some((a) => a.checked !== undefined && a.range.start.line === line);
}
