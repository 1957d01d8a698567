import { displayPath, type Formatter } from './types';

/** One flat array, 1-based positions (columns in UTF-16 code units, as editors count them). */
export const formatJson: Formatter = ({ files, cwd }) => {
  const rows = [];
  for (const { file, findings } of files) {
    for (const f of findings) {
      rows.push({
        file: displayPath(file, cwd),
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        severity: f.severity,
        rule: f.rule,
        message: f.message,
      });
    }
  }
  return JSON.stringify(rows, null, 2) + '\n';
};
