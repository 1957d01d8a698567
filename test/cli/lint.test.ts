import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_RULE_META, RULES } from '../../server/src/core/lint/registry';
import { ROOT } from '../helpers';

const CLI = path.join(ROOT, 'bin', 'sopls.js');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-lint-'));
// Timing rules have their own tests; turning them off keeps these outputs about the CLI and the rules here.
const NO_TIMING = path.join(TMP, 'no-timing.json');
fs.writeFileSync(NO_TIMING, JSON.stringify({ rules: Object.fromEntries(RULES.filter((r) => r.scope === 'timeline').map((r) => [r.id, 'off'])) }));

function sopls(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const env: Record<string, string | undefined> = { ...process.env, SOPLS_TODAY: '2026-11-23', NO_COLOR: '', FORCE_COLOR: '', ...opts.env };
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: env as NodeJS.ProcessEnv });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DIRTY_JSON = [
  { file: 'test/fixtures/dirty/bad-frontmatter.md', line: 3, column: 5, endLine: 3, endColumn: 11, severity: 'error', rule: 'frontmatter-schema', message: 'id "prc_12" is not a document id (an upper-case prefix, a hyphen and a number, e.g. PRC-001).' },
  { file: 'test/fixtures/dirty/bad-frontmatter.md', line: 5, column: 9, endLine: 5, endColumn: 13, severity: 'error', rule: 'frontmatter-schema', message: 'status "live" is not one of: draft, review, approved, active, deprecated, superseded, retired, archived.' },
  { file: 'test/fixtures/dirty/bad-frontmatter.md', line: 7, column: 10, endLine: 7, endColumn: 20, severity: 'error', rule: 'frontmatter-schema', message: 'updated (2026-04-01) is earlier than created (2026-05-10).' },
  { file: 'test/fixtures/dirty/bad-frontmatter.md', line: 46, column: 10, endLine: 46, endColumn: 11, severity: 'warning', rule: 'step-numbering', message: 'Step 4 follows step 2; step 3 is missing.' },
  { file: 'test/fixtures/dirty/kickoff-before-setup.md', line: 14, column: 16, endLine: 14, endColumn: 23, severity: 'error', rule: 'broken-link', message: 'No document in the workspace declares id "POL-999" (links.relates_to).' },
  { file: 'test/fixtures/dirty/onboarding-gaps.txt', line: 4, column: 29, endLine: 4, endColumn: 43, severity: 'warning', rule: 'placeholder', message: 'Unfilled template placeholder [COMPANY_NAME]; replace it with the real value.' },
  { file: 'test/fixtures/dirty/onboarding-gaps.txt', line: 20, column: 4, endLine: 20, endColumn: 27, severity: 'error', rule: 'missing-owner', message: 'Step 2 "Device Inventory Review" has no owner; add an owner line naming the role that does it.' },
  { file: 'test/fixtures/dirty/onboarding-gaps.txt', line: 30, column: 8, endLine: 30, endColumn: 31, severity: 'warning', rule: 'unknown-role', message: '"Customer Sucess Manager" is not a declared role (not in this document\'s roles, the workspace or the role registry); did you mean "Customer Success Manager"?' },
  { file: 'test/fixtures/dirty/onboarding-gaps.txt', line: 32, column: 11, endLine: 32, endColumn: 21, severity: 'warning', rule: 'agenda-overrun', message: 'Step 4 "Kickoff Meeting": agenda items add up to 40 minutes, 10 more than the 30-minute meeting.' },
];

test('json: exact findings for the dirty fixtures, exit 1', () => {
  const r = sopls(['test/fixtures/dirty', '--format', 'json', '--config', NO_TIMING]);
  assert.equal(r.stderr, '');
  const rows = JSON.parse(r.stdout) as { fingerprint: string }[];
  // Every row carries the --baseline fingerprint (tested in baseline.test.ts); the rest is exact.
  for (const row of rows) assert.match(row.fingerprint, /^[0-9a-f]{32}$/);
  assert.deepEqual(rows.map(({ fingerprint: _, ...rest }) => rest), DIRTY_JSON);
  assert.equal(r.code, 1);
});

test('examples lint clean: exit 0 and a closing line', () => {
  const r = sopls(['examples', '--config', NO_TIMING]);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, '✔ No problems (6 files checked)\n', '']);
});

test('stylish: grouped by file, count line; colour only when asked and NO_COLOR unset', () => {
  const plain = sopls(['test/fixtures/dirty/kickoff-before-setup.md', '--config', NO_TIMING]);
  assert.equal(
    plain.stdout,
    '\ntest/fixtures/dirty/kickoff-before-setup.md\n' +
      '  14:16  error  No document in the workspace declares id "POL-999" (links.relates_to).  broken-link\n' +
      '\n✖ 1 problem (1 error, 0 warnings) in 1 file checked\n',
  );
  const coloured = sopls(['test/fixtures/dirty/kickoff-before-setup.md', '--config', NO_TIMING], { env: { FORCE_COLOR: '1' } });
  assert.ok(coloured.stdout.includes('\u001b[31merror\u001b[0m'));
  const noColour = sopls(['test/fixtures/dirty/kickoff-before-setup.md', '--config', NO_TIMING], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
  assert.equal(noColour.stdout, plain.stdout);
});

test('github: workflow commands with escaped properties', () => {
  const r = sopls(['test/fixtures/dirty/onboarding-gaps.txt', '--format', 'github', '--config', NO_TIMING]);
  assert.equal(r.code, 1);
  assert.deepEqual(r.stdout.trimEnd().split('\n'), [
    '::warning file=test/fixtures/dirty/onboarding-gaps.txt,line=4,col=29,endLine=4,endColumn=43,title=sopls placeholder::Unfilled template placeholder [COMPANY_NAME]; replace it with the real value.',
    '::error file=test/fixtures/dirty/onboarding-gaps.txt,line=20,col=4,endLine=20,endColumn=27,title=sopls missing-owner::Step 2 "Device Inventory Review" has no owner; add an owner line naming the role that does it.',
    '::warning file=test/fixtures/dirty/onboarding-gaps.txt,line=30,col=8,endLine=30,endColumn=31,title=sopls unknown-role::"Customer Sucess Manager" is not a declared role (not in this document\'s roles, the workspace or the role registry); did you mean "Customer Success Manager"?',
    '::warning file=test/fixtures/dirty/onboarding-gaps.txt,line=32,col=11,endLine=32,endColumn=21,title=sopls agenda-overrun::Step 4 "Kickoff Meeting": agenda items add up to 40 minutes, 10 more than the 30-minute meeting.',
  ]);
});

test('sarif: 2.1.0, every rule with its shipped page as help, results pointing at rules', () => {
  const r = sopls(['test/fixtures/dirty', '--format', 'sarif', '--config', NO_TIMING]);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'sopls');
  assert.deepEqual(run.tool.driver.rules.map((x: { id: string }) => x.id), ALL_RULE_META.map((m) => m.id));
  assert.equal(run.tool.driver.version, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  assert.equal(run.tool.driver.informationUri, undefined, 'no invented web address');
  for (const rule of run.tool.driver.rules) {
    assert.equal(rule.helpUri, undefined, 'helpUri only with docsBaseUrl');
    assert.equal(rule.help.markdown, fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8'));
  }
  assert.equal(run.results.length, DIRTY_JSON.length);
  for (const [i, res] of run.results.entries()) {
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    assert.match(res.partialFingerprints['soplsFindingHash/v1'], /^[0-9a-f]{32}$/);
    assert.equal(res.ruleId, DIRTY_JSON[i]!.rule);
    assert.equal(res.level, DIRTY_JSON[i]!.severity === 'error' ? 'error' : 'warning');
    assert.deepEqual(res.locations[0].physicalLocation, {
      artifactLocation: { uri: DIRTY_JSON[i]!.file, uriBaseId: '%SRCROOT%' },
      region: { startLine: DIRTY_JSON[i]!.line, startColumn: DIRTY_JSON[i]!.column, endLine: DIRTY_JSON[i]!.endLine, endColumn: DIRTY_JSON[i]!.endColumn },
    });
  }
});

test('exit codes: usage and config errors are 2 with one line', () => {
  const missing = sopls(['no/such/dir']);
  assert.deepEqual([missing.code, missing.stdout, missing.stderr], [2, '', 'sopls: no such file or directory: no/such/dir\n']);
  const format = sopls(['examples', '--format', 'xml']);
  assert.deepEqual([format.code, format.stderr], [2, 'sopls: unknown format "xml" (expected stylish, json, sarif or github)\n']);
  const bad = path.join(TMP, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ rules: { 'missing-ownr': 'error' } }));
  const config = sopls(['examples', '--config', bad]);
  assert.equal(config.code, 2);
  assert.equal(config.stderr, `sopls: invalid configuration: ${bad}: unknown rule "missing-ownr" (did you mean "missing-owner"?)\n`);
  const notJson = path.join(TMP, 'not.json');
  fs.writeFileSync(notJson, '{ rules: ');
  const parse = sopls(['examples', '--config', notJson]);
  assert.equal(parse.code, 2);
  assert.equal(parse.stderr.split('\n').length, 2, 'one line');
  assert.equal(sopls(['examples', '--max-warnings', 'lots']).code, 2);
});

test('--max-warnings: warnings alone exit 0, over the limit exit 1', () => {
  const dir = fs.mkdtempSync(path.join(TMP, 'warn-'));
  fs.writeFileSync(path.join(dir, '.sopls.json'), '{}');
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/rules/placeholder/not-ok.md'), path.join(dir, 'welcome.md'));
  assert.equal(sopls(['.', '--format', 'json'], { cwd: dir }).code, 0);
  assert.equal(sopls(['.', '--max-warnings', '4'], { cwd: dir }).code, 0);
  const over = sopls(['.', '--max-warnings', '3'], { cwd: dir });
  assert.deepEqual([over.code, over.stderr], [1, 'sopls: 4 warnings, more than --max-warnings 3\n']);
});

test('workspace root: .sopls.json folder is indexed for links; README is not linted unless named', () => {
  const dir = fs.mkdtempSync(path.join(TMP, 'ws-'));
  fs.writeFileSync(path.join(dir, '.sopls.json'), JSON.stringify({ externalIds: ['CUS-*'] }));
  fs.mkdirSync(path.join(dir, 'sops'));
  fs.mkdirSync(path.join(dir, 'policies'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'policies', 'p.md'), '---\ntype: policy\nid: POL-7\ntitle: P\nstatus: active\n---\n# P\n');
  fs.writeFileSync(path.join(dir, 'node_modules', 'x.md'), '---\ntype: policy\nid: POL-8\ntitle: X\nstatus: active\n---\n# X\n');
  fs.writeFileSync(path.join(dir, 'sops', 'README.md'), '# Notes\n\nSee [COMPANY_NAME].\n');
  fs.writeFileSync(
    path.join(dir, 'sops', 'a.md'),
    '---\ntype: process\nid: PRC-7\ntitle: A\nstatus: active\nlinks:\n  relates_to: [POL-7, POL-8, CUS-9]\n---\n# A\n\n### Step 1: Go\n**Owner**: Clerk\n',
  );
  const r = sopls(['sops', '--format', 'json'], { cwd: dir });
  assert.deepEqual(JSON.parse(r.stdout).map((f: { file: string; rule: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column} ${f.rule}`), [
    'sops/a.md:7:23 broken-link',
  ]);
  const named = sopls(['sops/README.md', '--format', 'json'], { cwd: dir });
  assert.deepEqual(JSON.parse(named.stdout), []);
  assert.equal(named.code, 0);
});

test('--cache: same output with and without, and it notices changes', () => {
  const dir = fs.mkdtempSync(path.join(TMP, 'cache-'));
  fs.writeFileSync(path.join(dir, '.sopls.json'), '{}');
  for (const f of ['bad-frontmatter.md', 'kickoff-before-setup.md', 'onboarding-gaps.txt']) fs.copyFileSync(path.join(ROOT, 'test/fixtures/dirty', f), path.join(dir, f));
  const args = ['.', '--format', 'json', '--config', NO_TIMING];
  const cold = sopls(args, { cwd: dir });
  const first = sopls([...args, '--cache'], { cwd: dir });
  assert.ok(fs.existsSync(path.join(dir, '.sopls-cache')));
  const second = sopls([...args, '--cache'], { cwd: dir });
  assert.equal(first.stdout, cold.stdout);
  assert.equal(second.stdout, cold.stdout);
  // Declaring the missing policy changes another file's findings: the workspace is part of the cache key.
  fs.writeFileSync(path.join(dir, 'policy.md'), '---\ntype: policy\nid: POL-999\ntitle: Scanners\nstatus: active\n---\n# Scanners\n');
  const after = sopls([...args, '--cache', '--cache-location', path.join(dir, 'c.json')], { cwd: dir });
  assert.equal(after.stdout, sopls(args, { cwd: dir }).stdout);
  assert.ok(!after.stdout.includes('broken-link'));
  assert.ok(fs.existsSync(path.join(dir, 'c.json')));
});

test('sarif: a helpUri per rule only when .sopls.json sets docsBaseUrl', () => {
  const dir = fs.mkdtempSync(path.join(TMP, 'docs-'));
  fs.writeFileSync(path.join(dir, '.sopls.json'), JSON.stringify({ docsBaseUrl: 'https://wiki.example.com/sopls/rules' }));
  fs.copyFileSync(path.join(ROOT, 'test/fixtures/rules/placeholder/not-ok.md'), path.join(dir, 'welcome.md'));
  const r = sopls(['.', '--format', 'sarif'], { cwd: dir });
  const rules = JSON.parse(r.stdout).runs[0].tool.driver.rules as { id: string; helpUri: string }[];
  for (const rule of rules) assert.equal(rule.helpUri, `https://wiki.example.com/sopls/rules/${rule.id}.md`);
  fs.writeFileSync(path.join(dir, '.sopls.json'), JSON.stringify({ docsBaseUrl: 'wiki/rules' }));
  const bad = sopls(['.', '--format', 'sarif'], { cwd: dir });
  assert.equal(bad.code, 2, 'docsBaseUrl must be an http(s) address');
});
