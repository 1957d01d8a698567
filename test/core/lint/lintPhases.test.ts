import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../../../server/src/core/config';
import { analyseText, finishText, lintText, workspaceEntry } from '../../../server/src/core/lint/lintText';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';
import { listDocuments, ROOT, seedFiles } from '../../helpers';

/**
 * `sopls lint` parses each file once: pass 1 (`analyseText`, possibly in a worker) runs the rules that do not
 * read the workspace and keeps a slim view of the model; pass 2 (`finishText`) runs the workspace rules on that
 * view. Both together must give exactly `lintText`'s findings and entry, on every document we have, with
 * the view sent through a structured clone as between threads.
 */


test('analyseText + finishText = lintText on the examples, fixtures and seeds', () => {
  const files = [...listDocuments(path.join(ROOT, 'examples')), ...listDocuments(path.join(ROOT, 'test', 'fixtures')), ...seedFiles()];
  assert.ok(files.length > 50, `${files.length} documents`);
  const config = defaultConfig();
  const today = '2026-11-23';
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const analysed = texts.map((text, i) => structuredClone(analyseText({ text, uri: files[i]!, config, today })));
  const workspace = new InMemoryWorkspace(
    analysed.map((a) => a.entry),
    ROOT,
  );
  // The workspace of pass 2 is built from pass 1's entries slimmed as `sopls lint` keeps them.
  const slimWorkspace = new InMemoryWorkspace(
    analysed.map((a) => workspaceEntry(a.entry)),
    ROOT,
  );
  const shared = new Map<string, unknown>();
  let linted = 0;
  let withFindings = 0;
  files.forEach((file, i) => {
    const whole = lintText({ text: texts[i]!, uri: file, workspace, config, today });
    const a = analysed[i]!;
    assert.deepEqual(a.entry, whole.entry, `${file}: entry`);
    assert.equal(a.linted, whole.linted, `${file}: linted`);
    assert.deepEqual(finishText(a, { workspace: slimWorkspace, config, today, shared }), whole.findings, `${file}: findings`);
    if (whole.linted) linted++;
    if (whole.findings.some((f) => f.rule === 'unknown-role' || f.rule === 'broken-link' || f.rule === 'duplicate-id')) withFindings++;
  });
  // The comparison means something only if workspace rules fired somewhere.
  assert.ok(linted > 30, `${linted} linted`);
  assert.ok(withFindings > 0, 'some workspace-rule findings');
});

test('pass 1 never reads the workspace: no internal-error finding from it', () => {
  const config = defaultConfig();
  for (const file of listDocuments(path.join(ROOT, 'examples'))) {
    const a = analyseText({ text: fs.readFileSync(file, 'utf8'), uri: file, config, today: '2026-11-23' });
    assert.deepEqual(
      a.findings.filter((f) => f.rule === 'internal-error'),
      [],
      file,
    );
  }
});
