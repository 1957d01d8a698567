/**
 * The language server's workspace index: one entry per document, from the file on disk (cheap scan) or, while a
 * document is open, from the editor's copy (its full parse). Every change that alters an entry bumps `revision`
 * and adds the read keys it affects (readTracking.ts) to the pending change, which `takeChange` hands to the
 * analyses: they re-lint exactly the open documents whose reads it touches.
 */
import { InMemoryWorkspace, type IndexEntry } from '../core/workspace';
import { entryChangeKeys, TrackingWorkspace } from './readTracking';

export interface IndexChange {
  /** The revision after the change. */
  revision: number;
  /** Read keys the change affects. */
  keys: ReadonlySet<string>;
}

export class WorkspaceIndex {
  /** Every current entry; what requests (completion, references, symbols…) read. */
  readonly workspace = new InMemoryWorkspace();
  /** The same index with read recording, for the lint. */
  readonly tracking = new TrackingWorkspace(this.workspace);
  /** Entries read from disk, by normalised URI; an open document's entry replaces its disk entry. */
  private readonly disk = new Map<string, IndexEntry>();
  /** Client URI of each open document by normalised URI, so disk events leave the open copy alone. */
  private readonly openByKey = new Map<string, string>();
  private rev = 0;
  private pending = new Set<string>();

  constructor(private readonly normalise: (uri: string) => string = (u) => u) {}

  get revision(): number {
    return this.rev;
  }

  set root(root: string | undefined) {
    if (root === undefined) delete this.workspace.root;
    else this.workspace.root = root;
  }

  get size(): number {
    return this.workspace.size;
  }

  /** The entry of the file on disk at `key` (normalised URI), as last read. */
  diskEntry(key: string): IndexEntry | undefined {
    return this.disk.get(key);
  }

  /** The client URI of the open document whose file is `key`, if one is open. */
  openUriOf(key: string): string | undefined {
    return this.openByKey.get(key);
  }

  /** The file at `key` was read (an entry) or is gone (undefined); the open copy, if any, stays in charge. */
  setDisk(key: string, entry: IndexEntry | undefined): void {
    if (entry) this.disk.set(key, entry);
    else this.disk.delete(key);
    if (!this.openByKey.has(key)) this.apply(key, entry);
  }

  /** Many files read at once (indexing): one pass, one revision. */
  setDiskMany(entries: Iterable<IndexEntry>): void {
    for (const e of entries) this.setDisk(e.uri, e);
  }

  /** A document was opened: from now on its entry comes from the editor (`setOpen`). */
  open(uri: string): void {
    const key = this.normalise(uri);
    this.openByKey.set(key, uri);
    // The disk entry stays under `key` until the first parse replaces it at `uri`; a client URI that differs
    // from the normalised one must not leave the disk entry behind as a second declaration of the same id.
    if (key !== uri && this.disk.has(key)) this.apply(key, undefined);
  }

  /** The open document's current entry (undefined: it has none, e.g. over the size budget). */
  setOpen(uri: string, entry: IndexEntry | undefined): void {
    this.apply(uri, entry);
  }

  /**
   * The document was closed. Its entry stays until the saved file's entry arrives (`closed`), so links to it do
   * not flicker broken meanwhile.
   */
  close(uri: string): void {
    this.openByKey.delete(this.normalise(uri));
  }

  /** The saved file of a closed document was read (`entry`; undefined when it cannot be). */
  closed(uri: string, entry: IndexEntry | undefined): void {
    const key = this.normalise(uri);
    // A client URI spelled differently from the file's loses its entry, unless the document was reopened.
    if (key !== uri && !this.openByKey.has(key)) this.apply(uri, undefined);
    this.setDisk(key, entry);
  }

  /** Forgets the disk entries under a removed folder (open documents keep theirs). */
  removeFolder(prefix: string): void {
    for (const key of [...this.disk.keys()]) {
      if (!key.startsWith(prefix)) continue;
      this.disk.delete(key);
      if (!this.openByKey.has(key)) this.apply(key, undefined);
    }
  }

  /** Everything changed since the last call, or undefined when nothing did. */
  takeChange(): IndexChange | undefined {
    if (this.pending.size === 0) return undefined;
    const keys = this.pending;
    this.pending = new Set();
    return { revision: this.rev, keys };
  }

  private apply(uri: string, entry: IndexEntry | undefined): void {
    const before = this.workspace.get(uri);
    if (!before && !entry) return;
    const prefixes = this.workspace.prefixRevision;
    if (entry) this.workspace.set(entry);
    else this.workspace.delete(uri);
    const keys = entryChangeKeys(uri, before, entry);
    if (this.workspace.prefixRevision !== prefixes) keys.add('prefixes');
    if (keys.size === 0) return;
    this.rev++;
    for (const k of keys) this.pending.add(k);
  }
}
