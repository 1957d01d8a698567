import { makeRange, type Range, type Role, type RoleSource, type Section } from '../model';
import { describesAParty, looksLikeRoleName, normaliseRole, roleAliases, splitNameAndAcronym } from '../roles';
import type { LineInfo } from './lines';
import { rangeOf, readField } from './text';

interface Cell {
  text: string;
  line: number;
  start: number;
  end: number;
}

/**
 * Table rows read from source lines, including the line-broken form of seeds 000–002 where each cell sits on
 * its own line (`| Role |` then `Responsibility |`). GFM's table parser is deliberately not used (quadratic).
 */
export function readTables(lines: LineInfo[]): Cell[][][] {
  const tables: Cell[][][] = [];
  let table: Cell[][] | undefined;
  let row: Cell[] | undefined;
  for (const info of lines) {
    const raw = info.raw;
    const trimmed = raw.trim();
    const isRowStart = info.block === 'text' && trimmed.startsWith('|');
    const isContinuation = info.block === 'text' && !!row && !trimmed.startsWith('|') && trimmed.endsWith('|');
    if (!isRowStart && !isContinuation) {
      if (row && table) table.push(row);
      if (table && table.length) tables.push(table);
      table = undefined;
      row = undefined;
      continue;
    }
    if (isRowStart) {
      if (row && table) table.push(row);
      table ??= [];
      row = [];
    }
    for (const cell of splitCells(info)) row!.push(cell);
  }
  if (row && table) table.push(row);
  if (table && table.length) tables.push(table);
  return tables.map((t) => t.filter((r) => !r.every((c) => /^:?-+:?$/.test(c.text))));
}

const MAX_CELLS = 64;

function splitCells(info: LineInfo): Cell[] {
  const raw = info.raw;
  const cells: Cell[] = [];
  let segStart = 0;
  const lead = raw.length - raw.trimStart().length;
  const startsWithPipe = raw.trimStart().startsWith('|');
  if (startsWithPipe) segStart = lead + 1;
  for (let i = segStart; i <= raw.length; i++) {
    if (i === raw.length || (raw[i] === '|' && raw[i - 1] !== '\\')) {
      let a = segStart;
      let b = i;
      while (a < b && /[\s*_`]/.test(raw[a]!)) a++;
      while (b > a && /[\s*_`]/.test(raw[b - 1]!)) b--;
      const isTrailingEmpty = i === raw.length && a === b;
      if (!isTrailingEmpty) cells.push({ text: raw.slice(a, b), line: info.line, start: a, end: b });
      // Only role tables are read, and none is that wide: the rest of such a line is not a table.
      if (cells.length >= MAX_CELLS) break;
      segStart = i + 1;
    }
  }
  return cells;
}

const ROLE_HEADER = /^(roles?|responsible( part(y|ies))?|team|teams|who|owner|party|parties|function|position|stakeholder)$/i;
const STEP_NUMBER_HEADER = /^(#|no\.?|nr\.?|step|step #|step no\.?|seq|order)$/i;
const DESCRIPTION_HEADER = /(responsibilit|description|duties|tasks|accountabilit|what|scope)/i;

export interface RoleCollector {
  add(source: RoleSource, rawName: string, range: Range, description?: string, raci?: string, acronymHint?: string): void;
  roles: Role[];
}

export function makeRoleCollector(): RoleCollector {
  const byAlias = new Map<string, Role>();
  const roles: Role[] = [];
  return {
    roles,
    add(source, rawName, range, description, raci, acronymHint) {
      const split = splitNameAndAcronym(rawName);
      const name = split.name;
      if (!name || name.length > 80) return;
      const acronym = split.acronym ?? acronymHint;
      const aliases = roleAliases(name, acronym);
      if (aliases.length === 0) return;
      const existing = aliases.map((a) => byAlias.get(a)).find((r) => r !== undefined);
      if (existing) {
        // The first declaration wins; later ones may only fill in what it lacked.
        if (!existing.acronym && acronym) existing.acronym = acronym;
        if (!existing.description && description) existing.description = description;
        if (!existing.raci && raci) existing.raci = raci;
        for (const a of roleAliases(name, acronym)) {
          if (!existing.aliases.includes(a)) existing.aliases.push(a);
          byAlias.set(a, existing);
        }
        return;
      }
      const nameRange = makeRange(
        range.start.line,
        range.start.character + split.nameStart,
        range.start.line,
        range.start.character + split.nameEnd,
      );
      const role: Role = { name, aliases, range: nameRange, source };
      if (acronym) role.acronym = acronym;
      if (description) role.description = description;
      if (raci) role.raci = raci;
      roles.push(role);
      for (const a of aliases) byAlias.set(a, role);
    },
  };
}

export function rolesFromTables(tables: Cell[][][], collector: RoleCollector): void {
  for (const table of tables) {
    const header = table[0];
    if (!header) continue;
    const roleCol = header.findIndex((c) => ROLE_HEADER.test(c.text));
    if (roleCol < 0) continue;
    // "| Step | Who | What |": a numbered procedure assigns its steps to parties; it does not declare them.
    // Declaring them would make every owner it names known, and unknown-role blind to the table it checks.
    if (header.some((c) => STEP_NUMBER_HEADER.test(c.text))) continue;
    const descCol = header.findIndex((c, i) => i !== roleCol && DESCRIPTION_HEADER.test(c.text));
    for (const row of table.slice(1)) {
      const cell = row[roleCol];
      if (!cell || !cell.text) continue;
      const desc = descCol >= 0 ? row[descCol]?.text : undefined;
      collector.add('table', cell.text, makeRange(cell.line, cell.start, cell.line, cell.end), desc);
    }
  }
}

/** Descriptions of things, not parties: "Services ensuring …", "The platform used …". */
const THING = /^(a |an |the |our )?([\w-]+ )?(suite|platform|system|tool|software|services?|process|meeting|document|portal|hub|method|framework|practice|metric|application|database)\b/i;

const DEFINITION = /^([A-Z][^:]{1,80}?)\s*:\s+(.+)$/;

/** `- Customer Success Manager (CSM): The primary point of contact …` */
export function roleFromDefinition(info: LineInfo, collector: RoleCollector, inRolesSection: boolean): void {
  const m = DEFINITION.exec(info.text);
  if (!m) return;
  const name = m[1]!;
  const description = m[2]!.trim();
  const split = splitNameAndAcronym(name);
  if (!inRolesSection) {
    const party = describesAParty(description);
    if (!party && (!looksLikeRoleName(split.name) || THING.test(description))) return;
  }
  collector.add('definitions', name, rangeOf(info, 0, name.length), description);
}

const RACI_LABELS = new Set(['driver', 'approver', 'contributors', 'informed', 'accountable', 'consulted', 'owner']);
const RACI_NAMES: Record<string, string> = {
  driver: 'Driver',
  approver: 'Approver',
  contributors: 'Contributor',
  informed: 'Informed',
  accountable: 'Accountable',
  consulted: 'Consulted',
  owner: 'Responsible',
};

/** `- **Contributors**: Solutions Engineer, Support Engineer` → one role per listed party. */
export function rolesFromRaciLine(info: LineInfo, collector: RoleCollector): boolean {
  const field = readField(info);
  if (!field || !RACI_LABELS.has(field.label)) return false;
  const valueStart = info.text.length - field.value.length - trailingCut(info.text, field.value);
  forEachParty(field.value, (part, offset) => {
    const name = leadingTitleWords(part);
    if (!name) return;
    const a = valueStart + offset;
    collector.add('daci', name, rangeOf(info, a, a + name.length), undefined, RACI_NAMES[field.label]);
  });
  return true;
}

function trailingCut(text: string, value: string): number {
  const idx = text.lastIndexOf(value);
  return idx < 0 ? 0 : text.length - idx - value.length;
}

/** No real owner or DACI line names more parties; past this a line is noise, and reading it all costs time. */
const MAX_PARTIES = 100;

/** Splits "A, B and C" / "A; B" / "A + B" into parts with their offsets; separators inside parentheses do not split. */
export function forEachParty(value: string, visit: (part: string, offset: number) => void, limit = MAX_PARTIES): void {
  const depthAt = new Uint16Array(value.length + 1);
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    depthAt[i] = depth;
    if (value[i] === '(') depth = Math.min(depth + 1, 65535);
    else if (value[i] === ')') depth = Math.max(0, depth - 1);
  }
  const re = /,|;|\+|&|\/|\band\b|\bor\b/g;
  let last = 0;
  let m: RegExpExecArray | null;
  const parts: [string, number][] = [];
  while ((m = re.exec(value))) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (depthAt[m.index]! > 0) continue;
    parts.push([value.slice(last, m.index), last]);
    last = m.index + m[0].length;
    if (parts.length >= limit) break;
  }
  if (parts.length < limit) parts.push([value.slice(last), last]);
  for (const [p, off] of parts) {
    const lead = p.length - p.trimStart().length;
    const t = p.trim();
    if (t) visit(t, off + lead);
  }
}

/** "Customer Success Manager assigned to account" → "Customer Success Manager"; keeps "(CSM)". */
export function leadingTitleWords(text: string): string {
  const words = text.split(/(\s+)/);
  let out = '';
  let pendingConnector = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (/^\s+$/.test(w)) {
      if (out) pendingConnector += w;
      continue;
    }
    if (/^[A-Z0-9(]/.test(w)) {
      out += pendingConnector + w;
      pendingConnector = '';
    } else if (out && /^(of|and|for|the|&|to)$/.test(w)) {
      pendingConnector += w;
    } else break;
  }
  // A parenthesised person's name ("(Jared)") stays in the text; splitNameAndAcronym drops it.
  return out.trim();
}

/** Scope lists: "- Customer Success Managers (CSMs)". */
export function roleFromScopeItem(info: LineInfo, collector: RoleCollector): void {
  const text = info.text.replace(/[.;,]$/, '');
  if (text.includes(':') || text.split(/\s+/).length > 7) return;
  const split = splitNameAndAcronym(text);
  if (!looksLikeRoleName(split.name) || !/^[A-Z]/.test(split.name)) return;
  collector.add('scope', text, rangeOf(info, 0, text.length));
}

export function isRolesSection(section: Section | undefined): boolean {
  return !!section && (section.kind === 'roles' || /\b(daci|raci|rapid)\b/i.test(section.title));
}

export { normaliseRole };
