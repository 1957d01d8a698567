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
];

runCases(CASES);
