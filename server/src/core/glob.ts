/**
 * Glob matching that cannot blow up. A glob compiled to one backtracking regex (as picomatch and hand-rolled
 * converters do) takes time exponential in its `*` count: `*a*a*a*a*b` against a 250-character file name runs
 * for minutes. Here a glob is split at `/` into segments, `**` segments are matched by a memoised walk over
 * (glob segment, path segment) pairs, and each other segment by:
 *   - literals, `*` and `?` only (almost every real glob): the two-pointer wildcard algorithm, O(name × segment);
 *   - anything else (classes, braces, extglobs): picomatch, for that one segment, if it has at most
 *     MAX_STARS_PER_RICH_SEGMENT stars (so its regex backtracks at most quadratically on one file name).
 * Patterns longer than MAX_GLOB_LENGTH, or rich segments over the star cap, are refused with a reason.
 */
import picomatch from 'picomatch';

export const MAX_GLOB_LENGTH = 256;
/** Paths longer than this never match (no file system here allows them; a hostile name is not worth the work). */
export const MAX_MATCHED_PATH = 4096;
const MAX_STARS_PER_RICH_SEGMENT = 2;
const RICH = /[[\]{}()!+@]/;

export type GlobMatcher = (path: string) => boolean;

export interface CompiledGlob {
  match?: GlobMatcher;
  /** Why the glob was refused (then `match` is undefined). */
  error?: string;
}

type SegmentMatcher = { kind: 'globstar' } | { kind: 'one'; test: (name: string) => boolean };

/** Matches `name` against a segment of literals, `*` and `?` without backtracking blow-up (at most one resume point). */
export function wildcardMatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    const c = pattern[p];
    if (c === '*') {
      starP = p++;
      starN = n;
    } else if (p < pattern.length && (c === '?' || c === name[n])) {
      p++;
      n++;
    } else if (starP >= 0) {
      // Let the last star swallow one more character and retry from just after it.
      p = starP + 1;
      n = ++starN;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

function compileSegment(segment: string): SegmentMatcher | string {
  if (segment === '**') return { kind: 'globstar' };
  if (!RICH.test(segment)) {
    const literal = segment.replace(/\\(.)/g, '$1');
    return { kind: 'one', test: (name) => wildcardMatch(literal, name) };
  }
  const stars = (segment.match(/\*+/g) ?? []).length;
  if (stars > MAX_STARS_PER_RICH_SEGMENT) return `segment "${segment}" combines ${stars} wildcards with classes or braces (at most ${MAX_STARS_PER_RICH_SEGMENT})`;
  const re = picomatch.makeRe(segment, { dot: true });
  return { kind: 'one', test: (name) => re.test(name) };
}

/** Compiles a `/`-separated glob (`**` any folders, `*` any characters but `/`, `?` one character). */
export function compileGlob(glob: string): CompiledGlob {
  if (glob.length > MAX_GLOB_LENGTH) return { error: `longer than ${MAX_GLOB_LENGTH} characters` };
  const g = glob.replace(/\\(?![[\]{}()*?!+@])/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const segments: SegmentMatcher[] = [];
  for (const raw of g.split('/')) {
    // `a/**/**/b` is `a/**/b`: collapsing keeps the walk below linear in the number of `**`.
    if (raw === '**' && segments.at(-1)?.kind === 'globstar') continue;
    const s = compileSegment(raw);
    if (typeof s === 'string') return { error: s };
    segments.push(s);
  }
  return { match: (path) => path.length <= MAX_MATCHED_PATH && matchSegments(segments, path.split('/')) };
}

/**
 * Whether the glob matches the path or one of its parent folders (a glob naming a folder covers what is in it).
 * Memoised over (glob segment, path segment): each pair is decided once, so the walk is O(globs × path depth).
 */
function matchSegments(glob: SegmentMatcher[], parts: string[]): boolean {
  const memo = new Uint8Array((glob.length + 1) * (parts.length + 1)); // 0 unknown, 1 no, 2 yes
  const at = (gi: number, pi: number): boolean => {
    if (gi === glob.length) return true; // the rest of the path is inside a matched folder
    if (pi === parts.length) return glob.slice(gi).every((s) => s.kind === 'globstar');
    const key = gi * (parts.length + 1) + pi;
    if (memo[key]) return memo[key] === 2;
    const s = glob[gi]!;
    const yes = s.kind === 'globstar' ? at(gi + 1, pi) || at(gi, pi + 1) : s.test(parts[pi]!) && at(gi + 1, pi + 1);
    memo[key] = yes ? 2 : 1;
    return yes;
  };
  return at(0, 0);
}

/** One matcher for many globs; refused globs are left out and reported through `onError`. */
export function globsMatcher(globs: readonly string[], onError?: (glob: string, reason: string) => void): GlobMatcher {
  const matchers: GlobMatcher[] = [];
  for (const glob of globs) {
    const c = compileGlob(glob);
    if (c.match) matchers.push(c.match);
    else onError?.(glob, c.error!);
  }
  if (matchers.length === 0) return () => false;
  return (path) => matchers.some((m) => m(path));
}
