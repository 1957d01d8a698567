/**
 * Lint one file from its text: the unit of work of `sopls lint`. Pure and self-contained (text, uri, a
 * workspace snapshot and the config in; findings and the file's index entry out), so a worker thread can run
 * it on its share of the files with an `InMemoryWorkspace` rebuilt from the snapshot's entries.
 */
import type { ResolvedConfig } from '../config';
import type { Finding } from '../findings';
import { indexEntryFromDoc } from '../indexScan';
import { parseSop } from '../parse';
import { sopOverrideFor } from '../parse/sopFiles';
import type { IndexEntry, Workspace } from '../workspace';
import { lintDocument } from './engine';
import { ALWAYS_REPORTED } from './rules/unreadable-content';
import { isManagedDocument } from './util';

export interface LintTextInput {
  text: string;
  uri: string;
  workspace: Workspace;
  config: ResolvedConfig;
  today: string;
  /** Lint even when the document is neither an SOP nor carries sopls frontmatter (a file named on the command line). */
  force?: boolean;
  /** See LintInput.shared. */
  shared?: Map<string, unknown>;
}

export interface LintTextResult {
  /** Whether the file was linted: an SOP or a document with sopls frontmatter, or forced. */
  linted: boolean;
  findings: Finding[];
  entry: IndexEntry;
}

export function lintText(input: LintTextInput): LintTextResult {
  const doc = parseSop(input.text, input.uri, { sopOverride: sopOverrideFor(input.uri, input.config) });
  const entry = indexEntryFromDoc(doc);
  // A document over a read budget is linted (only `unreadable-content` applies to it) even when it does not
  // look like an SOP: it may be one that could not be read, and "no problems" would be wrong.
  if (!input.force && !isManagedDocument(doc) && !doc.problems.some((p) => ALWAYS_REPORTED.has(p.code))) return { linted: false, findings: [], entry };
  const findings = lintDocument({
    doc,
    workspace: input.workspace,
    config: input.config,
    today: input.today,
    ...(input.shared ? { shared: input.shared } : {}),
  });
  return { linted: true, findings, entry };
}
