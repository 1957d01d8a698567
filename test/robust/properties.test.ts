import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSop } from '../../server/src/core/parse';
import { scanIndexEntry } from '../../server/src/core/indexScan';
import { lintText } from '../../server/src/core/lint/lintText';
import { buildTimeline } from '../../server/src/core/timeline/schedule';
import { defaultConfig } from '../../server/src/core/config';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import type { Finding } from '../../server/src/core/findings';
import { collectRanges, documentLines, generatedSop, mutatedGenerated, mutatedReal, rangeProblem, realDocuments } from './sop-arbitraries';

/**
 * For any document (generated in every dialect, or a real one mutated): the parser, every lint rule and the
 * scheduler return normally, every range they give lies inside the document, and the same input gives the
 * same output. fast-check's seed is fixed so a failure replays; its report prints the shrunk document.
 */

const SEED = 20261123;
const TODAY = '2026-11-23';
const real = realDocuments();
const anyDocument = fc.oneof(generatedSop, mutatedGenerated, mutatedReal(real));

/** Counterexamples fast-check found once, always tried first so a regression shows at once. */
const KNOWN: [{ text: string; uri: string }][] = [
  // A YAML alias with no anchor in a frontmatter list: yaml's toJS throws ReferenceError.
  [{ text: '---\nid: X-1\nrelated: [*a]\n---\n# T\n', uri: 'file:///ws/alias.md' }],
  // Invalid YAML whose error position is the end of a one-character line.
  [{ text: '---\nid: PRC-100\ntitle: x\n[\n---\n# T\n', uri: 'file:///ws/bracket.md' }],
  // Thousands of list markers on one line: a list nested thousands deep.
  [{ text: '1. ' + '1. 2) '.repeat(2500) + 'x\n', uri: 'file:///ws/deep.md' }],
];

function assertInside(value: unknown, text: string, what: string): void {
  const lines = documentLines(text);
  for (const { path, range } of collectRanges(value)) {
    const problem = rangeProblem(range, lines);
    assert.equal(problem, undefined, `${what} ${path}: ${problem}`);
  }
}

/** Inputs the parser itself throws on are the parser test's to report; the other properties skip them. */
function parses(text: string, uri: string): boolean {
  try {
    parseSop(text, uri);
    return true;
  } catch {
    return false;
  }
}

function lint(text: string, uri: string): Finding[] {
  // The document's own index entry plus a few others, as the CLI's workspace would hold.
  const workspace = new InMemoryWorkspace([
    scanIndexEntry(text, uri),
    scanIndexEntry('---\nid: POL-001\ntype: policy\ntitle: P\nstatus: deprecated\n---\n# P\n', 'file:///ws/pol.md'),
    scanIndexEntry('---\nid: CUS-010\ntype: customer\ntitle: C\nstatus: active\ncontract_signed: 2026-03-02\n---\n# C\n', 'file:///ws/cus.md'),
  ]);
  return lintText({ text, uri, workspace, config: defaultConfig(), today: TODAY, force: true }).findings;
}

test('parser: never throws, ranges inside, deterministic', () => {
  fc.assert(
    fc.property(anyDocument, ({ text, uri }) => {
      const a = parseSop(text, uri);
      assertInside(a, text, 'model');
      assert.equal(a.lineCount <= documentLines(text).length, true, 'lineCount');
      assert.deepEqual(parseSop(text, uri), a, 'same text, same model');
    }),
    { seed: SEED, numRuns: 250, includeErrorInReport: true, examples: KNOWN },
  );
});

test('every lint rule: never throws or reports an internal error, ranges inside, deterministic', () => {
  fc.assert(
    fc.property(anyDocument, ({ text, uri }) => {
      fc.pre(parses(text, uri));
      const findings = lint(text, uri);
      const internal = findings.filter((f) => f.rule === 'internal-error');
      assert.deepEqual(internal, [], 'a rule threw');
      for (const f of findings) {
        assert.equal(f.uri, uri, 'finding belongs to the document');
        const problem = rangeProblem(f.range, documentLines(text));
        assert.equal(problem, undefined, `${f.rule} range: ${problem}`);
        for (const r of f.related ?? []) {
          if (r.uri !== uri) continue;
          assert.equal(rangeProblem(r.range, documentLines(text)), undefined, `${f.rule} related range`);
        }
        assert.ok(f.message.length > 0, `${f.rule} has a message`);
      }
      assert.deepEqual(lint(text, uri), findings, 'same text, same findings');
    }),
    { seed: SEED, numRuns: 200, includeErrorInReport: true, examples: KNOWN },
  );
});

test('scheduler: never throws, step and issue ranges inside, deterministic', () => {
  fc.assert(
    fc.property(anyDocument, ({ text, uri }) => {
      fc.pre(parses(text, uri));
      const doc = parseSop(text, uri);
      const options = { today: TODAY, start: '2026-03-02', runs: 20, seed: 3, config: defaultConfig() };
      const a = buildTimeline(doc, options);
      assertInside(a, text, 'timeline');
      assert.deepEqual(buildTimeline(doc, options), a, 'same model, same timeline');
    }),
    { seed: SEED, numRuns: 200, includeErrorInReport: true, examples: KNOWN },
  );
});
