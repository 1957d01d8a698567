import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../server/src/core/config';
import { lintDocument } from '../../../server/src/core/lint/engine';
import { RULES, TIMELINE_RULES } from '../../../server/src/core/lint/registry';
import type { RuleContext, RuleReport } from '../../../server/src/core/lint/rule';
import { parseSop } from '../../../server/src/core/parse';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';
import { TIMELINE_MEMO_KEY } from '../../../server/src/core/lint/timelineBridge';

// Monday 2026-03-02 is "today" and so day 0 of the lint schedule (no timeline.start configured).
const TODAY = '2026-03-02';

const DOC = `# Reseller Launch

## Process Steps

### Step 1: Account Setup
**Owner**: Platform Engineer
**Duration**: 3-5 business days

### Step 2: Kickoff Call
**Owner**: Channel Manager
**Timing**: Within 2 business days of contract signing
**Duration**: 60 minutes

### Step 3: Enablement
**Owner**: Channel Manager
**Timing**: Within 3 days of the partner portal go-live

### Step 4: Review
**Owner**: Channel Manager
**Timing**: whenever the moon is full
`;

function lint(text: string) {
  const doc = parseSop(text, 'file:///w/reseller.md');
  return lintDocument({ doc, workspace: new InMemoryWorkspace(), config: defaultConfig(), today: TODAY, rules: TIMELINE_RULES });
}

test('the six timing rules are registered with scope timeline, in order', () => {
  assert.deepEqual(
    TIMELINE_RULES.map((r) => [r.id, r.scope, r.defaultSeverity, r.appliesTo]),
    [
      ['timeline-conflict', 'timeline', 'warning', 'sop'],
      ['dependency-cycle', 'timeline', 'warning', 'sop'],
      ['unresolved-reference', 'timeline', 'warning', 'sop'],
      ['unparsed-timing', 'timeline', 'info', 'sop'],
      ['duration-mismatch', 'timeline', 'warning', 'sop'],
      ['target-missed', 'timeline', 'warning', 'sop'],
    ],
  );
  for (const r of TIMELINE_RULES) assert.ok(RULES.includes(r), r.id);
});

test('the schedule is computed once per document and shared by all six rules', () => {
  const doc = parseSop(DOC, 'file:///w/reseller.md');
  const cache = new Map<string, unknown>();
  let computed = 0;
  const reports: [string, RuleReport][] = [];
  for (const rule of TIMELINE_RULES) {
    const ctx: RuleContext = {
      doc,
      workspace: new InMemoryWorkspace(),
      config: defaultConfig(),
      today: TODAY,
      cache,
      report: (r) => reports.push([rule.id, r]),
      memo: <T>(key: string, compute: () => T): T => {
        if (!cache.has(key)) {
          computed++;
          cache.set(key, compute());
        }
        return cache.get(key) as T;
      },
      shared: (_key, compute) => compute(),
    };
    rule.check(ctx);
  }
  assert.equal(computed, 1);
  assert.deepEqual([...cache.keys()], [TIMELINE_MEMO_KEY]);
  assert.deepEqual(reports.map(([id]) => id), ['timeline-conflict', 'unresolved-reference', 'unparsed-timing']);
});

test('findings: range on the late step\'s deadline, related on the other step, both steps and days named', () => {
  const findings = lint(DOC);
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.range.start.line + 1, f.range.start.character, f.range.end.character, f.message]),
    [
      [
        'timeline-conflict',
        'warning',
        11,
        12,
        54,
        // Account Setup takes at least Mon-Wed (business days 0-2); the call is due Wed, so it slips to Thursday.
        '2. Kickoff Call is due by business day 2 (2026-03-04), but 1. Account Setup finishes only by business day 2 (2026-03-04), so 2. Kickoff Call can finish only by business day 3 (2026-03-05).',
      ],
      ['unresolved-reference', 'warning', 16, 29, 55, '"the partner portal go-live" in 3. Enablement matches no step, trigger event or milestone.'],
      ['unparsed-timing', 'info', 20, 12, 37, 'Timing "whenever the moon is full" of 4. Review is not understood: no timing phrase recognised.'],
    ],
  );
  const conflict = findings[0]!;
  assert.deepEqual(conflict.related, [
    {
      uri: 'file:///w/reseller.md',
      range: { start: { line: 6, character: 14 }, end: { line: 6, character: 31 } },
      message: '1. Account Setup: earliest finish business day 2 (2026-03-04)',
    },
  ]);
  // The 60-minute call can only happen on Thursday, business day 3.
  assert.deepEqual(conflict.data, { due: 2, other: '1. Account Setup', earliestFinish: 3, steps: ['2. Kickoff Call', '1. Account Setup'] });
});

test('dependency-cycle names every step; a severity set in the config wins', () => {
  const text = `# Vendor Contract

## Process Steps

### Step 1: Draft Contract
**Owner**: Legal Counsel
**Timing**: Within 2 business days of the security review

### Step 2: Security Review
**Owner**: Security Lead
**Timing**: Within 3 business days of the draft contract
`;
  const doc = parseSop(text, 'file:///w/vendor.md');
  const config = defaultConfig();
  config.rules['dependency-cycle'] = 'error';
  const findings = lintDocument({ doc, workspace: new InMemoryWorkspace(), config, today: TODAY, rules: TIMELINE_RULES });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.range.start.line, f.message, f.related?.map((r) => [r.range.start.line, r.message])]),
    [['dependency-cycle', 'error', 6, 'Steps depend on each other in a loop: 1. Draft Contract → 2. Security Review → 1. Draft Contract.', [[10, '2. Security Review is part of the loop']]]],
  );
});

test('timing rules skip documents that are not SOPs, and can be switched off', () => {
  const doc = parseSop('# Notes\n\nWithin 3 days of nothing in particular.\n', 'file:///w/notes.md');
  assert.deepEqual(lintDocument({ doc, workspace: new InMemoryWorkspace(), config: defaultConfig(), today: TODAY, rules: TIMELINE_RULES }), []);
  const config = defaultConfig();
  config.rules['unparsed-timing'] = 'off';
  const findings = lintDocument({ doc: parseSop(DOC, 'file:///w/r.md'), workspace: new InMemoryWorkspace(), config, today: TODAY, rules: TIMELINE_RULES });
  assert.deepEqual(findings.map((f) => f.rule), ['timeline-conflict', 'unresolved-reference']);
});
