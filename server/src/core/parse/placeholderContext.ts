/**
 * Where a bracketed name is meant to stay a name: template, example and sample sections that show what to copy,
 * quoted messages, and mail-merge lines ("Hello [CUSTOMER NAME],"). The placeholder rule reports the others; the
 * parser records the context so the rule need not read text.
 */
import type { PlaceholderContext, Section } from '../model';
import type { LineInfo } from './lines';

/** Section titles that introduce text to copy or adapt rather than text that is the procedure itself. */
const TEMPLATE_TITLE =
  /\b(templates?|examples?|samples?|boilerplate|snippets?|copy[- ]?(and[- ]?)?paste|form letters?|canned (responses?|replies|messages?)|macros?|scripts?|wording|e-?mail (text|body|copy|draft)|message (text|body)|draft (e-?mail|message|announcement))\b/i;

/** A greeting or sign-off: the line belongs to a message whose bracketed names a mail merge fills in. */
const MESSAGE_LINE =
  /^(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|thanks|thank you|regards|best(?: regards| wishes)?|kind regards|sincerely|cheers|subject|to|from|cc|re)\b[^\n]{0,80}?(?:[,:!]|$)/i;

/**
 * The context of each line that keeps its placeholders quiet, or undefined. Linear: sections are visited once
 * each and lines once.
 */
export function placeholderContexts(lines: readonly LineInfo[], sections: readonly Section[]): (PlaceholderContext | undefined)[] {
  const out: (PlaceholderContext | undefined)[] = new Array(lines.length).fill(undefined);
  for (const s of sections) {
    if (!TEMPLATE_TITLE.test(s.title)) continue;
    for (let l = s.range.start.line + 1; l <= s.range.end.line && l < lines.length; l++) out[l] = 'template';
  }
  // A table row with an empty tick box is a form line: whoever ticks it fills in its fields (`[DD/MM/YYYY] | ☐`).
  for (const info of lines) {
    if (!out[info.line] && info.block === 'text' && isTableRow(info.raw) && FORM_BOX.test(info.raw)) out[info.line] = 'form';
  }
  // A message runs from its greeting or `Subject:` line to the end of its paragraph.
  let inMessage = false;
  for (const info of lines) {
    if (out[info.line]) continue;
    if (info.block !== 'text') {
      inMessage = false;
      continue;
    }
    if (/^\s{0,3}>/.test(info.raw)) {
      out[info.line] = 'quote';
      continue;
    }
    if (MESSAGE_LINE.test(info.text) && info.text.includes('[')) inMessage = true;
    else if (/^(hi|hello|hey|dear|subject)\b/i.test(info.text)) inMessage = true;
    if (inMessage) out[info.line] = 'message';
  }
  return out;
}

/** An empty tick box in a table cell: `☐`, `[ ]`. */
const FORM_BOX = /\|\s{0,4}(?:\u2610|\[ \])\s{0,4}(?:\||$)/;

function isTableRow(raw: string): boolean {
  return /^\s*\|/.test(raw);
}

/** A placeholder written in a way other than `[NAME]` or `{{name}}`. */
export interface WrittenPlaceholder {
  name: string;
  written: string;
  /** Indexes into the line's visible text, or into its source line when `source` is set. */
  start: number;
  end: number;
  /** Read from the source line: Markdown's emphasis markers are part of how it is written. */
  source?: true;
}

/**
 * `<enter role of process owner>` (often escaped `\<…\>` so Markdown shows it): an instruction in angle brackets
 * that starts with a verb of filling in. Other angle-bracketed text (`<br>`, `<details>`) is HTML, not a slot.
 */
const ANGLE_SLOT = /\\?<((?:enter|insert|add|fill in|specify|type|describe|list|name of|your)\b[^<>\\\n]{0,80}?)\\?>/gi;
/**
 * `__NewInstitute__`, `__CompanyName__`: a template token in double underscores. Markdown reads `__x__` as bold, so
 * only one word in CamelCase that names what a filler supplies counts (`__Note__`, `__GitHub__` are bold).
 */
const DUNDER_SLOT = /(?<![\w\\])__([A-Z][a-z0-9]{1,20}(?:[A-Z][a-z0-9]{1,20}){1,3})__(?!\w)/g;
const SLOT_WORD = /(?:Name|Company|Organi[sz]ation|Org|Institute|Institution|University|Client|Customer|Project|Product|Team|Department|Dept|Owner|Role|Person|Email|Address|Phone|Site|Sponsor|Vendor|Date)(?=[A-Z]|$)/;
/** A table cell whose whole value is a marker for a value not yet known. */
const UNKNOWN_VALUE = /^[*_]{0,2}(TBD|TBC|TBA|to be (?:determined|confirmed|decided|announced))[*_]{0,2}$/i;

/** Placeholders in one line of text written as angle-bracket instructions, `__Token__`s or `TBD` table cells. */
export function writtenPlaceholders(text: string, raw: string): WrittenPlaceholder[] {
  const out: WrittenPlaceholder[] = [];
  if (text.includes('<')) {
    ANGLE_SLOT.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = ANGLE_SLOT.exec(text))) out.push({ name: m[1]!.trim(), written: `<${m[1]!.trim()}>`, start: m.index, end: m.index + m[0].length });
  }
  // Markdown reads `__Token__` as bold and drops the underscores from the visible text: look in the source line.
  if (raw.includes('__')) {
    DUNDER_SLOT.lastIndex = 0;
    let m: RegExpExecArray | null;
    // Backticks before the match, counted once along the line: an odd count means inside a code span.
    let ticks = 0;
    let counted = 0;
    while ((m = DUNDER_SLOT.exec(raw))) {
      for (; counted < m.index; counted++) if (raw.charCodeAt(counted) === 96) ticks++;
      if (!SLOT_WORD.test(m[1]!) || ticks % 2 === 1) continue;
      out.push({ name: m[1]!, written: m[0], start: m.index, end: m.index + m[0].length, source: true });
    }
  }
  if (isTableRow(raw) && /\bTB[DCA]\b|\bto be\b/i.test(text)) out.push(...unknownCells(text));
  return out;
}

/** `| Retrospective | TBC |`: cells that hold only TBD/TBC/TBA, each once (the header row names columns, not values). */
function unknownCells(text: string): WrittenPlaceholder[] {
  const out: WrittenPlaceholder[] = [];
  let from = text.indexOf('|') + 1;
  while (from > 0 && from < text.length) {
    const bar = text.indexOf('|', from);
    const end = bar < 0 ? text.length : bar;
    const cell = text.slice(from, end);
    const value = cell.trim();
    const m = UNKNOWN_VALUE.exec(value);
    if (m) {
      const start = from + cell.indexOf(value);
      out.push({ name: m[1]!, written: value, start, end: start + value.length });
    }
    if (bar < 0) break;
    from = bar + 1;
  }
  return out;
}
