import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** Repository root: tests run from it (`npm test`), bundled into out/test. */
export const ROOT = process.cwd();
export const SEEDS_DIR = path.resolve(ROOT, '..', 'shared', 'seeds');

export function readRepoFile(rel: string): string {
  return fs.readFileSync(path.join(ROOT, rel), 'utf8');
}

/** Five SOPs in the seeds' shapes, written for this repository, so a bare clone runs every seed-wide test. */
export const IN_REPO_SEEDS_DIR = path.resolve(ROOT, 'test', 'fixtures', 'seeds');

function listDir(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The real seeds in ../shared/seeds; empty in a clone without them (tests that read them by hand use this). */
export function sharedSeedFiles(): string[] {
  return listDir(SEEDS_DIR);
}

/** The seeds when ../shared is present, else their in-repo equivalents: for tests that hold for any SOP. */
export function seedFiles(): string[] {
  const shared = sharedSeedFiles();
  return shared.length ? shared : listDir(IN_REPO_SEEDS_DIR);
}

/** Deterministic PRNG so randomised tests replay exactly: the scheduler's own. */
export { mulberry32 as prng } from '../server/src/core/timeline/schedule';

/** Every document under `dir` (recursively, sorted by path) whose name matches `extensions`. */
export function listDocuments(dir: string, extensions = /\.(md|markdown|txt)$/i): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listDocuments(full, extensions));
    else if (extensions.test(e.name)) out.push(full);
  }
  return out;
}

/** Writes `count` documents of the bench generator (bench/gen-corpus.mjs) into `dir`; same seed, same files. */
export function generateCorpus(dir: string, options: { count: number; seed: number | string; largeFraction?: number }): void {
  const args = [path.join(ROOT, 'bench', 'gen-corpus.mjs'), '--count', String(options.count), '--seed', String(options.seed), '--out', dir];
  if (options.largeFraction !== undefined) args.push('--large-fraction', String(options.largeFraction));
  const gen = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`bench/gen-corpus.mjs failed: ${gen.stderr}`);
}
