/**
 * `sopls lint [paths…] [--format stylish|json|sarif|github] [--config FILE] [--max-warnings N] [--cache]
 *  [--cache-location F]`. Exit 0: no errors; 1: errors, or more warnings than --max-warnings; 2: usage or
 * configuration error (one line on stderr).
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatConfigError, resolveConfig } from '../core/configLoad';
import { ALL_RULE_META } from '../core/lint/registry';
import { DEFAULT_CACHE_FILE } from '../node/cache';
import { CONFIG_FILE, findWorkspaceRoot, resolveTargets } from '../node/files';
import { lintFilesParallel } from '../node/parallelLint';
import { FORMATTERS } from './format';
import { parseArgs, usageError, type CliIO } from './io';
import { VERSION } from './main';

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

export async function runLint(args: string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, ['format', 'config', 'max-warnings', 'cache-location'], ['cache']);
  if (typeof parsed === 'string') return usageError(io, parsed);
  const format = String(parsed.options.get('format') ?? 'stylish');
  const formatter = FORMATTERS[format];
  if (!formatter) return usageError(io, `unknown format "${format}" (expected stylish, json, sarif or github)`);
  const maxRaw = parsed.options.get('max-warnings');
  let maxWarnings: number | undefined;
  if (maxRaw !== undefined) {
    if (typeof maxRaw !== 'string' || !/^\d+$/.test(maxRaw)) return usageError(io, `--max-warnings needs a whole number, got "${String(maxRaw)}"`);
    maxWarnings = Number(maxRaw);
  }
  const today = todayIn(io.env);
  if (!today) return usageError(io, `SOPLS_TODAY must be a date YYYY-MM-DD, got "${io.env['SOPLS_TODAY']}"`);

  const root = findWorkspaceRoot(io.cwd);
  const configOpt = parsed.options.get('config');
  const configFile = typeof configOpt === 'string' ? path.resolve(io.cwd, configOpt) : path.join(root, CONFIG_FILE);
  const configName = typeof configOpt === 'string' ? configOpt : path.relative(io.cwd, configFile) || CONFIG_FILE;
  let fileValue: unknown;
  if (typeof configOpt === 'string' || fs.existsSync(configFile)) {
    let text: string;
    try {
      text = fs.readFileSync(configFile, 'utf8');
    } catch (err) {
      return usageError(io, `cannot read config ${configName}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    try {
      fileValue = JSON.parse(text);
    } catch (err) {
      return usageError(io, `${configName}: invalid JSON: ${(err as Error).message}`);
    }
  }
  const loaded = resolveConfig(fileValue === undefined ? {} : { file: fileValue, fileName: configName });
  if (loaded.errors.length) return usageError(io, `invalid configuration: ${loaded.errors.map(formatConfigError).join('; ')}`);
  const config = loaded.config;

  const paths = parsed.positionals.length ? parsed.positionals : ['.'];
  const { targets, missing } = resolveTargets(paths, io.cwd, { root, include: config.include, exclude: config.exclude });
  if (missing.length) return usageError(io, `no such file or directory: ${missing.join(', ')}`);

  let cacheFile: string | undefined;
  if (parsed.options.has('cache')) {
    const loc = parsed.options.get('cache-location');
    cacheFile = path.resolve(io.cwd, typeof loc === 'string' ? loc : DEFAULT_CACHE_FILE);
    if (fs.existsSync(cacheFile) && fs.statSync(cacheFile).isDirectory()) cacheFile = path.join(cacheFile, DEFAULT_CACHE_FILE);
  }

  const run = await lintFilesParallel({ root, targets, config, today, version: VERSION, ...(cacheFile ? { cacheFile } : {}) });
  if (run.unreadable.length) {
    return usageError(io, `cannot read ${run.unreadable.map((f) => path.relative(io.cwd, f)).join(', ')}`);
  }
  const files = run.results.filter((r) => r.linted).map((r) => ({ file: r.file, findings: r.findings }));
  io.stdout(formatter({ files, cwd: io.cwd, color: useColour(io), rules: ALL_RULE_META, version: VERSION }));

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
