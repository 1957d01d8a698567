import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSop } from '../../../server/src/core/parse';
import { allSteps, type SopDocument, type Step } from '../../../server/src/core/model';

/**
 * Table-driven parser cases: a small document written for the test and what a careful reader takes from it.
 * The expectations are written from reading the text, not from parser output.
 */
export interface Case {
  name: string;
  text: string[];
  /** `line title` of every step (sub-steps indented by two spaces; groups marked `group`), lines 1-based. */
  outline?: string[];
  /** Lines that must be steps (whatever else is found). */
  steps?: number[];
  /** Lines that must not be steps. */
  notSteps?: number[];
  /** Whether the document is an SOP (checked when given). */
  isSop?: boolean;
}

export function outline(doc: SopDocument): string[] {
  const out: string[] = [];
  const visit = (steps: Step[], indent: string): void => {
    for (const s of steps) {
      out.push(`${indent}${s.headingRange.start.line + 1} ${s.kind === 'stage' ? 'group ' : ''}${s.title}`);
      visit(s.substeps, indent + '  ');
    }
  };
  visit(doc.steps, '');
  return out;
}

export function runCases(cases: Case[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const doc = parseSop(c.text.join('\n'), `file:///cases/${c.name.replace(/\W+/g, '-').slice(0, 40)}.md`);
      if (c.isSop !== undefined) assert.equal(doc.isSop, c.isSop, `isSop (${doc.recognisedBy ?? 'no reason'})`);
      if (c.outline) assert.deepEqual(outline(doc), c.outline);
      const lines = new Set(allSteps(doc).map((s) => s.headingRange.start.line + 1));
      for (const l of c.steps ?? []) assert.ok(lines.has(l), `line ${l} is a step; outline:\n${outline(doc).join('\n')}`);
      for (const l of c.notSteps ?? []) assert.ok(!lines.has(l), `line ${l} is not a step; outline:\n${outline(doc).join('\n')}`);
    });
  }
}
