/**
 * Finding files on disk: the workspace root, the documents under it, and the documents a command names.
 */
import fs from 'node:fs';
import path from 'node:path';

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

/** `**` any folders, `*` any characters but `/`, `?` one character; matched against `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

/**
 * A small reading of the root `.gitignore`, enough to keep build output and generated corpora out of the
 * index: plain names match at any depth, paths with a slash are anchored at the root; negations are ignored.
 */
export function gitignoreMatchers(root: string): RegExp[] {
  const file = path.join(root, '.gitignore');
  if (!fs.existsSync(file)) return [];
  const out: RegExp[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    let p = line.trim();
    if (!p || p.startsWith('#') || p.startsWith('!')) continue;
    p = p.replace(/\/+$/, '');
    if (!p) continue;
    const anchored = p.includes('/');
    out.push(globToRegExp(anchored ? p.replace(/^\//, '') : `**/${p}`));
  }
  return out;
}

export interface WalkOptions {
  root: string;
  include: string[];
  exclude: string[];
}

/** Every document file under `dir`, skipping node_modules, hidden folders, .gitignore entries and `exclude`. */
export function walkDocuments(dir: string, options: WalkOptions): string[] {
  const ignore = [...gitignoreMatchers(options.root), ...options.exclude.map(globToRegExp)];
  const include = options.include.map(globToRegExp);
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
        if (r && !r.startsWith('..') && ignore.some((m) => m.test(r))) continue;
        visit(full);
      } else if (e.isFile() && DOCUMENT_EXTENSIONS.test(e.name)) {
        const r = rel(full);
        const inside = r && !r.startsWith('..');
        if (inside && ignore.some((m) => m.test(r))) continue;
        if (inside && include.length && !include.some((m) => m.test(r))) continue;
        out.push(full);
      }
    }
  };
  visit(path.resolve(dir));
  return out;
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
    const full = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      missing.push(p);
      continue;
    }
    if (stat.isDirectory()) {
      for (const f of walkDocuments(full, options)) if (!targets.has(f)) targets.set(f, { file: f, named: false });
    } else {
      targets.set(full, { file: full, named: true });
    }
  }
  return { targets: [...targets.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), missing };
}
