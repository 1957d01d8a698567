import fs from 'node:fs';
import path from 'node:path';

/** Repository root: tests run from it (`npm test`), bundled into out/test. */
export const ROOT = process.cwd();
export const SEEDS_DIR = path.resolve(ROOT, '..', 'shared', 'seeds');

export function readRepoFile(rel: string): string {
  return fs.readFileSync(path.join(ROOT, rel), 'utf8');
}

export function seedFiles(): string[] {
  if (!fs.existsSync(SEEDS_DIR)) return [];
  return fs
    .readdirSync(SEEDS_DIR)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => path.join(SEEDS_DIR, f));
}

/** Deterministic PRNG so randomised tests replay exactly: the scheduler's own. */
export { mulberry32 as prng } from '../server/src/core/timeline/schedule';
