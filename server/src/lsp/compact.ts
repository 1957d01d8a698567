/**
 * Index entries of closed files live as long as the server, 10,000 of them in a large workspace, so they are
 * compacted once, when they enter the index from disk or from the persisted index:
 * - Strings are owned copies. A title or id sliced from the file's text keeps the whole text alive in V8: 10,000
 *   indexed files kept ~40 MB of file text reachable for a few hundred bytes of names each.
 * - Strings and roles are interned: thousands of documents declare the same few roles (name, acronym, aliases,
 *   description) and use the same relation names and section titles; one copy of each serves all of them.
 * - Headings keep their range as four numbers and build the `Range` when it is read: a `Located` with its range
 *   is four objects, and headings are most of what an entry holds (10,000 generated documents: 95,000 headings,
 *   16 MB of 46 MB of entries before this).
 * Entries are never mutated once in the index (the store and the index share their nested values), which is what
 * makes sharing interned roles safe.
 */
import type { Located, Range } from '../core/model';
import type { IndexEntry } from '../core/workspace';

/** Distinct strings and roles kept for sharing; past this the pool stops growing (a workspace of unique names). */
const MAX_POOL = 200_000;
const strings = new Map<string, string>();
const roles = new Map<string, IndexEntry['roles'][number]>();

/** A copy of `s` that does not share storage with the string it was sliced from. */
function own(s: string): string {
  // Concatenation then slice forces a new sequential string; short strings are never slices (V8: < 13 chars).
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The pooled copy of `s` (an owned copy when the pool is full). */
export function intern(s: string): string {
  const hit = strings.get(s);
  if (hit !== undefined) return hit;
  const copy = own(s);
  if (strings.size < MAX_POOL) strings.set(copy, copy);
  return copy;
}

function compactValue(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return intern(v);
  if (depth > 20 || !v || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = compactValue(v[i], depth + 1);
    return v;
  }
  // Plain objects only (frontmatter maps); Dates and the like are left alone.
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return v;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) o[k] = compactValue(o[k], depth + 1);
  return v;
}

/** A heading whose range is four numbers; reads and serialises as the `Located` it stands for. */
class CompactLocated implements Located {
  constructor(
    readonly value: string,
    private readonly sl: number,
    private readonly sc: number,
    private readonly el: number,
    private readonly ec: number,
  ) {}

  get range(): Range {
    return { start: { line: this.sl, character: this.sc }, end: { line: this.el, character: this.ec } };
  }

  /** Writes the range as four numbers, without building it. */
  writeRange(out: IntSink): void {
    out.int(this.sl);
    out.int(this.sc);
    out.int(this.el);
    out.int(this.ec);
  }

  toJSON(): Located {
    return { value: this.value, range: this.range };
  }
}

function compactLocated(l: Located): Located {
  if (l instanceof CompactLocated) return l;
  const r = l.range;
  return new CompactLocated(intern(l.value), r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The pooled role equal to `r` (so thousands of documents declaring the same role share one object). */
export function sharedRole(r: IndexEntry['roles'][number]): IndexEntry['roles'][number] {
  const key = `${r.name}\u0000${r.acronym ?? ''}\u0000${r.description ?? ''}\u0000${r.aliases.join('\u0000')}\u0000${r.acronym === undefined ? 0 : 1}${r.description === undefined ? 0 : 1}`;
  const hit = roles.get(key);
  if (hit) return hit;
  const role = compactValue(r, 0) as IndexEntry['roles'][number];
  if (roles.size < MAX_POOL) roles.set(key, role);
  return role;
}

/** Compacts the entry in place (it must not be shared yet) and returns it. */
export function compactEntry(entry: IndexEntry): IndexEntry {
  entry.uri = own(entry.uri);
  compactFields(entry);
  return entry;
}

/** compactEntry for an entry without its uri (the persisted index stores entries by content). */
export function compactFields<E extends Omit<IndexEntry, 'uri'>>(entry: E): E {
  if (entry.id !== undefined) entry.id = intern(entry.id);
  if (entry.type !== undefined) entry.type = intern(entry.type);
  if (entry.title !== undefined) entry.title = intern(entry.title);
  if (entry.status !== undefined) entry.status = intern(entry.status);
  for (const l of entry.links) {
    l.relation = intern(l.relation);
    l.id = intern(l.id);
  }
  entry.roles = entry.roles.map(sharedRole);
  entry.headings = entry.headings.map(compactLocated);
  if (entry.data !== undefined) compactValue(entry.data, 0);
  return entry;
}

/** Where the persisted index writes its numbers (indexCodec.ts). */
export interface IntSink {
  int(v: number): void;
}

/** Writes a heading's range as four numbers (start line, start character, end line, end character). */
export function writeHeadingRange(l: Located, out: IntSink): void {
  if (l instanceof CompactLocated) return l.writeRange(out);
  const r = l.range;
  out.int(r.start.line);
  out.int(r.start.character);
  out.int(r.end.line);
  out.int(r.end.character);
}

/** A heading from its parts (the persisted index's decoder has already checked them). */
export function compactHeading(value: string, sl: number, sc: number, el: number, ec: number): Located {
  return new CompactLocated(value, sl, sc, el, ec);
}

/** Interns the strings of a frontmatter value in place (plain objects and arrays only). */
export function compactData<T>(v: T): T {
  return compactValue(v, 0) as T;
}

/** Whether `v` reads as a compacted heading (tests, and values that must compare as plain `Located`s). */
export function isCompactLocated(v: unknown): boolean {
  return v instanceof CompactLocated;
}
