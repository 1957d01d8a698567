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
