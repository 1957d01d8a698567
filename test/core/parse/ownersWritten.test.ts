import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSop } from '../../../server/src/core/parse';
import { allSteps, type SopDocument } from '../../../server/src/core/model';
import { learnRoleVocabulary } from '../../../server/src/core/parse/vocabulary';
import { headingParty } from '../../../server/src/core/parse/roleHeadings';
import { identityMap, type LineInfo } from '../../../server/src/core/parse/lines';

/**
 * Owners wherever a document names them (issue 11 §3): one table per mechanism, with sentences written for these
 * tests. Each row is a small document and, per step title, the owner and its source the reader should get.
 */

function doc(text: string): SopDocument {
  return parseSop(text, 'owners-written.md');
}

/** `title → name<source>` for every step (not stages); `none` when the step has no owner of its own. */
function ownersByTitle(d: SopDocument): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of allSteps(d)) {
    if (s.kind !== 'step') continue;
    const own = s.owners.filter((o) => !o.placeholder && o.source !== 'document');
    out.set(s.title, own.length ? own.map((o) => `${o.name}<${o.source}>`).join(', ') : 'none');
  }
  return out;
}

function expectOwners(text: string, want: Record<string, string>): void {
  const got = ownersByTitle(doc(text));
  for (const [title, owner] of Object.entries(want)) {
    assert.equal(got.get(title), owner, `owner of "${title}" in:\n${text}\ngot ${JSON.stringify([...got])}`);
  }
}

test('role headings: a party before an activity word or before duties/commitments owns the steps below', () => {
  const rows: [string, string | undefined][] = [
    ['Quartermaster responsibilities', 'Quartermaster'],
    ['Night porter inspection duties', 'Night porter'],
    ['Night Porter audit responsibilities', 'Night Porter'],
    ['Larkspur Ltd commitments', 'Larkspur Ltd'],
    ['Hall warden obligations', 'Hall warden'],
    ['Checklist of tasks', undefined],
    ['Key responsibilities', undefined],
    ['Onboarding responsibilities', undefined],
    ['Incident response duties', undefined],
  ];
  for (const [title, party] of rows) {
    const m = /^(.*)\s+(\S+)$/.exec(title)!;
    const isParty = (n: string): boolean => /\b(porter|warden|quartermaster)$/i.test(n);
    const got = title.startsWith('Checklist of') ? headingParty('tasks', '', () => true) : headingParty(m[1]!, m[2]!, isParty);
    assert.equal(got, party, title);
  }
  expectOwners(
    '# Closing the hall\n\n## Procedure\n\n### Night porter inspection duties\n\n- Walk the east corridor\n- Lock the side gate\n\n### Larkspur Ltd commitments\n\n- [ ] Send the invoice\n- [ ] Return the spare keys\n',
    {
      'Walk the east corridor': 'Night porter<section>',
      'Lock the side gate': 'Night porter<section>',
      'Send the invoice': 'Larkspur Ltd<section>',
    },
  );
});

test('inheritance works at every depth: a step owner reaches the sub-steps of its sub-steps', () => {
  expectOwners(
    [
      '# Stocktake',
      '',
      '## Procedure',
      '',
      '1. Count the pallets.',
      '   This is usually done by the stores team.',
      '   1. Open the bay doors',
      '   2. Walk each aisle and',
      '      * note the empty slots',
      '      * photograph damaged stock',
      '2. Report the totals',
      '',
    ].join('\n'),
    {
      'Count the pallets': 'stores team<sentence>',
      'Open the bay doors': 'stores team<section>',
      'note the empty slots': 'stores team<section>',
    },
  );
});

test('sentence subjects: parentheses, conditions with commas, plural roles, the role the reader holds', () => {
  expectOwners(
    [
      '# Field survey',
      '',
      '## Procedure',
      '',
      '1. A surveyor (usually from the county office) needs to stake the corners.',
      '2. If the plot is flooded (river, canal, pond), the Site Engineer postpones the visit.',
      '3. Supervisors sign the daily log before noon.',
      '4. Once you are the lead surveyor, file the boundary sketch.',
      '5. As the safety officer, check the harness straps.',
      '6. Send the photos to the office as directed by the Site Engineer.',
      '7. Work on client questions after the visit.',
      '8. The soil samples shall be bagged and labelled.',
      '9. Recruit extra Survey Team stewards from the depot.',
      '',
    ].join('\n'),
    {
      'A surveyor (usually from the county office) needs to stake the corners': 'surveyor<sentence>',
      'If the plot is flooded (river, canal, pond), the Site Engineer postpones the visit': 'Site Engineer<sentence>',
      'Supervisors sign the daily log before noon': 'Supervisors<sentence>',
      'Once you are the lead surveyor, file the boundary sketch': 'lead surveyor<sentence>',
      'As the safety officer, check the harness straps': 'safety officer<sentence>',
      'Send the photos to the office as directed by the Site Engineer': 'none',
      'Work on client questions after the visit': 'none',
      'The soil samples shall be bagged and labelled': 'none',
      'Recruit extra Survey Team stewards from the depot': 'none',
    },
  );
});

test('"you", "we" and "someone" are never owners', () => {
  expectOwners('# Drill\n\n## Procedure\n\n1. You will sound the alarm.\n2. We then count heads.\n3. Someone should call the warden line.\n', {
    'You will sound the alarm': 'none',
    'We then count heads': 'none',
    'Someone should call the warden line': 'none',
  });
});

test('prefix owners: a party before the instruction, on a line or inside a table cell of steps', () => {
  expectOwners(
    [
      '# Season opening',
      '',
      '## Procedure',
      '',
      '- [ ] Grounds manager: mow the outfield',
      '- [ ] QA — rerun the scoreboard checks',
      '- [ ] Note: the gates open at nine',
      '- [ ] **Kickoff:** Attend the briefing',
      '- [ ] [Box office, QA, catering] sign-off for the opening',
      '- [ ] [Optional, weekly] Repaint the lines',
      '',
    ].join('\n'),
    {
      'Grounds manager: mow the outfield': 'Grounds manager<parenthesis>',
      'QA — rerun the scoreboard checks': 'QA<parenthesis>',
      'Note: the gates open at nine': 'none',
      'Kickoff: Attend the briefing': 'none',
      '[Box office, QA, catering] sign-off for the opening': 'Box office<parenthesis>, QA<parenthesis>, catering<parenthesis>',
      '[Optional, weekly] Repaint the lines': 'none',
    },
  );
  const d = doc(
    '# Season opening\n\n## Closing steps\n\n| Phase | Steps | Output |\n| --- | --- | --- |\n| Close | Wet: <br> - GM: Cover the pitch <br> Dry: <br> - GM: Roll the pitch | Pitch ready |\n| Audit | Mixed: <br> - GM: Count seats <br> - FO: Count tills | Audit done |\n',
  );
  const rows = allSteps(d).filter((s) => s.kind === 'step');
  assert.equal(rows.length, 2, JSON.stringify(rows.map((s) => s.title)));
  assert.deepEqual(rows[0]!.owners.map((o) => `${o.name}<${o.source}>`), ['GM<parenthesis>']);
  // Two different parties lead the lines of one cell: the cell names no single owner.
  assert.ok(!rows[1]!.owners.some((o) => o.name === 'GM' || o.name === 'FO'));
});

test('owners across prose line wraps: a step body whose subject stands on the line before its duty', () => {
  expectOwners(
    [
      '# Lending',
      '',
      '## Procedure',
      '',
      '### 1. Check the application',
      '',
      'When the application form arrives and the fee is paid, the desk clerk is',
      'responsible to compare the address with the proof supplied.',
      '',
      '### 2. Print the card',
      '',
      'The printer sits behind the counter.',
      '',
    ].join('\n'),
    { 'Check the application': 'desk clerk<sentence>', 'Print the card': 'none' },
  );
});

test('per-document vocabulary: roles the document names by using them as parties', () => {
  const lines = (text: string): LineInfo[] =>
    text.split('\n').map((raw, line) => ({ line, raw, block: raw ? 'text' : 'blank', text: raw, map: identityMap(0, raw.length), headingDepth: 0, itemDepth: 0, listDepth: 0, indent: 0 }));
  const vocab = (text: string): string[] => [...learnRoleVocabulary(lines(text))].sort();
  const rows: [string, string[]][] = [
    ['The quartermaster is responsible for the stores.', ['quartermaster']],
    ['The warden must lock the gate.\n\nThe warden should count the keys.', ['warden']],
    ['DoC will assign a marker.\n\nThen DoC assigns a second marker.', ['doc']],
    ['Owner: Night Steward', ['night steward', 'steward']],
    ['The report will be filed.\n\nThe report will be filed again.', []],
    ['The script is responsible for retries.', []],
    ['Acmebot will retry the upload.', []],
    // A modal that ends the lead-in hands its subject the list below: a party, even one spelt like a verb.
    ['Before the fair, the host will\n\n1. Mark the pitches', ['host']],
    ['Before the fair, we will\n\n1. Mark the pitches', []],
    ['Once dry, the results will\n\n1. Mark the pitches', []],
    ['The host will be thanked.', []],
  ];
  for (const [text, want] of rows) assert.deepEqual(vocab(text), want, text);
  // The learnt role makes an unusual title a sentence subject: "the warden" owns the step.
  expectOwners(
    '# Night closing\n\nThe warden must walk the grounds at dusk. The warden should also log visitors.\n\n## Procedure\n\n1. The warden checks every window.\n2. Lock the store.\n',
    { 'The warden checks every window': 'warden<sentence>' },
  );
});

test('lead-ins: a condition before the subject says when, not who', () => {
  const text =
    '# Village fair\n\n## Host checklist\n\n**Before the fair, the host will**\n\n1. Mark the pitches\n1. Count the chairs\n\n' +
    '### Parking guidelines\n\nCars stay on the lower field.\n\n## Helpers\n\n**After the fair, stewards will**\n\n1. Stack the chairs\n1. Sweep the hall\n\n' +
    '**After the fair, we will**\n\n1. Count the takings\n1. Thank the volunteers\n';
  expectOwners(text, {
    'Mark the pitches': 'host<section>',
    'Stack the chairs': 'stewards<section>',
    // Near case: "we" is nobody in particular.
    'Count the takings': 'none',
  });
  // Rules under a role's checklist are not a task of it.
  assert.ok(!allSteps(doc(text)).some((s) => s.title === 'Parking guidelines'));
});

test('a document titled with a role alone is that role\'s page: the role owns its steps', () => {
  const body = '\n\nCover the night shift from ten.\n\n## Rounds\n\n- [ ] Lock the side gate\n- [ ] Check the boiler\n';
  expectOwners('# Night Duty Officer' + body, { 'Lock the side gate': 'Night Duty Officer<section>' });
  // Near cases: a department or a function names a subject, not who acts.
  expectOwners('# Customer Support' + body, { 'Lock the side gate': 'none' });
  expectOwners('# Security' + body, { 'Lock the side gate': 'none' });
});

test('an introduction naming the checklist as one a party follows: that party does its steps', () => {
  const tail = '\n\n## Broken gates\n\n1. Ask for the gate number\n1. Check the hinge log\n';
  // "support" is also a verb; after an article, "the support warder" is a person.
  expectOwners('# Gate faults\n\nWhat follows is a checklist that the support warder can follow to close a fault.' + tail, {
    'Ask for the gate number': 'support warder<section>',
  });
  expectOwners('# Gate faults\n\nThese steps are done by the support warder.' + tail, { 'Check the hinge log': 'support warder<section>' });
  // Near case: a checklist a party wrote is not one it follows.
  expectOwners('# Gate faults\n\nWhat follows is a checklist that the support warder wrote last year.' + tail, { 'Ask for the gate number': 'none' });
});

test('a step\'s table of facts: the Participants row names who does it', () => {
  const step = (rows: string): string =>
    `# Boiler faults\n\n## Process steps\n\n### 1. Record the fault\n\nThe fault is written in the log.\n\n|   |   |\n|---|---|\n${rows}| Output | A logged fault |\n\n### 2. Isolate the boiler\n\nThe boiler is shut off.\n`;
  expectOwners(step('| Participants | Night Steward |\n'), { 'Record the fault': 'Night Steward<table>' });
  // Near case: a table of facts that names no party.
  expectOwners(step('| Input | A fault report |\n'), { 'Record the fault': 'none' });
});

test('an acronym in parentheses that spells out the words before it is not an owner unless they name a party', () => {
  expectOwners('# Recalls\n\n## Procedure\n\n1. Start a Field Return Action (FRA) for the batch\n2. Tell the Duty Chemist (DC) about the batch\n3. Ask the Quality Assurance (QA) team to sample it\n', {
    'Start a Field Return Action (FRA) for the batch': 'none',
    'Tell the Duty Chemist (DC) about the batch': 'DC<parenthesis>',
    'Ask the Quality Assurance (QA) team to sample it': 'QA<parenthesis>',
  });
});

test('a document-level owner is only a fallback, never the step owner', () => {
  const d = doc('---\nowner: Head of Grounds\n---\n# Mowing\n\n## Procedure\n\n1. Check the blades\n2. Mow the lawn\n');
  for (const s of allSteps(d)) {
    assert.equal(s.owners.length, 0, s.title);
    assert.equal(s.fallbackOwner?.source, 'document');
  }
});
