import { Cursor, Fail } from './cursor';
import type { StepAnchorTiming, Timing } from '../types';
import type { Range } from '../../model';

/** At `step N` (the cursor is on `step`): `step 3 or 6`, `steps 1 and 2`, then an optional timing. */
export function stepAnchor(c: Cursor, start: number): StepAnchorTiming {
  c.i++;
  const steps: { number: number; range: Range }[] = [];
  let mode: 'all' | 'any' = 'all';
  const first = c.i;
  c.i++;
  steps.push({ number: Number(c.at(first)!.norm), range: c.range(first, first + 1) });
  for (let guard = 0; guard < 32; guard++) {
    const sep = c.p() === ',' ? ',' : c.w() === 'or' || c.w() === 'and' || c.p() === '&' ? (c.w() || '&') : '';
    if (!sep) break;
    let k = 1;
    if (c.w(1) === 'step') k = 2;
    if (!c.isNum(k)) break;
    if (sep === 'or') mode = 'any';
    c.i += k;
    steps.push({ number: Number(c.tok()!.norm), range: c.range(c.i, c.i + 1) });
    c.i++;
  }
  const out: StepAnchorTiming = { kind: 'step-anchor', steps, mode, ...c.base(start) };
  if ((c.w() === 'and' || c.w() === 'then' || c.p() === ',') && c.w(1) !== '') {
    const save = c.i;
    c.i++;
    if (c.w() === 'then') c.i++;
    let then: Timing | undefined;
    try {
      then = c.phrase();
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
    }
    if (then) out.then = then;
    else c.i = save;
  }
  out.range = c.range(start, c.i);
  return out;
}

/** `move to step 4`, `go to step 2`, `proceed to step 5`. */
export function gotoStep(c: Cursor, start: number): Timing | undefined {
  c.i++;
  if (c.w() === 'to' || c.w() === 'with' || c.w() === 'back') c.i++;
  if (c.w() === 'to') c.i++;
  if (c.w() !== 'step' || !c.isNum(1)) {
    c.i = start;
    return undefined;
  }
  c.i++;
  const n = c.i;
  c.i++;
  return { kind: 'step-anchor', steps: [{ number: Number(c.at(n)!.norm), range: c.range(n, n + 1) }], mode: 'goto', ...c.base(start) };
}

/** `If a decision is not communicated within 10 working days, move to step 4`. */
export function conditional(c: Cursor, start: number): Timing | undefined {
  c.i++;
  let j = c.i;
  let kw = -1;
  while (j < c.toks.length) {
    const n = c.at(j)!.norm;
    if (n === ',' || n === ';' || n === '.' || n === 'then') break;
    if (kw < 0 && (n === 'within' || n === 'after' || n === 'by')) kw = j;
    j++;
  }
  let condition: Timing | undefined;
  if (kw >= 0) {
    c.i = kw;
    try {
      condition = c.phrase();
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
    }
  }
  c.i = j;
  if (c.p() === ',' || c.w() === 'then') c.i++;
  if (c.w() === 'then') c.i++;
  const gotoStart = c.i;
  const go = ['move', 'go', 'proceed', 'continue', 'skip', 'return', 'jump'].includes(c.w()) ? gotoStep(c, gotoStart) : undefined;
  if (go && go.kind === 'step-anchor') {
    if (condition) go.condition = condition;
    go.range = c.range(start, c.i);
    return go;
  }
  if (condition) return condition;
  c.i = start;
  return undefined;
}

