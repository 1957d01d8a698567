/**
 * Timing-phrase parser: raw timing text (with its source range) → a typed Timing value.
 *
 * The grammar lives in grammar/: one module per kind of phrase (deadlines, offsets and axes, durations and
 * amounts, cadences, relations, step references, calendar anchors, dates and clock times), each a set of small
 * rules over tokens (tokens.ts) with constant lookahead. The only loops that run to the end of the input are
 * "read the anchor up to the end of the clause" and "find the next keyword"; each happens a bounded number of
 * times per phrase, and recursion is capped (grammar/cursor.ts MAX_DEPTH), so the whole parse is linear in the
 * length of the text. `phraseOps` counts characters tokenized and tokens examined so tests can check that without a clock.
 */
import type { Range, TimingSource, TimingText } from '../model';
import { Cursor, Fail, type Rule } from './grammar/cursor';
import { escalationLadder } from './grammar/escalation';
import { parseTokens, phraseInner, skipPrefixes } from './grammar/parser';
import { weekdayPlan } from './grammar/weekday';
import { OffsetMapper, TokKind, tokenize } from './tokens';
import type { Duration, Timing } from './types';

export * from './types';
export { phraseOps } from './tokens';

/**
 * Parses one timing phrase. `range` is where `text` sits in the document; every range in the result lies
 * inside it. Never throws: text that is not understood gives `{ kind: 'unparsed', reason }`.
 */
export function parseTiming(text: string, range: Range, source?: TimingSource): Timing {
  const toks = tokenize(text);
  const map = new OffsetMapper(text, range);
  return phraseKinds(toks, text, map, source) ?? parseTokens(toks, text, map, source);
}

/**
 * Phrase kinds with a grammar module of their own that the general grammar (grammar/parser.ts) does not
 * dispatch to: tried first, at the start of the phrase (labels and bullets skipped), each with constant
 * lookahead and at most one forward scan, so parsing stays linear.
 */
const PHRASE_KINDS: Rule[] = [escalationLadder, weekdayPlan];

function phraseKinds(toks: ReturnType<typeof tokenize>, text: string, map: OffsetMapper, source: TimingSource | undefined): Timing | undefined {
  if (toks.length === 0) return undefined;
  const c = new Cursor(toks, text, map, source, phraseInner);
  skipPrefixes(c);
  const start = c.i;
  for (const rule of PHRASE_KINDS) {
    c.i = start;
    try {
      const r = rule(c);
      if (r) return r;
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
    }
  }
  return undefined;
}

/** Convenience for the model's TimingText; memoised (see parseTimingMemo). */
export function parseTimingText(timing: TimingText): Timing {
  const value = originValueOf(timing);
  if (!value) return parseTiming(timing.text, timing.range, timing.source);
  return moveTo(value, timing.range.start.line, timing.range.start.character) as Timing;
}

/** What kind of timing a model text is, without the copy parseTimingText makes (unparsed-timing asks of every one). */
export function timingKindOf(timing: TimingText): Timing['kind'] {
  return (originValueOf(timing) ?? parseTiming(timing.text, timing.range, timing.source)).kind;
}

/** Phrases kept: a few large documents' worth of distinct timing lines. */
const PHRASE_CACHE_SIZE = 4096;
/** Longer text is parsed every time: hostile lines must not sit in memory. */
const PHRASE_CACHE_MAX_TEXT = 1000;
const phraseCache = new Map<string, Timing>();

/**
 * The memo's value for each model text already asked about: a lint asks twice per text (the schedule and
 * unparsed-timing), and the second ask then builds no key. Checked against the text's words and range shape,
 * so a text object changed since is looked up again.
 */
interface SeenText {
  text: string;
  source: TimingSource | undefined;
  lines: number;
  endCharacter: number;
  value: Timing;
}
let seenTexts = new WeakMap<TimingText, SeenText>();

/**
 * parseTiming with a bounded LRU memo. Where a phrase sits only moves its positions, so the memo keeps the value
 * parsed at line 0, character 0 (with the same shape of range: how many lines it spans and where it ends
 * relative to its start, which decides where positions are clamped) and moves a fresh copy to the phrase's
 * place on each use. After an edit every phrase below it has moved; none needs parsing again.
 */
export function parseTimingMemo(text: string, range: Range, source?: TimingSource): Timing {
  if (text.length > PHRASE_CACHE_MAX_TEXT) return parseTiming(text, range, source);
  const lines = range.end.line - range.start.line;
  return moveTo(originValue(text, lines, endCharacterOf(range, lines), source), range.start.line, range.start.character) as Timing;
}

/** On the first line a position's character counts from the range's start; on later lines from the line start. */
function endCharacterOf(range: Range, lines: number): number {
  return lines === 0 ? range.end.character - range.start.character : range.end.character;
}

/** The memoised value of a model text at line 0, character 0 (not a copy: never hand it out), or undefined when too long. */
function originValueOf(timing: TimingText): Timing | undefined {
  const { text, range, source } = timing;
  if (text.length > PHRASE_CACHE_MAX_TEXT) return undefined;
  const lines = range.end.line - range.start.line;
  const endCharacter = endCharacterOf(range, lines);
  const seen = seenTexts.get(timing);
  if (seen && seen.text === text && seen.source === source && seen.lines === lines && seen.endCharacter === endCharacter) return seen.value;
  const value = originValue(text, lines, endCharacter, source);
  seenTexts.set(timing, { text, source, lines, endCharacter, value });
  return value;
}

function originValue(text: string, lines: number, endCharacter: number, source: TimingSource | undefined): Timing {
  const prefix = `${source ?? ''}\u0000${lines}\u0000${endCharacter}\u0000`;
  const key = prefix + text;
  let parsed = phraseCache.get(key);
  if (parsed) {
    phraseCache.delete(key);
    phraseCache.set(key, parsed);
  } else {
    const origin: Range = { start: { line: 0, character: 0 }, end: { line: lines, character: endCharacter } };
    // Parsed from the key's copy of the text, not from `text`: that is a slice of a whole document, and the
    // memo's values (anchor and trigger texts) would keep thousands of documents alive after their lint.
    parsed = parseTiming(key.slice(prefix.length), origin, source);
    phraseCache.set(key, parsed);
    if (phraseCache.size > PHRASE_CACHE_SIZE) phraseCache.delete(phraseCache.keys().next().value!);
  }
  return parsed;
}

export function clearPhraseCache(): void {
  phraseCache.clear();
  seenTexts = new WeakMap();
}

/**
 * A deep copy of a parsed value with every position moved from line 0, character 0 to (line, character): the
 * memoised value itself never leaves this module, so callers may change what they get.
 */
function moveTo(value: unknown, line: number, character: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  // Plain loops and one key list per object: this runs for every timing phrase of every document, twice.
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = moveTo(value[i], line, character);
    return out;
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && typeof o.line === 'number' && typeof o.character === 'number') {
    return { line: o.line + line, character: o.line === 0 ? o.character + character : o.character };
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = moveTo(o[k], line, character);
  return out;
}

/** Parses just a duration (`1-2 business days`, `2-4 weeks`), e.g. `process_meta.duration`. */
export function parseDuration(text: string, range: Range): Duration | undefined {
  const t = parseTiming(text, range);
  if (t.kind === 'duration') return t.duration;
  if (t.kind === 'deadline' && !t.anchor) return t.within;
  return undefined;
}

/**
 * Lower-case event text without articles, possessives and punctuation, for matching anchors against step
 * titles and trigger events: `The Kickoff Meeting's` → `kickoff meeting`.
 */
export function normalizeEventText(text: string): string {
  const words: string[] = [];
  for (const t of tokenize(text)) {
    if (t.kind === TokKind.Punct) continue;
    let w = t.norm;
    if (w.endsWith("'s")) w = w.slice(0, -2);
    if (w === 'the' || w === 'a' || w === 'an' || w === 'our' || w === 'their' || w === 'its' || w === 'customer\'s') continue;
    words.push(w);
  }
  return words.join(' ');
}
