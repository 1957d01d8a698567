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
  isSop: boolean;
  /** IDs this document links to (frontmatter links and body references), with ranges in this document. */
  links: { relation: string; id: string; range: Range }[];
  roles: Pick<Role, 'name' | 'acronym' | 'aliases' | 'description'>[];
  /** Raw frontmatter data (customer documents carry contract dates, region, tier). */
  data?: Record<string, unknown>;
  /** Step titles (for cross-document completion and symbols). */
  steps: Located[];
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
}

export class InMemoryWorkspace implements Workspace {
  private readonly docs = new Map<string, IndexEntry>();
  private idMap: Map<string, IndexEntry[]> | undefined;
  private prefixes: Set<string> | undefined;

  constructor(entries: Iterable<IndexEntry> = []) {
    for (const e of entries) this.docs.set(e.uri, e);
  }

  set(entry: IndexEntry): void {
    this.docs.set(entry.uri, entry);
    this.idMap = undefined;
    this.prefixes = undefined;
  }

  delete(uri: string): boolean {
    this.idMap = undefined;
    this.prefixes = undefined;
    return this.docs.delete(uri);
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
    if (!this.idMap) {
      this.idMap = new Map();
      for (const e of this.docs.values()) {
        if (!e.id) continue;
        const list = this.idMap.get(e.id);
        if (list) list.push(e);
        else this.idMap.set(e.id, [e]);
      }
    }
    return this.idMap.get(id) ?? [];
  }

  idPrefixes(): ReadonlySet<string> {
    if (!this.prefixes) {
      this.prefixes = new Set();
      for (const e of this.docs.values()) {
        if (!e.id) continue;
        const dash = e.id.lastIndexOf('-');
        this.prefixes.add(dash > 0 ? e.id.slice(0, dash) : e.id);
      }
    }
    return this.prefixes;
  }
}
