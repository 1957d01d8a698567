/**
 * The few git questions the CLI asks (`--changed-since`, `timeline --diff`), through the git binary with
 * arguments (no shell), so a REF or a path can never become a command.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export class GitError extends Error {}

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new GitError(`git is not available: ${r.error.message}`);
  if (r.status !== 0) throw new GitError(`git ${args[0]}: ${(r.stderr || '').trim().split('\n')[0] || `exit ${r.status}`}`);
  return r.stdout;
}

/** The top folder of the git work tree holding `dir`. */
export function gitTopLevel(dir: string): string {
  return path.resolve(git(dir, ['rev-parse', '--show-toplevel']).trim());
}

/** Fails with a clear message when REF names no commit. */
export function verifyRef(top: string, ref: string): void {
  if (ref.startsWith('-')) throw new GitError(`"${ref}" is not a git revision`);
  try {
    git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new GitError(`"${ref}" is not a commit in ${top}`);
  }
}

/**
 * Lines (1-based, working-tree side) that differ from REF, per absolute file path: the `+` side of
 * `git diff --unified=0 REF`. Untracked files are new in their entirety, so every line of theirs counts.
 */
export function changedLines(top: string, ref: string): { lines: Map<string, Set<number>>; untracked: Set<string> } {
  verifyRef(top, ref);
  const diff = git(top, ['-c', 'core.quotePath=false', 'diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-renames', ref, '--']);
  const lines = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const name = line.slice(4);
      current = undefined;
      if (name === '/dev/null') continue;
      const file = path.join(top, unquote(name).replace(/^b\//, ''));
      current = new Set();
      lines.set(file, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  const untracked = new Set(
    git(top, ['-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard', '-z'])
      .split('\0')
      .filter(Boolean)
      .map((f) => path.join(top, f)),
  );
  return { lines, untracked };
}

/** git quotes names with unusual characters in C style: "b/a\tb.md". */
function unquote(name: string): string {
  if (!name.startsWith('"')) return name;
  try {
    return JSON.parse(name.replace(/\\([0-7]{3})/g, (_m, o: string) => `\\u00${parseInt(o, 8).toString(16).padStart(2, '0')}`)) as string;
  } catch {
    return name.slice(1, -1);
  }
}

/** The file's text at REF, or undefined when the file did not exist there. */
export function fileAtRef(file: string, ref: string): { text: string | undefined; top: string } {
  const top = gitTopLevel(path.dirname(file));
  verifyRef(top, ref);
  const rel = path.relative(top, file).split(path.sep).join('/');
  try {
    return { text: git(top, ['show', `${ref}:${rel}`]), top };
  } catch {
    return { text: undefined, top };
  }
}
