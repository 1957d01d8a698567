import { runCases, type Case } from './caseHarness';

/**
 * Procedures in the shapes SOPs come in generally (issue 11, §2), one shape per case, each a small document
 * written for this test. A document with a clear procedure must be recognised as an SOP whatever its heading
 * is called, and its steps found in the shape they are written in.
 */
const CASES: Case[] = [
  {
    name: 'numbered list under a heading that is not called Procedure',
    text: ['# Opening the café', '', '## Mornings', '', '1. Unlock the back door', '2. Switch on the espresso machine', '3. Count the float into the till', ''],
    isSop: true,
    steps: [5, 6, 7],
  },
  {
    name: 'a checklist alone, with no procedure heading',
    text: ['# Van hire', '', '- [ ] Check the tyres', '- [ ] Photograph any dents', '- [x] Sign the hire form', ''],
    isSop: true,
    steps: [3, 4, 5],
  },
  {
    name: 'a table with a Steps column alone',
    text: ['# Bin day', '', '| Step | Who |', '|---|---|', '| Wheel the bins to the kerb | Caretaker |', '| Bring the bins back in | Caretaker |', ''],
    isSop: true,
    steps: [5, 6],
  },
  {
    name: 'a table with an Action column and a numbering column',
    text: ['# Fire drill', '', '| # | Action |', '|---|---|', '| 1 | Sound the alarm |', '| 2 | Walk everyone to the car park |', '| 3 | Take the register |', ''],
    isSop: true,
    steps: [5, 6, 7],
  },
  {
    name: 'numbered headings at several depths are steps and sub-steps',
    text: [
      '# Moving office', '', '## 1. Pack the desks', '', 'Use the blue crates.', '', '### 1.1 Label each crate', '', '### 1.2 Stack crates by the lift', '',
      '## 2. Book the van', '', 'Two days ahead.', '',
    ],
    isSop: true,
    outline: ['3 Pack the desks', '  7 Label each crate', '  9 Stack crates by the lift', '11 Book the van'],
  },
  {
    name: '`Step 3 —` inline labels on paragraphs are numbered steps',
    text: ['# Seed sowing', '', 'Step 1 — Fill the trays with compost.', '', 'Step 2 — Sow two seeds per cell.', '', 'Step 3 — Water from below.', ''],
    isSop: true,
    steps: [3, 5, 7],
  },
  {
    name: 'lettered and roman sub-items in plain numbering, a) and i.',
    text: [
      '# Boiler service', '', '## Procedure', '', '1. Isolate the boiler', '   a) Switch off the fused spur', '   b) Close the gas valve', '2. Inspect the flue', '',
    ],
    isSop: true,
    steps: [5, 8],
  },
  {
    name: 'steps written as paragraphs under a procedure heading',
    text: [
      '# Locking up', '', '## Procedure', '', 'Walk the ground floor and close every window.', '', 'Set the alarm at the panel by the front door.', '',
      'Lock the front door and post the key through the office letterbox.', '',
    ],
    isSop: true,
    steps: [5, 7, 9],
  },
  {
    name: 'a checklist nested under phase bullets',
    text: ['# Conference prep', '', '- Two weeks before', '  - [ ] Book the room', '  - [ ] Order name badges', '- On the day', '  - [ ] Set up the registration desk', ''],
    isSop: true,
    steps: [4, 5, 7],
  },
  {
    name: 'a definition list of steps: bold step names with the instruction below',
    text: [
      '# Bike repair', '', '## Steps', '', '**Remove the wheel**', ': Open the quick release and lift the frame.', '', '**Find the puncture**', ': Pump the tube and listen for the hiss.', '',
    ],
    isSop: true,
  },
  {
    name: 'under a weaker procedure title, a mostly-instruction bullet list keeps its instructions and drops its notes',
    text: [
      '# Night desk', '', '## Night rota', '',
      '- Collect the keys from the day porter', '- Walk the car park at midnight', '- Log every visitor in the book', '- Nobody expects you to fix the boiler',
      '- The heating goes off at two', '- Coffee is in the left cupboard', '',
    ],
    isSop: true,
    outline: ['5 Collect the keys from the day porter', '6 Walk the car park at midnight', '7 Log every visitor in the book'],
  },
  {
    name: 'a role’s responsibilities heading names the party; every bullet is its duty whatever the grammar',
    text: [
      '# Choir season', '', '## Season steward responsibilities', '',
      '- A week before the first rehearsal, the steward books the hall.', '- On concert days the steward is responsible for the float.',
      '- If music goes missing, replacements need to be ordered.', '',
    ],
    isSop: true,
    steps: [5, 6, 7],
  },
  {
    name: 'a section named by an activity holds its instructions',
    text: ['# Garden notes', '', 'The plot is at the back.', '', '## Renewing the allotment permit', '', '- Fill in the renewal form', '- Pay the fee at the town hall', ''],
    isSop: true,
    steps: [7, 8],
  },
  {
    name: 'a quoted message between bullets does not end the list; a bare Contact heading is a step section',
    text: [
      '# Lost badge process', '', '## Contact', '', '- Email the badge holder:', '> Hello, your badge was found at reception.', '>', '> Regards, Security',
      '- Tell the front desk to hold the badge', '- Cancel the old badge in the door system', '',
    ],
    isSop: true,
    steps: [5, 9, 10],
  },
  {
    name: 'paragraphs opening with First / Then / Finally are steps wherever they stand',
    text: [
      '# Data requests', '', '## The portal', '', 'The portal opens at nine.', '', 'First, fill in the request form on the portal.', '',
      'Then the data team checks that the project has ethics approval.', '', 'Finally, download the extract from your project folder.', '',
    ],
    isSop: true,
    outline: ['7 First, fill in the request form on the portal', '9 Then the data team checks that the project has ethics approval', '11 Finally, download the extract from your project folder'],
  },
  {
    name: 'bullets opening with First / Next / Finally are steps in order whatever their grammar',
    text: ['# Patches', '', '## Sending a patch', '', '- First you’ll open a pull request.', '- Next a reviewer approves it.', '- Finally the bot merges it.', ''],
    isSop: true,
    steps: [5, 6, 7],
  },
  {
    name: 'three or more bullets that are all instructions are a procedure under any heading',
    text: ['# Refunds', '', '## Till', '', '- Check the receipt', '- Open the refund screen', '- Hand back the cash', ''],
    isSop: true,
    steps: [5, 6, 7],
  },
  {
    name: 'one First paragraph among descriptions is not a sequence',
    text: ['# About the lab', '', 'First opened in 1998, the lab moved twice.', '', 'Its freezers hold samples.', '', 'Then came the new wing.', ''],
    isSop: false,
  },
  {
    name: 'a section addressed to a party ("For stewards") is not a phase: only instruction sub-headings are steps',
    text: [
      '# Match days', '', '## Procedure', '', '1. Open the gates', '2. Count the crowd', '',
      '## For stewards', '', 'Stewards may leave early when the ground is empty.', '', '### Keeping the aisles clear', '', 'Aisles must stay clear at all times.', '',
      '### Report any injury to the first-aid room', '', 'Use the radio.', '', '### Lock the turnstiles after the last exit', '',
    ],
    steps: [5, 6, 16, 20],
    notSteps: [8, 12],
  },
  {
    name: 'a heading inside a quoted example is not a section',
    text: [
      '# Weekly report', '', '## Procedure', '', '1. Collect the numbers', '2. Post the report', '',
      'A report looks like:', '', '> ### Week 12', '>', '> Sales rose.', '',
    ],
    outline: ['5 Collect the numbers', '6 Post the report'],
  },
  {
    name: 'bold numbered lines with prose below are numbered headings written in bold (`**2. Seal the jars**`)',
    text: [
      '# Jam making', '', '## Kitchen routine', '',
      '**1. Sterilise the jars**', '', 'Put them in a low oven for twenty minutes.', '',
      '**1.a. Boil the lids**', '', 'Lids go in a pan of their own.', '',
      '**2. Seal the jars**', '', 'Fill each jar to the neck, then screw the lid on tight.', '',
      '1. Wipe the rim', '2. Screw the lid down', '',
    ],
    isSop: true,
    steps: [5, 9, 13, 17, 18],
    notSteps: [7, 11, 15],
  },
  {
    name: 'an appendix titled with what it covers holds steps like any section (`## Appendix: Resetting the alarm`)',
    text: [
      '# Front desk', '', '## Procedure', '', '1. Greet the visitor', '2. Print a badge', '',
      '## Appendix: Resetting the alarm', '', '### Clearing a false alarm', '', '1. Enter the code at the panel', '2. Call the monitoring line', '',
    ],
    isSop: true,
    steps: [5, 6, 12, 13],
  },
  {
    name: 'a lead-in giving parties "the following duties" after a condition makes the list their steps',
    text: [
      '# Early closing', '', '## Duties', '',
      'When the shop shuts early, the duty manager and the shift leads have the following duties:', '',
      '1. To check that every customer has left the floor.', '2. To confirm that the float has been counted.', '',
      '## Opening hours', '', 'The shop has the following hours:', '', '1. Weekdays nine to five', '2. Saturdays nine to one', '',
    ],
    isSop: true,
    steps: [7, 8],
    notSteps: [13, 14],
  },
  {
    name: 'a plan written as a template: its week headings hold steps, while the template\'s other lists stay notes',
    text: [
      '# Club season plan', '', '## Procedure', '', '1. Copy the template below', '2. Share it with the coaches', '',
      '## Template', '', '### Details', '', '- Send the fixture list to the league', '- Print the team sheets', '- Book the minibus', '',
      '### Week 1: Pre-season', '', '- **Kit:** Order the new shirts', '- **Pitch:** Book the training ground', '- **Players:** Collect the signed forms', '',
    ],
    isSop: true,
    steps: [5, 6, 18, 19, 20],
    notSteps: [12, 13, 14],
  },
];

runCases(CASES);
