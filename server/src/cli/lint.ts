/**
 * `sopls lint [paths…]`. Exit 0: no errors; 1: errors, or more warnings than --max-warnings; 2: usage or
 * configuration error, or a path that holds no SOP (one line on stderr).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/findings';
import { ALL_RULE_META } from '../core/lint/registry';
import { DEFAULT_CACHE_FILE, sha256 } from '../node/cache';
import type { FileResult } from '../node/lintFiles';
import { lintFilesParallel } from '../node/parallelLint';
import { readRuleDocs } from '../node/ruleDocs';
import { boundHeapGrowth } from '../lsp/heap';
import { Baseline, findingFingerprint, parseBaseline } from './baseline';
import { FORMATTERS } from './format';
import type { FormattedFile } from './format/types';
import { changedLines, GitError, gitTopLevel } from './git';
import { parseCommandArgs, stringOption, usageError, type CliIO, type OptionSpec } from './io';
import { VERSION } from './version';
import { ConfigSource, resolveWorkspaces, type WorkspaceTargets } from './targets';

export const LINT_HELP = `Usage: sopls lint [paths…] [options]

Lints SOP documents: every .md, .markdown and .txt file under the given folders (default: the current
folder) that is an SOP or carries sopls frontmatter, and every file named explicitly. Each file is checked
against its own workspace: the nearest folder above it with a .sopls.json, else its git root.

Options:
  --format stylish|json|sarif|github   output format (default: stylish)
  --config FILE                        use this config instead of each workspace's .sopls.json
  --max-warnings N                     exit 1 when there are more than N warnings
  --changed-since REF                  only findings on lines that differ from REF (as \`git diff REF\`)
  --baseline FILE                      only findings not in FILE (written by \`sopls lint --format json\`)
  --no-error-on-unmatched-pattern      a path holding no SOP is not an error
  --cache                              reuse results of unchanged files
  --cache-location FILE                where the cache lives (default: ${DEFAULT_CACHE_FILE})
  -h, --help                           this help

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or configuration error.
`;

const OPTIONS: OptionSpec = {
  format: { type: 'string' },
  config: { type: 'string' },
  'max-warnings': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  'changed-since': { type: 'string' },
  baseline: { type: 'string' },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
};

export function todayIn(env: Record<string, string | undefined>): string | undefined {
  // SOPLS_TODAY pins the date review-overdue measures from (tests, reproducible CI runs).
  const pinned = env['SOPLS_TODAY'];
  if (pinned !== undefined) return /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : undefined;
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function useColour(io: CliIO): boolean {
  const force = io.env['FORCE_COLOR'];
  if (io.env['NO_COLOR']) return false;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return io.isTTY;
}

/** Where the cache of each workspace lives: the given file for the first, a sibling per extra workspace. */
function cacheFileFor(base: string | undefined, index: number, root: string): string | undefined {
  if (!base || index === 0) return base;
  return `${base}-${sha256(root).slice(0, 12)}`;
}

function resolveCacheFile(io: CliIO, cache: boolean, location: string | undefined): string | undefined {
  if (!cache) return undefined;
  let file = path.resolve(io.cwd, location ?? DEFAULT_CACHE_FILE);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, DEFAULT_CACHE_FILE);
  return file;
}

/** Lines of a file as linted, for fingerprints (only files with findings are read). */
function linesOf(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  } catch {
    return [];
  }
}

interface Filters {
  changed?: (file: string, f: Finding) => boolean;
  baseline?: Baseline;
}

/** Findings of one file with fingerprints, after --changed-since and --baseline. */
function keptFindings(result: FileResult, filters: Filters): FormattedFile {
  if (result.findings.length === 0) return { file: result.file, findings: [], fingerprints: [] };
  const lines = linesOf(result.file);
  const findings: Finding[] = [];
  const fingerprints: string[] = [];
  for (const f of result.findings) {
    const print = findingFingerprint(f, lines);
    if (filters.changed && !filters.changed(result.file, f)) continue;
    if (filters.baseline?.forgive(result.file, f, print)) continue;
    findings.push(f);
    fingerprints.push(print);
  }
  return { file: result.file, findings, fingerprints };
}

/** `--changed-since REF`: a predicate over findings, one `git diff` per git work tree. */
function changedFilter(ref: string, workspaces: WorkspaceTargets[]): ((file: string, f: Finding) => boolean) | string {
  const diffs = new Map<string, ReturnType<typeof changedLines>>();
  const tops = new Map<string, string>();
  try {
    for (const w of workspaces) {
      const top = gitTopLevel(w.root);
      tops.set(w.root, top);
      if (!diffs.has(top)) diffs.set(top, changedLines(top, ref));
    }
  } catch (err) {
    return `--changed-since: ${err instanceof GitError ? err.message : String(err)}`;
  }
  const all = [...diffs.values()];
  return (file, f) => {
    if (all.some((d) => d.untracked.has(file))) return true;
    const lines = all.map((d) => d.lines.get(file)).find((l) => l !== undefined);
    if (!lines) return false;
    for (let l = f.range.start.line + 1; l <= f.range.end.line + 1; l++) if (lines.has(l)) return true;
    return false;
  };
}

export async function runLint(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, OPTIONS);
  if (typeof parsed === 'string') return usageError(io, parsed);
  if (parsed.values['help']) {
    io.stdout(LINT_HELP);
    return 0;
  }
  const format = stringOption(parsed, 'format') ?? 'stylish';
  const formatter = FORMATTERS[format];
  if (!formatter) return usageError(io, `unknown format "${format}" (expected stylish, json, sarif or github)`);
  const maxRaw = stringOption(parsed, 'max-warnings');
  if (maxRaw !== undefined && !/^\d+$/.test(maxRaw)) return usageError(io, `--max-warnings needs a whole number, got "${maxRaw}"`);
  const maxWarnings = maxRaw === undefined ? undefined : Number(maxRaw);
  // What a lint keeps between files is small (serialised analyses, slim index entries); V8's default heap growth
  // let the parsing heap reach several times that (1k: 209 → 165 MB peak RSS, same CPU; docs/performance.md).
  boundHeapGrowth(io.env);
  const today = todayIn(io.env);
  if (!today) return usageError(io, `SOPLS_TODAY must be a date YYYY-MM-DD, got "${io.env['SOPLS_TODAY']}"`);

  const filters: Filters = {};
  const baselineArg = stringOption(parsed, 'baseline');
  if (baselineArg !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(io.cwd, baselineArg), 'utf8');
    } catch (err) {
      return usageError(io, `cannot read --baseline ${baselineArg}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    const rows = parseBaseline(text, baselineArg);
    if (typeof rows === 'string') return usageError(io, rows);
    filters.baseline = new Baseline(rows, io.cwd);
  }

  const paths = parsed.positionals.length ? parsed.positionals : ['.'];
  const resolved = resolveWorkspaces(paths, io.cwd, new ConfigSource(io.cwd, stringOption(parsed, 'config')));
  if (typeof resolved === 'string') return usageError(io, resolved);
  if (resolved.missing.length) return usageError(io, `no such file or directory: ${resolved.missing.join(', ')}`);

  const ref = stringOption(parsed, 'changed-since');
  if (ref !== undefined) {
    const changed = changedFilter(ref, resolved.workspaces);
    if (typeof changed === 'string') return usageError(io, changed);
    filters.changed = changed;
  }

  const cacheBase = resolveCacheFile(io, !!parsed.values['cache'], stringOption(parsed, 'cache-location'));
  const results: FileResult[] = [];
  for (const [i, w] of resolved.workspaces.entries()) {
    const cacheFile = cacheFileFor(cacheBase, i, w.root);
    const run = await lintFilesParallel({ root: w.root, targets: w.targets, config: w.config, today, version: VERSION, ...(cacheFile ? { cacheFile } : {}) });
    if (run.unreadable.length) return usageError(io, `cannot read ${run.unreadable.map((f) => path.relative(io.cwd, f)).join(', ')}`);
    results.push(...run.results);
  }

  const linted = new Set(results.filter((r) => r.linted).map((r) => r.file));
  if (!parsed.values['no-error-on-unmatched-pattern']) {
    const empty = resolved.byPath.filter((p) => !p.files.some((f) => linted.has(f))).map((p) => p.arg);
    if (empty.length) {
      return usageError(io, `no SOP found in ${empty.map((p) => `"${p}"`).join(', ')} (check the path, or pass --no-error-on-unmatched-pattern)`);
    }
  }

  const files = results.filter((r) => r.linted).map((r) => keptFindings(r, filters));
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const docsBaseUrl = resolved.workspaces.map((w) => w.config.docsBaseUrl).find((u) => u !== undefined);
  io.stdout(
    formatter({
      files,
      cwd: io.cwd,
      color: useColour(io),
      rules: ALL_RULE_META,
      version: VERSION,
      ...(format === 'sarif' ? { ruleDocs: readRuleDocs(ALL_RULE_META.map((r) => r.id)) } : {}),
      ...(docsBaseUrl ? { docsBaseUrl } : {}),
    }),
  );

  let errors = 0;
  let warnings = 0;
  for (const f of files) {
    for (const x of f.findings) {
      if (x.severity === 'error') errors++;
      else if (x.severity === 'warning') warnings++;
    }
  }
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`sopls: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}
