/**
 * A global regex whose every match begins a word is searched faster when it says so: V8 tries each of a long
 * alternation's branches at every character, and `\b(?=\w)` in front lets it give up after one test at the
 * characters inside or between words (about twice as fast on prose for the timing triggers of proseTiming.ts).
 *
 * The rewrite is applied only when the source proves it safe: every top-level branch starts with `\b` before a
 * word character, or with a lookbehind that ends in whitespace (or is `^\W{0,n}`) before a word character. Any
 * other branch (`~3 days`, `<2h`, an optional first word) leaves the regex as it is: slower, never different.
 * `\w` and `\b` here are ASCII in every mode but `iu` (which adds ſ and K), so `iu` regexes are left alone too.
 */

/** The same regex searched only at word starts, or the regex itself when that could change a match. */
export function atWordStarts(re: RegExp): RegExp {
  if (!re.global || (re.ignoreCase && re.unicode) || re.sticky) return re;
  if (!branches(re.source).every(startsAWord)) return re;
  return new RegExp(`\\b(?=\\w)(?:${re.source})`, re.flags);
}

/** Does `re` search word starts only (was the rewrite applied)? For tests. */
export function searchesWordStarts(re: RegExp): boolean {
  return re.source.startsWith('\\b(?=\\w)(?:');
}

/** The top-level alternatives of a regex source (or of a group's body). */
export function branches(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (const [i, c] of syntax(source, 0)) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

/** The end (exclusive) of the group that opens at `open`, or -1. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  for (const [i, c] of syntax(source, open)) {
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The characters of a regex source from `from` that are syntax: not escaped, not inside a character class. */
function* syntax(source: string, from: number): Generator<[index: number, char: string]> {
  let inClass = false;
  for (let i = from; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else yield [i, c];
  }
}

/** A branch that can only match where a word starts. */
function startsAWord(branch: string): boolean {
  if (branch.startsWith('\\b')) return firstIsWordChar(branch.slice(2));
  if (branch.startsWith('(?<=')) {
    const end = groupEnd(branch, 0);
    if (end < 0) return false;
    const behind = branch.slice(4, end - 1);
    return branches(behind).every(endsOutsideWord) && firstIsWordChar(branch.slice(end));
  }
  return false;
}

/** A lookbehind branch after which the next character cannot continue a word. */
function endsOutsideWord(branch: string): boolean {
  return /(?<!\\)\\s(?:\{[1-9]\d*(?:,\d*)?\})?$/.test(branch) || /^\^\\W\{0,\d+\}$/.test(branch) || /^\^$/.test(branch);
}

/** A quantifier that lets the atom before it match nothing (`?`, `*`, `{0,n}`, lazy or not). */
const OPTIONAL = /^(?:[?*]|\{0(?:,\d*)?\})\??/;

/**
 * Does the pattern's first element always consume a word character (ASCII letter, digit, `\d`, `\w`)? An
 * optional first element (`(?:the )?week`) needs both itself and what follows it to start with one.
 */
function firstIsWordChar(rest: string): boolean {
  // A lookaround consumes nothing: the first character is the one after it (`\b(?<![$])\d+m`).
  if (/^\(\?<?[=!]/.test(rest)) {
    const end = groupEnd(rest, 0);
    return end > 0 && firstIsWordChar(rest.slice(end));
  }
  const atom = /^(?:[A-Za-z0-9]|\\[dw]|\[(?:[A-Za-z0-9](?:-[A-Za-z0-9])?)+\])/.exec(rest);
  let end: number;
  if (atom) {
    end = atom[0].length;
  } else if (rest.startsWith('(?:') || (rest.startsWith('(') && !rest.startsWith('(?'))) {
    end = groupEnd(rest, 0);
    if (end < 0 || !branches(rest.slice(rest.startsWith('(?:') ? 3 : 1, end - 1)).every(firstIsWordChar)) return false;
  } else {
    return false;
  }
  const optional = OPTIONAL.exec(rest.slice(end));
  return !optional || firstIsWordChar(rest.slice(end + optional[0].length));
}
