import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from '../../../server/src/core/config';
import { lintText } from '../../../server/src/core/lint/lintText';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';

function frequencyFindings(frequency: string) {
  const text = `---\ntype: procedure\nid: PRC-40\ntitle: Badge audit\nstatus: active\nprocess_meta:\n  frequency: ${frequency}\n---\n# Badge audit\n\n### Step 1: Pull the badge log\n**Owner**: Facilities Lead\n`;
  const r = lintText({ text, uri: '/ws/badge-audit.md', workspace: new InMemoryWorkspace(), config: defaultConfig(), today: '2026-11-23', force: true });
  return r.findings.filter((f) => f.rule === 'frontmatter-schema').map((f) => [f.severity, f.message, f.range.start.line]);
}

test('process_meta.frequency accepts the usual words and `every N …`', () => {
  for (const word of ['yearly', 'annual', 'annually', 'biweekly', 'bi-weekly', 'fortnightly', 'twice a year', 'half-yearly', 'as needed', 'every 3 months', 'every other week', 'every two weeks']) {
    assert.deepEqual(frequencyFindings(word), [], word);
  }
});

test('an unknown frequency is a warning that suggests the nearest word', () => {
  assert.deepEqual(frequencyFindings('fortnighty'), [['warning', 'process_meta.frequency "fortnighty" is not a frequency sopls knows; did you mean "fortnightly"?', 6]]);
  assert.deepEqual(frequencyFindings('Yearly'), [['warning', 'process_meta.frequency "Yearly" is not a frequency sopls knows; did you mean "yearly"?', 6]]);
  const far = frequencyFindings('whenever the moon is full');
  assert.equal(far.length, 1);
  assert.equal(far[0]![0], 'warning');
  assert.match(String(far[0]![1]), /use a word such as weekly, fortnightly/);
});
