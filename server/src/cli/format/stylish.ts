import type { Severity } from '../../core/findings';
import { displayPath, oneLine, type Formatter } from './types';

const ESC = '\u001b[';
const paint = (on: boolean, code: string, s: string): string => (on ? `${ESC}${code}m${s}${ESC}0m` : s);

const SEVERITY_COLOUR: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };

/** eslint-style: findings grouped under each file, aligned columns, a closing count line. */
export const formatStylish: Formatter = ({ files, cwd, color }) => {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let out = '';
  for (const { file, findings } of files) {
    if (findings.length === 0) continue;
    const rows = findings.map((f) => {
      counts[f.severity]++;
      return [`${f.range.start.line + 1}:${f.range.start.character + 1}`, f.severity, oneLine(f.message), oneLine(f.rule)] as const;
    });
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    out += `\n${paint(color, '4', oneLine(displayPath(file, cwd)))}\n`;
    for (const [pos, sev, msg, rule] of rows) {
      out += `  ${paint(color, '2', pos.padEnd(w0))}  ${paint(color, SEVERITY_COLOUR[sev], sev.padEnd(w1))}  ${msg}  ${paint(color, '2', rule)}\n`;
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const checked = files.length;
  const filesText = `${checked} file${checked === 1 ? '' : 's'} checked`;
  if (total === 0) return `${paint(color, '32', '✔')} No problems (${filesText})\n`;
  const parts = [
    `${counts.error} error${counts.error === 1 ? '' : 's'}`,
    `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`,
  ];
  if (counts.info) parts.push(`${counts.info} info`);
  if (counts.hint) parts.push(`${counts.hint} hint${counts.hint === 1 ? '' : 's'}`);
  const line = `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${filesText}`;
  return `${out}\n${paint(color, counts.error ? '1;31' : '1;33', line)}\n`;
};
