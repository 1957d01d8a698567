/**
 * missing-owner says less when sopls is less sure: steps read from plain bullets or paragraphs are reported at
 * information level, a run of them once; steps with a number, a heading or a checklist box keep the rule's
 * severity. The fixtures (test/fixtures/rules/missing-owner) pin the lines; this pins the severities.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../helpers';
import { lintWorkspace } from './lintHelpers';

const DIR = path.join(ROOT, 'test/fixtures/rules/missing-owner');

function ownerFindings(name: string) {
  const file = path.join(DIR, name);
  return lintWorkspace([file]).get(file)!.filter((f) => f.rule === 'missing-owner');
}

test('a numbered step without an owner is an error; a run of plain bullets without owners is one info', () => {
  const found = ownerFindings('not-ok-bullets.md');
  assert.deepEqual(
    found.map((f) => `${f.range.start.line + 1} ${f.severity} ${f.related?.length ?? 0}`),
    ['14 error 0', '18 info 2'],
  );
  assert.match(found[1]!.message, /These 3 listed actions name no owner/);
});

test('a procedure that names no owners is said once, at its first step, with the rule severity', () => {
  const found = ownerFindings('not-ok-unowned-procedure.md');
  assert.equal(found.length, 1);
  assert.equal(found[0]!.severity, 'error');
  assert.equal(found[0]!.range.start.line + 1, 5);
});

test('checklist items are steps on strong evidence: each unowned one is reported at the rule severity', () => {
  const text = [
    '# Closing the quarter',
    '',
    '## Finance controller tasks',
    '',
    '- [ ] Reconcile the bank accounts',
    '- [ ] Approve the accruals',
    '',
    '## Checklist',
    '',
    '- [ ] File the VAT return',
    '',
  ].join('\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-owner-'));
  const file = path.join(dir, 'quarter.md');
  fs.writeFileSync(file, text);
  try {
    const found = lintWorkspace([file]).get(file)!.filter((f) => f.rule === 'missing-owner');
    assert.deepEqual(found.map((f) => `${f.range.start.line + 1} ${f.severity}`), ['10 error']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
