/**
 * Step-like items inside one block of lines: list items (ordered, bulleted, checkbox) and paragraph lines
 * numbered the way people number without a list marker (`4.1 Verify …`, `**Step 3:** …`, `1 **Title**`).
 * Items nest by depth; lists are told apart where prose interrupts them.
 */
import type { LineInfo } from '../lines';
import { isImperative } from './signals';

export interface Item extends RawItem {
  children: Item[];
  /** Last line that belongs to the item itself or its children. */
  end: number;
}

export interface ItemList {
  items: Item[];
  /** The label line that introduces the list ("Release manager actions:"), when there is one. */
  leadIn?: LineInfo;
}

const SUBNUMBER = /^(\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+(?=\S)/;
const STEP_PREFIX = /^(?:step|task)\s+(\d{1,3})\s*(?:\([^()]{0,40}\)\s*)?[:.)–—-]\s*(?=\S)/i;
const BARE_NUMBER_BOLD = /^\s{0,3}(\d{1,3})\s+\*\*/;
const CHECKBOX = /^\[([ xX])\]\s+/;
/** A capital letter, a stop or parenthesis, then words (not an initial before a surname: "A. Smith"). */
const LETTERED = /^([A-H])[.)]\s+(?=[A-Z][a-z]+\s+[a-z])/;

/** One step-like line as read, before nesting. */
interface RawItem {
  line: number;
  depth: number;
  /** The last number component as written (`4.12` → 12), absent for bullets. */
  number?: number;
  /** The full number as written (`4.12`), absent for bullets. */
  numberText?: string;
  /** Index in `info.text` where the item's own text starts (after a checkbox or `Step 3:`). */
  textStart: number;
  checkbox?: boolean;
  checked?: boolean;
  /** Paragraph-numbered (`4.1 …`), not a Markdown list item. */
  pseudo: boolean;
  /** Written with the word: `Step 3:`, `Task 2 —`. The label alone says it is a step. */
  labelled?: boolean;
}

function readItem(info: LineInfo): RawItem | undefined {
  if (info.block !== 'text' || !info.text) return undefined;
  if (info.itemDepth > 0) {
    const item: RawItem = { line: info.line, depth: info.itemDepth, textStart: 0, pseudo: false };
    if (info.ordinal !== undefined) {
      item.number = info.ordinal;
      item.numberText = String(info.ordinal);
    }
    const cb = CHECKBOX.exec(info.text);
    if (cb) {
      item.checkbox = true;
      item.checked = cb[1] !== ' ';
      item.textStart = cb[0].length;
    }
    const step = STEP_PREFIX.exec(info.text.slice(item.textStart));
    if (step && item.number === undefined) {
      item.number = Number(step[1]);
      item.numberText = step[1]!;
      item.textStart += step[0].length;
      item.labelled = true;
    }
    return item;
  }
  if (info.listDepth > 0) return undefined;
  const sub = SUBNUMBER.exec(info.text);
  if (sub) {
    const parts = sub[1]!.split('.');
    return {
      line: info.line,
      depth: parts.length,
      number: Number(parts[parts.length - 1]),
      numberText: sub[1]!,
      textStart: sub[0].length,
      pseudo: true,
    };
  }
  const step = STEP_PREFIX.exec(info.text);
  if (step) return { line: info.line, depth: 1, number: Number(step[1]), numberText: step[1]!, textStart: step[0].length, pseudo: true, labelled: true };
  // "A. Confirm the incident." / "B) Notify the team": lettered instructions, counted A = 1.
  const letter = LETTERED.exec(info.text);
  if (letter && info.indent === 0 && isImperative(info.text.slice(letter[0].length))) {
    const number = letter[1]!.charCodeAt(0) - 64;
    return { line: info.line, depth: 1, number, numberText: letter[1]!, textStart: letter[0].length, pseudo: true };
  }
  const bare = BARE_NUMBER_BOLD.exec(info.raw);
  if (bare && info.text.startsWith(bare[1]!)) {
    const cut = /^\d{1,3}\s+/.exec(info.text)![0].length;
    return { line: info.line, depth: 1, number: Number(bare[1]), numberText: bare[1]!, textStart: cut, pseudo: true };
  }
  return undefined;
}

/** A line of prose outside any list: it ends the list before it. */
function breaksList(info: LineInfo): boolean {
  return (info.block === 'text' && info.listDepth === 0 && info.itemDepth === 0) || info.block === 'heading' || info.block === 'thematic';
}

/** Lists of items in lines [from, to], in document order. */
export function readItemLists(lines: LineInfo[], from: number, to: number): ItemList[] {
  const lists: ItemList[] = [];
  let current: RawItem[] = [];
  let currentLead: LineInfo | undefined;
  let lastProse: LineInfo | undefined;
  let currentEnd = from;
  const ends: number[] = [];
  // Depth of the last paragraph-numbered item (`**Step 7: …**`, `4.1 …`): a Markdown list right after it is its body.
  let pseudoDepth = 0;
  const flush = (): void => {
    if (current.length) lists.push(nest(current, ends, currentLead));
    current = [];
    ends.length = 0;
    currentLead = undefined;
    pseudoDepth = 0;
  };
  for (let i = from; i <= to && i < lines.length; i++) {
    const info = lines[i]!;
    const item = readItem(info);
    if (item) {
      // A numbered paragraph line right after a run of prose-free items keeps the same list.
      if (current.length === 0) currentLead = lastProse && isLeadIn(lastProse) ? lastProse : undefined;
      if (item.pseudo) pseudoDepth = item.depth;
      else item.depth += pseudoDepth;
      current.push(item);
      ends.push(i);
      currentEnd = i;
      lastProse = undefined;
      continue;
    }
    if (info.block === 'blank' || info.block === 'code' || info.block === 'html') {
      if (current.length && ends.length) ends[ends.length - 1] = Math.max(ends[ends.length - 1]!, i);
      continue;
    }
    if (breaksList(info)) {
      // "1. Run:" then an unindented code block, then "2. Check": one list broken by the block.
      if (current.length && !continuesList(lines, i, to, current)) flush();
      else if (current.length) ends[ends.length - 1] = i;
      lastProse = info;
      continue;
    }
    if (current.length) ends[ends.length - 1] = i;
  }
  void currentEnd;
  flush();
  return lists;
}

/** Whether prose at `at` only interrupts the list: the next item continues its numbering. */
function continuesList(lines: LineInfo[], at: number, to: number, current: RawItem[]): boolean {
  const last = current[current.length - 1]!;
  // "- Email the owner" then a quoted message, then "- Revoke the token": the quote is the item's text to send.
  if (isQuote(lines[at]!)) {
    for (let i = at; i <= to && i < at + 60; i++) {
      const info = lines[i]!;
      if (info.block === 'blank' || isQuote(info)) continue;
      const item = readItem(info);
      return !!item && !item.pseudo && !last.pseudo && item.depth === current[0]!.depth && (last.number === undefined || item.number === last.number + 1);
    }
    return false;
  }
  if (last.number === undefined) return false;
  for (let i = at; i <= to && i < at + 12; i++) {
    const info = lines[i]!;
    if (info.block === 'heading') return false;
    const item = readItem(info);
    if (item) return item.depth === current[0]!.depth && item.number === last.number + 1 && !last.pseudo === !item.pseudo;
  }
  return false;
}

function isQuote(info: LineInfo): boolean {
  return /^\s*>/.test(info.raw);
}

/** A short line ending in a colon, or a bold (or italic) line of its own: it introduces the list after it. */
function isLeadIn(info: LineInfo): boolean {
  if (info.block !== 'text') return false;
  // A paragraph of any length ending in a colon introduces the list; its last sentence is the lead-in.
  if (/:\s*$/.test(info.text)) return true;
  if (info.text.length > 160) return false;
  const bold = info.strongEnd !== undefined && info.strongEnd >= info.text.length - 1;
  const italic = /^\s*[_*][^_*].*[^_*][_*]\s*$/.test(info.raw);
  return (bold || italic) && info.text.length <= 100;
}

/** Builds the item tree from a flat run: deeper items belong to the item before them. */
function nest(raw: RawItem[], ends: number[], leadIn: LineInfo | undefined): ItemList {
  const top: Item[] = [];
  const stack: Item[] = [];
  raw.forEach((r, k) => {
    const item: Item = { ...r, children: [], end: ends[k]! };
    while (stack.length && stack[stack.length - 1]!.depth >= item.depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(item);
    else top.push(item);
    stack.push(item);
  });
  const fixEnds = (items: Item[]): number => {
    let max = 0;
    for (const it of items) {
      it.end = Math.max(it.end, fixEnds(it.children));
      max = Math.max(max, it.end);
    }
    return max;
  };
  fixEnds(top);
  const list: ItemList = { items: top };
  if (leadIn) list.leadIn = leadIn;
  return list;
}
