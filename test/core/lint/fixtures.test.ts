import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../../../server/src/core/lint/registry';
import { ROOT } from '../../helpers';
import { configIn, expectations, lintWorkspace, listDocs, summarise } from './lintHelpers';

const FIXTURES = path.join(ROOT, 'test/fixtures/rules');
const timelineRules = new Set(RULES.filter((r) => r.scope === 'timeline').map((r) => r.id));

for (const rule of RULES) {
  const dir = path.join(FIXTURES, rule.id);
  test(`${rule.id}: has ok and not-ok fixtures and a docs page`, () => {
    assert.ok(fs.existsSync(dir), `missing ${path.relative(ROOT, dir)}`);
    const names = fs.readdirSync(dir);
    assert.ok(names.some((n) => /^ok.*\.(md|txt)$/.test(n)), 'an ok fixture');
    assert.ok(names.some((n) => /^not-ok.*\.(md|txt)$/.test(n)), 'a not-ok fixture');
    assert.ok(fs.existsSync(path.join(ROOT, 'docs/rules', `${rule.id}.md`)), 'docs/rules page');
  });
  if (!fs.existsSync(dir)) continue;
  const config = configIn(dir);
  const context = listDocs(path.join(dir, 'workspace'));
  for (const name of fs.readdirSync(dir).filter((n) => /^(ok|not-ok).*\.(md|txt)$/.test(n)).sort()) {
    const file = path.join(dir, name);
    test(`${rule.id}: ${name}`, () => {
      const findings = lintWorkspace([file], { context, config }).get(file)!;
      // Timing rules are checked on their own fixtures only: a fixture for another rule need not be on time.
      const relevant = findings.filter((f) => !timelineRules.has(f.rule) || f.rule === rule.id);
      const expected = expectations(file);
      if (name.startsWith('ok')) assert.deepEqual(expected, [], 'ok fixtures carry no markers');
      else assert.ok(expected.some((e) => e.endsWith(` ${rule.id}`)), `not-ok fixture marks at least one ${rule.id}`);
      assert.deepEqual(summarise(relevant), expected, JSON.stringify(relevant.map((f) => [f.range.start.line + 1, f.rule, f.message]), null, 1));
    });
  }
}

test('examples/ lint clean as one workspace, with every rule', () => {
  const files = listDocs(path.join(ROOT, 'examples'));
  assert.ok(files.length >= 6);
  const results = lintWorkspace(files);
  const all = [...results.values()].flat();
  assert.deepEqual(all.map((f) => `${path.relative(ROOT, f.uri)}:${f.range.start.line + 1} ${f.rule} ${f.message}`), []);
});
