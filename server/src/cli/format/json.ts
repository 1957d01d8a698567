import { displayPath, terminalSafeJson, type Formatter } from './types';

/**
 * One flat array, 1-based positions (columns in UTF-16 code units, as editors count them). `fingerprint`
 * identifies the finding independently of its line, for `--baseline`.
 */
export const formatJson: Formatter = ({ files, cwd }) => {
  const rows = [];
  for (const { file, findings, fingerprints } of files) {
    for (const [i, f] of findings.entries()) {
      rows.push({
        file: displayPath(file, cwd),
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.character + 1,
        severity: f.severity,
        rule: f.rule,
        message: f.message,
        ...(fingerprints?.[i] ? { fingerprint: fingerprints[i] } : {}),
      });
    }
  }
  return terminalSafeJson(JSON.stringify(rows, null, 2)) + '\n';
};
