/**
 * A document's escape sequences never reach the terminal or a CI log raw: `ESC[2J` in a step title would clear
 * the reader's screen, a line break in a message would forge a `::error` line. Text formats make them visible
 * (`\u001b`), JSON and SARIF escape them as JSON does.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers';

const CLI = path.join(ROOT, 'bin', 'sopls.js');
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-ctl-'));
fs.writeFileSync(path.join(DIR, '.sopls.json'), '{}');
const FILE = path.join(DIR, 'hostile.md');
// Step 1 has an escape sequence (clear screen), a bell and a C1 CSI in its title; no owner, so its title
// appears in a missing-owner message. Step 2 carries a timing phrase so every timeline format has rows.
fs.writeFileSync(
  FILE,
  '---\ntype: procedure\nid: PRC-990\ntitle: "Clean \\e[31mup"\nstatus: active\n---\n# Clean up\n\n## Process Steps\n\n' +
    '### Step 1: Wipe\u001b[2J the\u0007 board\u009b\n**Timeline**: within 2 business days\n\n' +
    '### Step 2: Report\u001b]8;;x\u0007\n**Owner**: Clerk\n**Timeline**: within 3 business days of Step 1\n',
);

function sopls(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: DIR, encoding: 'utf8', env: { ...process.env, SOPLS_TODAY: '2026-11-23', NO_COLOR: '1', FORCE_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Every control character but line feed (and tab, harmless): the output must hold none of them.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

test('stylish: the title shows with visible escapes and no raw control character', () => {
  const r = sopls(['lint', 'hostile.md']);
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stdout, RAW_CONTROL);
  assert.match(r.stdout, /Wipe\\u001b\[2J the\\u0007 board\\u009b/);
});

test('stylish with colour: the only escapes are sopls own SGR colour codes', () => {
  const r = spawnSync(process.execPath, [CLI, 'lint', 'hostile.md'], { cwd: DIR, encoding: 'utf8', env: { ...process.env, SOPLS_TODAY: '2026-11-23', NO_COLOR: '', FORCE_COLOR: '1' } });
  assert.doesNotMatch(r.stdout.replace(/\u001b\[[0-9;]*m/g, ''), RAW_CONTROL);
});

test('github: no raw control character, so no forged workflow command', () => {
  const r = sopls(['lint', 'hostile.md', '--format', 'github']);
  assert.doesNotMatch(r.stdout, RAW_CONTROL);
  for (const line of r.stdout.trimEnd().split('\n')) assert.match(line, /^::(error|warning|notice) file=hostile\.md,/);
  assert.match(r.stdout, /Wipe\\u001b\[2J the\\u0007 board\\u009b/);
});

test('json and sarif: control characters escaped as JSON does, and they round-trip', () => {
  const json = sopls(['lint', 'hostile.md', '--format', 'json']);
  assert.doesNotMatch(json.stdout, RAW_CONTROL);
  assert.ok((JSON.parse(json.stdout) as { message: string }[]).some((f) => f.message.includes('Wipe\u001b[2J the\u0007 board\u009b')));
  const sarif = sopls(['lint', 'hostile.md', '--format', 'sarif']);
  assert.doesNotMatch(sarif.stdout, RAW_CONTROL);
  assert.ok(JSON.parse(sarif.stdout).runs[0].results.some((r: { message: { text: string } }) => r.message.text.includes('\u001b[2J')));
});

for (const format of ['text', 'csv', 'mermaid', 'ics', 'html', 'json']) {
  test(`timeline --format ${format}: no raw control character`, () => {
    const r = sopls(['timeline', 'hostile.md', '--format', format, '--start', '2026-03-02', '--runs', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout.replace(/\r\n/g, '\n'), RAW_CONTROL);
    if (format === 'text' || format === 'csv') assert.match(r.stdout, /Wipe\\u001b\[2J/);
    if (format === 'json') assert.ok(JSON.stringify(JSON.parse(r.stdout)).includes('\\u001b[2J'));
  });
}

test('timeline --diff text and markdown: no raw control character', () => {
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: DIR, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'x');
  fs.writeFileSync(FILE, fs.readFileSync(FILE, 'utf8').replace('within 3 business days', 'within 5 business days'));
  for (const format of ['text', 'markdown']) {
    const r = sopls(['timeline', '--diff', 'HEAD', 'hostile.md', '--format', format, '--start', '2026-03-02', '--runs', '0']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Report/);
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
  }
});
