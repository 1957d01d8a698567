import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzHostile } from './hostileFuzz';

/**
 * A short fixed-seed round of the hostile mutation fuzzer (see hostileFuzz.ts): no throw, every range inside
 * its document, regex work within its per-character budget. `npm run bench:hostile -- --fuzz N` runs a long one.
 */
test('hostile mutation fuzz: 40 documents, seed 15', () => {
  const report = fuzzHostile(15, 40);
  const first = report.failures[0];
  assert.equal(report.failures.length, 0, first ? `iteration ${first.iteration} (${first.uri}): ${first.problem}` : '');
});
