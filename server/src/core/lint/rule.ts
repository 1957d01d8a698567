import type { Finding, RelatedLocation, Severity } from '../findings';
import type { Range, SopDocument } from '../model';
import type { Workspace } from '../workspace';
import type { ResolvedConfig } from '../config';

/**
 * Where each rule's page lives inside the sopls package (and this repository). Nothing is published on a
 * website: the editor opens the shipped page as a file, and SARIF embeds it (`help.markdown`); a `helpUri` is
 * only written when the user configures `docsBaseUrl` (where they host these pages).
 */
export const DOCS_DIR = 'docs/rules/';

/**
 * Which documents a rule looks at.
 * - `sop`: only documents recognised as SOPs (steps, or an SOP `type` in frontmatter).
 * - `managed`: SOPs and documents that carry sopls frontmatter (an `id`, `links`, or a known `type`): policies,
 *   customer records. A plain README is neither, so it never gets a finding.
 * - `any`: every document (only `unreadable-content`, which says why a file could not be read at all).
 */
export type RuleAppliesTo = 'sop' | 'managed' | 'any';

export interface RuleMeta {
  /** Stable kebab-case id, used as the diagnostic `code` everywhere. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** The rule's page, relative to the package root: `docs/rules/<id>.md`. */
  docs: string;
  /** Rules that need other documents (links, duplicate ids) or the schedule. */
  scope: 'document' | 'workspace' | 'timeline';
  /** Which documents the rule runs on; `sop` when absent. */
  appliesTo?: RuleAppliesTo;
}

export interface RuleReport {
  message: string;
  range: Range;
  related?: RelatedLocation[];
  data?: Record<string, unknown>;
  /**
   * A severity of the rule's own for this one finding (e.g. info for a phrase it only half understood). It wins
   * over the rule's default; a severity the user set for the rule in the config wins over both.
   */
  severity?: Severity;
}

export interface RuleContext {
  doc: SopDocument;
  workspace: Workspace;
  config: ResolvedConfig;
  /** Today's date (YYYY-MM-DD) as the caller sees it, so rules stay pure and testable. */
  today: string;
  report(report: RuleReport): void;
  /**
   * Values shared by the rules of one `lintDocument` call, computed on first use. Timing rules keep the
   * document's schedule here so that five rules compute it once: `ctx.memo('timeline:schedule', () => …)`.
   * A value that throws is not cached; the rule that asked gets the error (and becomes an internal-error finding).
   */
  memo<T>(key: string, compute: () => T): T;
  /** The raw map behind `memo`, for rules that need to test presence. */
  cache: Map<string, unknown>;
  /**
   * Like `memo`, for values that depend only on the workspace and the config (every declared role, every id
   * prefix): shared by all documents of one lint run when the caller passes `LintInput.shared`, so a run over
   * 10,000 documents does not rebuild them 10,000 times. Never store anything derived from `doc` here.
   */
  shared<T>(key: string, compute: () => T): T;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

/** `docs/rules/<id>.md`: the page's path inside the package (the name predates shipping the pages). */
export function ruleDocsUrl(id: string): string {
  return `${DOCS_DIR}${id}.md`;
}

/** The page at the user's documentation site (`docsBaseUrl` in the config), e.g. for SARIF `helpUri`. */
export function ruleDocsHref(id: string, docsBaseUrl: string): string {
  return `${docsBaseUrl.replace(/\/?$/, '/')}${id}.md`;
}

export type { Finding };
