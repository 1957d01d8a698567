import { Cursor } from './cursor';
import type { DeadlineTiming, Duration, Timing } from '../types';
import { AFTER_INTRO, BEFORE_INTRO, ANCHOR_STOP_PUNCT, WEEKDAYS } from './vocabulary';
import { readDuration } from './amounts';
import { afterAnchor, attachAnchor, isDurationStartAt, readAnchor, skipBeforeIntro } from './anchors';
import { relationRest } from './relations';
import { withinPeriod } from './events';

export function tryDeadline(c: Cursor, start: number): Timing | undefined {
  const save = c.i;
  c.i++;
  const d = readDuration(c);
  c.i = save;
  if (!d) return undefined;
  return deadlineRule(c, start);
}

/** `within [the first] <dur> [of|after|from|since|post-] <event>`, `in <dur>`, `during the first <dur>`. */
export function deadlineRule(c: Cursor, start: number): Timing {
  const kw = c.w();
  c.i++;
  let first = false;
  if (c.w() === 'the' && (c.w(1) === 'first' || c.w(1) === 'initial' || c.w(1) === 'next')) {
    first = c.w(1) !== 'next';
    c.i += 2;
  } else if (c.w() === 'first' || c.w() === 'initial') {
    first = true;
    c.i++;
  }
  const within = readDuration(c, first);
  if (!within) {
    const during = kw === 'within' && !first ? withinPeriod(c, start) : undefined;
    if (during) return during;
    c.fail(`expected a duration after '${kw}'`, c.i, c.i + 1);
  }
  const out: DeadlineTiming = { kind: 'deadline', within, first, ...c.base(start) };
  const anchor = afterAnchor(c);
  if (anchor) out.anchor = anchor;
  deadlineQualifiers(c, out);
  out.range = c.range(start, c.i);
  return out;
}

/** `… for a SEV-1 and 5 business days for a SEV-2`. */
export function deadlineQualifiers(c: Cursor, out: DeadlineTiming): void {
  if (c.w() !== 'for' || isDurationStartAt(c, 1)) return;
  const q = qualifierText(c);
  if (q) out.qualifier = q;
  for (let guard = 0; guard < 8 && (c.w() === 'and' || c.w() === 'or' || c.p() === ','); guard++) {
    const save = c.i;
    c.i++;
    const d = readDuration(c);
    if (!d) {
      c.i = save;
      break;
    }
    const alt: { within: Duration; qualifier?: string } = { within: d };
    if (c.w() === 'for') {
      const q2 = qualifierText(c);
      if (q2) alt.qualifier = q2;
    }
    (out.alternatives ??= []).push(alt);
  }
}

export function qualifierText(c: Cursor): string | undefined {
  const start = c.i;
  c.i++;
  while (!c.done && !ANCHOR_STOP_PUNCT.has(c.p()) && c.w() !== 'and' && c.w() !== 'or') c.i++;
  return c.i > start + 1 ? c.slice(start, c.i) : undefined;
}

/** `no later than 72 hours after X`, `no later than 2 weeks before X`, `no later than the kickoff`. */
export function noLaterThan(c: Cursor, start: number): Timing {
  c.i += 3;
  const d = readDuration(c);
  if (!d) return relationRest(c, start, 'by', false, 'no later than');
  d.bound = 'up-to';
  if (BEFORE_INTRO.has(c.w())) {
    d.bound = 'at-least';
    skipBeforeIntro(c);
    const out: Timing = { kind: 'offset', direction: 'before', offset: d, axis: 'anchor', ...c.base(start) };
    attachAnchor(c, out);
    out.range = c.range(start, c.i);
    return out;
  }
  const out: DeadlineTiming = { kind: 'deadline', within: d, first: false, ...c.base(start) };
  const a = afterAnchor(c);
  if (a) out.anchor = a;
  out.range = c.range(start, c.i);
  return out;
}


/**
 * `no sooner than 3 days after X` (at least 3 days after), `not earlier than 2 weeks before X` (at most 2 weeks
 * before), `no earlier than the kickoff`, `not before Monday`: the earliest moment a step may happen.
 */
export function noSoonerThan(c: Cursor, start: number): Timing | undefined {
  const kw = c.slice(c.i, c.i + (c.w(1) === 'before' ? 2 : 3));
  c.i += c.w(1) === 'before' ? 2 : 3;
  const d = readDuration(c);
  if (!d) {
    if (c.isNum() || c.w() in WEEKDAYS) {
      const inner = c.optional(() => c.phrase());
      if (inner) {
        inner.range = c.range(start, c.i);
        return inner;
      }
    }
    return relationRest(c, start, 'after', false, kw);
  }
  const before = BEFORE_INTRO.has(c.w());
  // At least N after the event; before it, at most N ahead of it.
  d.bound = before ? 'up-to' : 'at-least';
  const out: Timing = { kind: 'offset', direction: before ? 'before' : 'after', offset: d, axis: 'elapsed', ...c.base(start) };
  if (before) skipBeforeIntro(c);
  else if (AFTER_INTRO.has(c.w())) c.i++;
  const a = before || AFTER_INTRO.has(c.w(-1)) ? readAnchor(c) : undefined;
  if (a) {
    out.anchor = a;
    out.axis = 'anchor';
  }
  out.range = c.range(start, c.i);
  return out;
}
