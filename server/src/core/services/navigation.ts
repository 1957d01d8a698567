/**
 * Hover, go to definition, find references and rename: everything that starts from "what is under the cursor"
 * (a role, a document ID, a timing phrase, a step reference).
 */
import { MarkupKind, type Hover, type Location, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { allSteps, makeRange, rangeContainsPosition, type Position, type Range, type Step } from '../model';
import { normaliseAcronym, normaliseRole, splitNameAndAcronym } from '../roles';
import type { TimelineStep } from '../timeline/schedule';
import { basename, findRole, idAt, inFrontmatter, lineAt, relativePath, stepLabel, type KnownRole, type ServiceContext } from './context';
import { parseTimingText } from '../timeline/phrases';
import { describeTiming, documentTimingAt, timingAt, windowDetail } from './timing';

// ---- what is under the cursor ----------------------------------------------------------------------------------

export interface RoleHit {
  /** The role as written at the position. */
  written: string;
  /** Range of the role name as written (without a parenthesised acronym). */
  range: Range;
  role?: KnownRole;
  /** The text at the position is the role's acronym. */
  acronym: boolean;
}

/** An owner of a step or a role declaration under the position. */
export function roleAt(ctx: ServiceContext, pos: Position): RoleHit | undefined {
  const hit = (written: string, range: Range): RoleHit | undefined => {
    if (range.start.line !== range.end.line) return undefined;
    const split = splitNameAndAcronym(written);
    const lineText = lineAt(ctx, range.start.line);
    const base = range.start.character;
    // The acronym part of "Customer Success Manager (CSM)" is its own spelling.
    if (split.acronym) {
      const at = lineText.indexOf(split.acronym, base + split.nameEnd);
      if (at >= 0 && pos.character >= at && pos.character <= at + split.acronym.length && at < range.end.character) {
        return { written: split.acronym, range: makeRange(range.start.line, at, range.start.line, at + split.acronym.length), ...withRole(findRole(ctx, written)), acronym: true };
      }
    }
    const name = split.name || written;
    const nameRange = makeRange(range.start.line, base + split.nameStart, range.start.line, base + (split.name ? split.nameEnd : written.length));
    const role = findRole(ctx, written);
    const isAcronym = !!role?.acronym && normaliseAcronym(name) === normaliseAcronym(role.acronym) && /^[A-Z0-9&]{2,}s?$/.test(name);
    return { written: name, range: nameRange, ...withRole(role), acronym: isAcronym };
  };
  for (const s of allSteps(ctx.doc)) {
    if (!rangeContainsPosition(s.range, pos)) continue;
    for (const o of s.owners) {
      if (!o.placeholder && rangeContainsPosition(o.range, pos)) return hit(o.name, o.range);
    }
  }
  for (const r of ctx.doc.roles) {
    if (!rangeContainsPosition(r.range, pos)) continue;
    const written = lineAt(ctx, r.range.start.line).slice(r.range.start.character, r.range.end.character);
    return hit(written, r.range);
  }
  return undefined;
}

function withRole(role: KnownRole | undefined): { role?: KnownRole } {
  return role ? { role } : {};
}

function ownsRole(role: KnownRole, ownerName: string): boolean {
  return role.aliases.includes(normaliseRole(ownerName));
}

function stepsOwnedBy(ctx: ServiceContext, role: KnownRole): Step[] {
  return allSteps(ctx.doc).filter((s) => s.owners.some((o) => !o.placeholder && ownsRole(role, o.name)));
}

/** A step referenced at the position: a timing anchor that resolved to a step, or a `Depends on` value. */
export function stepReferenceAt(ctx: ServiceContext, pos: Position): { step: TimelineStep; range: Range } | undefined {
  const timeline = ctx.timeline();
  const found = timingAt(ctx, pos);
  if (found?.timing.reference?.kind === 'step') {
    const anchor = 'anchor' in found.timing.value ? found.timing.value.anchor : undefined;
    const target = timeline.steps[found.timing.reference.index];
    if (target) return { step: target, range: anchor?.range ?? found.timing.text.range };
  }
  if (found?.timing.value.kind === 'step-anchor') {
    for (const ref of found.timing.value.steps) {
      if (!rangeContainsPosition(ref.range, pos)) continue;
      const target = timeline.steps.find((t) => t.number === ref.number && t.step.kind !== 'substep');
      if (target) return { step: target, range: ref.range };
    }
  }
  for (const t of timeline.steps) {
    for (const d of t.dependsOn) {
      if (d.range && (d.kind === 'depends-on' || d.kind === 'timing' || d.kind === 'during') && rangeContainsPosition(d.range, pos)) {
        const target = timeline.steps[d.on];
        if (target) return { step: target, range: d.range };
      }
    }
  }
  return undefined;
}

// ---- hover ------------------------------------------------------------------------------------------------------

export function hover(ctx: ServiceContext, pos: Position): Hover | null {
  const id = idAt(ctx, pos);
  if (id) return { contents: { kind: MarkupKind.Markdown, value: idHover(ctx, id.id) }, range: id.range };
  if (inFrontmatter(ctx, pos.line)) return null;
  const role = roleAt(ctx, pos);
  if (role) return { contents: { kind: MarkupKind.Markdown, value: roleHover(ctx, role) }, range: role.range };
  const timing = timingAt(ctx, pos);
  if (timing) {
    const t = timing.timing;
    const lines = [`**Timing** \`${t.text.text}\``, describeTiming(t.value)];
    const ref = t.reference;
    if (ref?.kind === 'step') {
      const target = ctx.timeline().steps[ref.index];
      if (target) lines.push(`Measured from step ${target.label}.`);
    } else if (ref?.kind === 'trigger') lines.push(`Measured from the trigger "${ref.text}" (day 0).`);
    else if (ref?.kind === 'milestone') lines.push(`Measured from the ${ref.name} milestone.`);
    lines.push(...windowDetail(timing.step, ctx.timeline()));
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: t.text.range };
  }
  const own = documentTimingAt(ctx, pos);
  if (own) {
    const lines = [`**Timing** \`${own.text}\``, describeTiming(parseTimingText(own)), '_Timing of the document as a whole, outside every step: not scheduled._'];
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: own.range };
  }
  return null;
}

function idHover(ctx: ServiceContext, id: string): string {
  const targets = ctx.workspace.byId(id);
  if (targets.length === 0) return `**${id}**\n\nNo document in the workspace declares this id.`;
  return targets
    .map((e) => {
      const facts = [e.type ? `Type: ${e.type}` : '', e.status ? `Status: ${e.status}` : '', `Path: ${relativePath(ctx.doc.uri, e.uri)}`].filter(Boolean);
      return `**${id}**${e.title ? ` — ${e.title}` : ''}\n\n${facts.join('  \n')}`;
    })
    .join('\n\n---\n\n');
}

function roleHover(ctx: ServiceContext, hit: RoleHit): string {
  const r = hit.role;
  if (!r) return `**${hit.written}**\n\nNot a role declared in this document or the role registry.`;
  const parts = [`**${r.name}**${r.acronym ? ` (${r.acronym})` : ''}`];
  if (r.description) parts.push(r.description);
  else parts.push(r.origin === 'document' ? '_No responsibility written in the declaration._' : '');
  if (r.origin === 'registry') parts.push('_From the role registry._');
  if (r.origin === 'workspace') parts.push(`_Declared in ${basename(r.uri ?? '')}._`);
  const owned = stepsOwnedBy(ctx, r);
  parts.push(owned.length ? `Owns ${owned.length === 1 ? 'one step' : `${owned.length} steps`}:\n${owned.map((s) => `- ${stepLabel(s)}`).join('\n')}` : 'Owns no step in this document.');
  return parts.filter(Boolean).join('\n\n');
}

// ---- definition and references ----------------------------------------------------------------------------------

const ZERO = makeRange(0, 0, 0, 0);

export function definition(ctx: ServiceContext, pos: Position): Location[] {
  const id = idAt(ctx, pos);
  if (id) return ctx.workspace.byId(id.id).map((e) => ({ uri: e.uri, range: e.idRange ?? ZERO }));
  if (inFrontmatter(ctx, pos.line)) return [];
  const role = roleAt(ctx, pos);
  if (role) {
    const decl = role.role?.declaration;
    return decl ? [{ uri: ctx.doc.uri, range: decl.range }] : [];
  }
  const ref = stepReferenceAt(ctx, pos);
  if (ref) return [{ uri: ctx.doc.uri, range: ref.step.step.headingRange }];
  return [];
}

export function references(ctx: ServiceContext, pos: Position, includeDeclaration: boolean): Location[] {
  const id = idAt(ctx, pos);
  if (id) return idReferences(ctx, id.id, includeDeclaration);
  if (inFrontmatter(ctx, pos.line)) return [];
  const role = roleAt(ctx, pos);
  if (role?.role) {
    const out: Location[] = [];
    const decl = role.role.declaration;
    if (includeDeclaration && decl) out.push({ uri: ctx.doc.uri, range: decl.range });
    for (const s of allSteps(ctx.doc)) {
      for (const o of s.owners) if (!o.placeholder && ownsRole(role.role, o.name)) out.push({ uri: ctx.doc.uri, range: o.range });
    }
    return out;
  }
  return [];
}

function idReferences(ctx: ServiceContext, id: string, includeDeclaration: boolean): Location[] {
  const out: Location[] = [];
  if (includeDeclaration) for (const e of ctx.workspace.byId(id)) out.push({ uri: e.uri, range: e.idRange ?? ZERO });
  const entries = [...ctx.workspace.entries()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const e of entries) {
    for (const l of e.links) if (l.id === id) out.push({ uri: e.uri, range: l.range });
  }
  return out;
}

// ---- rename -------------------------------------------------------------------------------------------------------

export const ID_FORMAT = /^[A-Z][A-Z0-9]{1,9}-\d{1,6}$/;

export function prepareRename(ctx: ServiceContext, pos: Position): { range: Range; placeholder: string } | null {
  const id = idAt(ctx, pos);
  if (id) return { range: id.range, placeholder: id.id };
  if (inFrontmatter(ctx, pos.line)) return null;
  const role = roleAt(ctx, pos);
  if (role?.role) return { range: role.range, placeholder: role.written };
  return null;
}

export class RenameError extends Error {}

export function rename(ctx: ServiceContext, pos: Position, newName: string): WorkspaceEdit | null {
  const id = idAt(ctx, pos);
  if (id) {
    const target = newName.trim();
    if (!ID_FORMAT.test(target)) throw new RenameError(`"${newName}" is not a document id: an upper-case prefix, a hyphen and a number, such as PRC-001.`);
    const changes: Record<string, TextEdit[]> = {};
    const seen = new Set<string>();
    for (const loc of idReferences(ctx, id.id, true)) {
      const key = `${loc.uri}#${loc.range.start.line}:${loc.range.start.character}`;
      if (seen.has(key) || loc.range === ZERO) continue;
      seen.add(key);
      (changes[loc.uri] ??= []).push({ range: loc.range, newText: target });
    }
    return { changes };
  }
  if (inFrontmatter(ctx, pos.line)) return null;
  const role = roleAt(ctx, pos);
  if (!role?.role) return null;
  const target = newName.trim();
  if (!target) throw new RenameError('A role needs a name.');
  const edits = roleOccurrences(ctx, role).map((r) => ({ range: r.range, newText: target + r.suffix }));
  return { changes: { [ctx.doc.uri]: edits } };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every place the role is written with the spelling under the cursor (name or acronym), plurals included. */
function roleOccurrences(ctx: ServiceContext, hit: RoleHit): { range: Range; suffix: string }[] {
  const role = hit.role!;
  const spelling = hit.acronym ? role.acronym ?? hit.written : role.name;
  const re = hit.acronym
    ? new RegExp(`(?<![\\w-])${escapeRegExp(spelling)}(s?)(?![\\w-])`, 'g')
    : new RegExp(`(?<![\\w-])${escapeRegExp(spelling)}(s?)(?![\\w-])`, 'gi');
  const out: { range: Range; suffix: string }[] = [];
  const fm = ctx.doc.frontmatter;
  for (let line = 0; line < ctx.lines.length; line++) {
    if (fm && line >= fm.range.start.line && line <= fm.range.end.line) continue;
    const text = ctx.lines[line]!;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) out.push({ range: makeRange(line, m.index, line, m.index + m[0].length), suffix: m[1]! });
  }
  return out;
}
