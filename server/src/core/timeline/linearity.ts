/**
 * Growth check shared by the timing tests and the bench: time a function on an input and on an input eight
 * times larger. A linear function takes about 8x as long; a quadratic one about 64x.
 */

export interface GrowthResult {
  /** Median milliseconds for the base size and for eight times the base size. */
  smallMs: number;
  largeMs: number;
  /** largeMs / smallMs, with the small time floored at 0.05 ms so timer noise cannot blow the ratio up. */
  ratio: number;
}

function timeOnce(run: (input: string) => unknown, input: string): number {
  const t0 = performance.now();
  run(input);
  return performance.now() - t0;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * `makeInput(n)` builds an input of about n characters. Runs each size `repeats` times (after one warm-up) and
 * compares medians. Callers assert `ratio` below a bound such as 24 (8x growth plus generous noise margin;
 * quadratic behaviour gives about 64).
 */
export function measureGrowth(
  makeInput: (size: number) => string,
  run: (input: string) => unknown,
  baseSize: number,
  repeats = 5,
): GrowthResult {
  const small = makeInput(baseSize);
  const large = makeInput(baseSize * 8);
  run(small);
  run(large);
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  for (let i = 0; i < repeats; i++) {
    smallTimes.push(timeOnce(run, small));
    largeTimes.push(timeOnce(run, large));
  }
  const smallMs = median(smallTimes);
  const largeMs = median(largeTimes);
  return { smallMs, largeMs, ratio: largeMs / Math.max(smallMs, 0.05) };
}

/** Repeats `unit` until the text is at least `size` characters long. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / Math.max(1, unit.length)))).slice(0, Math.max(size, unit.length));
}
