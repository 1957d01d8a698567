import type { Finding, RelatedLocation, Severity } from '../findings';
import type { Range, SopDocument } from '../model';
import type { Workspace } from '../workspace';
import type { ResolvedConfig } from '../config';

/** Where the rule docs are published; `codeDescription.href` and SARIF `helpUri` point here. */
export const DOCS_BASE = 'https://github.com/sopls/sopls/blob/main/docs/rules/';

export interface RuleMeta {
  /** Stable kebab-case id, used as the diagnostic `code` everywhere. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Link to docs/rules/<id>.md. */
  docs: string;
  /** Rules that need other documents (links, duplicate ids) or the schedule. */
  scope: 'document' | 'workspace' | 'timeline';
}

export interface RuleReport {
  message: string;
  range: Range;
  related?: RelatedLocation[];
  data?: Record<string, unknown>;
  /** Overrides the configured severity only when the rule has a reason (e.g. info for an unknown phrase). */
  severity?: Severity;
}

export interface RuleContext {
  doc: SopDocument;
  workspace: Workspace;
  config: ResolvedConfig;
  /** Today's date (YYYY-MM-DD) as the caller sees it, so rules stay pure and testable. */
  today: string;
  report(report: RuleReport): void;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

export type { Finding };
