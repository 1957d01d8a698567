/**
 * Catastrophic backtracking shows up as super-linear growth: a linear pass over 8× the input takes about 8×
 * as long, a quadratic one about 64×. The benchmark (`npm run bench`, phase growth) times each probe on n and
 * 8n characters and flags growth past 12× (linear plus room for GC and cache effects). `npm test` never times:
 * regex-growth.test.ts counts the same probes' regex work instead (regexWork.ts), against the same limit.
 */

export const GROWTH_LIMIT = 12;

export interface GrowthProbe {
  name: string;
  /** Builds an input of about `size` characters. */
  make(size: number): string;
  run(input: string): unknown;
}

export interface GrowthResult {
  name: string;
  size: number;
  smallMs: number;
  largeMs: number;
  ratio: number;
  flagged: boolean;
}

function bestOf(run: (input: string) => unknown, input: string, repeats: number): number {
  // The minimum is the least noisy estimate of the work itself on a shared machine.
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run(input);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * Times `probe` on `size` and `8 × size` characters. When the small input runs faster than `minMs` the size
 * is doubled first (up to `maxSize`), so timer resolution cannot fake a large ratio.
 */
export function measureGrowth(probe: GrowthProbe, size: number, options: { repeats?: number; minMs?: number; maxSize?: number } = {}): GrowthResult {
  const repeats = options.repeats ?? 3;
  const minMs = options.minMs ?? 2;
  const maxSize = options.maxSize ?? 200_000;
  let n = size;
  let small = probe.make(n);
  probe.run(small);
  let smallMs = bestOf(probe.run, small, repeats);
  while (smallMs < minMs && n * 2 <= maxSize) {
    n *= 2;
    small = probe.make(n);
    probe.run(small);
    smallMs = bestOf(probe.run, small, repeats);
  }
  const large = probe.make(n * 8);
  probe.run(large);
  const largeMs = bestOf(probe.run, large, repeats);
  const ratio = largeMs / Math.max(smallMs, 0.05);
  return { name: probe.name, size: n, smallMs, largeMs, ratio, flagged: ratio > GROWTH_LIMIT };
}

/** Repeats `unit` to exactly `size` characters (at least one unit). */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(Math.max(size, unit.length) / unit.length)).slice(0, Math.max(size, unit.length));
}
