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
  if (!input.force && !isManagedDocument(doc)) return { linted: false, findings: [], entry };
  const findings = lintDocument({
    doc,
    workspace: input.workspace,
    config: input.config,
    today: input.today,
    ...(input.shared ? { shared: input.shared } : {}),
  });
  return { linted: true, findings, entry };
}
