/**
 * The workspace index entry of a document, two ways:
 * - `indexEntryFromDoc`: from a full model the caller already has (open documents, linted files);
 * - `scanIndexEntry`: from text, CHEAPLY, for every other file of the workspace: the index-only extractor.
 *
 * The extractor reads exactly what other documents and workspace features read of a closed document (see
 * IndexEntry): frontmatter (YAML only when there is a `---` block), the id and title, section headings, declared
 * roles and ID links. It never builds a SopDocument: no step extraction, no procedure recognition, no timing, no
 * placeholders — those are 90% of a parse and nothing outside the document reads them. remark is not called either:
 * Markdown lines come from a line scanner that knows just enough Markdown (fences, ATX/setext headings, HTML
 * blocks, list markers, `**strong**`, code spans, links) to feed the same extractors a full parse uses.
 *
 * Both ways give the same entry on ordinary documents: test/core/lint/seeds.test.ts checks the seeds, examples,
 * fixtures, the real-world corpus and the bench generator's dialects field by field.
 */
import type { LineInfo } from './parse/lines';
import { blankLine, splitLines } from './parse/lines';
import { readFrontmatter } from './parse/frontmatter';
import { lazyPlainLine, scanMarkdownLines } from './indexLines';
import { collectRoles, detectFormat, frontmatterLinks, idLinksOfLine, isBinary, sectionPerLine } from './parse';
import { HEADING_ID } from './parse/meta';
import { findSections } from './parse/sections';
import { rangeOf } from './parse/text';
import type { DocumentFormat, Frontmatter, IdLink, Located, Role, Section, SopDocument } from './model';
import { copyIdentity, type IndexEntry } from './workspace';

function entryRoles(roles: readonly Role[]): IndexEntry['roles'] {
  return roles.map((r) => {
    const role: IndexEntry['roles'][number] = { name: r.name, aliases: r.aliases };
    if (r.acronym) role.acronym = r.acronym;
    if (r.description) role.description = r.description;
    return role;
  });
}

function entryHeadings(sections: readonly Section[]): Located[] {
  return sections.map((s) => ({ value: s.title, range: s.headingRange }));
}

export function indexEntryFromDoc(doc: SopDocument): IndexEntry {
  const entry: IndexEntry = {
    uri: doc.uri,
    links: doc.links.map((l) => ({ relation: l.relation, id: l.id, range: l.range })),
    roles: entryRoles(doc.roles),
    headings: entryHeadings(doc.sections),
  };
  const m = doc.meta;
  if (m.id) {
    entry.id = m.id.value;
    entry.idRange = m.id.range;
  }
  if (m.type) entry.type = m.type.value;
  if (m.title) entry.title = m.title.value;
  if (m.status) entry.status = m.status.value;
  if (doc.frontmatter?.data) entry.data = doc.frontmatter.data;
  return entry;
}

/** The index entry of `text` without a full parse; see the module comment. */
export function scanIndexEntry(text: string, uri: string, options: { format?: DocumentFormat } = {}): IndexEntry {
  if (mayBeBinary(text) && isBinary(text)) return { uri, links: [], roles: [], headings: [] };
  const format = options.format ?? detectFormat(uri, text);
  const raw = splitLines(text).lines;
  // readFrontmatter reads plain `key: value` frontmatter without the yaml package (parse/simpleYaml.ts).
  const fm = readFrontmatter(raw);
  const lines: LineInfo[] =
    format === 'markdown'
      ? scanMarkdownLines(raw, fm.endLine, true)
      : raw.map((r, i) => (i <= fm.endLine ? { ...blankLine(i, r), block: 'frontmatter' as const } : lazyPlainLine(i, r)));
  const sections = findSections(lines, format === 'plaintext');
  const roles = collectRoles(lines, sectionPerLine(sections, lines.length)).roles;
  const entry: IndexEntry = { uri, links: [], roles: entryRoles(roles), headings: entryHeadings(sections) };
  readIdentity(fm.frontmatter, lines, entry);
  entry.links = linksOf(fm.frontmatter, lines, entry.id);
  if (fm.frontmatter?.data) entry.data = fm.frontmatter.data;
  return orderedEntry(entry);
}

/**
 * False when isBinary (parse/index.ts) is sure to say false: no character it counts in its sample (the first
 * 8,192 characters) and no NUL anywhere. One regex pass instead of its loop over every character of the sample,
 * which was a tenth of the scan of an ordinary workspace.
 */
const COUNTED = /[\0-\x08\x0b\x0e-\x1f\ufffd]/;
function mayBeBinary(text: string): boolean {
  return COUNTED.test(text.length > 8192 ? text.slice(0, 8192) : text) || text.includes('\u0000');
}

/** The id, type, title and status as readMeta (core/parse/meta.ts) finds them: frontmatter first, then the body. */
function readIdentity(fm: Frontmatter | undefined, lines: readonly LineInfo[], entry: IndexEntry): void {
  const data = fm?.data;
  if (fm && data) {
    const str = (key: string): Located | undefined => {
      const value = data[key];
      if (value === undefined || value === null || typeof value === 'object') return undefined;
      const range = fm.valueRanges[key];
      return range ? { value: String(value), range } : undefined;
    };
    const id = str('id');
    if (id) {
      entry.id = id.value;
      entry.idRange = id.range;
    }
    const type = str('type');
    if (type) entry.type = type.value;
    const title = str('title');
    if (title) entry.title = title.value;
    const status = str('status');
    if (status) entry.status = status.value;
  }
  if (entry.id !== undefined && entry.title !== undefined) return;
  for (const info of lines) {
    if (info.block === 'heading' && info.text) {
      const idm = entry.id === undefined ? HEADING_ID.exec(info.text) : null;
      if (idm) {
        entry.id = idm[1]!;
        entry.idRange = rangeOf(info, 0, idm[1]!.length);
      }
      entry.title ??= info.text;
    } else if (info.block === 'text') entry.title ??= info.text;
  }
}

function linksOf(fm: Frontmatter | undefined, lines: readonly LineInfo[], selfId: string | undefined): IndexEntry['links'] {
  const links: IdLink[] = frontmatterLinks(fm);
  for (const info of lines) {
    if ((info.block === 'text' || info.block === 'heading') && mayHoldId(info.raw)) idLinksOfLine(info, selfId, links);
  }
  return links.map((l) => ({ relation: l.relation, id: l.id, range: l.range }));
}

/**
 * Whether a line's visible text can hold an ID (`[A-Z]…-digit`): its characters are a subsequence of the source
 * line's, so the source must hold a capital, then a dash, then a digit. Most lines fail this, and their visible
 * text (the costly part of the line scan) is never computed. Linear: three forward searches.
 */
const CAPITAL = /[A-Z]/g;
const DIGIT = /\d/g;
function mayHoldId(raw: string): boolean {
  CAPITAL.lastIndex = 0;
  if (!CAPITAL.test(raw)) return false;
  const dash = raw.indexOf('-', CAPITAL.lastIndex);
  if (dash < 0) return false;
  DIGIT.lastIndex = dash + 1;
  return DIGIT.test(raw);
}

/** The same key order as indexEntryFromDoc, so both serialise alike (the persisted index, deepEqual in tests). */
function orderedEntry(e: IndexEntry): IndexEntry {
  const out: IndexEntry = { uri: e.uri, links: e.links, roles: e.roles, headings: e.headings };
  copyIdentity(e, out);
  if (e.data !== undefined) out.data = e.data;
  return out;
}

