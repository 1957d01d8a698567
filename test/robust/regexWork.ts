/**
 * Work counters for the growth tests, in place of wall-clock time (which flakes on a loaded machine):
 *
 * - characters examined by regexes: every `RegExp.prototype.exec` call (which `test`, `match`, `replace`,
 *   `split` and `matchAll` go through once `exec` is replaced) is charged the characters from where it starts
 *   to where its match ends (or to the end of the input when it fails). A scanner that re-runs a pattern over
 *   the rest of a line at each position is charged quadratically; a linear pass is charged linearly.
 * - backtracking inside one regex call: V8 is started with a backtrack budget per call and told to trace the
 *   calls that exceed it (they fall back to its linear engine). A catastrophic pattern exceeds any budget
 *   proportional to its input; a linear one never does. Patterns V8's linear engine cannot run (look-arounds,
 *   back-references) are not covered by this second counter, only by the first.
 */

export interface RegexWork {
  /** Characters charged to exec calls. */
  chars: number;
  /** exec calls. */
  calls: number;
}

/** Replaces RegExp.prototype.exec with a counting wrapper; returns a reader and an undo. */
export function countRegexWork(): { read(): RegexWork; reset(): void; restore(): void } {
  const original = RegExp.prototype.exec;
  let chars = 0;
  let calls = 0;
  RegExp.prototype.exec = function exec(this: RegExp, input: string): RegExpExecArray | null {
    const text = String(input);
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const m = original.call(this, text);
    calls++;
    chars += (m ? m.index + m[0].length : text.length) - Math.min(from, text.length) + 1;
    return m;
  };
  return {
    read: () => ({ chars, calls }),
    reset: () => {
      chars = 0;
      calls = 0;
    },
    restore: () => {
      RegExp.prototype.exec = original;
    },
  };
}

/** Backtracks one regex call may make per input character before V8 reports it (see the V8 flags below). */
export const BACKTRACKS_PER_CHAR = 20;

/** V8 flags that make a regex call past `budget` backtracks print a line starting with FALLBACK_TRACE. */
export function backtrackTraceFlags(budget: number): string[] {
  return ['--enable-experimental-regexp-engine-on-excessive-backtracks', `--regexp-backtracks-before-fallback=${budget}`, '--trace-experimental-regexp-engine'];
}

export const FALLBACK_TRACE = 'Experimental execution';
