/**
 * The parser's state: the tokens of one phrase, a cursor into them, and helpers every grammar rule uses.
 *
 * Grammar rules (one module per phrase kind, see grammar/README.md) are plain functions of a Cursor. They look
 * at most a few tokens ahead (`w(k)`, `p(k)`), advance `i` on success and restore it on failure. Every token
 * access goes through the cursor and is counted in `phraseOps` (tokens.ts), which is how tests prove it linear:
 * they compare operation counts, never wall-clock time.
 */
import type { Range, TimingSource } from '../../model';
import { OffsetMapper, phraseOps, type Tok, TokKind } from '../tokens';
import type { Timing } from '../types';

/** Nesting limit for rules that parse a phrase inside a phrase (parentheses, `after step 1 and …`). */
export const MAX_DEPTH = 8;

/** A rule that does not apply here; the first one of a parse becomes the unparsed reason. */
export class Fail {
  constructor(
    readonly reason: string,
    readonly startTok: number,
    readonly endTok: number,
  ) {}
}

export interface NumberValue {
  min: number;
  max: number;
  approximate: boolean;
}

export type Rule = (c: Cursor) => Timing | undefined;

export class Cursor {
  i = 0;
  depth = 0;
  firstFailure: Fail | undefined;

  constructor(
    readonly toks: Tok[],
    readonly text: string,
    readonly map: OffsetMapper,
    readonly source: TimingSource | undefined,
    /** The phrase rule, for rules that contain a phrase (injected so grammar modules never import each other in a cycle). */
    private readonly phraseRule: Rule,
  ) {}

  /** The token at absolute index j. */
  at(j: number): Tok | undefined {
    phraseOps.count++;
    return this.toks[j];
  }

  tok(k = 0): Tok | undefined {
    return this.at(this.i + k);
  }

  /** The word at offset k (lower case), or '' when that token is not a word. */
  w(k = 0): string {
    const t = this.at(this.i + k);
    return t !== undefined && t.kind === TokKind.Word ? t.norm : '';
  }

  /** The punctuation at offset k (normalised), or ''. */
  p(k = 0): string {
    const t = this.at(this.i + k);
    return t !== undefined && t.kind === TokKind.Punct ? t.norm : '';
  }

  isNum(k = 0): boolean {
    const t = this.at(this.i + k);
    return t !== undefined && t.kind === TokKind.Num;
  }

  /** The token at offset k touches the one before it (`30-day`, `T-10`, `24h`). */
  adj(k: number): boolean {
    const t = this.at(this.i + k);
    return t !== undefined && !t.spaceBefore;
  }

  get done(): boolean {
    return this.i >= this.toks.length;
  }

  range(a: number, b: number): Range {
    const first = this.toks[a];
    const last = this.toks[Math.max(a, b - 1)];
    if (!first || !last) {
      const end = this.text.length;
      return this.map.rangeOf(end, end);
    }
    return this.map.rangeOf(first.start, last.end);
  }

  slice(a: number, b: number): string {
    const first = this.toks[a];
    const last = this.toks[b - 1];
    if (!first || !last || b <= a) return '';
    return this.text.slice(first.start, last.end);
  }

  fail(reason: string, a = this.i, b = this.i + 1): never {
    throw new Fail(reason, a, Math.min(Math.max(b, a + 1), Math.max(this.toks.length, a + 1)));
  }

  /** The fields every timing value has: the whole text, the range from `start` to the cursor, the source. */
  base(start: number): { text: string; range: Range; source?: TimingSource } {
    const out: { text: string; range: Range; source?: TimingSource } = { text: this.text, range: this.range(start, this.i) };
    if (this.source !== undefined) out.source = this.source;
    return out;
  }

  /** A phrase at the cursor (recursive rules), bounded by MAX_DEPTH. */
  phrase(): Timing | undefined {
    if (this.done) return undefined;
    if (++this.depth > MAX_DEPTH) return undefined;
    try {
      return this.phraseRule(this);
    } finally {
      this.depth--;
    }
  }

  /** Runs `rule` and gives back undefined (cursor restored) when it fails. */
  optional<T>(rule: () => T | undefined): T | undefined {
    const save = this.i;
    try {
      const r = rule();
      if (r === undefined) this.i = save;
      return r;
    } catch (e) {
      this.i = save;
      if (e instanceof Fail) return undefined;
      throw e;
    }
  }
}
