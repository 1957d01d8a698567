import path from 'node:path';
import type { Finding, Severity } from '../../core/findings';
import type { RuleMeta } from '../../core/lint/rule';

export interface FormatInput {
  /** Files linted (also those without findings, for counts), in output order. */
  files: { file: string; findings: Finding[] }[];
  cwd: string;
  color: boolean;
  rules: readonly RuleMeta[];
  version: string;
}

export type Formatter = (input: FormatInput) => string;

/** Paths as printed: relative to the current directory, with `/` on every platform. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
