/**
 * `.sopls.json` `sopFiles` / `notSopFiles`: glob patterns that force a document to be an SOP or not.
 * Pure: the caller gives the document's path (or URI) and the patterns; nothing here touches the file system.
 */
import picomatch from 'picomatch';

export interface SopFilePatterns {
  sopFiles: string[];
  notSopFiles: string[];
}

const compiled = new Map<string, (path: string) => boolean>();

function matcher(pattern: string): (path: string) => boolean {
  let m = compiled.get(pattern);
  if (!m) {
    m = picomatch(pattern, { dot: true, nocase: false });
    compiled.set(pattern, m);
  }
  return m;
}

/** The path without a `file://` scheme, with forward slashes, percent escapes decoded. */
function plainPath(uri: string): string {
  let p = uri.replace(/^file:\/\//, '');
  try {
    p = decodeURIComponent(p);
  } catch {
    // A stray % is part of the name.
  }
  return p.replace(/\\/g, '/');
}

/**
 * `true` when a `sopFiles` pattern matches, `false` when a `notSopFiles` one does (checked first), undefined
 * when neither. The workspace root is not known everywhere a document is parsed, so a pattern is tried
 * against every tail of the path: `runbooks/**` matches `/home/me/repo/runbooks/db.md`.
 */
export function sopOverrideFor(uri: string, patterns: SopFilePatterns): boolean | undefined {
  if (!patterns.sopFiles.length && !patterns.notSopFiles.length) return undefined;
  const parts = plainPath(uri).split('/').filter(Boolean);
  const tails: string[] = [];
  for (let i = 0; i < parts.length; i++) tails.push(parts.slice(i).join('/'));
  const matches = (list: string[]): boolean => list.some((pattern) => tails.some((t) => matcher(pattern)(t)));
  if (matches(patterns.notSopFiles)) return false;
  if (matches(patterns.sopFiles)) return true;
  return undefined;
}
