import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSop } from '../../../server/src/core/parse';
import { indexEntryFromDoc, scanIndexEntry } from '../../../server/src/core/indexScan';
import { RULES } from '../../../server/src/core/lint/registry';
import { ROOT, sharedSeedFiles } from '../../helpers';
import { lintWorkspace, listDocs } from './lintHelpers';

/**
 * The five real SOPs linted as one workspace. Every finding below was checked by reading the seed: the
 * placeholders are unfilled template fields, and PRC-001 links to CUS-001 and POL-001, which no seed declares.
 * Timing rules are asserted by the timeline engine's own tests.
 */
const seeds = sharedSeedFiles();
// Expectations read from the real seeds by hand: registered only when ../shared/seeds is there. A bare clone
// runs the same checks on the in-repo equivalents (test/fixtures/seeds, test/core/seedlike.test.ts).
const seedTest = (seeds.length ? test : () => undefined) as typeof test;
const timing = new Set(RULES.filter((r) => r.scope === 'timeline').map((r) => r.id));

seedTest('seeds: lint without a crash, findings a reviewer agrees with', () => {
  const results = lintWorkspace(seeds);
  const got: Record<string, string[]> = {};
  for (const [uri, findings] of results) {
    got[path.basename(uri).slice(0, 3)] = findings
      .filter((f) => !timing.has(f.rule))
      .map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule} ${f.rule === 'placeholder' ? f.message.split(' ')[3] : f.message}`);
  }
  const ph = (list: string): string[] =>
    list.split(' ').map((x) => {
      const [pos, name] = x.split('=');
      return `${pos} placeholder [${name}];`;
    });
  assert.deepEqual(got, {
    '000': ph(
      '5:148=COMPANY_NAME 7:52=COMPANY_NAME 11:82=WEBSITE_URL 13:81=COMPANY_NAME 31:44=SURVEY_LINK 32:45=CRM_TOOL_NAME ' +
        '47:38=LMS_TOOL_NAME 71:9=COMPANY_NAME 125:61=EMAIL 125:70=PHONE 126:57=REPRESENTATIVE_NAME 126:80=EMAIL ' +
        '127:73=REPRESENTATIVE_NAME 127:96=EMAIL 130:14=REPRESENTATIVE_NAME 131:8=REPRESENTATIVE_TITLE 132:7=DATE ' +
        '133:14=REPRESENTATIVE_NAME 134:8=REPRESENTATIVE_TITLE 135:7=DATE',
    ),
    '001': ph(
      '4:17=DATE 30:63=COMPANY_NAME 74:47=EMAIL 74:56=PHONE 108:52=EMAIL 108:61=PHONE 109:71=REPRESENTATIVE_NAME ' +
        '109:94=EMAIL 110:55=EMAIL 113:14=REPRESENTATIVE_NAME 114:8=REPRESENTATIVE_TITLE 115:7=DATE',
    ),
    '002': ph('31:41=WEBSITE_URL 129:37=EMAIL 129:46=PHONE 130:25=EMAIL 130:34=PHONE 131:41=EMAIL 131:50=PHONE 135:29=DATE'),
    '003': ['5:19 placeholder [Date];', '394:18 placeholder [Name,', '395:18 placeholder [Date];'],
    '004': [
      '14:16 broken-link No document in the workspace declares id "CUS-001" (links.relates_to).',
      '14:25 broken-link No document in the workspace declares id "POL-001" (links.relates_to).',
    ],
  });
});

seedTest('seed 004 is overdue for review a year after its last review (default cadence)', () => {
  const file = seeds.find((f) => path.basename(f).startsWith('004'))!;
  const findings = lintWorkspace([file], { today: '2027-02-01' }).get(file)!.filter((f) => f.rule === 'review-overdue');
  assert.deepEqual(findings.map((f) => [f.range.start.line + 1, f.message]), [
    [19, 'Last reviewed 2026-01-28; with the default yearly review cadence the next review was due 2027-01-28.'],
  ]);
});

const REAL = path.join(ROOT, 'test/fixtures/real');

test('the cheap index scan agrees with the full parse on seeds, examples and fixtures', () => {
  const files = [...seeds, ...listDocs(path.join(ROOT, 'examples')), ...listDocs(path.join(ROOT, 'test/fixtures'))];
  assert.ok(files.length > 20);
  for (const f of files) {
    if (f.startsWith(REAL)) continue;
    const text = fs.readFileSync(f, 'utf8');
    assert.deepEqual(scanIndexEntry(text, f), indexEntryFromDoc(parseSop(text, f)), f);
  }
});

// On public documents the cheap scanner's Markdown (no lazy continuation lines, simpler nesting, headings inside
// HTML blocks) can find a few section headings fewer or more than remark; everything rules read from other
// documents must still agree.
test('the cheap index scan agrees with the full parse on what rules read, on the real-world corpus', () => {
  const files = listDocs(REAL);
  assert.ok(files.length >= 40);
  const withoutHeadings = (e: ReturnType<typeof scanIndexEntry>) => ({ ...e, headings: [] });
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    assert.deepEqual(withoutHeadings(scanIndexEntry(text, f)), withoutHeadings(indexEntryFromDoc(parseSop(text, f))), f);
  }
});

// The documents the language server indexes by the ten thousand in the bench: every dialect of the generator
// (plain-text role tables, nested bullets, `### Stage N`, frontmatter + `### Step N`, policies and customers).
test('the cheap index scan agrees with the full parse on the bench generator\'s documents, headings included', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-index-scan-'));
  try {
    const gen = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'gen-corpus.mjs'), '--count', '80', '--seed', '5', '--out', dir, '--large-fraction', '0.02'], { encoding: 'utf8' });
    assert.equal(gen.status, 0, gen.stderr);
    const files = listDocs(dir);
    assert.ok(files.length >= 80, `${files.length} documents`);
    let withRoles = 0;
    let withLinks = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const scanned = scanIndexEntry(text, f);
      assert.deepEqual(scanned, indexEntryFromDoc(parseSop(text, f)), f);
      if (scanned.roles.length) withRoles++;
      if (scanned.links.length) withLinks++;
    }
    // The comparison means something only if the documents declare roles and link to each other.
    assert.ok(withRoles > 20 && withLinks > 20, `${withRoles} with roles, ${withLinks} with links`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
