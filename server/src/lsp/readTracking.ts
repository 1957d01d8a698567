/**
 * What an analysis read from the workspace index, so that a change of the index re-analyses exactly the open
 * documents whose reads it touched (and nothing else).
 *
 * The lint reads other documents only through the `Workspace` interface (core/workspace.ts). While a document is
 * linted, `TrackingWorkspace` records each read as a key:
 *
 * | key                 | read                                                                 |
 * | ------------------- | -------------------------------------------------------------------- |
 * | `id:<ID>`           | `byId(ID)`: which documents declare ID                                |
 * | `doc:<uri>:<field>` | a field of a document handed out by `byId` (its status, title, …)      |
 * | `all`               | iterating `entries()`: which documents exist                           |
 * | `all:<field>`       | a field read while iterating `entries()` (every document's roles, …)   |
 * | `prefixes`          | `idPrefixes()`                                                        |
 * | `*`                 | something this module cannot see into: any change affects it          |
 *
 * `entryChangeKeys` turns one entry's change into the keys it affects, field by field, so a keystroke that only
 * moves a step title of document B does not re-lint document A, which read B's status.
 *
 * Values the rules share across documents (`LintInput.shared`: every declared role, …) are computed once, while
 * linting one document; `TrackedShared` remembers what each one read and charges it to every later document
 * that uses the value, and drops the value when its reads change.
 */
import type { IndexEntry, Workspace } from '../core/workspace';

export const ANY = '*';

/** Keys of a set of reads; `ANY` means "affected by every change". */
export type Reads = Set<string>;

/** Whether a change with these keys touches these reads. */
export function affects(changed: ReadonlySet<string>, reads: ReadonlySet<string>): boolean {
  if (changed.size === 0) return false;
  if (reads.has(ANY)) return true;
  const [small, large] = changed.size < reads.size ? [changed, reads] : [reads, changed];
  for (const k of small) if (large.has(k)) return true;
  return false;
}

/** Structural equality of index entry values (JSON-like data, plus the Dates frontmatter may hold). */
export function sameValue(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (depth > 30) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  // Compacted values (lsp/compact.ts) compare as the plain values they stand for.
  if (hasToJSON(a) || hasToJSON(b)) return sameValue(hasToJSON(a) ? a.toJSON() : a, hasToJSON(b) ? b.toJSON() : b, depth + 1);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], bb[i], depth + 1)) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

/** The read keys a change of the entry at `uri` from `before` to `after` affects (either may be absent). */
export function entryChangeKeys(uri: string, before: IndexEntry | undefined, after: IndexEntry | undefined, out: Set<string> = new Set()): Set<string> {
  if (!before && !after) return out;
  if (!before || !after) {
    // A document appears or goes: iterations see it (every field it has), `get(uri)` sees it (its uri), and
    // `byId` of its id does. No one can have read its other fields by uri before it existed, or be holding
    // them after it is gone without having read its id or iterated: so no `doc:<uri>:<field>` keys, which for
    // 10,000 new entries would be 80,000 strings.
    const e = (before ?? after)!;
    out.add('all');
    out.add(`doc:${uri}:uri`);
    for (const f of Object.keys(e)) out.add(`all:${f}`);
    if (e.id) out.add(`id:${e.id}`);
    return out;
  }
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  const fields = new Set([...Object.keys(b), ...Object.keys(a)]);
  for (const f of fields) {
    if (sameValue(b[f], a[f])) continue;
    out.add(`doc:${uri}:${f}`);
    out.add(`all:${f}`);
  }
  if (before.id !== after.id) {
    if (before.id) out.add(`id:${before.id}`);
    if (after.id) out.add(`id:${after.id}`);
  }
  return out;
}

function hasToJSON(v: object): v is { toJSON(): unknown } {
  return typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

interface Frame {
  /** The shared value being computed in this frame; undefined for the document's own frame. */
  sharedKey?: string;
  reads: Reads;
}

/**
 * The workspace as the lint sees it: the same answers as `inner`, with every read recorded while `track` runs.
 * Outside `track` it is `inner` itself, with no recording and no proxies.
 */
export class TrackingWorkspace implements Workspace {
  private frames: Frame[] = [];
  private readonly viaById = new WeakMap<IndexEntry, IndexEntry>();
  private readonly viaEntries = new WeakMap<IndexEntry, IndexEntry>();

  constructor(private readonly inner: Workspace) {}

  get root(): string | undefined {
    return this.inner.root;
  }

  /** Runs `fn` (a lint) recording its reads into `reads`. */
  track<T>(reads: Reads, fn: () => T): T {
    const outer = this.frames;
    this.frames = [{ reads }];
    try {
      return fn();
    } finally {
      // A shared value whose computation threw leaves its frame open: its reads still count for this document.
      while (this.frames.length > 1) this.popTop();
      this.frames = outer;
    }
  }

  get tracking(): boolean {
    return this.frames.length > 0;
  }

  record(key: string): void {
    this.frames[this.frames.length - 1]?.reads.add(key);
  }

  recordAll(keys: Iterable<string>): void {
    const top = this.frames[this.frames.length - 1];
    if (top) for (const k of keys) top.reads.add(k);
  }

  /** A shared value starts computing: its reads go to a frame of their own (and to the reader, on close). */
  openShared(key: string): void {
    if (this.frames.length) this.frames.push({ sharedKey: key, reads: new Set() });
  }

  /** The reads of the shared value `key`, or undefined when its computation was not seen opening. */
  closeShared(key: string): Reads | undefined {
    const top = this.frames[this.frames.length - 1];
    if (!top || top.sharedKey !== key || this.frames.length < 2) return undefined;
    return this.popTop();
  }

  private popTop(): Reads {
    const top = this.frames.pop()!;
    this.recordAll(top.reads);
    return top.reads;
  }

  entries(): Iterable<IndexEntry> {
    if (!this.tracking) return this.inner.entries();
    this.record('all');
    return this.proxied(this.inner.entries());
  }

  private *proxied(entries: Iterable<IndexEntry>): Iterable<IndexEntry> {
    for (const e of entries) yield this.proxy(e, this.viaEntries, (field) => `all:${field}`);
  }

  get(uri: string): IndexEntry | undefined {
    const e = this.inner.get(uri);
    if (!this.tracking) return e;
    // Whether the document exists is its uri field changing from or to nothing.
    this.record(`doc:${uri}:uri`);
    return e && this.proxy(e, this.viaById, (field) => `doc:${e.uri}:${field}`);
  }

  byId(id: string): IndexEntry[] {
    const list = this.inner.byId(id);
    if (!this.tracking) return list;
    this.record(`id:${id}`);
    return list.map((e) => this.proxy(e, this.viaById, (field) => `doc:${e.uri}:${field}`));
  }

  idPrefixes(): ReadonlySet<string> {
    this.record('prefixes');
    if (this.inner.idPrefixes) return this.inner.idPrefixes();
    // Without the inner index's own set every id is read.
    this.record('all:id');
    const out = new Set<string>();
    for (const e of this.inner.entries()) if (e.id) out.add(e.id.slice(0, Math.max(0, e.id.lastIndexOf('-')) || undefined));
    return out;
  }

  private proxy(entry: IndexEntry, cache: WeakMap<IndexEntry, IndexEntry>, keyOf: (field: string) => string): IndexEntry {
    let p = cache.get(entry);
    if (!p) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const tracker = this;
      p = new Proxy(entry, {
        get(target, prop, receiver) {
          if (typeof prop === 'string') tracker.record(keyOf(prop));
          return Reflect.get(target, prop, receiver) as unknown;
        },
        has(target, prop) {
          if (typeof prop === 'string') tracker.record(keyOf(prop));
          return Reflect.has(target, prop);
        },
        ownKeys(target) {
          tracker.record(ANY);
          return Reflect.ownKeys(target);
        },
      });
      cache.set(entry, p);
    }
    return p;
  }
}

/**
 * `LintInput.shared` that knows what each value read. The lint engine computes a shared value as
 * `has(key) ? get(key) : set(key, compute())`: `has` answering false opens a frame for the computation, `set`
 * closes it. A value read later charges its reads to the reader. A value set without its frame having been seen
 * (another calling pattern) is charged as `ANY`, which is never wrong, only coarser.
 */
export class TrackedShared extends Map<string, unknown> {
  private readonly reads = new Map<string, Reads>();
  private tracker: TrackingWorkspace | undefined;

  attach(tracker: TrackingWorkspace): this {
    this.tracker = tracker;
    return this;
  }

  override has(key: string): boolean {
    const present = super.has(key);
    if (present) this.tracker?.recordAll(this.reads.get(key) ?? [ANY]);
    else this.tracker?.openShared(key);
    return present;
  }

  override get(key: string): unknown {
    if (super.has(key)) this.tracker?.recordAll(this.reads.get(key) ?? [ANY]);
    return super.get(key);
  }

  override set(key: string, value: unknown): this {
    // Map's constructor may call set before the fields above exist.
    this.reads?.set(key, this.tracker?.closeShared(key) ?? new Set([ANY]));
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.reads.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.reads.clear();
    super.clear();
  }

  /** Forgets the values whose reads `changed` touches; returns how many were dropped. */
  invalidate(changed: ReadonlySet<string>): number {
    let dropped = 0;
    for (const [key, reads] of this.reads) {
      if (!affects(changed, reads)) continue;
      this.delete(key);
      dropped++;
    }
    return dropped;
  }
}
