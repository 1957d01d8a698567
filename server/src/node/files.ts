/**
 * Finding files on disk: the workspace root, the documents under it, and the documents a command names.
 */
import fs from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import { globsMatcher, MAX_MATCHED_PATH } from '../core/glob';

export const DOCUMENT_EXTENSIONS = /\.(md|markdown|txt)$/i;
export const CONFIG_FILE = '.sopls.json';

/** The folder holding `.sopls.json` (searching up from `start`), else the git root, else `start`. */
export function findWorkspaceRoot(start: string): string {
  const from = path.resolve(start);
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, CONFIG_FILE))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return from;
}

/** Longest `.gitignore` line honoured, and most `**` in one: past these the `ignore` package's regexes backtrack. */
export const MAX_GITIGNORE_LINE = 256;
const MAX_GITIGNORE_GLOBSTARS = 2;
const MAX_GITIGNORE_STARS = 8;

/** Why a `.gitignore` line is left out, or undefined when it is used. */
export function gitignoreLineProblem(line: string): string | undefined {
  if (line.length > MAX_GITIGNORE_LINE) return `longer than ${MAX_GITIGNORE_LINE} characters`;
  const globstars = (line.match(/\*\*/g) ?? []).length;
  if (globstars > MAX_GITIGNORE_GLOBSTARS) return `more than ${MAX_GITIGNORE_GLOBSTARS} "**"`;
  if ((line.match(/\*+/g) ?? []).length > MAX_GITIGNORE_STARS) return `more than ${MAX_GITIGNORE_STARS} wildcards`;
  return undefined;
}

/**
 * The root `.gitignore`, read by the `ignore` package (negations, folder-only and anchored patterns as git
 * reads them). Lines too long or too wild to match in bounded time are left out and reported through `warn`.
 * Returns a test taking a root-relative `/`-separated path (folders with a trailing `/`).
 */
export function gitignoreMatcher(root: string, warn?: (message: string) => void): (relative: string) => boolean {
  const file = path.join(root, '.gitignore');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return () => false;
  }
  const ig = ignore();
  text.split(/\r?\n/).forEach((line, i) => {
    const problem = gitignoreLineProblem(line.trim());
    if (problem) warn?.(`sopls: ${file}:${i + 1}: pattern left out (${problem})`);
    else ig.add(line);
  });
  return (relative) => relative.length <= MAX_MATCHED_PATH && ig.ignores(relative);
}

export interface WalkOptions {
  root: string;
  include: string[];
  exclude: string[];
  /** Told about `.gitignore` lines and globs that are left out (too long or too wild to match safely). */
  warn?: (message: string) => void;
}

/** Every document file under `dir`, skipping node_modules, hidden folders, .gitignore entries and `exclude`. */
export function walkDocuments(dir: string, options: WalkOptions): string[] {
  const gitignored = gitignoreMatcher(options.root, options.warn);
  const badGlob = (glob: string, reason: string) => options.warn?.(`sopls: glob "${glob.slice(0, 80)}" left out (${reason})`);
  const excluded = globsMatcher(options.exclude, badGlob);
  const include = options.include.length ? globsMatcher(options.include, badGlob) : undefined;
  const out: string[] = [];
  const rel = (p: string): string => path.relative(options.root, p).split(path.sep).join('/');
  const visit = (d: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        const r = rel(full);
        if (r && !r.startsWith('..') && (gitignored(r + '/') || excluded(r))) continue;
        visit(full);
      } else if (e.isFile() && DOCUMENT_EXTENSIONS.test(e.name)) {
        const r = rel(full);
        const inside = r && !r.startsWith('..');
        if (inside && (gitignored(r) || excluded(r))) continue;
        if (inside && include && !include(r)) continue;
        out.push(full);
      }
    }
  };
  visit(path.resolve(dir));
  return out;
}

/**
 * The path a file is known by in a run: symlinks resolved, then expressed under `root` as given when the file
 * lies inside it (the workspace walk lists files that way), so a document reached through a linked folder and
 * through its real one is one document, not a duplicate id of itself.
 */
export function canonicalPath(file: string, root: string): string {
  let real: string;
  let realRoot: string;
  try {
    real = fs.realpathSync(file);
    realRoot = fs.realpathSync(root);
  } catch {
    return file;
  }
  const rel = path.relative(realRoot, real);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? path.join(path.resolve(root), rel) : real;
}

export interface Target {
  file: string;
  /** Named on the command line: linted even when it is not recognised as an SOP. */
  named: boolean;
}

/** Command-line paths → files to lint. A path that does not exist is returned in `missing`. */
export function resolveTargets(paths: string[], cwd: string, options: WalkOptions): { targets: Target[]; missing: string[] } {
  const targets = new Map<string, Target>();
  const missing: string[] = [];
  for (const p of paths) {
    const full = canonicalPath(path.resolve(cwd, p), options.root);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      missing.push(p);
      continue;
    }
    if (stat.isDirectory()) {
      // The walk follows no symlinks, so files under a canonical folder are canonical too.
      for (const f of walkDocuments(full, options)) if (!targets.has(f)) targets.set(f, { file: f, named: false });
    } else {
      targets.set(full, { file: full, named: true });
    }
  }
  return { targets: [...targets.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), missing };
}
