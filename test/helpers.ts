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

/** Deterministic PRNG (mulberry32) so randomised tests replay exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
