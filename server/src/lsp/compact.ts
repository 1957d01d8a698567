/**
 * Index entries of closed files live as long as the server. Their strings (titles, ids, role names, frontmatter
 * values) are slices of the file's whole text, and a slice keeps its whole parent string alive in V8: 10,000
 * indexed files kept ~40 MB of file text reachable for a few hundred bytes of names each (measured: heap after
 * indexing 106 MB → 64 MB with copies). So entries are compacted once, when they enter the index from disk.
 */
import type { IndexEntry } from '../core/workspace';

/** A copy of `s` that does not share storage with the string it was sliced from. */
function own(s: string): string {
  // Concatenation then slice forces a new sequential string; short strings are never slices (V8: < 13 chars).
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function compactValue(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return own(v);
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

/** Compacts the entry's strings in place (it must not be shared) and returns it. */
export function compactEntry(entry: IndexEntry): IndexEntry {
  return compactValue(entry, 0) as IndexEntry;
}
