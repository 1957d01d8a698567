import type { Located, Range, Role } from './model';

/**
 * What the workspace index knows of one document without a full parse: enough to resolve links, IDs and
 * roles across documents. Built from a cheap scan of frontmatter and headings (see indexScan.ts).
 */
export interface IndexEntry {
  uri: string;
  id?: string;
  idRange?: Range;
  type?: string;
  title?: string;
  status?: string;
  /** IDs this document links to (frontmatter links and body references), with ranges in this document. */
  links: { relation: string; id: string; range: Range }[];
  roles: Pick<Role, 'name' | 'acronym' | 'aliases' | 'description'>[];
  /** Raw frontmatter data (customer documents carry contract dates, region, tier). */
  data?: Record<string, unknown>;
  /**
   * Section headings (Markdown headings; known section titles in plain text), for workspace symbols. Not the
   * steps: finding steps takes procedure recognition, the most expensive part of a parse, and no rule of another
   * document reads them.
   */
  headings: Located[];
}

/** Copies the identity fields `from` has (id, its range, type, title, status) onto `to`, in this key order. */
export function copyIdentity(from: IndexEntry, to: IndexEntry): void {
  if (from.id !== undefined) to.id = from.id;
  if (from.idRange !== undefined) to.idRange = from.idRange;
  if (from.type !== undefined) to.type = from.type;
  if (from.title !== undefined) to.title = from.title;
  if (from.status !== undefined) to.status = from.status;
}

/**
 * The workspace as the core sees it. The LSP and the CLI each provide one; the core never touches the file
 * system or the connection.
 */
export interface Workspace {
  /** Every indexed document. */
  entries(): Iterable<IndexEntry>;
  get(uri: string): IndexEntry | undefined;
  /** Documents declaring `id` (more than one means a duplicate id). */
  byId(id: string): IndexEntry[];
  /** Prefixes (`PRC` of `PRC-001`) of every declared id; optional, lint scans `entries()` without it. */
  idPrefixes?(): ReadonlySet<string>;
  /** The workspace folder (path or URI, as the entries' `uri`s are written): messages name documents relative to it. */
  root?: string;
}

function prefixOf(id: string): string {
  const dash = id.lastIndexOf('-');
  return dash > 0 ? id.slice(0, dash) : id;
}

/**
 * The workspace index. The language server updates it on every keystroke (the open document's entry is
 * replaced per version), so the id lookup and the id prefixes are kept up to date entry by entry instead of
 * being rebuilt from all entries after each change: with 10,000 documents a rebuild cost 12 ms of every edit.
 * `byId` lists entries in the order their URIs were first added.
 */
export class InMemoryWorkspace implements Workspace {
  private readonly docs = new Map<string, IndexEntry>();
  /** Insertion position of each URI in `docs`, to keep `byId` lists in `docs` order. */
  private readonly position = new Map<string, number>();
  private nextPosition = 0;
  private readonly ids = new Map<string, IndexEntry[]>();
  private readonly prefixCounts = new Map<string, number>();
  private prefixSet: Set<string> | undefined;
  private prefixChanges = 0;
  root?: string;

  constructor(entries: Iterable<IndexEntry> = [], root?: string) {
    for (const e of entries) this.set(e);
    if (root !== undefined) this.root = root;
  }

  set(entry: IndexEntry): void {
    const before = this.docs.get(entry.uri);
    if (!before) this.position.set(entry.uri, this.nextPosition++);
    this.docs.set(entry.uri, entry);
    if (before && before.id === entry.id) {
      if (entry.id) {
        const list = this.ids.get(entry.id)!;
        list[list.indexOf(before)] = entry;
      }
      return;
    }
    if (before) this.removeId(before);
    if (entry.id) this.addId(entry);
  }

  delete(uri: string): boolean {
    const before = this.docs.get(uri);
    if (!before) return false;
    this.docs.delete(uri);
    this.position.delete(uri);
    this.removeId(before);
    return true;
  }

  entries(): Iterable<IndexEntry> {
    return this.docs.values();
  }

  get(uri: string): IndexEntry | undefined {
    return this.docs.get(uri);
  }

  get size(): number {
    return this.docs.size;
  }

  byId(id: string): IndexEntry[] {
    const list = this.ids.get(id);
    return list ? [...list] : [];
  }

  idPrefixes(): ReadonlySet<string> {
    return (this.prefixSet ??= new Set(this.prefixCounts.keys()));
  }

  /** Counts changes of the set `idPrefixes()` returns (a prefix appeared or disappeared). */
  get prefixRevision(): number {
    return this.prefixChanges;
  }

  private addId(entry: IndexEntry): void {
    const id = entry.id!;
    const list = this.ids.get(id);
    if (!list) this.ids.set(id, [entry]);
    else {
      const at = this.position.get(entry.uri)!;
      let i = list.length;
      while (i > 0 && this.position.get(list[i - 1]!.uri)! > at) i--;
      list.splice(i, 0, entry);
    }
    const prefix = prefixOf(id);
    const n = this.prefixCounts.get(prefix) ?? 0;
    this.prefixCounts.set(prefix, n + 1);
    if (n === 0) {
      this.prefixSet = undefined;
      this.prefixChanges++;
    }
  }

  private removeId(entry: IndexEntry): void {
    if (!entry.id) return;
    const list = this.ids.get(entry.id);
    if (list) {
      const i = list.indexOf(entry);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.ids.delete(entry.id);
    }
    const prefix = prefixOf(entry.id);
    const n = (this.prefixCounts.get(prefix) ?? 1) - 1;
    if (n > 0) this.prefixCounts.set(prefix, n);
    else {
      this.prefixCounts.delete(prefix);
      this.prefixSet = undefined;
      this.prefixChanges++;
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPosition(v: unknown): boolean {
  return isRecord(v) && Number.isInteger(v['line']) && Number.isInteger(v['character']) && (v['line'] as number) >= 0 && (v['character'] as number) >= 0;
}

function isRange(v: unknown): boolean {
  return isRecord(v) && isPosition(v['start']) && isPosition(v['end']);
}

const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';
const isStringList = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * Whether `v` has the shape of an IndexEntry: for entries read back from storage (language server) or a cache
 * file (CLI), which may be damaged or written by someone else, before any rule reads them.
 */
export function isIndexEntry(v: unknown): v is IndexEntry {
  if (!isRecord(v) || typeof v['uri'] !== 'string') return false;
  for (const k of ['id', 'type', 'title', 'status']) if (!optionalString(v[k])) return false;
  if (v['idRange'] !== undefined && !isRange(v['idRange'])) return false;
  if (v['data'] !== undefined && !isRecord(v['data'])) return false;
  const links = v['links'];
  if (!Array.isArray(links) || !links.every((l) => isRecord(l) && typeof l['relation'] === 'string' && typeof l['id'] === 'string' && isRange(l['range']))) return false;
  const roles = v['roles'];
  if (!Array.isArray(roles) || !roles.every((r) => isRecord(r) && typeof r['name'] === 'string' && isStringList(r['aliases']) && optionalString(r['acronym']) && optionalString(r['description']))) return false;
  const headings = v['headings'];
  return Array.isArray(headings) && headings.every((s) => isRecord(s) && typeof s['value'] === 'string' && isRange(s['range']));
}
