import { Cursor } from './cursor';
import type { Anchor } from '../types';
import { TokKind } from '../tokens';
import { AFTER_INTRO, CLAUSE_WORDS, ANCHOR_STOP_WORDS, ANCHOR_STOP_PUNCT, COMPLETION_WORDS } from './vocabulary';

/** Reads the event after `of` / `after` / `before` … into `out.anchor`, when there is one. */
export function attachAnchor(c: Cursor, out: { anchor?: Anchor }): void {
  const anchor = readAnchor(c);
  if (anchor) out.anchor = anchor;
}

/** The event text up to the end of the clause. Never empty when returned. */
export function readAnchor(c: Cursor): Anchor | undefined {
  const start = c.i;
  while (!c.done) {
    const t = c.tok()!;
    // `after .1`, `before v1.2.0`: a dot inside a version number does not end the event's name.
    const version = t.norm === '.' && c.isNum(1) && c.adj(1);
    if (t.kind === TokKind.Punct && ANCHOR_STOP_PUNCT.has(t.norm) && !version) break;
    if (t.kind === TokKind.Word) {
      if (ANCHOR_STOP_WORDS.has(t.norm) && c.i > start) break;
      if ((t.norm === 'and' || t.norm === 'or' || t.norm === 'but') && CLAUSE_WORDS.has(c.w(1))) break;
      if (t.norm === 'for' && c.i > start && isDurationStartAt(c, 1)) break;
    }
    c.i++;
  }
  let end = c.i;
  // `Once the audit is complete`: the event is the audit.
  if (end - start >= 2 && COMPLETION_WORDS.has(c.at(end - 1)!.norm)) {
    let k = end - 2;
    if (c.at(k)!.norm === 'been' && k - 1 > start) k--;
    const aux = c.at(k)!.norm;
    if (aux === 'is' || aux === 'are' || aux === 'was' || aux === 'has' || aux === 'have' || aux === 'were') end = k;
  }
  if (end <= start) {
    c.i = start;
    return undefined;
  }
  return { text: c.slice(start, end), range: c.range(start, end) };
}

export function isDurationStartAt(c: Cursor, k: number): boolean {
  const t = c.tok(k);
  return t !== undefined && t.kind === TokKind.Num;
}

/** After a duration: `of X`, `after X`, `post-X`, `since X`. Returns the anchor when one is introduced. */
export function afterAnchor(c: Cursor): Anchor | undefined {
  const w = c.w();
  if (!AFTER_INTRO.has(w)) return undefined;
  const save = c.i;
  c.i++;
  if (w === 'post' && c.p() === '-') c.i++;
  const a = readAnchor(c);
  if (!a) c.fail(`expected an event after '${w}'`, save, save + 1);
  return a;
}


export function skipBeforeIntro(c: Cursor): void {
  const w = c.w();
  c.i++;
  if ((w === 'prior' && c.w() === 'to') || (w === 'ahead' && c.w() === 'of')) c.i++;
}

