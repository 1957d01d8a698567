/**
 * Command-line paths → workspaces. Every file belongs to the workspace found from its own folder upwards
 * (`.sopls.json`, else the git root), never from the current folder, so a file lints the same wherever the
 * command runs; files from different workspaces are linted each against its own documents and config.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../core/config';
import { findWorkspaceRoot, walkDocuments, type Target } from '../node/files';
import { loadConfigFile, loadWorkspaceConfig } from '../node/timelineWorkspace';

export interface WorkspaceTargets {
  root: string;
  config: ResolvedConfig;
  targets: Target[];
}

export interface ResolvedPaths {
  workspaces: WorkspaceTargets[];
  /** Each command-line path with the files it named or held, to report a path that matched no SOP. */
  byPath: { arg: string; files: string[] }[];
  missing: string[];
}

/** Workspace roots, memoised per folder: a walk over 10,000 files asks once per folder, not per file. */
export class RootFinder {
  private readonly memo = new Map<string, string>();
  rootOf(dir: string): string {
    let root = this.memo.get(dir);
    if (root === undefined) {
      root = findWorkspaceRoot(dir);
      this.memo.set(dir, root);
    }
    return root;
  }
}

/**
 * Reads configs lazily: `--config FILE` for every workspace when given, else each root's `.sopls.json`.
 * A string result is a one-line error for the user.
 */
export class ConfigSource {
  private readonly configs = new Map<string, ResolvedConfig | string>();
  constructor(
    private readonly cwd: string,
    private readonly override?: string,
  ) {}
  configFor(root: string): ResolvedConfig | string {
    const key = this.override ? '' : root;
    let config = this.configs.get(key);
    if (config === undefined) {
      config = this.override ? loadConfigFile(path.resolve(this.cwd, this.override), this.override, true) : loadWorkspaceConfig(root, this.cwd);
      this.configs.set(key, config);
    }
    return config;
  }
}

export function resolveWorkspaces(paths: string[], cwd: string, configs: ConfigSource): ResolvedPaths | string {
  const roots = new RootFinder();
  const byRoot = new Map<string, Map<string, Target>>();
  const byPath: ResolvedPaths['byPath'] = [];
  const missing: string[] = [];
  const add = (file: string, named: boolean): void => {
    const root = roots.rootOf(path.dirname(file));
    let targets = byRoot.get(root);
    if (!targets) byRoot.set(root, (targets = new Map()));
    const before = targets.get(file);
    if (!before || (named && !before.named)) targets.set(file, { file, named });
  };
  for (const arg of paths) {
    const full = path.resolve(cwd, arg);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      missing.push(arg);
      continue;
    }
    const files: string[] = [];
    if (stat.isDirectory()) {
      // The folder's own workspace decides what the walk skips (include/exclude, .gitignore).
      const root = roots.rootOf(full);
      const config = configs.configFor(root);
      if (typeof config === 'string') return config;
      for (const f of walkDocuments(full, { root, include: config.include, exclude: config.exclude })) files.push(f);
      for (const f of files) add(f, false);
    } else {
      files.push(full);
      add(full, true);
    }
    byPath.push({ arg, files });
  }
  const workspaces: WorkspaceTargets[] = [];
  for (const [root, targets] of [...byRoot].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const config = configs.configFor(root);
    if (typeof config === 'string') return config;
    const sorted = [...targets.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    workspaces.push({ root, config, targets: sorted });
  }
  return { workspaces, byPath, missing };
}
