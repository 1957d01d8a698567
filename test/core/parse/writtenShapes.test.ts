import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSop } from '../../../server/src/core/parse';
import { allSteps, type SopDocument } from '../../../server/src/core/model';
import { outline } from './caseHarness';

/**
 * Procedures the way people write them (issue 11): steps in prose, owners stated once for what follows, a
 * document title that names a role, lists that are not steps. Each case is a small document written for this
 * test; the expectations were written from reading it, not from parser output.
 */
interface Case {
  name: string;
  text: string;
  /** `line title` of every step (sub-steps indented by two spaces; groups marked `group`), lines 1-based. */
  outline?: string[];
  /** `line owner<source>` for every step that has an owner. */
  owners?: string[];
  /** Lines that must not be steps. */
  notSteps?: number[];
}

const owners = (doc: SopDocument): string[] =>
  allSteps(doc)
    .filter((s) => s.owners.length)
    .map((s) => `${s.headingRange.start.line + 1} ${s.owners.map((o) => `${o.name}<${o.source}>`).join(', ')}`);

const CASES: Case[] = [
  {
    name: 'a document title naming a role owns the steps and is not itself a group',
    text: ['# Porter duties', '', '## Daily', '', '### Lock the bike shed', '', '### Empty the recycling bins', ''].join('\n'),
    outline: ['3 group Daily', '  5 Lock the bike shed', '  7 Empty the recycling bins'],
    owners: ['5 Porter<section>', '7 Porter<section>'],
  },
  {
    name: 'an instruction heading under a time group is a task even when it says "tasks"',
    text: ['# Desk routine', '', '## Daily', '', '### Check the task board', '', 'The board fills up overnight.', '', '### Fortnightly supplier call review', '', 'Notes go in the shared folder.', ''].join('\n'),
    outline: ['3 group Daily', '  5 Check the task board', '  9 Fortnightly supplier call review'],
  },
  {
    name: 'a meeting agenda is not a list of steps; an acronym spelled out as a thing is not a role',
    text: [
      '# Planning rhythm', '', '## Monthly', '', '### SBRs (Spring Budget Reviews)', '',
      '- Held in the second week.', '- Agenda:', '  1. (5 min) Spend so far', '  2. (10 min) Forecast changes', '',
    ].join('\n'),
    notSteps: [9, 10],
    owners: [],
  },
  {
    name: 'a list right after a `**Step N: …**` paragraph is that step’s body and inherits its owner',
    text: [
      '# Door checks', '', '## Procedure', '', '**Step 1: The duty officer walks the ground floor**', '',
      '- Try every fire door', '- Note any door that does not latch', '', '**Step 2: The duty officer reports to the office**', '',
    ].join('\n'),
    outline: ['5 The duty officer walks the ground floor', '  7 Try every fire door', '  8 Note any door that does not latch', '10 The duty officer reports to the office'],
    owners: ['5 duty officer<sentence>', '7 duty officer<section>', '8 duty officer<section>', '10 duty officer<sentence>'],
  },
  {
    name: 'a participle or an instruction is not a subject; a capitalised role whose first word is a verb is',
    text: [
      '# Launch checklist', '', '## Gate lead tasks', '',
      '- [ ] Gate crew notified that the doors open at nine', '- [ ] Checked in with the night team', '- [ ] Monitor visitor channels for questions',
      '- [ ] Branch Coordinator does the final head count', '',
    ].join('\n'),
    owners: ['3 Gate lead<section>', '5 Gate lead<section>', '6 Gate lead<section>', '7 Gate lead<section>', '8 Branch Coordinator<sentence>'],
  },
  {
    name: 'a long paragraph ending in a colon introduces the list; its last sentence names who does it',
    text: [
      '# Loans', '', '## Overdue books', '',
      'Borrowers get three weeks and one renewal, which most of them use without being asked. If a book is still out after that, archivists should use their judgment to:', '',
      '1. Send a polite note to the borrower', '2. Phone the borrower after a week', '3. Mark the book as lost after a month', '',
    ].join('\n'),
    owners: ['7 archivists<section>', '8 archivists<section>', '9 archivists<section>'],
  },
  {
    name: 'what a named party shall confirm is a list of that party’s steps, whatever the items’ grammar',
    text: [
      '# Year-end close', '', '## 3.0 PROCEDURE', '', '### 3.1 Store room check', '',
      'Before the store room is sealed, the Site Auditor or deputy **SHALL** confirm that:', '',
      '- Every shelf label matches the stock list.', '- Damaged items have been written off.', '- The spare keys are back in the safe.', '',
      '### 3.2 Key return', '', 'Keys are counted twice. The Facilities Manager shall collect all keys from departing staff.', '',
    ].join('\n'),
    outline: [
      '5 Store room check',
      '  9 Every shelf label matches the stock list',
      '  10 Damaged items have been written off',
      '  11 The spare keys are back in the safe',
      '13 Key return',
    ],
    owners: [
      '5 Site Auditor or deputy<sentence>',
      '9 Site Auditor or deputy<section>',
      '10 Site Auditor or deputy<section>',
      '11 Site Auditor or deputy<section>',
      '13 Facilities Manager<sentence>',
    ],
  },
  {
    name: 'paragraphs under a procedure heading are steps when most of them are actions',
    text: [
      '# Lost property', '', '## Handling process', '',
      'The desk officer will log each item in the lost property book.', '',
      'If the item is valuable, lock it in the safe and tell the duty manager.', '',
      'Items stay on the shelf for a month.', '',
      'After a month, the duty manager will send unclaimed items to charity.', '',
    ].join('\n'),
    outline: [
      '5 The desk officer will log each item in the lost property book',
      '7 If the item is valuable, lock it in the safe and tell the duty manager',
      '11 After a month, the duty manager will send unclaimed items to charity',
    ],
    owners: ['5 desk officer<sentence>', '11 duty manager<sentence>'],
  },
  {
    name: 'paragraphs are not steps outside a procedure heading, nor pointers, notes or a lone paragraph',
    text: [
      '# Lost property', '', '## Background', '', 'The desk officer will log each item.', '', 'The duty manager will send items on.', '',
      '## Handling process', '', 'Click this link to see the item register.', '', '> Note: check the safe code first.', '',
      'Ask the desk clerk for the book.', '', '## Steps', '', '1. Log the item', '2. Shelve the item', '',
    ].join('\n'),
    outline: ['19 Log the item', '20 Shelve the item'],
  },
  {
    name: 'owners stated once for the steps that follow',
    text: [
      '# Night shift', '', '## Closing up', '', 'These steps are carried out by the night supervisor.', '',
      '1. Lock the side gate', '2. Switch off the hall lights', '', '## Alarm', '', 'The security officer does the following:', '',
      '- Set the alarm', '- Phone the control room', '',
    ].join('\n'),
    owners: ['7 night supervisor<section>', '8 night supervisor<section>', '14 security officer<section>', '15 security officer<section>'],
  },
  {
    name: 'a Property | Description table is a reference, not steps, even in a procedure document',
    text: [
      '# Intake process', '', '## Card fields', '', '| Field | Values | Description |', '|---|---|---|',
      '| Badge | Number | Printed on the card when it is issued. |', '| Team | Free text | Used to route the card to a desk. |', '',
      '## Steps', '', '1. Photograph the visitor', '2. Print the card', '',
    ].join('\n'),
    outline: ['12 Photograph the visitor', '13 Print the card'],
  },
  {
    name: '`Label: value` bullets under a checklist item are fields, not sub-steps',
    text: [
      '# Handover', '', '## Checklist', '', '- [ ] Shared drive folder created', '  - Access: edit rights for the night team',
      '  - Short link: go/handover-notes', '- [ ] Rota updated', '',
    ].join('\n'),
    outline: ['5 Shared drive folder created', '8 Rota updated'],
  },
  {
    name: 'a bare verb before its object is an instruction even when the verb is not in the list',
    text: ['# Calls', '', '## Procedure', '', '- Reassure the caller', '- Jot down their number', '- Forward the details', ''].join('\n'),
    outline: ['5 Reassure the caller', '6 Jot down their number', '7 Forward the details'],
  },
  {
    name: 'bulleted `[Role] [instruction](link)` items are steps owned by the bracketed role',
    text: [
      '# Release tracking', '', 'Continuously:', '* [Release lead] [Bump the toolchain version](https://example.org/a)',
      '* [Docs Manager] [Refresh the release calendar](https://example.org/b)', '* [Docs Manager] Tidy the changelog', '',
    ].join('\n'),
    owners: ['4 Release lead<parenthesis>', '5 Docs Manager<parenthesis>', '6 Docs Manager<parenthesis>'],
  },
  {
    name: 'a bold line naming a moment holds the bullets after it as a phase',
    text: [
      '# Event guide', '', '## Catering', '', 'Some background on the caterer.', '', '**Once the guest list has been confirmed by the host**', '',
      '- Book the caterer for the final head count', '- Send the menu to the guests', '',
    ].join('\n'),
    outline: ['7 group Once the guest list has been confirmed by the host', '  9 Book the caterer for the final head count', '  10 Send the menu to the guests'],
  },
  {
    name: 'a lead-in that ends in a duty ("then you should:") introduces things to do',
    text: [
      '# Returns', '', '## Faulty goods', '', 'If a customer reports a fault within a month, then you should:', '',
      '- Offer a replacement or a refund', '- Log the fault against the batch number', '',
    ].join('\n'),
    outline: ['7 Offer a replacement or a refund', '8 Log the fault against the batch number'],
  },
  {
    name: 'inside a step, instructions are sub-steps and the notes between them are not',
    text: [
      '# Archive', '', '## Procedure', '', '1. Check the box label against the register', '   - Most boxes carry two labels; the newer one wins.',
      '   - Eventually, ask the depositor why the labels differ.', '   - You may need to re-seal the box afterwards.', '2. Shelve the box', '',
    ].join('\n'),
    outline: [
      '5 Check the box label against the register',
      '  7 Eventually, ask the depositor why the labels differ',
      '  8 You may need to re-seal the box afterwards',
      '9 Shelve the box',
    ],
  },
  {
    name: 'a bold line naming a role’s responsibilities is that role’s section: its prose and -ing items are its tasks',
    text: [
      '# Welcoming a new starter', '', '## Before the first day', '', '**Facilities team responsibilities**', '',
      'Once the start date is fixed, the office manager will order a desk and a chair.', '', 'The Facilities team will also print a door badge.', '',
      '**Line manager responsibilities**', '', 'Line managers look after the first week, which includes', '',
      '- Booking a welcome lunch', '- Choosing a buddy from the team', '',
    ].join('\n'),
    outline: [
      '3 group Before the first day',
      '  5 group Facilities team responsibilities',
      '    7 Once the start date is fixed, the office manager will order a desk and a chair',
      '    9 The Facilities team will also print a door badge',
      '  11 group Line manager responsibilities',
      '    15 Booking a welcome lunch',
      '    16 Choosing a buddy from the team',
    ],
  },
  {
    name: 'a schedule table with a time column and a column of instructions is a table of steps',
    text: [
      '# Festival countdown', '', '| Weeks before opening | Area | What happens |', '|---|---|---|',
      '| -6 Weeks | Site | Book the marquee and the toilets |', '| -2 Weeks | Stage | Confirm the sound engineer |',
      '| 0 Weeks | All | **Open the gates** |', '',
    ].join('\n'),
    outline: ['5 Book the marquee and the toilets', '6 Confirm the sound engineer', '7 Open the gates'],
  },
  {
    name: 'inside a step heading, instruction paragraphs and instruction sub-headings are its sub-steps',
    text: [
      '# Publishing', '', '## Procedure', '', '### 1. Prepare the issue', '', 'At the start of each month, create a folder for the issue.', '',
      'The folder holds drafts and proofs.', '', 'Copy the template into the folder and rename it.', '', '#### Manually updating the masthead', '',
      'Edit the names by hand.', '', '### 2. Print the issue', '',
    ].join('\n'),
    outline: [
      '5 Prepare the issue',
      '  7 At the start of each month, create a folder for the issue',
      '  11 Copy the template into the folder and rename it',
      '  13 Manually updating the masthead',
      '17 Print the issue',
    ],
  },
  {
    name: 'criteria to meet and what a thing must include are not steps; a titled instruction is',
    text: [
      '# Club rules', '', '## Membership criteria', '', 'To join, a club should:', '', '1. Have a named treasurer', '2. Hold a bank account', '',
      '## Annual report', '', 'Each report must include:', '', '1. **Accounts:** List income and spending', '2. **Members:** Give the head count', '',
      '## Week 1', '', '#### Together we will:', '- **Kit:** Order the new shirts', '- **Pitch:** Book the field for Saturdays', '',
    ].join('\n'),
    outline: ['17 group Week 1', '  19 group Together we will', '    20 Kit', '    21 Pitch'],
  },
  {
    name: 'lettered paragraphs (A. … B. …) are steps; an initial before a surname is not',
    text: [
      '# Spill response', '', '## Procedure', '', 'A. Stop the leak at its source if it is safe to do so.', '',
      'B. Report the spill to the site office.', '', 'A. Smith wrote this page.', '',
    ].join('\n'),
    outline: ['5 Stop the leak at its source if it is safe to do so', '7 Report the spill to the site office'],
  },
];

for (const c of CASES) {
  test(c.name, () => {
    const doc = parseSop(c.text, `file:///cases/${c.name.replace(/\W+/g, '-').slice(0, 40)}.md`);
    if (c.outline) assert.deepEqual(outline(doc), c.outline);
    if (c.owners) assert.deepEqual(owners(doc), c.owners);
    if (c.notSteps) {
      const lines = new Set(allSteps(doc).map((s) => s.headingRange.start.line + 1));
      for (const l of c.notSteps) assert.ok(!lines.has(l), `line ${l} is not a step`);
    }
  });
}
