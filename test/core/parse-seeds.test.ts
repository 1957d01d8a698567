import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseSop } from '../../server/src/core/parse';
import type { SopDocument } from '../../server/src/core/model';
import { sharedSeedFiles } from '../helpers';

/**
 * Conformance over the real SOPs in ../shared/seeds. Expectations were read from each seed by hand, not from
 * parser output.
 */
const seeds = sharedSeedFiles();
// Expectations read from the real seeds by hand: registered only when ../shared/seeds is there. A bare clone
// runs the same checks on the in-repo equivalents (test/fixtures/seeds, test/core/seedlike.test.ts).
const seedTest = (seeds.length ? test : () => undefined) as typeof test;

function seed(prefix: string): SopDocument {
  const file = seeds.find((f) => path.basename(f).startsWith(prefix));
  assert.ok(file, `seed ${prefix} present`);
  return parseSop(fs.readFileSync(file, 'utf8'), file);
}

const titles = (d: SopDocument) => d.steps.map((s) => `${s.number ?? '-'} ${s.title}`);
const owners = (d: SopDocument) => d.steps.map((s) => s.owners.map((o) => o.name));

seedTest('seed 000: numbered plain-text steps with Owner/Timeline lines', () => {
  const d = seed('000');
  assert.equal(d.format, 'plaintext');
  assert.equal(d.dialect, 'numbered-plain');
  assert.ok(d.isSop);
  assert.deepEqual(titles(d), [
    '1 Initial Contact and Welcome Sequence',
    '2 Needs Assessment Process',
    '3 Account Setup Procedures',
    '4 Kickoff Meeting Agenda',
    '5 Expectations Setting',
    '6 Communication Cadence',
    '7 Handoff Procedures Between Sales and Delivery',
    '8 30/60/90-Day Check-In Framework',
    '9 Success Metrics',
    '10 Escalation Paths',
  ]);
  const ae = 'Account Executive (AE)';
  const csm = 'Customer Success Manager (CSM)';
  assert.deepEqual(owners(d), [[ae], [csm], [csm], [csm], [csm], [csm], [ae, csm], [csm], [csm], [csm]]);
  assert.deepEqual(
    d.steps.slice(0, 5).map((s) => s.timing.find((t) => t.source === 'timeline')?.text),
    [
      'Within 24 hours of contract signing',
      'Within 48 hours of initial contact',
      'Within 72 hours of needs assessment',
      'Within 5 business days of account setup',
      'During the kickoff meeting',
    ],
  );
  const kickoff = d.steps[3]!;
  assert.equal(kickoff.meetingMinutes, 60);
  assert.deepEqual(kickoff.agenda.map((a) => a.minutes), [5, 10, 15, 10, 10, 10]);
  assert.deepEqual(d.steps[7]!.substeps.map((s) => s.title), ['30-Day Check-In', '60-Day Check-In', '90-Day Check-In']);
  assert.deepEqual(
    d.roles.map((r) => [r.name, r.acronym ?? null]),
    [
      ['Account Executive', 'AE'],
      ['Customer Success Manager', 'CSM'],
      ['Technical Support Team', null],
      ['Delivery Team', null],
    ],
  );
  assert.ok(d.placeholders.some((p) => p.name === 'COMPANY_NAME'));
  assert.ok(d.placeholders.some((p) => p.name === 'SURVEY_LINK'));
  assert.equal(d.meta.reviewCadence?.value, 'quarterly');
});

seedTest('seed 001: plain-text steps, agenda template, deliverables inside a step', () => {
  const d = seed('001');
  assert.equal(d.dialect, 'numbered-plain');
  assert.deepEqual(titles(d), [
    '1 Initial Contact and Welcome Sequence',
    '2 Needs Assessment Process',
    '3 Account Setup Procedures',
    '4 Kickoff Meeting',
    '5 Expectations Setting',
    '6 Communication Cadence',
    '7 Handoff Procedures Between Sales and Delivery',
    '8 30/60/90-Day Check-In Framework',
  ]);
  const sr = 'Sales Representative (SR)';
  const am = 'Account Manager (AM)';
  assert.deepEqual(owners(d), [[sr], [am], ['Customer Success Team (CST)'], [am], [am], [am], [sr, am], [am]]);
  assert.equal(d.steps[6]!.timing[0]!.text, 'Immediately after contract signing');
  assert.equal(d.steps[5]!.timing[0]!.text, 'Ongoing');
  assert.deepEqual(d.steps[3]!.agenda.map((a) => a.minutes), [5, 10, 10, 15, 10, 10]);
  assert.deepEqual(
    d.roles.slice(0, 4).map((r) => r.acronym),
    ['SR', 'AM', 'CST', 'TS'],
  );
});

seedTest('seed 002: nested Owner/Timeline bullets', () => {
  const d = seed('002');
  assert.equal(d.dialect, 'nested-bullets');
  assert.equal(d.steps.length, 8);
  assert.deepEqual(owners(d), [
    ['Sales Representative'],
    ['Customer Success Manager'],
    ['Technical Delivery Team'],
    ['Customer Success Manager'],
    ['Customer Success Manager'],
    ['Customer Success Manager'],
    ['Sales Representative', 'Customer Success Manager'],
    ['Customer Success Manager'],
  ]);
  assert.deepEqual(
    d.steps.map((s) => s.timing.filter((t) => t.source === 'timeline').map((t) => t.text)[0] ?? null),
    [
      'Complete within 2 business days of contract signing',
      'Complete within 7 business days of contract signing',
      'Complete within 10 business days of contract signing',
      'Schedule within 12 business days of contract signing',
      'Complete during the kickoff meeting',
      null,
      'Complete within 2 business days of contract signing',
      // Written after the three check-in blocks, at the step's own level.
      'Complete within the first 90 days post-onboarding',
    ],
  );
  assert.deepEqual(d.steps[7]!.substeps.map((s) => s.title), ['30-Day Check-In', '60-Day Check-In', '90-Day Check-In']);
  assert.deepEqual(d.triggers.map((t) => t.value), ['Signed contract received and verified by Sales']);
  assert.deepEqual(d.roles.map((r) => r.name), ['Sales Representative', 'Customer Success Manager', 'Technical Delivery Team', 'Support Team']);
});

seedTest('seed 003: stages with day windows and Day N blocks', () => {
  const d = seed('003');
  assert.equal(d.format, 'markdown');
  assert.equal(d.dialect, 'stages');
  assert.equal(d.meta.id?.value, 'SOP-002');
  assert.deepEqual(titles(d), ['1 Onboarding', '2 Adoption', '3 Success', '4 Expansion', '5 Renewal']);
  assert.deepEqual(owners(d), [['CSM'], ['CSM'], ['CSM'], ['CSM', 'Account Manager'], ['CSM', 'Account Manager']]);
  assert.deepEqual(d.steps.map((s) => s.timing[0]!.text), ['Days 0-30', 'Days 31-90', 'Days 91-365', 'Ongoing', '90 days before renewal']);
  assert.deepEqual(
    d.steps[0]!.substeps.map((s) => s.timing[0]?.text),
    ['Day 0', 'Day 1', 'Day 3', 'Day 7', 'Day 14', 'Day 30'],
  );
  assert.equal(d.steps[0]!.substeps[3]!.title, 'Day 7: Check-In');
  assert.equal(d.steps[0]!.substeps[0]!.actions[0]!.checked, false);
  assert.deepEqual(d.steps[1]!.substeps.map((s) => s.timing[0]?.text), ['Weeks 5-12', 'Month 2-3', undefined]);
  assert.deepEqual(d.steps[4]!.substeps.map((s) => s.title), ['90 Days Before Renewal', '60 Days Before Renewal', '30 Days Before Renewal']);
  // Scope list declares the roles; "CSMs" gives the acronym CSM.
  const csm = d.roles.find((r) => r.acronym === 'CSM');
  assert.ok(csm && csm.aliases.includes('customer success manager'));
  // Links in the appendix are links, not placeholders; "[Name, Title]" is a placeholder.
  assert.deepEqual(d.placeholders.map((p) => p.name).sort(), ['Date', 'Date', 'Name, Title']);
});

seedTest('seed 004: frontmatter, step headings, DACI roles, ID links', () => {
  const d = seed('004');
  assert.equal(d.dialect, 'step-headings');
  assert.equal(d.meta.id?.value, 'PRC-001');
  assert.equal(d.meta.type?.value, 'process');
  assert.equal(d.meta.status?.value, 'active');
  assert.equal(d.meta.duration?.value, '2-4 weeks');
  assert.equal(d.meta.lastReview?.value, '2026-01-28');
  assert.deepEqual(titles(d), [
    '1 Kickoff Preparation',
    '2 Customer Kickoff',
    '3 Technical Implementation',
    '4 User Training',
    '5 Go-Live and Handoff',
  ]);
  assert.deepEqual(owners(d), [
    ['Customer Success Manager'],
    ['Customer Success Manager', 'Solutions Engineer'],
    ['Solutions Engineer'],
    ['Customer Success Manager'],
    ['Customer Success Manager'],
  ]);
  assert.deepEqual(d.steps.map((s) => s.timing[0]!.text), [
    '1-2 business days',
    '1 hour meeting + follow-ups',
    '1-2 weeks',
    '2-3 sessions over 1 week',
    '1-3 business days',
  ]);
  assert.deepEqual(d.steps[2]!.conditions.map((c) => c.value), ['if enterprise tier']);
  const fmLinks = d.links.filter((l) => l.source === 'frontmatter').map((l) => `${l.relation}:${l.id}`);
  assert.deepEqual(fmLinks, ['relates_to:CUS-001', 'relates_to:POL-001']);
  // The range of each link points at the ID itself, on the frontmatter line.
  const rel = d.links.find((l) => l.id === 'CUS-001' && l.source === 'frontmatter')!;
  assert.equal(rel.range.start.line, 13);
  assert.ok(d.links.some((l) => l.source === 'body' && l.id === 'POL-001'));
  assert.deepEqual(
    d.roles.map((r) => r.name),
    ['Customer Success Manager', 'Head of Customer Success', 'Solutions Engineer', 'Support Engineer', 'Account Executive', 'CEO', 'Sales Leadership', 'Product Team'],
  );
  assert.equal(d.triggers.length, 3);
});
