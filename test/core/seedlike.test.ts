import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseSop } from '../../server/src/core/parse';
import type { SopDocument } from '../../server/src/core/model';
import { RULES } from '../../server/src/core/lint/registry';
import { IN_REPO_SEEDS_DIR } from '../helpers';
import { lintWorkspace } from './lint/lintHelpers';

/**
 * The in-repo equivalents of the five seeds (test/fixtures/seeds: the same shapes, other words), so a clone
 * without ../shared runs these checks. Expectations were read from the fixtures, not from parser output.
 */
const files = fs.readdirSync(IN_REPO_SEEDS_DIR).sort().map((f) => path.join(IN_REPO_SEEDS_DIR, f));
const doc = (prefix: string): SopDocument => {
  const file = files.find((f) => path.basename(f).startsWith(prefix))!;
  return parseSop(fs.readFileSync(file, 'utf8'), file);
};
const titles = (d: SopDocument) => d.steps.map((s) => `${s.number ?? '-'} ${s.title}`);
const owners = (d: SopDocument) => d.steps.map((s) => s.owners.map((o) => o.name));
const timing = (d: SopDocument) => d.steps.map((s) => s.timing.find((t) => t.source === 'timeline')?.text ?? s.timing[0]?.text);

test('000-shaped: numbered plain-text steps with Owner/Timeline lines, a meeting agenda, check-in substeps', () => {
  const d = doc('000');
  assert.deepEqual([d.format, d.dialect, d.isSop], ['plaintext', 'numbered-plain', true]);
  assert.deepEqual(titles(d), ['1 Welcome and Handover', '2 Discovery Call', '3 Data Import', '4 Training Session Agenda', '5 Setting Expectations', '6 Go-Live', '7 7/30-Day Check-In Framework', '8 Ongoing Support']);
  const pm = 'Partner Manager (PM)';
  assert.deepEqual(owners(d), [['Sales Lead (SL)'], [pm], [pm], [pm], [pm], [pm], [pm], ['Platform Support Team']]);
  assert.deepEqual(timing(d).slice(0, 6), [
    'Within 24 hours of contract signing',
    'Within 2 business days of the welcome and handover',
    'Within 5 business days of the discovery call',
    'Within 3 business days of data import',
    'During the training session',
    '2 weeks after the training session',
  ]);
  assert.equal(d.steps[3]!.meetingMinutes, 45);
  assert.deepEqual(d.steps[3]!.agenda.map((a) => a.minutes), [5, 15, 10, 15]);
  assert.deepEqual(d.steps[6]!.substeps.map((s) => s.title), ['7-Day Check-In', '30-Day Check-In']);
  assert.deepEqual(d.roles.map((r) => [r.name, r.acronym ?? null]), [['Sales Lead', 'SL'], ['Partner Manager', 'PM'], ['Platform Support Team', null]]);
  assert.equal(d.meta.reviewCadence?.value, 'quarterly');
});

test('001-shaped: plain-text steps, an agenda template, deliverables inside a step, renewal offsets', () => {
  const d = doc('001');
  assert.equal(d.dialect, 'numbered-plain');
  assert.deepEqual(titles(d), ['1 Renewal Kickoff', '2 Usage Review', '3 Pricing Proposal', '4 Renewal Meeting', '5 Contract Signature', '6 Handover to Success', '7 Renewal Retrospective']);
  assert.deepEqual(d.steps[3]!.agenda.map((a) => a.minutes), [5, 20, 15, 10, 10]);
  assert.deepEqual(timing(d), ['90 days before renewal', 'Within 5 business days of renewal kickoff', 'Within 10 business days of usage review', '60 days before renewal', '30 days before renewal', 'Within 1 week of contract signature', 'After the contract signature']);
});

test('002-shaped: nested Owner/Timeline bullets', () => {
  const d = doc('002');
  assert.equal(d.dialect, 'nested-bullets');
  assert.deepEqual(titles(d), ['1 Claim Received', '2 Document Check', '3 Assessment', '4 Decision Letter', '5 Payment', '6 Quality Sampling']);
  assert.deepEqual(owners(d), [['Intake Coordinator'], ['Claims Assessor'], ['Claims Assessor'], ['Claims Team Lead'], ['Finance Officer'], ['Claims Team Lead']]);
  assert.equal(timing(d)[2], '1-2 weeks after document check');
});

test('003-shaped: stages with day windows and Day N blocks', () => {
  const d = doc('003');
  assert.equal(d.dialect, 'stages');
  assert.deepEqual(titles(d), ['1 Launch', '2 Growth', '3 Steady State', '4 Expansion', '5 Renewal']);
  assert.deepEqual(timing(d), ['Days 0-30', 'Days 31-120', 'Days 121-365', 'Ongoing', '90 days before renewal']);
  assert.deepEqual(d.steps[0]!.substeps.map((s) => s.title.split(':')[0]), ['Day 0', 'Day 2', 'Day 7', 'Day 14', 'Day 21', 'Day 30']);
  assert.deepEqual(owners(d)[3], ['Partner Manager', 'Sales Lead']);
});

test('004-shaped: frontmatter, step headings, DACI roles, id links', () => {
  const d = doc('004');
  assert.deepEqual([d.format, d.dialect, d.meta.id?.value], ['markdown', 'step-headings', 'PRC-450']);
  assert.deepEqual(titles(d), ['1 Export Request', '2 Test Import', '3 Cutover', '4 Post-Cutover Check', '5 Old Tool Shutdown']);
  assert.deepEqual(d.roles.map((r) => r.name), ['Migration Specialist', 'Head of Platform', 'Partner Manager', 'Support Engineer', 'Clinic Practice Manager']);
});

test('the five lint as one workspace with the findings a reviewer expects', () => {
  const timingRules = new Set(RULES.filter((r) => r.scope === 'timeline').map((r) => r.id));
  const got: Record<string, string[]> = {};
  for (const [uri, findings] of lintWorkspace(files, { today: '2026-11-23' })) {
    got[path.basename(uri).slice(0, 3)] = findings.filter((f) => !timingRules.has(f.rule)).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule}${f.rule === 'placeholder' ? ` ${f.message.split(' ')[3]}` : ''}`);
  }
  assert.deepEqual(got, {
    '000': ['5:78 placeholder [COMPANY_NAME];', '7:93 placeholder [COMPANY_NAME];', '11:56 placeholder [PLATFORM_URL];', '26:41 placeholder [CRM_TOOL_NAME];'],
    '001': ['2:17 placeholder [DATE];', '47:22 placeholder [EMAIL];', '47:31 placeholder [PHONE];'],
    '002': ['12:53 placeholder [PORTAL_URL];', '45:16 placeholder [EMAIL];', '45:25 placeholder [PHONE];'],
    '003': ['3:35 placeholder [Date];', '79:18 placeholder [Name,', '80:18 placeholder [Date];'],
    '004': ['14:16 broken-link', '14:25 broken-link'],
  });
});
