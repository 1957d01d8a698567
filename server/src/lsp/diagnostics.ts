/**
 * The one place findings become LSP diagnostics: `code` is the rule id, `codeDescription.href` its docs page,
 * `source` is always `sopls`, related locations carry over, and `data` keeps what quick fixes need.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Finding, Severity } from '../core/findings';
import { ruleMeta } from '../core/lint/registry';
import { ruleDocsFileUri } from '../node/ruleDocs';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnosticOptions {
  /** The client shows `relatedInformation` (otherwise it is folded into the message). */
  relatedInformation: boolean;
  /** The client opens `codeDescription.href`. */
  codeDescription: boolean;
}

export function toDiagnostic(f: Finding, opts: DiagnosticOptions = { relatedInformation: true, codeDescription: true }): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: 'sopls',
    message: f.message,
  };
  // The rule page shipped with the extension, opened as a file: no web address is invented.
  const href = opts.codeDescription && ruleMeta(f.rule) ? ruleDocsFileUri(f.rule) : undefined;
  if (href) d.codeDescription = { href };
  if (f.related?.length) {
    if (opts.relatedInformation) {
      d.relatedInformation = f.related.map((r): DiagnosticRelatedInformation => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
    } else {
      d.message += f.related.map((r) => `\n  ${r.message} (line ${r.range.start.line + 1})`).join('');
    }
  }
  if (f.data) d.data = { ...f.data, rule: f.rule };
  return d;
}
