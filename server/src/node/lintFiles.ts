/**
 * `sopls lint` without the command line: load the workspace, lint the target files, use the cache.
 * Each file goes through `lintText` (pure: text + uri + workspace snapshot + config), so this loop can be
 * spread over worker threads: give each worker `workspace.entries()` (plain data) and a share of the targets.
 */
import type { ResolvedConfig } from '../core/config';
import type { Finding } from '../core/findings';
import { lintText } from '../core/lint/lintText';
import { LintCache, sha256 } from './cache';
import type { Target } from './files';
import { loadWorkspace, readText, workspaceFingerprint } from './workspaceLoad';

export interface LintFilesOptions {
  root: string;
  targets: Target[];
  config: ResolvedConfig;
  today: string;
  version: string;
  /** Cache file path; no cache when absent. */
  cacheFile?: string;
}

export interface FileResult {
  file: string;
  /** False for files found in a folder that are neither SOPs nor carry sopls frontmatter. */
  linted: boolean;
  findings: Finding[];
}

export interface LintRun {
  results: FileResult[];
  /** Files that could not be read (permissions, vanished). */
  unreadable: string[];
  /** Files served from the cache. */
  cacheHits: number;
}

export function lintFiles(options: LintFilesOptions): LintRun {
  const { root, targets, config, today } = options;
  const walk = { root, include: config.include, exclude: config.exclude };
  const { workspace, texts } = loadWorkspace(root, walk, targets.map((t) => t.file));
  let cache: LintCache | undefined;
  if (options.cacheFile) {
    const key = sha256(JSON.stringify([options.version, config, today, workspaceFingerprint(workspace.entries())]));
    cache = LintCache.open(options.cacheFile, key);
  }
  const shared = new Map<string, unknown>();
  const results: FileResult[] = [];
  const unreadable: string[] = [];
  let cacheHits = 0;
  for (const t of targets) {
    const text = texts.get(t.file) ?? readText(t.file);
    if (text === undefined) {
      unreadable.push(t.file);
      continue;
    }
    const hash = cache ? sha256(text) : '';
    const hit = cache?.get(t.file, hash, t.named);
    if (hit) {
      cacheHits++;
      results.push({ file: t.file, linted: hit.linted, findings: hit.findings });
      continue;
    }
    const r = lintText({ text, uri: t.file, workspace, config, today, force: t.named, shared });
    results.push({ file: t.file, linted: r.linted, findings: r.findings });
    cache?.set(t.file, { hash, named: t.named, linted: r.linted, findings: r.findings });
  }
  cache?.save();
  return { results, unreadable, cacheHits };
}
