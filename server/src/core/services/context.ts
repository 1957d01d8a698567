/**
 * What every language feature gets: the parsed document, its source lines, the workspace index, the
 * configuration, and (lazily) the document's timeline. The LSP layer builds one per request from its caches;
 * tests build one from a string. Nothing here touches the file system or the connection.
 */
import type { ResolvedConfig } from '../config';
import { allSteps, rangeContainsPosition, type Position, type Range, type Role, type SopDocument, type Step } from '../model';
import { normaliseAcronym, normaliseRole } from '../roles';
import type { Timeline } from '../timeline/schedule';
import type { IndexEntry, Workspace } from '../workspace';

export interface ServiceContext {
  doc: SopDocument;
  /** Source lines without line endings, as the client counts them. */
  lines: string[];
  workspace: Workspace;
  config: ResolvedConfig;
  /** YYYY-MM-DD. */
  today: string;
  /**
   * The schedule of the document without Monte Carlo runs, the one the lint's timing rules judge (same start),
   * so hints and hovers agree with the diagnostics; computed once per document version by the caller.
   */
  timeline(): Timeline;
}

export function lineAt(ctx: ServiceContext, line: number): string {
  return ctx.lines[line] ?? '';
}

export function inFrontmatter(ctx: ServiceContext, line: number): boolean {
  const fm = ctx.doc.frontmatter;
  return !!fm && line > fm.range.start.line && line < fm.range.end.line;
}

export function stepAt(doc: SopDocument, pos: Position): Step | undefined {
  let found: Step | undefined;
  for (const s of allSteps(doc)) {
    // Sub-steps come after their parent: the innermost step containing the position wins.
    if (rangeContainsPosition(s.range, pos)) found = s;
  }
  return found;
}

export function stepLabel(s: Step): string {
  return s.number !== undefined ? `${s.number}. ${s.title}` : s.title;
}

/** A role as the features see it: declared in the document, in the registry, or in another document. */
export interface KnownRole {
  name: string;
  acronym?: string;
  description?: string;
  aliases: string[];
  /** Where it was found, for the completion detail. */
  origin: 'document' | 'registry' | 'workspace';
  /** Declaration in this document. */
  declaration?: Role;
  /** The document that declares it, for workspace roles. */
  uri?: string;
}

/** Document roles first, then the registry, then roles other documents declare; one entry per role. */
export function knownRoles(ctx: ServiceContext): KnownRole[] {
  const out: KnownRole[] = [];
  const seen = new Set<string>();
  const add = (r: KnownRole): void => {
    const key = normaliseRole(r.name);
    if (seen.has(key) || r.aliases.some((a) => seen.has(a) && a === key)) return;
    if (r.aliases.some((a) => seen.has(a))) return;
    seen.add(key);
    for (const a of r.aliases) seen.add(a);
    out.push(r);
  };
  for (const r of ctx.doc.roles) {
    add({ name: r.name, ...opt('acronym', r.acronym), ...opt('description', r.description), aliases: r.aliases, origin: 'document', declaration: r });
  }
  for (const r of ctx.config.roles) {
    const aliases = [normaliseRole(r.name), ...(r.acronym ? [normaliseAcronym(r.acronym)] : []), ...(r.aliases ?? []).map(normaliseRole)];
    add({ name: r.name, ...opt('acronym', r.acronym), ...opt('description', r.description), aliases, origin: 'registry' });
  }
  for (const e of ctx.workspace.entries()) {
    if (e.uri === ctx.doc.uri) continue;
    for (const r of e.roles) {
      add({ name: r.name, ...opt('acronym', r.acronym), ...opt('description', r.description), aliases: r.aliases, origin: 'workspace', uri: e.uri });
    }
  }
  return out;
}

export function findRole(ctx: ServiceContext, written: string): KnownRole | undefined {
  const key = normaliseRole(written);
  if (!key) return undefined;
  return knownRoles(ctx).find((r) => r.aliases.includes(key) || normaliseRole(r.name) === key);
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

export { opt };

/** The entries declaring `id`, open documents' entries taking precedence (the index already does that). */
export function declarations(ctx: ServiceContext, id: string): IndexEntry[] {
  return ctx.workspace.byId(id);
}

/** The ID link (frontmatter or body) or the document's own `id` value under the position. */
export function idAt(ctx: ServiceContext, pos: Position): { id: string; range: Range; declaration: boolean } | undefined {
  const selfId = ctx.doc.meta.id;
  if (selfId && rangeContainsPosition(selfId.range, pos)) return { id: selfId.value, range: selfId.range, declaration: true };
  for (const l of ctx.doc.links) {
    if (rangeContainsPosition(l.range, pos)) return { id: l.id, range: l.range, declaration: false };
  }
  return undefined;
}

/** The last path segment of a URI, for labels. */
export function basename(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  const i = clean.lastIndexOf('/');
  return decodeURIComponent(i >= 0 ? clean.slice(i + 1) : clean);
}

/** `uri` relative to the folder of `from` when they share one, else the URI itself. */
export function relativePath(from: string, uri: string): string {
  const dir = from.slice(0, from.lastIndexOf('/') + 1);
  if (dir && uri.startsWith(dir)) return decodeURIComponent(uri.slice(dir.length));
  const m = /^file:\/\/(.*)$/.exec(uri);
  return m ? decodeURIComponent(m[1]!) : uri;
}
