import { Cursor } from './cursor';
import type { DeadlineTiming, Duration, Timing } from '../types';
import { BEFORE_INTRO, ANCHOR_STOP_PUNCT } from './vocabulary';
import { readDuration } from './amounts';
import { afterAnchor, attachAnchor, isDurationStartAt, skipBeforeIntro } from './anchors';
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

