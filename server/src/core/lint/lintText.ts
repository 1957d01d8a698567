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
import { copyIdentity, type IndexEntry, type Workspace } from '../workspace';
import { finishFindings, lintDocument } from './engine';
import type { Role, Step, SopDocument } from '../model';
import type { RuleMeta } from './rule';
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

/**
 * `sopls lint` in two passes with ONE parse per file. The workspace rules need every document's index entry,
 * so a file cannot be linted completely before all files are read; instead:
 *   1. `analyseText` parses the file, gives its index entry (from the full model, no separate cheap scan), runs
 *      the rules that do not read the workspace, and keeps only the part of the model the workspace rules read
 *      (`workspaceView`), not the model;
 *   2. once every entry is known, `finishText` runs the workspace rules on that view and merges.
 * The result equals `lintText` on the same snapshot (test/core/lint/lintPhases.test.ts checks it on every
 * fixture), and is plain data, so pass 1 can run in a worker thread and pass 2 in the caller.
 */
export interface AnalyseTextInput {
  text: string;
  uri: string;
  config: ResolvedConfig;
  today: string;
  force?: boolean;
}

export interface AnalysedText {
  linted: boolean;
  entry: IndexEntry;
  /** Findings of the document and timeline rules, unfinished (before directives and sorting). */
  findings: Finding[];
  /** What the workspace rules read of the model; absent when the file is not linted. */
  view?: SopDocument;
}

const LOCAL_SCOPES: readonly RuleMeta['scope'][] = ['document', 'timeline'];
const WORKSPACE_SCOPES: readonly RuleMeta['scope'][] = ['workspace'];

/** Pass 1 rules have no workspace yet: one that reads it fails loudly (an internal-error finding the tests see). */
const NO_WORKSPACE: Workspace = {
  entries: () => noWorkspace(),
  get: () => noWorkspace(),
  byId: () => noWorkspace(),
};

function noWorkspace(): never {
  throw new Error('a rule without scope "workspace" read the workspace');
}

export function analyseText(input: AnalyseTextInput): AnalysedText {
  const doc = parseSop(input.text, input.uri, { sopOverride: sopOverrideFor(input.uri, input.config) });
  const entry = indexEntryFromDoc(doc);
  if (!input.force && !isManagedDocument(doc) && !doc.problems.some((p) => ALWAYS_REPORTED.has(p.code))) return { linted: false, findings: [], entry };
  const findings = lintDocument({ doc, workspace: NO_WORKSPACE, config: input.config, today: input.today, scopes: LOCAL_SCOPES, unfinished: true });
  return { linted: true, findings, entry, view: workspaceView(doc) };
}

export interface FinishTextInput {
  workspace: Workspace;
  config: ResolvedConfig;
  today: string;
  shared?: Map<string, unknown>;
}

/** Pass 2: the workspace rules on the kept view, merged with pass 1's findings; `lintText`'s findings. */
export function finishText(analysed: AnalysedText, input: FinishTextInput): Finding[] {
  const view = analysed.view;
  if (!analysed.linted || !view) return [];
  const more = lintDocument({
    doc: view,
    workspace: input.workspace,
    config: input.config,
    today: input.today,
    scopes: WORKSPACE_SCOPES,
    unfinished: true,
    ...(input.shared ? { shared: input.shared } : {}),
  });
  return finishFindings(more.length ? [...analysed.findings, ...more] : analysed.findings, view.directives);
}

/**
 * The model as the workspace rules (scope 'workspace': broken-link, duplicate-id, link-to-deprecated,
 * unknown-role) and the engine read it: identity, the id and status, links, roles (name and aliases),
 * directives and the owners of the steps. Everything else (sections, placeholders, timing, actions, fields,
 * the step tree itself) is dropped, so a run over 10,000 files keeps a few hundred bytes per file between the
 * passes. A workspace rule that starts reading more must keep it here; the phase test fails until it does.
 */
export function workspaceView(doc: SopDocument): SopDocument {
  const meta: SopDocument['meta'] = { authors: NONE, tags: NONE };
  if (doc.meta.id) meta.id = doc.meta.id;
  if (doc.meta.status) meta.status = doc.meta.status;
  const view: SopDocument = {
    uri: doc.uri,
    format: doc.format,
    isSop: doc.isSop,
    dialect: doc.dialect,
    lineCount: doc.lineCount,
    meta,
    links: doc.links,
    sections: [],
    roles: doc.roles.map(roleView),
    steps: ownersView(doc.steps),
    placeholders: [],
    triggers: [],
    directives: doc.directives,
    problems: [],
  };
  const fm = doc.frontmatter;
  // The engine reads only `data`, and only to ask whether a document that is not an SOP carries sopls
  // frontmatter (isManagedDocument): an SOP needs none of it.
  if (fm && !doc.isSop) view.frontmatter = { range: fm.range, contentRange: fm.contentRange, data: fm.data, keyRanges: {}, valueRanges: {}, raw: '' };
  return view;
}

const NO_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const NONE: never[] = [];

function roleView(role: Role): Role {
  const view: Role = { name: role.name, aliases: role.aliases, range: NO_RANGE, source: role.source };
  if (role.acronym) view.acronym = role.acronym;
  return view;
}

/**
 * The steps as the workspace rules read them: their owners, in document order. One step holds every owner of
 * the tree (unknown-role reads the owners of all steps, not which step has them), so a 20-step SOP keeps a few
 * hundred bytes, not 6 KB, between the passes (10,000 of them were 300 MB of heap).
 */
function ownersView(steps: Step[]): Step[] {
  const owners = allStepsOf(steps).flatMap((s) => s.owners);
  if (owners.length === 0) return NONE;
  return [
    {
      kind: steps[0]!.kind,
      title: '',
      titleRange: NO_RANGE,
      headingRange: NO_RANGE,
      range: NO_RANGE,
      owners,
      timing: NONE,
      dependsOn: NONE,
      actions: NONE,
      agenda: NONE,
      fields: NONE,
      substeps: NONE,
      conditions: NONE,
    },
  ];
}

function allStepsOf(steps: Step[], out: Step[] = []): Step[] {
  for (const s of steps) {
    out.push(s);
    allStepsOf(s.substeps, out);
  }
  return out;
}

/**
 * An index entry as the workspace rules and the lint cache's key read it (`workspaceFingerprint` in
 * node/workspaceLoad.ts): identity, id, title, status, roles without descriptions, and only the `supersedes`
 * links (link-to-deprecated looks for a replacement among them; every other link a rule checks is the linted
 * document's own, in its view). Section headings and frontmatter data serve the editor and the timeline, not a lint
 * rule, and 10,000 files' worth is tens of MB held for the whole run.
 */
export function workspaceEntry(entry: IndexEntry): IndexEntry {
  const slim: IndexEntry = {
    uri: entry.uri,
    links: entry.links.some((l) => l.relation !== 'supersedes') ? entry.links.filter((l) => l.relation === 'supersedes') : entry.links,
    roles: entry.roles.map((r) => {
      const role: IndexEntry['roles'][number] = { name: r.name, aliases: r.aliases };
      if (r.acronym) role.acronym = r.acronym;
      return role;
    }),
    headings: NONE,
  };
  copyIdentity(entry, slim);
  return slim;
}
