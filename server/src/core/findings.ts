import type { Range } from './model';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

/** What a rule reports. One place (lsp/diagnostics.ts, cli formatters) turns findings into output. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  uri: string;
  range: Range;
  related?: RelatedLocation[];
  /** Machine-readable extras for quick fixes (e.g. `{ suggestion: 'Customer Success Manager' }`). */
  data?: Record<string, unknown>;
}
