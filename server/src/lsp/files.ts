/**
 * File-system side of the workspace index: which files to scan, reading them, URIs and paths.
 * Kept out of the core, which never touches the file system.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SOP_FILE = /\.(md|markdown|txt)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.e2e']);

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** Normalises a client URI to the form pathToUri produces, so maps keyed by URI agree. */
export function normaliseUri(uri: string): string {
  const p = uriToPath(uri);
  return p ? pathToUri(p) : uri;
}

/** `*`, `**` and `?` globs against a `/`-separated relative path. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
        i += glob[i + 2] === '/' ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export interface WalkOptions {
  include: string[];
  exclude: string[];
}

/** Every candidate SOP file under `root`, depth first, skipping dependency and VCS folders. */
export async function listSopFiles(root: string, options: WalkOptions): Promise<string[]> {
  const include = options.include.map(globToRegExp);
  const exclude = options.exclude.map(globToRegExp);
  const out: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || (e.name.startsWith('.') && e.name !== '.sopls')) continue;
        if (exclude.some((r) => r.test(rel) || r.test(`${rel}/`))) continue;
        await visit(full);
      } else if (e.isFile() && SOP_FILE.test(e.name)) {
        if (exclude.some((r) => r.test(rel))) continue;
        if (include.length && !include.some((r) => r.test(rel))) continue;
        out.push(full);
      }
    }
  };
  await visit(root);
  return out.sort();
}

/** Past this size a file is not indexed: a multi-megabyte "SOP" is almost certainly something else. */
export const MAX_INDEXED_FILE = 4_000_000;

export async function readTextFile(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile() || stat.size > MAX_INDEXED_FILE) return undefined;
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
