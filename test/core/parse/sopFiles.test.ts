import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sopOverrideFor } from '../../../server/src/core/parse/sopFiles';
import { resolveConfig } from '../../../server/src/core/configLoad';

test('sopFiles / notSopFiles: globs on the path or any tail of it, notSopFiles first', () => {
  const p = { sopFiles: ['runbooks/**', '*.sop.md'], notSopFiles: ['runbooks/drafts/**'] };
  assert.equal(sopOverrideFor('runbooks/db/failover.md', p), true);
  assert.equal(sopOverrideFor('/home/me/repo/runbooks/db/failover.md', p), true);
  assert.equal(sopOverrideFor('file:///home/me/repo/runbooks/drafts/x.md', p), false);
  assert.equal(sopOverrideFor('notes/pay.sop.md', p), true);
  assert.equal(sopOverrideFor('notes/pay.md', p), undefined);
  assert.equal(sopOverrideFor('anything.md', { sopFiles: [], notSopFiles: [] }), undefined);
});

test('config: sopFiles and notSopFiles are validated and merged', () => {
  const ok = resolveConfig({ file: { sopFiles: ['ops/**'], notSopFiles: ['README.md'] } });
  assert.deepEqual(ok.errors, []);
  assert.deepEqual([ok.config.sopFiles, ok.config.notSopFiles], [['ops/**'], ['README.md']]);
  const bad = resolveConfig({ file: { sopFiles: 'ops/**' } });
  assert.equal(bad.errors.length, 1);
  assert.match(bad.errors[0]!.message, /sopFiles must be an array/);
});
