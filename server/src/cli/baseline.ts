/**
 * `--baseline FILE`: a `lint --format json` output from before; only findings not in it are reported. A
 * finding is matched on its rule, its file and a fingerprint of its text (the message and the source text the
 * finding covers), never on its line, so adding lines above a known finding does not make it new again.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { Finding } from '../core/findings';

/** Numbers that locate rather than describe ("line 12", "(12:4)") would break stability across line shifts. */
function normaliseMessage(message: string): string {
  return message.replace(/\b(lines?|L)\s*\d+(?:\s*[-–:]\s*\d+)?/gi, '$1 N').replace(/\(\d+:\d+\)/g, '(N:N)');
}

/** The source text a finding covers, whitespace collapsed: what the reader sees flagged. */
function coveredText(lines: readonly string[], f: Finding): string {
  const { start, end } = f.range;
  const parts: string[] = [];
  for (let l = start.line; l <= end.line && l < lines.length; l++) {
    const line = lines[l]!;
    const from = l === start.line ? start.character : 0;
    const to = l === end.line ? end.character : line.length;
    parts.push(line.slice(from, Math.max(from, to)));
  }
  return parts.join('\n').replace(/\s+/g, ' ').trim();
}

export function findingFingerprint(f: Finding, lines: readonly string[]): string {
  const text = `${f.rule}\0${normaliseMessage(f.message)}\0${coveredText(lines, f)}`;
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export interface BaselineRow {
  file: string;
  rule: string;
  message: string;
  fingerprint?: string;
}

/** Parses a baseline file's text; a string is a one-line error. */
export function parseBaseline(text: string, name: string): BaselineRow[] | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `--baseline ${name}: invalid JSON (${err instanceof Error ? err.message : String(err)})`;
  }
  if (!Array.isArray(value)) return `--baseline ${name}: expected the array that \`sopls lint --format json\` writes`;
  const rows: BaselineRow[] = [];
  for (const [i, row] of value.entries()) {
    const r = row as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || typeof r['file'] !== 'string' || typeof r['rule'] !== 'string' || typeof r['message'] !== 'string') {
      return `--baseline ${name}: entry ${i} has no file, rule and message`;
    }
    rows.push({ file: r['file'], rule: r['rule'], message: r['message'], ...(typeof r['fingerprint'] === 'string' ? { fingerprint: r['fingerprint'] } : {}) });
  }
  return rows;
}

/**
 * Known findings as counts per key: a baseline with two identical findings in a file forgives two, and a
 * third copy is new. Paths in the baseline are read relative to `cwd`, as `lint --format json` wrote them.
 */
export class Baseline {
  private readonly counts = new Map<string, number>();

  constructor(rows: readonly BaselineRow[], cwd: string) {
    for (const r of rows) {
      const key = Baseline.key(path.resolve(cwd, r.file), r.rule, r.fingerprint ?? `message:${r.message}`);
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
  }

  private static key(file: string, rule: string, print: string): string {
    return `${file}\0${rule}\0${print}`;
  }

  /** True when the finding was in the baseline (and uses up one of its copies). */
  forgive(file: string, f: Finding, fingerprint: string): boolean {
    for (const print of [fingerprint, `message:${f.message}`]) {
      const key = Baseline.key(file, f.rule, print);
      const left = this.counts.get(key) ?? 0;
      if (left > 0) {
        this.counts.set(key, left - 1);
        return true;
      }
    }
    return false;
  }
}
