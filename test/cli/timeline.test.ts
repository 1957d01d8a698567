import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers';

const CLI = path.join(ROOT, 'bin', 'sopls.js');

function sopls(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const env = { ...process.env, SOPLS_TODAY: '2026-11-23', ...opts.env };
  const r = spawnSync(process.execPath, [CLI, 'timeline', ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[], opts: Parameters<typeof sopls>[1] = {}) {
  const r = sopls([...args, '--format', 'json'], opts);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  return JSON.parse(r.stdout);
}

const STEPS = 'examples/onboarding-steps.md';

test('json: exact schedule of the onboarding example from Monday 2026-03-02 (hand-checked)', () => {
  const out = json([STEPS, '--start', '2026-03-02']);
  // Business days Mon-Fri, no holidays (no .sopls.json, no --holidays). Earliest: 1 business day on Mon 2nd;
  // 2-3 business days → Tue 3rd-Wed 4th; 1-2 (calendar) weeks from Thu 5th → Wed 11th; 3 business days Thu 12th,
  // Fri 13th, Mon 16th; "2 sessions over 1 week" Tue 17th-Mon 23rd; 1 business day Tue 24th.
  // Latest (CPM on the same shortest durations; no deadlines, so the plan's earliest finish bounds every step): a
  // single chain has no slack, so every latest date is the earliest one and every step is critical. Every step at
  // its longest ends Wed 1 April: finish.latest below.
  const rows = out.steps.map((s: Record<string, unknown>) => [s['number'], s['dependsOn'], s['earliest'], s['latest'], s['critical']]);
  assert.deepEqual(rows, [
    [1, [], { start: '2026-03-02', finish: '2026-03-02' }, { start: '2026-03-02', finish: '2026-03-02' }, true],
    [2, [1], { start: '2026-03-03', finish: '2026-03-04' }, { start: '2026-03-03', finish: '2026-03-04' }, true],
    [3, [2], { start: '2026-03-05', finish: '2026-03-11' }, { start: '2026-03-05', finish: '2026-03-11' }, true],
    [4, [3], { start: '2026-03-12', finish: '2026-03-16' }, { start: '2026-03-12', finish: '2026-03-16' }, true],
    [5, [4], { start: '2026-03-17', finish: '2026-03-23' }, { start: '2026-03-17', finish: '2026-03-23' }, true],
    [6, [5], { start: '2026-03-24', finish: '2026-03-24' }, { start: '2026-03-24', finish: '2026-03-24' }, true],
  ]);
  assert.deepEqual(Object.keys(out.steps[0]), ['number', 'title', 'owners', 'dependsOn', 'earliest', 'latest', 'p50', 'p90', 'slack', 'critical']);
  assert.deepEqual(out.steps[1].owners, ['Implementation Manager', 'Payroll Specialist']);
  assert.equal(out.start, '2026-03-02');
  assert.equal(out.calendar, 'Mon–Fri');
  assert.equal(out.customer, undefined);
  assert.deepEqual(out.conflicts, []);
  assert.deepEqual(out.unscheduled, []);
  // P50/P90 come from 1000 seeded runs: between the earliest and latest finish, and the same every time.
  assert.deepEqual(out.finish, { earliest: '2026-03-24', latest: '2026-04-01', p50: '2026-03-26', p90: '2026-03-30' });
  assert.deepEqual(json([STEPS, '--start', '2026-03-02']), out);
  const other = json([STEPS, '--start', '2026-03-02', '--runs', '200', '--seed', '42']);
  assert.deepEqual(other.steps.map((s: { earliest: unknown }) => s.earliest), out.steps.map((s: { earliest: unknown }) => s.earliest));
  assert.ok(other.finish.p50 >= '2026-03-24' && other.finish.p90 <= '2026-04-01', JSON.stringify(other.finish));
  const none = json([STEPS, '--start', '2026-03-02', '--runs', '0']);
  assert.deepEqual(none.finish, { earliest: '2026-03-24', latest: '2026-04-01' });
  assert.equal(none.steps[0].p50, undefined);
});

test('the start defaults to today (SOPLS_TODAY pins it)', () => {
  const out = json([STEPS, '--runs', '0'], { env: { SOPLS_TODAY: '2026-03-09' } });
  assert.equal(out.start, '2026-03-09');
  assert.deepEqual(out.steps[5].earliest, { start: '2026-03-31', finish: '2026-03-31' });
});

test('--customer CUS-010 (examples/customers/acme-logistics.md) picks start, region and tier', () => {
  const out = json([STEPS, '--customer', 'CUS-010', '--runs', '0']);
  assert.equal(out.start, '2026-03-02', 'contract_signed');
  assert.equal(out.calendar, 'Mon–Fri, holidays US', 'region');
  assert.deepEqual(out.customer, { id: 'CUS-010', name: 'Acme Logistics', tier: 'enterprise', region: 'US' });
  // "Enable single sign-on if enterprise tier" is an action of step 3, which stays either way.
  assert.equal(out.steps.length, 6);
  // --start and --holidays win over the customer's.
  const moved = json([STEPS, '--customer', 'CUS-010', '--start', '2026-03-09', '--holidays', 'GB', '--runs', '0']);
  assert.equal(moved.start, '2026-03-09');
  assert.equal(moved.calendar, 'Mon–Fri, holidays GB');
  const text = sopls([STEPS, '--customer', 'CUS-010', '--runs', '0']);
  assert.equal(text.stdout.split('\n')[1], 'start 2026-03-02 · Mon–Fri, holidays US · customer CUS-010 (Acme Logistics) tier enterprise');
});

test('a workspace: .sopls.json, a customer anywhere under the root, its holidays, and a tier condition', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-timeline-'));
  fs.writeFileSync(path.join(root, '.sopls.json'), JSON.stringify({ timeline: { start: '2026-05-04', runs: 10 } }));
  fs.mkdirSync(path.join(root, 'crm', 'germany'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'crm', 'germany', 'brauhaus.md'),
    '---\ntype: customer\nid: CUS-020\ntitle: Brauhaus Nord\ncontract_signed: 2026-05-13\nregion: DE-BY\ntier: standard\n---\n\n# Brauhaus Nord\n',
  );
  fs.mkdirSync(path.join(root, 'sops'));
  const sop = path.join(root, 'sops', 'rollout.md');
  fs.writeFileSync(
    sop,
    `# Rollout

## Process Steps

### Step 1: Welcome Call
**Owner**: Account Manager
**Timing**: Within 2 business days of contract signing

### Step 2: Configure SSO if enterprise tier
**Owner**: Platform Engineer
**Duration**: 3 business days

### Step 3: Training
**Owner**: Account Manager
**Timing**: Within 5 business days of the welcome call
`,
  );
  // Run from elsewhere: the workspace is found from the file, not the current folder.
  const outside = os.tmpdir();
  const plain = json([sop], { cwd: outside });
  assert.equal(plain.start, '2026-05-04', 'timeline.start from .sopls.json');
  assert.equal(plain.steps.length, 3);
  const out = json([sop, '--customer', 'CUS-020'], { cwd: outside });
  assert.equal(out.start, '2026-05-13');
  assert.equal(out.calendar, 'Mon–Fri, holidays DE-BY');
  assert.deepEqual(out.customer, { id: 'CUS-020', name: 'Brauhaus Nord', tier: 'standard', region: 'DE-BY' });
  // Wed 13 May; Thu 14th is Ascension Day in Bavaria: two business days → Fri 15th, Mon 18th. Five more → Mon 25th
  // is Whit Monday, so Tue 19th … Fri 22nd, Tue 26th.
  assert.deepEqual(
    out.steps.map((s: { number: number; latest: { finish: string } }) => [s.number, s.latest.finish]),
    [
      [1, '2026-05-18'],
      [3, '2026-05-26'],
    ],
  );
  assert.deepEqual(out.unscheduled, [{ number: 2, title: 'Configure SSO if enterprise tier', reason: 'dropped: if enterprise tier (customer tier: standard)' }]);
  const notCustomer = sopls([sop, '--customer', 'CUS-404'], { cwd: outside });
  assert.deepEqual([notCustomer.code, notCustomer.stdout, notCustomer.stderr], [2, '', `sopls: no customer document with id "CUS-404" under ${root}\n`]);
  fs.rmSync(root, { recursive: true, force: true });
});

test('every format has its shape', () => {
  const base = [STEPS, '--start', '2026-03-02', '--runs', '50'];
  const text = sopls([...base, '--format', 'text']);
  assert.equal(text.code, 0);
  const lines = text.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 2), ['Employer Onboarding', 'start 2026-03-02 · Mon–Fri']);
  assert.match(lines[3]!, /^step +owners +earliest +latest finish +due +p90/);
  assert.match(lines[4]!, /^1\. Handoff and Preparation +Implementation Manager +2026-03-02\.\.03-02 +2026-03-02 +2026-03-02 +\|!/);
  assert.equal(lines.filter((l) => /\|[ =!-]{40}\|$/.test(l)).length, 6, 'a 40-column Gantt bar per step');
  assert.equal(sopls(base).stdout, text.stdout, 'text is the default');

  const mermaid = sopls([...base, '--format', 'mermaid']).stdout.split('\n');
  assert.deepEqual(mermaid.slice(0, 4), ['gantt', '    title Employer Onboarding', '    dateFormat YYYY-MM-DD', '    axisFormat %b %d']);
  assert.deepEqual(
    mermaid.filter((l) => l.includes('section')),
    ['    section Implementation Manager', '    section Payroll Specialist', '    section Customer Success Manager'],
  );
  assert.ok(mermaid.includes('    3. Account Setup :crit, s2, 2026-03-05, 2026-03-12'));

  const ics = sopls([...base, '--format', 'ics']).stdout;
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//sopls//sopls timeline//EN\r\n'));
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
  assert.equal(ics.match(/BEGIN:VEVENT\r\n/g)?.length, 6);
  assert.deepEqual(ics.match(/DTSTART;VALUE=DATE:\d+/g), ['20260302', '20260304', '20260311', '20260316', '20260323', '20260324'].map((d) => `DTSTART;VALUE=DATE:${d}`));
  assert.equal(new Set(ics.match(/UID:[0-9a-f]{32}@sopls/g)).size, 6);
  assert.equal(ics.match(/DTSTAMP:20260302T000000Z/g)?.length, 6);

  const html = sopls([...base, '--format', 'html']).stdout;
  assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'sha256-'));
  assert.equal(html.match(/class="bar[^"]*" data-step="/g)?.length, 6);
  assert.ok(html.includes('<h1>Employer Onboarding</h1>'));

  const csv = sopls([...base, '--format', 'csv']).stdout.split('\r\n');
  assert.equal(csv[0], 'number,title,owners,earliest_start,earliest_finish,latest_start,latest_finish,p50,p90,critical,slack,due,at_risk,every');
  assert.equal(csv.length, 8, 'header, 6 rows, and the empty string after the last CRLF');
  assert.match(csv[2]!, /^2,Payroll Data Collection,Implementation Manager; Payroll Specialist,2026-03-03,2026-03-04,2026-03-03,2026-03-04,2026-03-0\d,2026-03-0\d,true,0,,false,$/);

  const parsed = JSON.parse(sopls([...base, '--format', 'json']).stdout);
  assert.deepEqual(Object.keys(parsed), ['start', 'calendar', 'steps', 'cadences', 'unscheduled', 'conflicts', 'finish']);
});

test('conflicts are output, not failure: exit 0 with the conflict in json and text', () => {
  const file = 'test/fixtures/rules/timeline-conflict/not-ok.md';
  const out = json([file, '--start', '2026-03-02', '--runs', '0']);
  assert.deepEqual(
    out.conflicts.map((c: { rule: string; line: number; steps: string[] }) => [c.rule, c.line, c.steps]),
    [
      ['timeline-conflict', 18, ['2. Kickoff Call', '1. Account Setup']],
      ['timeline-conflict', 27, ['4. Launch Announcement', '3. Enablement Session']],
    ],
  );
  const text = sopls([file, '--start', '2026-03-02', '--runs', '0']);
  assert.equal(text.code, 0);
  assert.ok(text.stdout.includes('warning timeline-conflict (line 18): 2. Kickoff Call is due by business day 2 (2026-03-04)'), text.stdout);
});

test('usage errors: one line on stderr, exit 2, nothing on stdout', () => {
  const cases: [string[], string][] = [
    [[STEPS, '--start', '2026-02-30'], '--start needs a date YYYY-MM-DD, got "2026-02-30"'],
    [[STEPS, '--start', 'monday'], '--start needs a date YYYY-MM-DD, got "monday"'],
    [[STEPS, '--format', 'pdf'], 'unknown format "pdf" (expected text, json, mermaid, ics, html, csv)'],
    [[STEPS, '--customer', 'CUS-999'], `no customer document with id "CUS-999" under ${ROOT}`],
    [[STEPS, '--customer', 'PRC-010'], '"PRC-010" is declared by examples/onboarding-steps.md, which is not a customer document (type: customer)'],
    [['examples/missing.md'], 'no such file: examples/missing.md'],
    [['examples/README.md'], 'examples/README.md is not an SOP: it has no numbered steps or stages to schedule'],
    [['examples/customers/acme-logistics.md'], 'examples/customers/acme-logistics.md is not an SOP: it has no numbered steps or stages to schedule'],
    [['examples'], 'examples is a folder; timeline takes one SOP file'],
    [[], 'timeline takes exactly one FILE'],
    [[STEPS, STEPS], 'timeline takes exactly one FILE, got 2'],
    [[STEPS, '--runs', 'many'], '--runs needs a whole number from 0 to 1000000, got "many"'],
    [[STEPS, '--seed', '1.5'], '--seed needs a whole number, got "1.5"'],
    [[STEPS, '--holidays', 'XX'], "--holidays: unknown holiday country 'XX' in 'XX' (use an ISO 3166 code such as US, DE, GB)"],
    [[STEPS, '--colour'], 'unknown option --colour'],
    [[STEPS, '--start'], '--start needs a value'],
  ];
  for (const [args, message] of cases) {
    const r = sopls(args);
    assert.deepEqual([r.code, r.stdout, r.stderr], [2, '', `sopls: ${message}\n`], args.join(' '));
  }
});
