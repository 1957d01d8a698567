/**
 * Tokens for the timing-phrase parser.
 *
 * One pass over the characters, no regular expressions on the hot path: the parser above works on these tokens
 * with constant lookahead, which is what keeps timing parsing linear in the length of the input.
 */
import type { Position, Range } from '../model';

export const enum TokKind {
  Num,
  Word,
  Punct,
}

export interface Tok {
  kind: TokKind;
  /** The token as written. */
  raw: string;
  /** Lower case for words, normalised punctuation (every dash is `-`), digits for numbers. */
  norm: string;
  /** Offsets in the input text, end exclusive. */
  start: number;
  end: number;
  /** Whitespace (or the start of input) comes right before this token. */
  spaceBefore: boolean;
}

const LETTER_RE = /\p{L}/u;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiLetter(c);
  // Surrogate halves never match \p{L} on their own; such characters are treated as punctuation.
  return LETTER_RE.test(text[i]!);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0x2009 || c === 0x202f || c === 12 || c === 11;
}

const DASHES = new Set(['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212']);
const NORMALISED_PUNCT: Record<string, string> = {
  '\u2264': '≤',
  '\u2265': '≥',
  '\u2248': '~',
  '\u2192': '→',
  '\u2019': "'",
};

/**
 * Work done by the phrase parser since the last reset: characters tokenized plus tokens the grammar examined.
 * Tests reset it and compare the counts for an input and one eight times larger, which proves the parser
 * linear without timing anything.
 */
export const phraseOps = { count: 0 };

/** Splits text into numbers (ASCII digit runs), words (letters, `_`, inner apostrophes) and single punctuation. */
export function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  const n = text.length;
  let i = 0;
  let space = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      space = true;
      i++;
      continue;
    }
    // Emphasis and code markers are markup, not part of the phrase; they do not separate tokens either.
    if (c === 42 /* * */ || c === 96 /* ` */) {
      i++;
      continue;
    }
    let j = i + 1;
    if (isDigit(c)) {
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      const raw = text.slice(i, j);
      out.push({ kind: TokKind.Num, raw, norm: raw, start: i, end: j, spaceBefore: space });
    } else if (isLetterAt(text, i) || c === 95 /* _ */) {
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 95 || isLetterAt(text, j)) {
          j++;
        } else if ((d === 39 || d === 0x2019) && j + 1 < n && isLetterAt(text, j + 1)) {
          j += 2;
        } else break;
      }
      const raw = text.slice(i, j);
      out.push({ kind: TokKind.Word, raw, norm: raw.toLowerCase().replace(/\u2019/g, "'"), start: i, end: j, spaceBefore: space });
    } else {
      // Keep a surrogate pair together so ranges never split a character.
      if (c >= 0xd800 && c <= 0xdbff && j < n) j++;
      const raw = text.slice(i, j);
      const norm = DASHES.has(raw) ? '-' : (NORMALISED_PUNCT[raw] ?? raw);
      out.push({ kind: TokKind.Punct, raw, norm, start: i, end: j, spaceBefore: space });
    }
    space = false;
    i = j;
  }
  phraseOps.count += n;
  return out;
}

/**
 * Maps offsets in a phrase to document positions. The phrase usually sits on one line; a phrase that spans
 * lines is handled too. Offsets past what the source range covers are clamped to its end, so a phrase whose
 * text lost markup on the way never yields a position outside its own range.
 */
export class OffsetMapper {
  private readonly lineStarts: number[] = [0];

  constructor(
    text: string,
    private readonly range: Range,
  ) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const base = this.range.start;
    const pos: Position =
      lo === 0
        ? { line: base.line, character: base.character + offset }
        : { line: base.line + lo, character: offset - this.lineStarts[lo]! };
    const end = this.range.end;
    if (pos.line > end.line || (pos.line === end.line && pos.character > end.character)) return { ...end };
    return pos;
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}
