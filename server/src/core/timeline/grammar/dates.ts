import { Cursor } from './cursor';
import type { Timing } from '../types';
import { TokKind } from '../tokens';
import { MONTHS, ZONES, makeIsoDate, pad2 } from './vocabulary';

/** `2024-10-04`, `2024.10.04`, `2024/10/04`. */
export function isoDate(c: Cursor, start: number): Timing | undefined {
  const t = c.tok();
  if (!t || t.kind !== TokKind.Num || t.norm.length !== 4) return undefined;
  const sep = c.p(1);
  if ((sep !== '-' && sep !== '.' && sep !== '/') || !c.adj(1) || !c.isNum(2) || !c.adj(2) || c.p(3) !== sep || !c.adj(3) || !c.isNum(4) || !c.adj(4)) return undefined;
  const y = Number(t.norm);
  const m = Number(c.tok(2)!.norm);
  const d = Number(c.tok(4)!.norm);
  c.i += 5;
  const iso = makeIsoDate(y, m, d);
  if (!iso) c.fail(`'${c.slice(start, c.i)}' is not a real date`, start, c.i);
  return { kind: 'date', date: iso, ...c.base(start) };
}

/** `Jan 11, 2021`, `March 3rd 2026`. */
export function monthNameDate(c: Cursor): Timing | undefined {
  const start = c.i;
  const m = MONTHS[c.w()]!;
  c.i++;
  if (c.p() === '.') c.i++;
  const d = Number(c.tok()!.norm);
  c.i++;
  if (['th', 'st', 'nd', 'rd'].includes(c.w()) && c.adj(0)) c.i++;
  if (c.p() === ',') c.i++;
  if (!c.isNum() || c.tok()!.norm.length !== 4) return monthDayValue(c, start, m, d);
  const y = Number(c.tok()!.norm);
  c.i++;
  const iso = makeIsoDate(y, m, d);
  if (!iso) c.fail(`'${c.slice(start, c.i)}' is not a real date`, start, c.i);
  return { kind: 'date', date: iso, ...c.base(start) };
}

/** `11 January 2021`, and with no year `3 March`, `3rd March`, `3rd of March`. */
export function dayMonthDate(c: Cursor, start: number): Timing | undefined {
  if (!c.isNum()) return undefined;
  const d = Number(c.tok()!.norm);
  let k = 1;
  if (ORDINAL_SUFFIXES.has(c.w(k)) && c.adj(k)) k++;
  if (c.w(k) === 'of' && k > 1) k++;
  const m = MONTHS[c.w(k)];
  if (m === undefined) return undefined;
  c.i += k + 1;
  if (c.p() === '.' && c.adj(0)) c.i++;
  if (c.p() === ',' && c.isNum(1)) c.i++;
  if (!c.isNum() || c.tok()!.norm.length !== 4) return monthDayValue(c, start, m, d);
  const y = Number(c.tok()!.norm);
  c.i++;
  const iso = makeIsoDate(y, m, d);
  if (!iso) c.fail(`'${c.slice(start, c.i)}' is not a real date`, start, c.i);
  return { kind: 'date', date: iso, ...c.base(start) };
}

const ORDINAL_SUFFIXES = new Set(['th', 'st', 'nd', 'rd']);

/**
 * A month and day with no year: a date people write in plans that run every year or this year (`by March 3`).
 * Only a day the month has (any year, so 29 February counts) is a date; the cursor is left after the day.
 */
function monthDayValue(c: Cursor, start: number, month: number, day: number): Timing | undefined {
  if (!makeIsoDate(2000, month, day)) {
    c.i = start;
    return undefined;
  }
  return { kind: 'date', month, day, ...c.base(start) };
}

const MONTH_PARTS: Record<string, 'early' | 'mid' | 'late'> = { early: 'early', mid: 'mid', middle: 'mid', late: 'late' };
/** Words that start a part of a month (`early March`). */
export const MONTH_PART_WORDS: Readonly<Record<string, unknown>> = MONTH_PARTS;

/** `early March`, `mid-March`, `late Sept`: a part of a month with no year. Cursor on the part word. */
export function monthPart(c: Cursor, start: number): Timing | undefined {
  const part = Object.hasOwn(MONTH_PARTS, c.w()) ? MONTH_PARTS[c.w()] : undefined;
  const k = c.p(1) === '-' && c.adj(1) ? 2 : c.w(1) === 'of' ? 2 : 1;
  const month = part && Object.hasOwn(MONTHS, c.w(k)) ? MONTHS[c.w(k)] : undefined;
  if (!part || month === undefined) return undefined;
  c.i += k + 1;
  return { kind: 'date', month, part, ...c.base(start) };
}

/** `YYYY-MM-DD`, `[DATE]`, `{{release_date}}`, `DATE:A`. */
export function placeholderDate(c: Cursor): Timing | undefined {
  const start = c.i;
  const p = c.p();
  if (p === '[' || p === '{') {
    const close = p === '[' ? ']' : '}';
    let j = c.i + 1;
    const limit = Math.min(c.toks.length, c.i + 12);
    let dateLike = false;
    while (j < limit && c.at(j)!.norm !== close) {
      const n = c.at(j)!.norm;
      if (n.includes('date') || n === 'yyyy' || n.includes('day') || n === 'when') dateLike = true;
      j++;
    }
    if (j >= limit || !dateLike) return undefined;
    c.i = j + 1;
    if (p === '{' && c.p() === '}') c.i++;
    return { kind: 'date', placeholder: c.slice(start, c.i), ...c.base(start) };
  }
  if (c.w() === 'yyyy') {
    c.i++;
    while ((c.p() === '-' || c.p() === '.' || c.p() === '/') && (c.w(1) === 'mm' || c.w(1) === 'dd')) c.i += 2;
    return { kind: 'date', placeholder: c.slice(start, c.i), ...c.base(start) };
  }
  if (c.w() === 'date' && c.p(1) === ':' && c.adj(1) && c.w(2) && c.adj(2)) {
    c.i += 3;
    return { kind: 'date', placeholder: c.slice(start, c.i), ...c.base(start) };
  }
  return undefined;
}

/** `9:00 AM`, `4pm UTC`, `17:30`, `(09:00 local)`. */
export function clockTime(c: Cursor, start: number): Timing | undefined {
  if (!c.isNum()) return undefined;
  let hour = Number(c.tok()!.norm);
  let minute = 0;
  let k = 1;
  // `9:30`, and `9.30` when am/pm follows (`9.30am`).
  const sep = c.p(1);
  const hasColon = (sep === ':' || sep === '.') && c.adj(1) && c.isNum(2) && c.adj(2) && c.tok(2)!.norm.length === 2;
  if (hasColon) {
    minute = Number(c.tok(2)!.norm);
    k = 3;
  }
  const toks = c.toks;
  const mer = toks[c.i + k]?.kind === TokKind.Word ? toks[c.i + k]!.norm : '';
  let meridiem = '';
  if (mer === 'am' || mer === 'pm') {
    meridiem = mer;
    k++;
  } else if ((mer === 'a' || mer === 'p') && toks[c.i + k + 1]?.norm === '.' && toks[c.i + k + 2]?.norm === 'm') {
    meridiem = mer === 'a' ? 'am' : 'pm';
    k += toks[c.i + k + 3]?.norm === '.' ? 4 : 3;
  }
  if (!hasColon && !meridiem) return undefined;
  if (sep === '.' && hasColon && !meridiem) return undefined;
  if (hour > 24 || minute > 59 || (meridiem && (hour < 1 || hour > 12))) return undefined;
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  c.i += k;
  const out: Timing = { kind: 'clock', time: `${pad2(hour)}:${pad2(minute)}`, ...c.base(start) };
  if (ZONES.has(c.w())) {
    out.zone = c.tok()!.raw;
    c.i++;
    out.range = c.range(start, c.i);
  }
  return out;
}

export function clockLabel(c: Cursor, start: number): Timing {
  const w = c.w();
  c.i++;
  const label = w === 'eod' ? 'end-of-day' : w === 'cob' ? 'close-of-business' : w === 'eow' ? 'end-of-week' : (w as 'noon' | 'midnight');
  const out: Timing = { kind: 'clock', label, ...c.base(start) };
  if (label === 'noon') out.time = '12:00';
  if (label === 'midnight') out.time = '00:00';
  return out;
}
