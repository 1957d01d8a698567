import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GROWTH_LIMIT, measureGrowth } from './growth';
import { regexProbes } from './probes';

/**
 * No catastrophic backtracking in the parser's patterns or the timing-phrase parser: each probe (a long line
 * built to make one pattern backtrack) finishes a 100 KB line well under a second, and time grows at most
 * GROWTH_LIMIT× from n to 8n characters. A flagged probe is measured once more before it fails, so one GC
 * pause on a loaded machine does not fail the suite; a quadratic one grows about 64× both times.
 */

for (const probe of regexProbes()) {
  test(`no super-linear growth: ${probe.name}`, () => {
    const input = probe.make(100_000);
    const t0 = performance.now();
    probe.run(input);
    const ms = performance.now() - t0;
    assert.ok(ms < 1000, `a 100 KB line took ${ms.toFixed(0)} ms`);

    let r = measureGrowth(probe, 12_500, { maxSize: 12_500 });
    if (r.flagged) r = measureGrowth(probe, 12_500, { maxSize: 12_500, repeats: 5 });
    assert.ok(!r.flagged, `${r.size} → ${r.size * 8} characters: ${r.smallMs.toFixed(2)} → ${r.largeMs.toFixed(2)} ms, ${r.ratio.toFixed(1)}× (limit ${GROWTH_LIMIT}×)`);
  });
}
