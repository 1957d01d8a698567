import { runCases, type Case } from './caseHarness';

/**
 * Lists that look like steps and are not (issue 11): routing between steps, options to choose from, menus of
 * ideas, what something is good for, what a thing must contain, catalogues of examples and advice. Each case
 * also keeps a near neighbour that IS a step, so a rule that is too broad fails here.
 */
const CASES: Case[] = [
  {
    name: 'routing items send the reader to a step; they are not steps themselves',
    text: [
      '# Refund desk', '', '## Procedure', '',
      '### Step 1: Receipt?', '', 'Does the customer have a receipt?', '', '- If yes, go to step 2.', '- If no, stop and go to Store Credit', '',
      '### Step 2: Check the item', '', 'Look for damage.', '', '- If yes, call the supplier before refunding', '- Otherwise, proceed to step 3', '',
      '### Step 3: Refund', '', '- Proceed to step 4', '- Go to the till and open the refund screen', '- Print the slip', '',
    ],
    steps: [5, 12, 16, 19, 22, 23],
    notSteps: [9, 10, 17, 21],
  },
  {
    name: 'options to choose between are not all done: "Option B:" items and items ending in "or"',
    text: [
      '# Shipping a parcel', '', '## Steps', '',
      '1. Weigh the parcel', '2. Print the label', '',
      '## How to send it', '', 'Pick how it leaves the building:', '', '- Option A: hand it to the courier at the desk', '- Option B: drop it at the post office', '',
      '## Paying', '', '1. Pay with the company card -or-', '2. Pay from petty cash and keep the receipt', '',
    ],
    steps: [5, 6],
    notSteps: [11, 12, 16, 17],
  },
  {
    name: 'a lead-in offering ways or ideas introduces a menu, not a sequence',
    text: [
      '# Finding a venue', '', '## Procedure', '',
      '1. Fix the date', '2. Count the guests', '',
      'A few ways to find a hall that fits:', '', '- Ask the parish office for their list', '- Search the council website', '- Call last year’s caterer', '',
      'Guests can arrive in two ways:', '', '1. Take the shuttle from the station', '2. Drive and park in the north field', '',
    ],
    steps: [5, 6],
    notSteps: [10, 11, 12, 16, 17],
  },
  {
    name: 'what something can be used for, and what a thing must include, are not steps',
    text: [
      '# Locker keys', '', '## Procedure', '',
      '1. Sign the key out in the ledger', '2. Return the key by five', '',
      'The master key can also be used to:', '', '- Open the store room', '- Reset a jammed locker', '',
      'Make sure your note includes this information:', '', '1. The locker number', '2. Who had the key last', '',
      'To report a lost key, do the following:', '', '1. Tell the front desk', '2. Fill in the loss form', '',
    ],
    steps: [5, 6, 20, 21],
    notSteps: [10, 11, 15, 16],
  },
  {
    name: 'headings naming examples, types, tips or best practices hold a catalogue, not steps',
    text: [
      '# Spill handling', '', '## Procedure', '', '1. Put on gloves', '2. Cover the spill with absorbent', '',
      '### Examples of small spills', '', '- Dropping a bottle of buffer', '- Tipping over a rack of tubes', '',
      '### Tips', '', '- Keep the kit near the door', '- Check the kit every month', '',
      '### Types of absorbent', '', '- Granules for oil', '- Pads for water', '',
    ],
    outline: ['5 Put on gloves', '6 Cover the spill with absorbent'],
  },
  {
    name: 'a role’s guidelines are still that role’s steps; general guidelines are advice',
    text: [
      '# New starters', '', '## Mentor guidelines', '', '- Meet the starter on their first morning', '- Show them where the fire exits are', '',
      '## General guidelines', '', '1. Keep file names short', '2. Use the shared drive for drafts', '',
    ],
    steps: [5, 6],
    notSteps: [10, 11],
  },
  {
    name: 'a forbidding lead-in, a "stating:" lead-in and a table of contents introduce no steps',
    text: [
      '# Help line', '', '- [Calling us](#calling-us)', '- [Out of hours](#out-of-hours)', '',
      '## Calling us', '', '1. Dial the help line', '2. Give your ticket number', '',
      'The help line must not be used to:', '', '- chase a delivery date', '- ask for a password reset', '',
      '## Out of hours', '', 'Email the duty desk, stating:', '', '- the room affected', '- when the fault started', '',
    ],
    steps: [8, 9],
    notSteps: [3, 4, 13, 14, 20, 21],
  },
  {
    name: 'a lead-in sentence wrapped over two lines is read whole; "List of …" items are links, not instructions',
    text: [
      '# Stock count', '', '## Procedure', '', '1. Count each shelf', '2. Enter the totals', '',
      'Your sheet can look different, but make sure it includes this information for', 'every shelf:', '', '1. The shelf code', '2. The count', '',
      'Useful pages:', '', '- [List of shelf codes][codes]', '- [List of suppliers][suppliers]', '',
      '[codes]: https://example.org/codes', '[suppliers]: https://example.org/suppliers', '',
    ],
    outline: ['5 Count each shelf', '6 Enter the totals'],
  },
  {
    name: 'a lead-in naming conditions ("if any of the following are true") introduces no steps',
    text: [
      '# Site access policy', '', '## Escalation', '', 'The gate officer calls the site manager if any of the following are true:', '',
      '- The visitor has no badge.', '- The van is not on the delivery list.', '',
      'Staff must ask the site manager before taking any of the following actions:', '', '- Opening the side gate at night;', '- Lending a master key.', '',
    ],
    isSop: false,
  },
  {
    name: 'one bold numbered line in prose is emphasis, not a heading; a bare or reference appendix holds no steps',
    text: [
      '# Front desk', '', '## Procedure', '', '1. Greet the visitor', '2. Print a badge', '',
      '**3 visitors a day on average.**', '', '- Keep the pens by the book', '',
      '## Appendix B', '', '1. Floor plan of the lobby', '2. Badge printer model', '',
      '## Appendix: References', '', '1. Read the building fire code', '2. Check the insurer guidance', '',
    ],
    steps: [5, 6, 10],
    notSteps: [8, 14, 15, 19, 20],
  },
  {
    name: 'a lead-in naming kinds or examples of something introduces a catalogue; one naming steps does not',
    text: [
      '# Window repairs', '', '## When this process applies', '',
      'Here is a list of the kinds of repairs we take on:', '', '1. Replacing a pane', '2. Fixing a sash cord', '3. Resealing a frame', '',
      'Examples of this would be:', '', '1. Clearing a jammed latch', '2. Oiling the hinges', '',
      '## Procedure', '', 'Here is a list of the steps:', '', '1. Measure the frame', '2. Order the glass', '',
    ],
    steps: [20, 21],
    notSteps: [7, 8, 9, 13, 14],
  },
  {
    name: 'a lead-in asking that a thing be checked for qualities ("… to make sure they:") lists criteria; "Make sure you:" lists steps',
    text: [
      '# Recipe cards', '', '## Procedure', '',
      'New cards should be read over to make sure they:', '', '- give the oven temperature', '- list every allergen', '- name the serving size', '',
      'Before filing the card, make sure you:', '', '- initial the corner', '- add it to the index', '- put it in the box', '',
    ],
    steps: [13, 14, 15],
    notSteps: [7, 8, 9],
  },
  {
    name: 'in a party\'s section, a paragraph saying what the party is made of is not one of its steps',
    text: [
      '# Pitch care procedure', '', '## Grounds committee', '',
      'The grounds committee will consist of three volunteers from the club.', '', 'Members serve for one season.', '',
      'The grounds committee mows the pitch every Friday.', '', 'The grounds committee locks the shed after use.', '',
    ],
    steps: [9, 11],
    notSteps: [5, 7],
  },
];

runCases(CASES);
