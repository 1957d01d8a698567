import { Cursor } from './cursor';
import type { Duration, Timing, WindowTiming } from '../types';
import { numberValue, readUnit, signedNumber } from './amounts';
import { attachAnchor } from './anchors';

/** `Day 14`, `Day -3`, `Days 31-90`, `Days -7 to 0`, `Weeks 5-12`, `Week 3`, `Month 2-3`, `Hours 0-24`. */
export function axisRule(c: Cursor, start: number, unit: 'days' | 'weeks' | 'months' | 'hours'): Timing | undefined {
  c.i++;
  const numStart = c.i;
  const a = signedNumber(c);
  if (!a) {
    c.i = start;
    return undefined;
  }
  let to = a.value;
  let isRange = false;
  const sepSave = c.i;
  if (c.p() === '-' || ['to', 'through', 'thru', 'until', 'and'].includes(c.w())) {
    c.i++;
    const b = c.p() === '-' && c.isNum(1) && c.adj(1) && c.at(c.i - 1)!.norm !== '-' ? signedNumber(c) : signedNumber(c);
    if (b) {
      to = b.value;
      isRange = true;
    } else c.i = sepSave;
  }
  const numbersRange = c.range(numStart, c.i);
  if (!isRange && unit === 'days') {
    const offset: Duration = {
      min: Math.abs(a.value), max: Math.abs(a.value), unit: 'days', business: false, approximate: false, bound: 'exact',
      text: c.slice(numStart, c.i), range: numbersRange,
    };
    const out: Timing = { kind: 'offset', direction: a.value < 0 ? 'before' : 'after', offset, axis: 'day', ...c.base(start) };
    if (['after', 'of', 'since', 'from', 'post'].includes(c.w())) {
      c.i++;
      attachAnchor(c, out);
    }
    out.range = c.range(start, c.i);
    return out;
  }
  if (to < a.value) c.fail(`window ends before it starts (${a.value} to ${to})`, numStart, c.i);
  const out: WindowTiming = { kind: 'window', unit, from: a.value, to, numbersRange, ...c.base(start) };
  if (['after', 'of', 'since', 'from', 'post'].includes(c.w())) {
    c.i++;
    attachAnchor(c, out);
    out.range = c.range(start, c.i);
  }
  return out;
}

/**
 * `Post-Go-Live Support (Days 1-30)`: a second zero point. The window counts from the hyphenated event
 * (`Go-Live`), not from the process start.
 */
export function postWindow(c: Cursor, start: number): Timing | undefined {
  if (c.p(1) !== '-' || !c.adj(1) || !c.w(2) || !c.adj(2)) return undefined;
  let end = c.i + 3;
  while (end < c.toks.length && !c.at(end)!.spaceBefore && c.at(end)!.norm !== '(') end++;
  c.i = start;
  const group = labelledGroup(c);
  if (!group || group.kind !== 'window') {
    c.i = start;
    return undefined;
  }
  group.anchor = { text: c.slice(start + 2, end), range: c.range(start + 2, end) };
  group.range = c.range(start, c.i);
  return group;
}

/** `Quarter 2`, `Q3` → months. */
export function quarterRule(c: Cursor, start: number): Timing | undefined {
  if (!c.isNum(1) || (c.w() === 'q' && !c.adj(1))) return undefined;
  c.i++;
  const n = Number(c.tok()!.norm);
  c.i++;
  return { kind: 'window', unit: 'months', from: 3 * n - 2, to: 3 * n, numbersRange: c.range(start, c.i), ...c.base(start) };
}

/** `T-10`, `T-5 days`, `T+1 hour`, `T-0`, `T-minus 10`, `D-3`. */
export function tAxis(c: Cursor, start: number): Timing | undefined {
  const sign = c.p(1);
  if ((sign !== '-' && sign !== '+') || !c.adj(1)) return undefined;
  c.i += 2;
  if (c.w() === 'minus' || c.w() === 'plus') c.i++;
  const numStart = c.i;
  const n = numberValue(c);
  if (!n) {
    c.i = start;
    return undefined;
  }
  const u = readUnit(c, true);
  const offset: Duration = {
    min: n.min * (u?.mult ?? 1), max: n.max * (u?.mult ?? 1), unit: u?.unit ?? 'days', business: u?.business ?? false,
    approximate: false, bound: 'exact', text: c.slice(numStart, c.i), range: c.range(numStart, c.i),
  };
  if (u?.qualifier) offset.qualifier = u.qualifier;
  return { kind: 'offset', direction: sign === '-' ? 'before' : 'after', offset, axis: 't', ...c.base(start) };
}

/**
 * `Phase 2: Assessment (0-24 Hours)`, `Stage 1: Onboarding (Days 0-30)`, `Stage 5: Renewal (90 days before
 * renewal)`, `Post-Go-Live Support (Days 1-30)`: the timing is the parenthesised group.
 */
export function labelledGroup(c: Cursor): Timing | undefined {
  let j = c.i;
  while (j < c.toks.length && c.at(j)!.norm !== '(' && c.at(j)!.norm !== '.') j++;
  if (c.at(j)?.norm !== '(') return undefined;
  c.i = j + 1;
  const inner = c.phrase();
  if (!inner) return undefined;
  if (c.p() === ')') c.i++;
  if (inner.kind === 'duration' && inner.duration.unit !== 'business-days' && inner.duration.unit !== 'minutes') {
    // A phase labelled with a range is a window on the process clock, not a length.
    const d = inner.duration;
    return {
      kind: 'window', unit: d.unit as 'hours' | 'days' | 'weeks' | 'months', from: d.min, to: d.max,
      numbersRange: d.range, text: c.text, range: inner.range, ...(c.source !== undefined ? { source: c.source } : {}),
    };
  }
  return inner;
}

