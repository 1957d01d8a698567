import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseSop } from '../../server/src/core/parse';
import { oneBasedRanges } from '../../server/src/cli/parse';
import { ROOT } from '../helpers';

/**
 * Golden models of the examples, as `sopls parse --format json` prints them. Each snapshot was read against
 * its example by hand; regenerate with `UPDATE_GOLDEN=1 npm test` and review the diff before committing.
 */
const EXAMPLES = [
  'examples/onboarding-plain.txt',
  'examples/renewal-bullets.txt',
  'examples/customer-success-stages.md',
  'examples/onboarding-steps.md',
  'examples/data-residency-policy.md',
  'examples/customers/acme-logistics.md',
  'examples/README.md',
];

for (const rel of EXAMPLES) {
  test(`golden model: ${rel}`, () => {
    const text = fs.readFileSync(path.join(ROOT, rel), 'utf8');
    const actual = JSON.stringify(parseSop(text, rel), oneBasedRanges, 2) + '\n';
    const golden = path.join(ROOT, 'test', 'golden', rel.replace(/[/\\]/g, '__') + '.json');
    if (process.env['UPDATE_GOLDEN'] === '1') fs.writeFileSync(golden, actual);
    assert.equal(actual, fs.readFileSync(golden, 'utf8'));
  });
}
