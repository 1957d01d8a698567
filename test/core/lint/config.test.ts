import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../server/src/core/config';
import { formatConfigError, resolveConfig } from '../../../server/src/core/configLoad';
import { generatedFiles, FILES_WITH_RULE_TABLE } from '../../../server/src/core/lint/docsgen';
import { RULES } from '../../../server/src/core/lint/registry';
import { readRepoFile, ROOT } from '../../helpers';
import fs from 'node:fs';
import path from 'node:path';

test('defaults when nothing is given', () => {
  assert.deepEqual(resolveConfig(), { config: defaultConfig(), errors: [] });
});

test('file over settings over defaults; roles and externalIds add up', () => {
  const { config, errors } = resolveConfig({
    settings: { rules: { placeholder: 'off', 'missing-owner': 'warning' }, roles: [{ name: 'Editor' }], reviewCadenceMonths: 6 },
    file: { rules: { placeholder: 'info' }, roles: [{ name: 'Security Officer', acronym: 'SO' }], externalIds: ['CUS-*'], calendar: { holidays: 'DE-BY' } },
  });
  assert.deepEqual(errors, []);
  assert.deepEqual(config.rules, { placeholder: 'info', 'missing-owner': 'warning' });
  assert.deepEqual(config.roles.map((r) => r.name), ['Editor', 'Security Officer']);
  assert.deepEqual(config.externalIds, ['CUS-*']);
  assert.equal(config.reviewCadenceMonths, 6);
  assert.deepEqual(config.calendar, { holidays: 'DE-BY', workweek: [1, 2, 3, 4, 5], closed: [] });
});

test('invalid file: clear one-line errors, the file is ignored', () => {
  const { config, errors } = resolveConfig({ file: { rules: { 'missing-ownr': 'error', placeholder: 'loud' }, colour: true, reviewCadenceMonths: 0 } });
  assert.deepEqual(errors.map(formatConfigError), [
    '.sopls.json: unknown key "colour"',
    '.sopls.json: unknown rule "missing-ownr" (did you mean "missing-owner"?)',
    '.sopls.json: rules.placeholder must be one of "error", "warning", "info", "hint", "off"',
    '.sopls.json: reviewCadenceMonths must be >= 1',
  ]);
  assert.deepEqual(config, defaultConfig());
  assert.deepEqual(resolveConfig({ file: [] }).errors.map(formatConfigError), ['.sopls.json: (top level) must be of type object']);
});

test('the config schema lists every rule', () => {
  const schema = JSON.parse(readRepoFile('schemas/sopls-config.schema.json'));
  for (const r of RULES) assert.ok(schema.properties.rules.properties[r.id], r.id);
});

test('generated files are current (run `npm run generate`)', () => {
  const current: Record<string, string | undefined> = {};
  for (const rel of Object.keys(FILES_WITH_RULE_TABLE)) {
    const full = path.join(ROOT, rel);
    current[rel] = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
  }
  for (const [rel, content] of Object.entries(generatedFiles(current))) {
    assert.equal(readRepoFile(rel), content, `${rel} is out of date: run npm run generate`);
  }
});
