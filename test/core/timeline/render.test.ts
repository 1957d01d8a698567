import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseSop } from '../../../server/src/core/parse';
import { buildTimeline, type Timeline } from '../../../server/src/core/timeline/schedule';
import { renderMermaid, mermaidText } from '../../../server/src/core/timeline/render/mermaid';
import { renderIcs, foldLine, icsText } from '../../../server/src/core/timeline/render/ics';
import { renderCsv, csvField } from '../../../server/src/core/timeline/render/csv';
import { renderHtml, HTML_CSP } from '../../../server/src/core/timeline/render/html';
import { renderTimelineSvg } from '../../../server/src/core/timeline/render/svg';
import { timelineToJson } from '../../../server/src/core/timeline/render/json';
import { renderTimeline, TIMELINE_FORMATS } from '../../../server/src/core/timeline/render';
import { base64, sha256, sha256Hex } from '../../../server/src/core/timeline/render/sha256';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../helpers';

// 2026-03-02 is a Monday; no US holiday until Memorial Day, so every date below is weekdays only.
const SMALL = `# Partner Onboarding

## Procedure

### Step 1: Welcome Call
**Owner**: Partner Manager
**Timing**: Within 24 hours of contract signing

### Step 2: Sandbox Setup
**Owner**: Platform Team, Partner Manager
**Duration**: 2-3 business days

### Step 3: Launch Review
**Owner**: Partner Manager
**Timing**: Within 10 business days of contract signing
`;

// Plain text keeps markup in titles (Markdown would read <img> as inline HTML and drop it).
const HOSTILE = `Partner Launch </script><script>alert(3)</script>

1. <img src=x onerror=alert(1)>
Owner: Partner Manager
Timing: Within 2 business days of contract signing

2. Kickoff: section click; #5 %%{init}%% </style> "quoted", done
Owner: Partner Manager
Duration: 5 business days
Timing: Within 2 business days of contract signing
`;

function small(): Timeline {
  return buildTimeline(parseSop(SMALL, 'file:///w/partner.md'), { start: '2026-03-02', holidays: 'US', runs: 200, seed: 7 });
}

function hostile(): Timeline {
  return buildTimeline(parseSop(HOSTILE, 'file:///w/hostile.txt'), { start: '2026-03-02', runs: 50, seed: 1 });
}

test('small SOP dates, hand-checked: the rows every export draws', () => {
  const t = small();
  // Welcome Call: within 24 h of Mon → due Tue 3rd; it takes no time, so Sandbox Setup (2-3 business days) can
  // follow it the same Monday and end Tue 3rd at the earliest. Launch Review: 10 business days after Mon 2nd →
  // Mon 16th; no deadline is later, so that is the latest finish of every step no deadline reaches. Latest starts
  // use the shortest durations: Sandbox Setup's two days end Mon 16th if it starts Fri 13th (9 business days of
  // slack). Every step has slack, so nothing is critical (critical means zero slack).
  assert.deepEqual(
    t.steps.map((s) => [s.label, s.earliest!.start, s.earliest!.finish, s.latest!.start, s.latest!.finish, s.slack, s.critical]),
    [
      ['1. Welcome Call', '2026-03-02', '2026-03-02', '2026-03-03', '2026-03-03', 2, false],
      ['2. Sandbox Setup', '2026-03-02', '2026-03-03', '2026-03-13', '2026-03-16', 9, false],
      ['3. Launch Review', '2026-03-02', '2026-03-02', '2026-03-16', '2026-03-16', 11, false],
    ],
  );
});

test('mermaid: exact gantt, sections per owner, crit, exclusive end dates', () => {
  assert.equal(
    renderMermaid(small()),
    [
      'gantt',
      '    title Partner Onboarding',
      '    dateFormat YYYY-MM-DD',
      '    axisFormat %b %d',
      '    section Partner Manager',
      '    1. Welcome Call :milestone, s0, 2026-03-02, 0d',
      '    3. Launch Review :milestone, s2, 2026-03-02, 0d',
      '    section Platform Team',
      '    2. Sandbox Setup :s1, 2026-03-02, 2026-03-04',
      '',
    ].join('\n'),
  );
});

test('mermaid: sections are owners even with sub-steps; a stage with drawn sub-steps is not a bar itself', () => {
  const text = `# Store Opening

## Process Steps

### Stage 1: Fit-Out (Days 0-10)
**Owner**: Store Manager

#### Shelving
**Owner**: Store Manager
**Duration**: 2 business days

### Stage 2: Opening Day (Day 14)
**Owner**: Store Manager
`;
  const t = buildTimeline(parseSop(text, 'file:///w/store.md'), { start: '2026-03-02', runs: 0 });
  const out = renderMermaid(t);
  // Day 14 from Monday 2nd is Monday 16th: a step that takes no time, a milestone.
  assert.ok(
    out.endsWith(
      ['    section Store Manager', '    Shelving :s1, 2026-03-02, 2026-03-04', '    2. Opening Day :crit, milestone, s2, 2026-03-16, 0d', ''].join('\n'),
    ),
    out,
  );
});

test('mermaid: document text cannot add statements, comments, directives or callbacks', () => {
  const out = renderMermaid(hostile());
  const lines = out.split('\n');
  // Header, one section, two tasks, nothing else: no injected `section`, `click` or `%%{init}%%` line.
  assert.equal(lines.length, 8, out);
  // Step 1 states no length: a milestone.
  assert.equal(lines[1], '    title Partner Launch ‹/script›‹script›alert(3)‹/script›');
  assert.equal(lines[5], '    1. ‹img src=x onerror=alert(1)› :crit, milestone, s0, 2026-03-02, 0d');
  // 5 business days from Mon 2nd end on Fri 6th; Mermaid's end is exclusive.
  assert.equal(lines[6], '    2. Kickoff꞉ section click, ♯5 %(init)% ‹/style› "quoted", done :crit, s1, 2026-03-02, 2026-03-07');
  for (const line of lines.slice(4, 7)) {
    const name = line.trim().split(' :')[0]!;
    assert.ok(!/[:;#\n<>{}]|%%/.test(name), line);
  }
  assert.equal(mermaidText('Section 4 sign-off'), '▸ Section 4 sign-off');
  assert.equal(mermaidText('click me'), '▸ click me');
  assert.equal(mermaidText('a\nsection b'), 'a section b');
  assert.equal(mermaidText('   '), '(untitled)');
});

test('csv: exact RFC 4180 output with CRLF and quoting', () => {
  assert.equal(
    renderCsv(small()),
    [
      'number,title,owners,earliest_start,earliest_finish,latest_start,latest_finish,p50,p90,critical,slack,due,at_risk,every',
      '1,Welcome Call,Partner Manager,2026-03-02,2026-03-02,2026-03-03,2026-03-03,2026-03-03,2026-03-03,false,2,2026-03-03,false,',
      '2,Sandbox Setup,Platform Team; Partner Manager,2026-03-02,2026-03-03,2026-03-13,2026-03-16,2026-03-05,2026-03-06,false,9,,false,',
      '3,Launch Review,Partner Manager,2026-03-02,2026-03-02,2026-03-16,2026-03-16,2026-03-09,2026-03-16,false,11,2026-03-16,false,',
      '',
    ].join('\r\n'),
  );
  assert.equal(csvField('a "b", c'), '"a ""b"", c"');
  assert.equal(csvField('line\nbreak'), '"line\nbreak"');
  assert.equal(csvField('plain'), 'plain');
  const hostileCsv = renderCsv(hostile()).split('\r\n');
  assert.equal(hostileCsv[2]!.split(',').slice(0, 2).join(','), '2,"Kickoff: section click; #5 %%{init}%% </style> ""quoted""');
});

test('csv: text a spreadsheet would run as a formula gets a leading quote', () => {
  const t = small();
  t.steps[0]!.title = '=HYPERLINK("http://x")';
  t.steps[1]!.owners = ['@ops', '+1'];
  const rows = renderCsv(t).split('\r\n');
  assert.equal(rows[1], `1,"'=HYPERLINK(""http://x"")",Partner Manager,2026-03-02,2026-03-02,2026-03-03,2026-03-03,2026-03-03,2026-03-03,false,2,2026-03-03,false,`);
  assert.ok(rows[2]!.startsWith(`2,Sandbox Setup,'@ops; +1,`), rows[2]);
});

test('ics: exact calendar, all-day events on the latest finish, reproducible', () => {
  const out = renderIcs(small(), { documentKey: 'PRC-100' });
  const uid = (label: string) => sha256Hex(['PRC-100', '', label, '0'].join('\n')).slice(0, 32);
  assert.equal(
    out,
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//sopls//sopls timeline//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Partner Onboarding',
      'BEGIN:VEVENT',
      `UID:${uid('1. Welcome Call')}@sopls`,
      'DTSTAMP:20260302T000000Z',
      'DTSTART;VALUE=DATE:20260303',
      'DTEND;VALUE=DATE:20260304',
      'SUMMARY:1. Welcome Call',
      'DESCRIPTION:Due: latest finish of 1. Welcome Call.\\nOwners: Partner Manager',
      ' \\nEarliest: 2026-03-02 to 2026-03-02\\nLatest: 2026-03-03 to 2026-03-03\\nP5',
      ' 0 2026-03-03\\, P90 2026-03-03',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
      'BEGIN:VEVENT',
      `UID:${uid('2. Sandbox Setup')}@sopls`,
      'DTSTAMP:20260302T000000Z',
      'DTSTART;VALUE=DATE:20260316',
      'DTEND;VALUE=DATE:20260317',
      'SUMMARY:2. Sandbox Setup',
      'DESCRIPTION:Due: latest finish of 2. Sandbox Setup.\\nOwners: Platform Team\\',
      ' , Partner Manager\\nEarliest: 2026-03-02 to 2026-03-03\\nLatest: 2026-03-13 ',
      ' to 2026-03-16\\nP50 2026-03-05\\, P90 2026-03-06',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
      'BEGIN:VEVENT',
      `UID:${uid('3. Launch Review')}@sopls`,
      'DTSTAMP:20260302T000000Z',
      'DTSTART;VALUE=DATE:20260316',
      'DTEND;VALUE=DATE:20260317',
      'SUMMARY:3. Launch Review',
      'DESCRIPTION:Due: latest finish of 3. Launch Review.\\nOwners: Partner Manage',
      ' r\\nEarliest: 2026-03-02 to 2026-03-02\\nLatest: 2026-03-16 to 2026-03-16\\nP',
      ' 50 2026-03-09\\, P90 2026-03-16',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n'),
  );
  assert.equal(renderIcs(small(), { documentKey: 'PRC-100' }), out, 'same input, same bytes');
  // A customer's events do not replace another customer's, and another document's UIDs differ.
  const withCustomer = small();
  withCustomer.customer = { id: 'CUS-010', data: {} };
  assert.ok(!renderIcs(withCustomer, { documentKey: 'PRC-100' }).includes(uid('1. Welcome Call')));
  assert.ok(!renderIcs(small(), { documentKey: 'PRC-101' }).includes(uid('1. Welcome Call')));
});

test('ics: escaping of , ; \\ and newlines; folding at 75 octets never splits a character', () => {
  assert.equal(icsText('a,b;c\\d\r\ne\nf'), 'a\\,b\\;c\\\\d\\ne\\nf');
  const long = `SUMMARY:${'é'.repeat(30)}${'x'.repeat(20)}😀${'ü'.repeat(40)}`;
  const folded = foldLine(long);
  const physical = folded.split('\r\n');
  assert.ok(physical.length >= 3);
  for (const [i, line] of physical.entries()) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line ${i} has ${Buffer.byteLength(line, 'utf8')} octets`);
    if (i > 0) assert.equal(line[0], ' ');
    assert.ok(!line.includes('\ufffd'));
  }
  // Unfolding (RFC 5545 §3.1: remove CRLF + one space) gives the line back.
  assert.equal(folded.replace(/\r\n /g, ''), long);
  // "SUMMARY:" 8 octets + 30 × é (2 octets) + 7 × x = 75; then a line of ' ' + 13 x + 😀 (4) + 28 × ü = 74, as
  // one more ü would make 76.
  assert.deepEqual(physical.map((l) => Buffer.byteLength(l, 'utf8')), [75, 74, 25]);
  assert.equal(foldLine('x'.repeat(75)), 'x'.repeat(75));
  assert.equal(foldLine('x'.repeat(76)), `${'x'.repeat(75)}\r\n x`);
  // Every line of a whole calendar with hostile text is folded and CRLF-terminated.
  const ics = renderIcs(hostile());
  assert.ok(ics.endsWith('\r\n'));
  for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, line);
  assert.ok(!/[^\r]\n/.test(ics), 'no bare LF');
  assert.match(ics.replace(/\r\n /g, ''), /\r\nSUMMARY:2\. Kickoff: section click\\; #5 %%\{init\}%% <\/style> "quoted"\\, done\r\n/);
});

test('sha256 matches node:crypto, at block boundaries and beyond ASCII', () => {
  for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(119), 'héllo wörld 😀', 'x'.repeat(1000)]) {
    assert.equal(sha256Hex(s), createHash('sha256').update(s, 'utf8').digest('hex'), `length ${s.length}`);
    assert.equal(base64(sha256(s)), createHash('sha256').update(s, 'utf8').digest('base64'));
  }
});

test('html: the CSP pins the one stylesheet by hash and allows nothing else', () => {
  const html = renderHtml(small());
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`));
  assert.ok(HTML_CSP.includes(`style-src 'sha256-${hash}'`), HTML_CSP);
  assert.match(HTML_CSP, /^default-src 'none'; /);
  assert.ok(!/script-src [^;]*'(self|unsafe|nonce)/.test(HTML_CSP));
  assert.ok(!/\b(src|href)=/.test(html.replace(/<svg[\s\S]*<\/svg>/, '')), 'no remote or local loads');
  assert.ok(!/ style=/.test(html), 'no inline style attributes (the CSP would block them)');
  assert.equal((html.match(/<style>/g) ?? []).length, 1);
  assert.ok(!html.includes('<script'));
});

test('html and svg: one row per step with bands, legend; conflicts in red with their message', () => {
  const t = hostile();
  const html = renderHtml(t);
  assert.equal((html.match(/<rect class="bar" data-step="/g) ?? []).length + (html.match(/<path class="bar milestone"/g) ?? []).length, 2);
  assert.equal((html.match(/<rect class="window"/g) ?? []).length, 2);
  assert.equal((html.match(/<rect class="p-band"/g) ?? []).length, 2);
  assert.match(html, /<g class="legend" aria-label="Owners">/);
  assert.match(html, /<g class="step owner-0 critical conflict">/);
  assert.match(html, /<section class="conflicts">\n<h2>Conflicts \(1\)<\/h2>/);
  assert.match(html, /<li><span class="rule">timeline-conflict<\/span> \(line 10\): 2\. Kickoff: section click; #5 %%\{init\}%% &lt;\/style&gt; &quot;quoted&quot;, done is due by business day 2 \(2026-03-04\), but 1\. &lt;img src=x onerror=alert\(1\)&gt; finishes only by business day 0 \(2026-03-02\), so 2\. Kickoff[^<]* can finish only by business day 4 \(2026-03-06\)<\/li>/);
  assert.match(html, /svg\.timeline \.conflict \.bar \{ fill: var\(--conflict\)/);
});

test('escaping: <img onerror> and </script><script> appear only escaped, in every format that renders markup', () => {
  const t = hostile();
  const svg = renderTimelineSvg(timelineToJson(t));
  for (const [name, out] of [
    ['html', renderHtml(t)],
    ['svg', svg],
  ] as const) {
    assert.ok(!out.includes('<img'), `${name} has a raw <img`);
    assert.ok(!out.includes('<script'), `${name} has a raw <script`);
    assert.ok(!out.includes('</script'), `${name} has a raw </script`);
    assert.ok(!/<\/style>[\s\S]*<\/style>/.test(out), `${name} has a second </style>`);
    assert.ok(out.includes('&lt;img src=x onerror=alert(1)&gt;'), `${name} lost the title`);
  }
  assert.ok(renderHtml(t).includes('<h1>Partner Launch &lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;</h1>'));
  assert.ok(renderHtml(t).includes('<title>Timeline: Partner Launch &lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;</title>'));
});

test('the VS Code preview and the HTML export share one SVG renderer', () => {
  // The webview imports this module; no second SVG renderer lives in the client.
  const webview = fs.readFileSync(path.join(ROOT, 'client/src/preview/webview/main.ts'), 'utf8');
  assert.match(webview, /import \{ renderTimelineSvg \} from '(\.\.\/)+server\/src\/core\/timeline\/render\/svg'/);
  const clientFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? clientFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const f of clientFiles(path.join(ROOT, 'client/src'))) assert.ok(!/function renderTimelineSvg\b/.test(fs.readFileSync(f, 'utf8')), f);
  const json = timelineToJson(small());
  assert.ok(renderHtml(small()).includes(renderTimelineSvg(json, { width: 1100 })));
  const svg = renderTimelineSvg(json);
  assert.deepEqual([...svg.matchAll(/class="bar[^"]*" data-step="([^"]+)"/g)].map((m) => m[1]), ['1', '2', '3']);
});

test('renderTimeline covers every format', () => {
  const t = small();
  const starts: Record<string, string> = { text: 'Partner Onboarding\n', json: '{\n  "start": "2026-03-02"', mermaid: 'gantt\n', ics: 'BEGIN:VCALENDAR\r\n', html: '<!DOCTYPE html>\n', csv: 'number,title,' };
  for (const f of TIMELINE_FORMATS) assert.ok(renderTimeline(t, f).startsWith(starts[f]!), f);
});

test('svg: critical path marked and in the key, cadence row, year on the axis, milestones only for zero-length steps', () => {
  const text = `# Pilot Rollout

## Procedure

### Step 1: Environment Build
**Owner**: Support Engineer
**Duration**: 3 business days

### Step 2: Pilot Review
**Owner**: CSM
**Duration**: 1 business day

### Step 3: Sign-Off
**Owner**: CSM
**Timing**: After Pilot Review

### Step 4: Status Email
**Owner**: CSM
**Timing**: Weekly
`;
  // From Mon 2026-12-28 (holidays US; 2027-01-01 is New Year's Day): the build takes Mon 28, Tue 29, Wed 30; the
  // review Thu 31; the sign-off takes no time; the plan's axis runs into 2027.
  const t = buildTimeline(parseSop(text, 'file:///w/pilot.md'), { start: '2026-12-28', holidays: 'US', runs: 50, seed: 1 });
  const json = timelineToJson(t);
  assert.deepEqual(json.cadences.map((c) => [c.title, c.every, c.line]), [['Status Email', '1 week', 19]]);
  assert.deepEqual(json.steps.map((s) => [s.title, s.critical, s.milestone ?? false]), [
    ['Environment Build', true, false],
    ['Pilot Review', true, false],
    ['Sign-Off', true, true],
  ]);
  const svg = renderTimelineSvg(json);
  // One critical mark per critical step (the key's sample is a key-shape), the key names it.
  assert.equal((svg.match(/<line class="critical-mark" /g) ?? []).length, 3);
  assert.match(svg, />Critical path<\/text>/);
  // A one-business-day step is a bar; only the zero-length sign-off is a diamond.
  assert.equal((svg.match(/<path class="bar milestone" /g) ?? []).length, 1);
  // The cadence is a row of markers, not a bar: Mon 12-28 .. the axis end.
  assert.match(svg, /<g class="cadence">/);
  assert.ok((svg.match(/<circle class="cadence-mark" /g) ?? []).length >= 1);
  // The year is on the first tick and on the first tick of 2027.
  assert.match(svg, /class="tick year"[^>]*>Dec 28 2026</);
  assert.match(svg, /class="tick year"[^>]*>Jan \d+ 2027</);
});

const RECURRING = `# Store Refit

## Process Steps

### Step 1: Survey
**Owner**: Ops
**Duration**: 2 weeks

### Step 2: Queue Check
**Owner**: PM
**Timing**: every 30 minutes

### Step 3: Daily Stand-Up (Weeks 1-2)
**Owner**: Ops
`;

test('cadences are in every export: an ICS RRULE, CSV rows, a Mermaid section, an HTML table', () => {
  const t = buildTimeline(parseSop(RECURRING, 'file:///refit.md'), { start: '2026-03-02', runs: 50, seed: 1 });
  assert.deepEqual(t.cadences.map((c) => c.every), ['30 minutes', '1 day']);
  // The survey takes two weeks from Monday 03-02: the plan's latest finish is Friday 03-13, so the queue check
  // recurs over 03-02..03-13; the stand-up's window is weeks 1-2, 03-02..03-15.
  const ics = renderIcs(t).split('\r\n');
  const rules = ics.filter((l) => l.startsWith('RRULE:'));
  assert.deepEqual(rules, ['RRULE:FREQ=MINUTELY;INTERVAL=30;UNTIL=20260313T235959', 'RRULE:FREQ=DAILY;INTERVAL=1;UNTIL=20260315']);
  assert.ok(ics.includes('DTSTART;VALUE=DATE:20260302'));
  assert.ok(ics.includes('DTSTART:20260302T090000'));
  assert.ok(ics.some((l) => l.startsWith('SUMMARY:Queue Check (every 30 minutes)')));
  assert.equal(ics.filter((l) => l === 'BEGIN:VEVENT').length, 3);
  const csv = renderCsv(t).split('\r\n');
  assert.ok(csv.includes(',Queue Check,PM,2026-03-02,2026-03-13,,,,,false,,,false,30 minutes'), csv.join('\n'));
  assert.ok(csv.includes(',Daily Stand-Up,Ops,2026-03-02,2026-03-15,,,,,false,,,false,1 day'), csv.join('\n'));
  const mermaid = renderMermaid(t);
  assert.ok(mermaid.includes('    section Recurring\n    Queue Check (every 30 minutes) ꞉active, c0, 2026-03-02, 2026-03-14\n'.replace('꞉', ':')), mermaid);
  const html = renderHtml(t);
  assert.ok(html.includes('<h2>Recurring</h2>') && html.includes('<td class="title">Queue Check</td>'), 'HTML recurring table');
  assert.ok(html.includes('class="cadence-mark"') || html.includes('class="cadence-band"'), 'HTML chart draws the cadence row');
});
