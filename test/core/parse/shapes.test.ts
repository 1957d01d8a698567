import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseSop } from '../../../server/src/core/parse';
import { allSteps, type SopDocument, type Step } from '../../../server/src/core/model';
import { ROOT } from '../../helpers';

/**
 * One fixture per procedure shape (test/fixtures/shapes/, written for these tests). Expectations were written
 * from reading each fixture, not from parser output.
 */
function shape(name: string): SopDocument {
  const file = path.join(ROOT, 'test', 'fixtures', 'shapes', name);
  return parseSop(fs.readFileSync(file, 'utf8'), `test/fixtures/shapes/${name}`);
}

/** `line number title` for every step, sub-steps indented by two spaces per level; lines 1-based. */
function outline(doc: SopDocument): string[] {
  const out: string[] = [];
  const visit = (steps: Step[], indent: string): void => {
    for (const s of steps) {
      const n = s.numberText ?? (s.number !== undefined ? String(s.number) : '-');
      out.push(`${indent}${s.headingRange.start.line + 1} ${s.kind === 'stage' ? 'group ' : ''}${n} ${s.title}`);
      visit(s.substeps, indent + '  ');
    }
  };
  visit(doc.steps, '');
  return out;
}

const owners = (doc: SopDocument): string[] =>
  allSteps(doc)
    .filter((s) => s.kind === 'step')
    .map((s) => s.owners.map((o) => `${o.name}<${o.source ?? 'label'}>`).join(', '));

test('lazy `1.` numbering: every item is a step, numbered as written', () => {
  const d = shape('lazy-numbering.md');
  assert.ok(d.isSop);
  assert.equal(d.recognisedBy, "numbered steps under 'Procedure'");
  assert.deepEqual(outline(d), [
    '5 1 Generate a fresh key pair on the offline laptop',
    '6 1 Upload the public half to the key server',
    '7 1 Announce the new fingerprint in the team channel',
    '8 1 Revoke the old key after every client has switched',
  ]);
});

test('`1)` numbering', () => {
  assert.deepEqual(outline(shape('paren-numbers.md')), [
    "5 1 Count the boxes left on each shelf",
    '6 2 Order whatever is below the reorder line',
    "7 3 Label the new boxes with today's date",
  ]);
});

test('`1 **Bold title**` paragraphs without a list marker', () => {
  assert.deepEqual(outline(shape('bare-number-bold.md')), [
    '5 1 Freeze the ledger',
    '9 2 Reconcile the bank accounts',
    '13 3 Send the summary to the board',
  ]);
});

test('a long step is still a step; its title is its first sentence', () => {
  const d = shape('long-sentences.md');
  assert.equal(d.steps.length, 3);
  assert.ok(d.steps[0]!.title.startsWith('Before you leave on Friday, walk the incoming engineer'));
  assert.ok(d.steps[0]!.title.endsWith('nobody else is awake to ask'));
  assert.equal(d.steps[2]!.title, 'Write the handover note');
});

test('numbered step headings under a Process section', () => {
  const d = shape('numbered-headings.md');
  assert.deepEqual(outline(d), ['5 1 Confirm nobody still uses it', '9 2 Snapshot the disk', '11 3 Delete the machine']);
  assert.deepEqual(owners(d), ['', '', 'Platform Engineer<label>']);
});

test('`Step N:` headings with timing in parentheses and `Step 0 (optional)`', () => {
  const d = shape('step-headings.md');
  assert.deepEqual(outline(d), ['3 0 Scout the neighbourhood', '7 1 Sign the lease', '9 2 Furnish the space']);
  assert.deepEqual(d.steps.map((s) => s.timing.filter((t) => t.source !== 'inline').map((t) => t.text)), [[], ['Weeks 1-3'], ['Weeks 4-8']]);
  assert.deepEqual(d.steps[2]!.owners.map((o) => o.name), ['Office Manager']);
});

test('unnumbered headings under a Runbook section are steps', () => {
  const d = shape('unnumbered-headings.md');
  assert.ok(d.isSop);
  assert.deepEqual(outline(d), [
    '5 - Stop writes at the load balancer',
    '9 - Promote the replica',
    '11 - Point the application at the new primary',
  ]);
});

test('sub-numbered paragraphs 4.1 … keep their full number', () => {
  const d = shape('subnumbered.md');
  assert.deepEqual(outline(d), [
    '5 4.1 Switch the incubator off and let it cool',
    '7 4.2 Remove every shelf and soak them in disinfectant',
    '9 4.3 Wipe the inner walls from top to bottom',
    '11 4.4 Reassemble the shelves once dry',
  ]);
  assert.deepEqual(d.steps.map((s) => s.number), [1, 2, 3, 4]);
});

test('phases hold their steps; numbering restarts in each phase', () => {
  const d = shape('phases.md');
  assert.deepEqual(outline(d), [
    '3 group - Phase 1: Prepare',
    '  5 1 Inventory every mailbox',
    '  6 2 Lower the DNS time-to-live',
    '8 group - Phase 2: Move',
    '  10 1 Copy the mailboxes across',
    '  11 2 Switch the MX records',
    '  12 3 Watch the bounce rate for a day',
  ]);
});

test('role-grouped steps inherit the role as owner (source section)', () => {
  const d = shape('role-groups.md');
  assert.deepEqual(outline(d), [
    '5 group - Steps for the on-call lead',
    '  7 - Acknowledge the page',
    '  8 - Open an incident channel',
    '10 group - Steps for the communications officer',
    '  12 - Post a status page update',
    '  13 - Draft the customer email',
    '19 - Halt the deploy pipeline',
    '20 - Tag the last good build',
  ]);
  assert.deepEqual(owners(d), [
    'on-call lead<section>',
    'on-call lead<section>',
    'communications officer<section>',
    'communications officer<section>',
    'Release manager<section>',
    'Release manager<section>',
  ]);
});

test('a `# | Task | Due | Owner` table: rows are steps, Due is timing, Owner the owner', () => {
  const d = shape('step-table.md');
  assert.ok(d.recognisedBy?.startsWith('step table'));
  assert.deepEqual(outline(d), ['7 1 Collect the signed contracts', '8 2 Export the trial balance', "9 3 Book the auditors' meeting room"]);
  assert.deepEqual(owners(d), ['Legal Counsel<table>', 'Controller<table>', 'Office Manager<table>']);
  assert.deepEqual(
    d.steps.map((s) => s.timing.map((t) => `${t.source}:${t.text}`)),
    [['due:2 weeks before fieldwork'], ['due:5 business days before fieldwork'], ['due:1 week before fieldwork']],
  );
});

test('an `Action | Responsible | Deadline` table', () => {
  const d = shape('action-table.md');
  assert.deepEqual(owners(d), ['Warehouse Lead<table>', 'Quality Manager<table>', 'Sales Director<table>']);
  assert.deepEqual(d.steps.map((s) => s.timing[0]?.text), ['within 4 hours', 'within 24 hours', 'within 2 days']);
});

test('checklists under time headings: each heading is a group with its time', () => {
  const d = shape('time-checklists.md');
  assert.deepEqual(
    d.steps.map((s) => [s.kind, s.title, s.timing.map((t) => t.text).join(), s.substeps.length]),
    [
      ['stage', 'Before the start date', 'Before the start date', 2],
      ['stage', 'T-2 weeks', 'T-2 weeks', 1],
      ['stage', 'Day 0', 'Day 0', 2],
      ['stage', 'Week 1', 'Week 1', 1],
      ['stage', 'Friday', 'Friday', 1],
    ],
  );
  assert.equal(d.steps[0]!.substeps[0]!.actions[0]!.checked, false);
});

test('an escalation ladder is a numbered procedure', () => {
  const d = shape('escalation-ladder.md');
  assert.ok(d.isSop);
  assert.equal(d.steps.length, 3);
  assert.ok(d.steps[1]!.title.includes('after 3 weeks'));
});

test('owners from a Who bullet, a parenthesis, a DRI bullet, a sentence and an inline label', () => {
  const d = shape('owners.md');
  assert.deepEqual(owners(d), [
    'Release Manager<bullet>',
    'QA Lead<parenthesis>',
    'Release Manager<bullet>',
    'QA Lead<sentence>',
    'Release Manager<label>',
  ]);
});

test('a RACI matrix gives each matching step its Responsible role', () => {
  assert.deepEqual(owners(shape('raci.md')), ['DBA<raci>', 'App Team<raci>', 'App Team<raci>']);
});

test('READMEs, policies without steps and reference tables are not SOPs', () => {
  for (const name of ['not-sop-readme.md', 'not-sop-policy.md', 'not-sop-reference.md']) {
    const d = shape(name);
    assert.equal(d.isSop, false, name);
    assert.equal(d.steps.length, 0, name);
    assert.match(d.recognisedBy ?? '', /^no procedure/, name);
  }
});

test('frontmatter `sop:` forces the decision either way', () => {
  const yes = shape('forced-sop.md');
  assert.deepEqual([yes.isSop, yes.recognisedBy], [true, 'frontmatter sop: true']);
  const no = shape('forced-not-sop.md');
  assert.deepEqual([no.isSop, no.recognisedBy, no.steps.length], [false, 'frontmatter sop: false', 0]);
});

test('.sopls.json sopFiles / notSopFiles force the decision (frontmatter still wins)', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'test/fixtures/shapes/not-sop-readme.md'), 'utf8');
  const forced = parseSop(readme, 'docs/not-sop-readme.md', { sopOverride: true });
  assert.deepEqual([forced.isSop, forced.recognisedBy], [true, '.sopls.json sopFiles']);
  const lazy = fs.readFileSync(path.join(ROOT, 'test/fixtures/shapes/lazy-numbering.md'), 'utf8');
  const refused = parseSop(lazy, 'x.md', { sopOverride: false });
  assert.deepEqual([refused.isSop, refused.recognisedBy, refused.steps.length], [false, '.sopls.json notSopFiles', 0]);
  const fm = fs.readFileSync(path.join(ROOT, 'test/fixtures/shapes/forced-not-sop.md'), 'utf8');
  assert.equal(parseSop(fm, 'x.md', { sopOverride: true }).isSop, false);
});

test('a document owner is a fallback marked as such, never the step owner', () => {
  const text = '---\nowner: Head of Finance\n---\n# Pay suppliers\n\n## Procedure\n\n1. Approve the invoices.\n2. Run the payment batch.\n';
  const d = parseSop(text, 'pay.md');
  for (const s of d.steps) {
    assert.deepEqual(s.owners, []);
    assert.equal(s.fallbackOwner?.name, 'Head of Finance');
    assert.equal(s.fallbackOwner?.source, 'document');
  }
});

test('a README with a short install list is not an SOP; a policy with imperative duties is not either', () => {
  const readme = '# gadget\n\nA tool.\n\n## Install\n\nSteps:\n\n1. Download the archive\n2. Unpack it\n';
  assert.equal(parseSop(readme, 'gadget/README.md').isSop, false);
  const policy = '---\ntype: policy\n---\n# Travel policy\n\n## Responsibilities\n\n- Book flights through the portal.\n- Keep every receipt.\n';
  const doc = parseSop(policy, 'travel.md');
  assert.deepEqual([doc.isSop, doc.steps.length], [false, 0]);
});

test('hostile shapes stay linear: 2,000 nested bullets and a 15 kB item line parse', () => {
  const nested = '# Procedure\n\n' + Array.from({ length: 2000 }, (_, i) => '  '.repeat(i % 60) + '- Check item ' + i).join('\n') + '\n';
  const d = parseSop(nested, 'nested.md');
  assert.ok(d.steps.length > 0);
  const long = '# Procedure\n\n1. ' + 'Verify (the owner) by the release team, '.repeat(375) + '\n2. Done\n';
  const e = parseSop(long, 'long.md');
  assert.equal(e.steps.length, 2);
});
