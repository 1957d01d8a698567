/**
 * Phrases that name an event or a manner of timing rather than an amount: `release day`, `in advance of the
 * launch`, `within the release day`, `the week of the freeze`, `in a timely manner`, `as early as possible`,
 * `overnight`. They come from prose far more often than from timing fields.
 */
import { Cursor } from './cursor';
import type { Anchor, Duration, Timing } from '../types';
import { TokKind } from '../tokens';
import { readAnchor } from './anchors';
import { unitDuration } from './amounts';
import { relationRest, relationValue } from './relations';
import { EVENT_DAY_WORDS, PERIOD_NOUNS } from './vocabulary';

/** How many words (and hyphens) an event's name may have before `day`: `go-live day`, `code freeze day`. */
const MAX_EVENT_DAY_TOKENS = 5;

/** `release day`, `go-live day`, `Release day morning`: the day an event happens. Cursor on the first word. */
export function eventDay(c: Cursor, start: number): Timing | undefined {
  let j = 0;
  while (j < MAX_EVENT_DAY_TOKENS && c.w(j) !== 'day' && c.w(j) !== 'week') {
    const t = c.tok(j);
    if (!t || (t.kind === TokKind.Punct && !(t.norm === '-' && !t.spaceBefore)) || t.kind === TokKind.Num) return undefined;
    j++;
  }
  const week = c.w(j) === 'week';
  if (j === 0 || (c.w(j) !== 'day' && !week) || !EVENT_DAY_WORDS.has(c.w(j - 1))) return undefined;
  const anchor: Anchor = { text: c.slice(c.i, c.i + j + 1), range: c.range(c.i, c.i + j + 1) };
  c.i += j + 1;
  // `launch week`: the steps happen during it; `release day`: on it.
  return relationValue(c, start, week ? 'during' : 'on', false, anchor);
}

/** `in advance`, `in advance of the launch`, `ahead of time`, `beforehand`. Cursor after the keyword(s). */
export function inAdvance(c: Cursor, start: number): Timing {
  if (c.w() === 'of') {
    c.i++;
    return relationRest(c, start, 'before', false, 'in advance of');
  }
  return relationValue(c, start, 'before', false);
}

/**
 * `within the release day`, `within that timeframe`: a period named by the event, not by an amount. Only when
 * the words end in a period noun (`within the kickoff` stays a deadline without a duration). Cursor after
 * `within`.
 */
export function withinPeriod(c: Cursor, start: number): Timing | undefined {
  const save = c.i;
  const a = readAnchor(c);
  if (!a) return undefined;
  const last = a.text.toLowerCase().split(/[\s-]+/).filter(Boolean);
  if (!last.some((w) => PERIOD_NOUNS.has(w))) {
    c.i = save;
    return undefined;
  }
  return relationValue(c, start, 'during', false, a);
}

/** `the week of the freeze`, `Week of Docs Freeze`. Cursor on `week`. */
export function weekOf(c: Cursor, start: number): Timing | undefined {
  if (c.w(1) !== 'of') return undefined;
  const unitStart = c.i;
  c.i++;
  const length = unitDuration(c, unitStart, 1, 'weeks');
  c.i++;
  const anchor = readAnchor(c);
  if (!anchor) {
    c.i = start;
    return undefined;
  }
  return { kind: 'period', which: 'of', length, anchor, ...c.base(start) };
}

/** `as quickly as possible`, `as early as practicable`, `as soon as you can`. Cursor on `as`. */
export function asSoonAsPossible(c: Cursor, start: number): Timing | undefined {
  if (!['soon', 'quickly', 'early', 'fast', 'promptly', 'swiftly', 'rapidly'].includes(c.w(1))) return undefined;
  // `as quickly and as safely as possible`
  const k = c.w(2) === 'and' && c.w(3) === 'as' && c.w(4) && c.w(5) === 'as' ? 3 : 0;
  if (c.w(2 + k) !== 'as') return undefined;
  const words = possibleWords(c, 3 + k);
  if (words === 0) return undefined;
  c.i += 3 + k + words;
  return relationValue(c, start, 'immediately', true);
}

const POSSIBLE = new Set(['possible', 'practicable', 'practical', 'feasible', 'reasonable']);
const PERSONS = new Set(['you', 'we', 'they', 'i', 'one', 'he', 'she', 'it', 'someone']);

/**
 * How many words at offset k end `as soon as …`: `possible`, `reasonably practicable`, `is practical`, `you can`,
 * `we are able`, `you reasonably can`; 0 when none of these.
 */
export function possibleWords(c: Cursor, k: number): number {
  let j = k;
  if (c.w(j) === 'is' || c.w(j) === 'reasonably' || c.w(j) === 'humanly') j++;
  if (POSSIBLE.has(c.w(j))) return j + 1 - k;
  if (!PERSONS.has(c.w(k))) return 0;
  j = k + 1;
  if (c.w(j) === 'reasonably' || c.w(j) === 'possibly') j++;
  if (c.w(j) === 'can' || c.w(j) === 'could') return j + 1 - k;
  if ((c.w(j) === 'are' || c.w(j) === 'is' || c.w(j) === 'am') && c.w(j + 1) === 'able') return j + 2 - k;
  if (c.w(j) === "you're" || c.w(j) === "we're" || c.w(j) === "they're") return 0;
  return 0;
}

/** `in a timely manner`, `timely`. Cursor on the first word. */
export function timely(c: Cursor, start: number): Timing | undefined {
  if (c.w() === 'in' && c.w(1) === 'a' && c.w(2) === 'timely') c.i += 3;
  else if (c.w() === 'timely') c.i++;
  else return undefined;
  if (c.w() === 'manner' || c.w() === 'fashion') c.i++;
  return relationValue(c, start, 'immediately', true);
}

/** `overnight`: about a night, 8 to 16 hours. */
export function overnight(c: Cursor, start: number): Timing {
  c.i++;
  const duration: Duration = {
    min: 8, max: 16, unit: 'hours', business: false, approximate: true, bound: 'exact',
    text: c.slice(start, c.i), range: c.range(start, c.i),
  };
  return { kind: 'duration', duration, ...c.base(start) };
}
