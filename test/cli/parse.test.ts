import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers';

const CLI = path.join(ROOT, 'bin', 'sopls.js');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-parse-'));

function sopls(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, 'parse', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('text by default: SOP and why, steps with owner and source, timing and its meaning', () => {
  const r = sopls(['test/fixtures/shapes/step-table.md']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], "test/fixtures/shapes/step-table.md: an SOP (step table under 'Tasks')");
  assert.ok(lines.includes('  7:7 1. Collect the signed contracts'), r.stdout);
  assert.ok(lines.includes('      owner: Legal Counsel [table]'), r.stdout);
  const timing = lines.find((l) => l.includes('"2 weeks before fieldwork"'));
  assert.ok(timing?.startsWith('      timing: "2 weeks before fieldwork" (7:38) Offset: 2 weeks before "fieldwork"'), timing);
});

test('text: sub-steps indented under their group; not-an-SOP says why', () => {
  const phases = sopls(['test/fixtures/shapes/phases.md']).stdout.split('\n');
  assert.ok(phases.includes('  3:4 group Phase 1: Prepare'), phases.join('\n'));
  assert.ok(phases.includes('    5:4 1. Inventory every mailbox'), phases.join('\n'));
  const readme = sopls(['test/fixtures/shapes/not-sop-readme.md']);
  assert.equal(readme.stdout, 'test/fixtures/shapes/not-sop-readme.md: not an SOP (no procedure: no numbered steps, checklist, step headings or step table)\n');
});

test('text: timing phrases not understood are listed with their position and reason', () => {
  const file = path.join(TMP, 'cert.md');
  fs.writeFileSync(file, '# Renew the certificate\n\n## Procedure\n\n1. Request a new certificate\n   - Due: whenever the harvest moon rises\n2. Install it\n   - When: within 2 business days\n');
  const out = sopls([file]).stdout;
  assert.match(out, /timing: "within 2 business days" \(8:12\) Deadline: finish within 2 business days/);
  const tail = out.slice(out.indexOf('Timing not understood:'));
  assert.match(tail, /^Timing not understood:\n {2}6:11 "whenever the harvest moon rises": /);
});

test('json: the model with recognisedBy, substeps and a kind on every timing entry', () => {
  const r = sopls(['test/fixtures/shapes/time-checklists.md', '--format', 'json']);
  assert.equal(r.code, 0);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.isSop, true);
  assert.equal(doc.recognisedBy, "checklist under 'Before the start date'");
  assert.equal(doc.steps[2].title, 'Day 0');
  assert.equal(doc.steps[2].substeps.length, 2);
  assert.deepEqual(doc.steps[2].timing.map((t: { text: string; kind: string }) => [t.text, t.kind]), [['Day 0', 'offset']]);
  assert.deepEqual(doc.steps[2].timing[0].range.start, { line: 12, column: 4 });
});

test('.sopls.json sopFiles makes a file an SOP; bad formats and missing files are usage errors', () => {
  const dir = path.join(TMP, 'ws');
  fs.mkdirSync(path.join(dir, 'notes'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.sopls.json'), JSON.stringify({ sopFiles: ['notes/**'] }));
  fs.writeFileSync(path.join(dir, 'notes', 'drill.md'), '# Fire drill\n\nEveryone meets in the car park.\n');
  assert.equal(sopls(['notes/drill.md'], dir).stdout, 'notes/drill.md: an SOP (.sopls.json sopFiles)\n\nNo steps found.\n');
  const bad = sopls(['test/fixtures/shapes/phases.md', '--format', 'yaml']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown format "yaml" for parse \(expected text or json\)/);
  assert.equal(sopls(['no/such/file.md']).code, 2);
});
