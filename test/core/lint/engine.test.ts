import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../server/src/core/config';
import { lintDocument } from '../../../server/src/core/lint/engine';
import { DOCUMENT_RULES } from '../../../server/src/core/lint/registry';
import { ruleDocsUrl, type Rule } from '../../../server/src/core/lint/rule';
import { parseSop } from '../../../server/src/core/parse';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';
import { indexEntryFromDoc } from '../../../server/src/core/indexScan';
import { TODAY } from './lintHelpers';

const SOP = `# Standard Operating Procedure: Desk Move

## Roles

| Role | Responsibility |
|------|----------------|
| Facilities Coordinator | Moves desks |

## Process Steps

### Step 1: Plan
**Owner**: TBD

### Step 2: Move
**Owner**: Facilities Coordinator
Bring [BOX_COUNT] boxes.
`;

function lint(text: string, uri = 'mem://doc.md', rules?: readonly Rule[], config = defaultConfig()) {
  const doc = parseSop(text, uri);
  const ws = new InMemoryWorkspace([indexEntryFromDoc(doc)]);
  return lintDocument({ doc, workspace: ws, config, today: TODAY, ...(rules ? { rules } : {}) }).map(
    (f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule}`,
  );
}

test('findings come sorted by position with default severities', () => {
  assert.deepEqual(lint(SOP), ['12:12 error missing-owner', '16:7 warning placeholder']);
});

test('config severity and off', () => {
  const config = defaultConfig();
  config.rules = { 'missing-owner': 'info', placeholder: 'off' };
  assert.deepEqual(lint(SOP, undefined, undefined, config), ['12:12 info missing-owner']);
});

test('inline directives: disable-next-line, disable-line, regions, all-rules, enable one', () => {
  const withNext = SOP.replace('**Owner**: TBD', '<!-- sopls-disable-next-line missing-owner -->\n**Owner**: TBD');
  assert.deepEqual(lint(withNext), ['17:7 warning placeholder']);
  const withLine = SOP.replace('Bring [BOX_COUNT] boxes.', 'Bring [BOX_COUNT] boxes. <!-- sopls-disable-line -->');
  assert.deepEqual(lint(withLine), ['12:12 error missing-owner']);
  const region = SOP.replace('### Step 1', '<!-- sopls-disable -->\n\n### Step 1').replace('### Step 2', '<!-- sopls-enable placeholder -->\n\n### Step 2');
  assert.deepEqual(lint(region), ['20:7 warning placeholder']);
  const otherRule = SOP.replace('### Step 1', '<!-- sopls-disable placeholder -->\n\n### Step 1');
  assert.deepEqual(lint(otherRule), ['14:12 error missing-owner']);
  const reEnabled = otherRule.replace('### Step 2', '<!-- sopls-enable -->\n\n### Step 2');
  assert.deepEqual(lint(reEnabled), ['14:12 error missing-owner', '20:7 warning placeholder']);
});

test('a rule that throws becomes an internal-error finding; the others still run', () => {
  const boom: Rule = {
    id: 'boom',
    description: 'throws',
    defaultSeverity: 'warning',
    docs: ruleDocsUrl('boom'),
    scope: 'document',
    check() {
      throw new Error('kaput');
    },
  };
  const doc = parseSop(SOP, 'mem://doc.md');
  const findings = lintDocument({ doc, workspace: new InMemoryWorkspace(), config: defaultConfig(), today: TODAY, rules: [boom, ...DOCUMENT_RULES] });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.message]),
    [
      ['internal-error', 'Rule "boom" failed on this document and was skipped: kaput. Please report this as a sopls bug.'],
      ['missing-owner', 'Step 1 "Plan" has only a placeholder owner ("TBD"); name the role that does it.'],
      ['placeholder', 'Unfilled template placeholder [BOX_COUNT]; replace it with the real value.'],
    ],
  );
});

test('memo computes once per lint; shared once per run', () => {
  let perDoc = 0;
  let perRun = 0;
  const mk = (id: string): Rule => ({
    id,
    description: id,
    defaultSeverity: 'info',
    docs: ruleDocsUrl(id),
    scope: 'timeline',
    check(ctx) {
      ctx.memo('schedule', () => ++perDoc);
      ctx.shared('roles', () => ++perRun);
    },
  });
  const shared = new Map<string, unknown>();
  for (let i = 0; i < 3; i++) {
    lintDocument({ doc: parseSop(SOP, `mem://${i}.md`), workspace: new InMemoryWorkspace(), config: defaultConfig(), today: TODAY, rules: [mk('a'), mk('b')], shared });
  }
  assert.equal(perDoc, 3);
  assert.equal(perRun, 1);
});

test('a plain README gets nothing; a binary file only unreadable-content', () => {
  const readme = '# My project\n\nSee [COMPANY_NAME] and PRC-999. Steps:\n\n1. Install\n2. Run\n';
  assert.deepEqual(lint(readme, 'mem://README.md'), []);
  assert.deepEqual(lint('\u0000\u0001binary', 'mem://x.md'), ['1:1 warning unreadable-content']);
});

test('non-SOP documents with sopls frontmatter get the document-level rules only', () => {
  const policy = '---\ntype: policy\nid: pol-1\ntitle: T\nstatus: active\nlinks:\n  relates_to: [PRC-404]\n---\n\n# T\n\nAsk [TEAM_NAME].\n';
  assert.deepEqual(lint(policy, 'mem://p.md'), ['3:5 error frontmatter-schema', '7:16 error broken-link', '12:5 warning placeholder']);
});
