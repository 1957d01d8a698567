/**
 * Escalation ladders: `no reply after 3 weeks since the request; after 5 weeks, escalate to the director`,
 * `if there is no response within 5 business days of the request …`, `after 2 weeks without a reply`. Every rung
 * counts from the same event (the anchor of the first rung, the start when none is named), in the order written.
 * One forward scan over the phrase for later rungs (at most MAX_RUNGS), so the rule is linear.
 */
import type { Cursor } from './cursor';
import type { Anchor, Duration, EscalationLadder, OffsetTiming, Timing } from '../types';
import { readDuration } from './amounts';
import { readAnchor } from './anchors';
import { AFTER_INTRO } from './vocabulary';

/** What an escalation waits for (`no reply`, `no response from the owner`). */
const NO_WHAT = new Set(['reply', 'replies', 'response', 'responses', 'answer', 'feedback', 'acknowledgement', 'acknowledgment', 'update', 'confirmation', 'decision', 'action', 'word', 'progress', 'resolution']);
/** Words a ladder's rungs start with. */
const RUNG_WORDS = new Set(['after', 'within', 'in', 'for', 'past', 'beyond']);
const MAX_RUNGS = 16;

/** An escalation ladder at the cursor; undefined (cursor restored) when none starts here. */
export function escalationLadder(c: Cursor): Timing | undefined {
  const start = c.i;
  if (c.w() === 'if' || c.w() === 'when' || c.w() === 'where') c.i++;
  if (c.w() === 'there' && (c.w(1) === 'is' || c.w(1) === 'has')) c.i += c.w(2) === 'been' ? 3 : 2;
  const condition = readCondition(c);
  if (!condition && c.w() !== 'after') return restore(c, start);
  if (!RUNG_WORDS.has(c.w())) return restore(c, start);
  c.i++;
  const first = c.optional(() => readDuration(c));
  if (!first) return restore(c, start);
  let anchor: Anchor | undefined;
  if (AFTER_INTRO.has(c.w()) && c.w() !== 'upon') {
    c.i++;
    anchor = readAnchor(c);
  }
  const rungs: EscalationLadder['rungs'] = [{ offset: first, range: first.range }];
  let condText = condition?.text;
  // `after 2 weeks without a reply`: the condition after the amount.
  if (!condition && c.w() === 'without') {
    const save = c.i;
    c.i++;
    const late = readCondition(c, true);
    if (late) condText = c.slice(save, c.i);
    else c.i = save;
  }
  readLaterRungs(c, rungs);
  // A bare `after 3 weeks` is an elapsed offset (the general grammar reads it); a ladder needs a condition or rungs.
  if (!condText && rungs.length < 2) return restore(c, start);
  const out: OffsetTiming = { kind: 'offset', direction: 'after', offset: first, axis: anchor ? 'anchor' : 'elapsed', ...c.base(start) };
  if (anchor) out.anchor = anchor;
  out.escalation = condText ? { condition: condText, rungs } : { rungs };
  return out;
}

function restore(c: Cursor, start: number): undefined {
  c.i = start;
  return undefined;
}

/** `no reply`, `no response from the vendor`, (after `without`) `a reply`. */
function readCondition(c: Cursor, afterWithout = false): { text: string } | undefined {
  const start = c.i;
  if (!afterWithout) {
    if (c.w() !== 'no') return undefined;
    c.i++;
  } else if (c.w() === 'a' || c.w() === 'an' || c.w() === 'any') c.i++;
  if (!NO_WHAT.has(c.w())) {
    c.i = start;
    return undefined;
  }
  c.i++;
  // `no reply from the customer`, `no response is received`: words up to the rung (four at most).
  for (let k = 0; k < 4 && !c.done && !RUNG_WORDS.has(c.w()) && c.p() === ''; k++) c.i++;
  return { text: c.slice(start, c.i) };
}

/** `; after 5 weeks, …; after 8 weeks …`: every later `after N unit` in the phrase, in order. */
function readLaterRungs(c: Cursor, rungs: EscalationLadder['rungs']): void {
  while (!c.done && rungs.length < MAX_RUNGS) {
    if (c.w() === 'after' || (c.w() === 'at' && c.isNum(1))) {
      const save = c.i;
      c.i++;
      const d: Duration | undefined = c.optional(() => readDuration(c));
      if (d) {
        rungs.push({ offset: d, range: d.range });
        continue;
      }
      c.i = save + 1;
      continue;
    }
    c.i++;
  }
}
