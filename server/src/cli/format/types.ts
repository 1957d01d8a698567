import path from 'node:path';
import type { Finding, Severity } from '../../core/findings';
import type { RuleMeta } from '../../core/lint/rule';

export interface FormattedFile {
  file: string;
  findings: Finding[];
  /** One per finding, same order: what `--baseline` matches on (see cli/baseline.ts). */
  fingerprints?: string[];
}

export interface FormatInput {
  /** Files linted (also those without findings, for counts), in output order. */
  files: FormattedFile[];
  cwd: string;
  color: boolean;
  rules: readonly RuleMeta[];
  version: string;
  /** Markdown of each rule's documentation page, by rule id (SARIF `help.markdown`). */
  ruleDocs?: ReadonlyMap<string, string>;
  /** `docsBaseUrl` from the config: SARIF gets a `helpUri` per rule only when the user set one. */
  docsBaseUrl?: string;
}

export type Formatter = (input: FormatInput) => string;

/** Paths as printed: relative to the current directory, with `/` on every platform. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

// C0 controls but tab, DEL, C1 controls; line breaks are handled by the two functions below.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const CONTROL_OR_BREAK = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;
const visible = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A value from a document (a message, a step title, a file name) made safe for one line of terminal or CI log
 * output: escape sequences (`ESC[2J` clears the screen) and line breaks (a forged `::error` line) become
 * visible `\uXXXX` text, as JSON would write them.
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL_OR_BREAK, visible);
}

/** Multi-line text output (timeline text, CSV, Mermaid): line feeds stay, every other control is made visible. */
export function printableText(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\r' ? '\r' : visible(c))).replace(/\r(?!\n)/g, visible);
}

/**
 * JSON for a terminal: JSON.stringify escapes C0 controls but leaves DEL and the C1 controls (U+009B is a
 * one-byte CSI to some terminals); those can only sit inside strings, where `\u00XX` means the same.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
