import {
  makeRange,
  type DocumentFormat,
  type DocumentMeta,
  type IdLink,
  type InlineDirective,
  type Located,
  type ParseProblem,
  type Placeholder,
  type PlaceholderContext,
  type Section,
  type SopDocument,
} from '../model';
import type { SectionMemos } from '../incremental/sections';
import { normaliseRole } from '../roles';
import { readFrontmatter } from './frontmatter';
import { blankLine, splitLines, type LineInfo } from './lines';
import { bracketHeavyParagraphs, ChunkCache, isUnparseableLine, markdownLines, MAX_LINE_NESTING, MAX_PARAGRAPH_BRACKETS, MAX_MARKDOWN_INDENT, MAX_MARKDOWN_LINE, tooComplexForMarkdown } from './markdown';
import { scanPlainLine } from './plaintext';
import {
  isRolesSection,
  makeRoleCollector,
  type RoleCollector,
  readTables,
  roleFromDefinition,
  roleFromScopeItem,
  rolesFromRaciLine,
  rolesFromTables,
} from './roles';
import { placeholderContexts, writtenPlaceholders } from './placeholderContext';
import { findSections } from './sections';
import { extractSteps } from './steps';
import { attachProseTiming, documentTiming } from './proseTiming';
import { lineRange, rangeOf, readField } from './text';
import { readMeta } from './meta';
import { decideProcedure, attachFallbackOwners } from './recognition';
import { learnRoleVocabulary } from './vocabulary';

export { ChunkCache } from './markdown';
export type { LineInfo } from './lines';

/** Frontmatter `type` values that make a document an SOP even before it has steps. */
export const SOP_TYPES = /^(process|procedure|sop|runbook|workflow|playbook|checklist)$/;

/** Past this size a document is read line by line without mdast: remark would take many seconds. */
export const MAX_MARKDOWN_DOCUMENT = 2_500_000;

export interface ParseOptions {
  /** `markdown` unless the file is `.txt`; plain text is read line by line (see plaintext.ts). */
  format?: DocumentFormat;
  /** Re-use parsed chunks across calls (the language server keeps one per open document). */
  cache?: ChunkCache;
  /** Re-use the procedure recogniser's walk of unchanged sections (one per open document; core/incremental). */
  sectionMemos?: SectionMemos;
  /** Parse the Markdown body in one piece instead of chunks (used to prove both agree). */
  chunked?: boolean;
  /** False: every Markdown chunk through remark, none through the remark-free reader (differential tests). */
  simpleMarkdown?: boolean;
  /**
   * The workspace configuration forces the document to be an SOP (`true`, matched by `sopFiles`) or not
   * (`false`, matched by `notSopFiles`); see sopFiles.ts. Frontmatter `sop:` still wins over it.
   */
  sopOverride?: boolean;
}

export interface ParseResult {
  doc: SopDocument;
  lines: LineInfo[];
  /** Chunks given to remark in this call (0 when all came from the cache or the document is plain text). */
  parsedChunks: number;
}

/**
 * `.md` is Markdown. Other files (`.txt` exports of SOPs are common) are Markdown only when they show it:
 * frontmatter, an ATX heading or strong text; otherwise CommonMark would fold their lines together.
 */
export function detectFormat(path: string, text: string): DocumentFormat {
  if (/\.(md|markdown|mdown|mkd)$/i.test(path)) return 'markdown';
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (/^\uFEFF?---[ \t]*\r?\n/.test(head) || /^#{1,6}[ \t]\S/m.test(head) || /\*\*[^*\n]+\*\*/.test(head)) return 'markdown';
  return 'plaintext';
}

export function parseSop(text: string, uri: string, options: ParseOptions = {}): SopDocument {
  return parseSopDetailed(text, uri, options).doc;
}

export function parseSopDetailed(text: string, uri: string, options: ParseOptions = {}): ParseResult {
  const format = options.format ?? detectFormat(uri, text);
  const problems: ParseProblem[] = [];
  if (isBinary(text)) {
    problems.push({
      code: 'binary-content',
      message: 'This file looks binary (it contains NUL or control bytes); it was not read as an SOP.',
      range: makeRange(0, 0, 0, 0),
    });
    return { doc: emptyDocument(uri, format, problems), lines: [], parsedChunks: 0 };
  }
  const split = splitLines(text);
  const rawLines = split.lines;
  const fm = readFrontmatter(rawLines);
  problems.push(...fm.problems);

  let lines: LineInfo[];
  let parsedChunks = 0;
  const tooLarge = text.length > MAX_MARKDOWN_DOCUMENT;
  if (format === 'markdown' && tooLarge) {
    problems.push({
      code: 'document-too-large',
      message: `This document is ${(text.length / 1e6).toFixed(1)} MB; past ${(MAX_MARKDOWN_DOCUMENT / 1e6).toFixed(1)} MB it is read as plain text, without Markdown structure.`,
      range: makeRange(0, 0, 0, rawLines[0]!.length),
    });
  }
  if (format === 'markdown' && !tooLarge) {
    const result = markdownLines(rawLines, fm.endLine, options.cache, { chunked: options.chunked !== false, simple: options.simpleMarkdown !== false });
    lines = result.lines;
    parsedChunks = result.parsedChunks;
    let reported = 0;
    for (let i = 0; i < rawLines.length && reported < 20; i++) {
      const raw = rawLines[i]!;
      if (raw.length > MAX_MARKDOWN_LINE) {
        reported++;
        problems.push({
          code: 'line-too-long',
          message: `Line ${i + 1} is ${raw.length} characters long; lines over ${MAX_MARKDOWN_LINE} characters are not read.`,
          range: makeRange(i, 0, i, raw.length),
        });
      } else if (tooComplexForMarkdown(raw)) {
        reported++;
        problems.push({
          code: 'line-too-complex',
          message: `Line ${i + 1} is nested too deeply (more than ${MAX_LINE_NESTING} lists or quotes, or over ${MAX_MARKDOWN_INDENT} columns of indentation); it is not read.`,
          range: makeRange(i, 0, i, raw.length),
        });
      }
    }
    for (const [a, b] of bracketHeavyParagraphs(rawLines.map((l) => (isUnparseableLine(l) ? '' : l)), fm.endLine + 1).slice(0, 20)) {
      problems.push({
        code: 'paragraph-too-complex',
        message: `Lines ${a + 1}–${b} hold more than ${MAX_PARAGRAPH_BRACKETS} square brackets in one paragraph; its links and references are not read (parsing them would take minutes).`,
        range: makeRange(a, 0, b - 1, rawLines[b - 1]!.length),
      });
    }
  } else {
    lines = rawLines.map((raw, i) => (i <= fm.endLine ? { ...blankLine(i, raw), block: 'frontmatter' as const } : scanPlainLine(i, raw)));
  }
  if (fm.endLine >= 0) {
    for (let i = 0; i <= fm.endLine; i++) lines[i] = { ...lines[i]!, block: 'frontmatter' };
  }
  options.sectionMemos?.begin();
  const doc = buildDocument(uri, format, lines, fm.frontmatter, problems, options.sopOverride, options.sectionMemos);
  return { doc, lines, parsedChunks };
}

/**
 * The model from lines the caller scanned itself, without remark (the language server's model of a document over
 * its size budget: no lines, one problem).
 */
export function documentFromLines(
  uri: string,
  format: DocumentFormat,
  lines: LineInfo[],
  frontmatter: SopDocument['frontmatter'],
  problems: ParseProblem[] = [],
  sopOverride?: boolean,
): SopDocument {
  return buildDocument(uri, format, lines, frontmatter, problems, sopOverride);
}

export function isBinary(text: string): boolean {
  // A NUL anywhere (not just in the sample) means binary: text files never hold one, and one scan is cheap.
  if (text.includes('\u0000')) return true;
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    else if (c === 0xfffd) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

function emptyDocument(uri: string, format: DocumentFormat, problems: ParseProblem[]): SopDocument {
  return {
    uri,
    format,
    isSop: false,
    dialect: 'none',
    lineCount: 0,
    meta: { authors: [], tags: [] },
    links: [],
    sections: [],
    roles: [],
    steps: [],
    placeholders: [],
    triggers: [],
    directives: [],
    problems,
  };
}

function buildDocument(
  uri: string,
  format: DocumentFormat,
  lines: LineInfo[],
  frontmatter: SopDocument['frontmatter'],
  problems: ParseProblem[],
  sopOverride?: boolean,
  memo?: SectionMemos,
): SopDocument {
  const plain = format === 'plaintext';
  const sections = findSections(lines, plain);
  const lineSection = sectionPerLine(sections, lines.length);

  const triggers: Located[] = [];
  const roles = collectRoles(lines, lineSection, triggers);
  const declared = new Set<string>();
  for (const r of roles.roles) for (const a of r.aliases) declared.add(a);

  const isDeclaredRole = (name: string): boolean => declared.has(normaliseRole(name));
  const seedDialects = extractSteps({ lines, sections, lineSection, plain, isDeclaredRole });
  const fmType = frontmatter?.data?.['type'];
  const sopType = typeof fmType === 'string' && SOP_TYPES.test(fmType.toLowerCase());
  const otherType = typeof fmType === 'string' && fmType.trim() !== '' && !sopType;
  // Reading steps also knows the roles the document names by using them (parse/vocabulary.ts); the declared
  // roles above stay what unknown-role compares against.
  // Learnt on first use: seed-dialect documents whose steps all name an owner never ask (≈7% of a lint).
  let learnt: Set<string> | undefined;
  const isKnownRole = (name: string): boolean => {
    const n = normaliseRole(name);
    return declared.has(n) || (learnt ??= learnRoleVocabulary(lines)).has(n);
  };
  const procedure = decideProcedure({ uri, lines, sections, isDeclaredRole: isKnownRole, frontmatter, sopOverride, seedDialects, sopType, otherType, ...(memo ? { memo } : {}) });
  const { steps, dialect } = procedure;
  attachProseTiming(steps, lines);
  for (const step of steps) {
    for (const f of step.fields) if (f.label === 'trigger' && f.value) triggers.push({ value: f.value, range: f.valueRange });
  }

  const meta: DocumentMeta = readMeta(frontmatter, lines, sections, steps, lineSection);
  const links: IdLink[] = frontmatterLinks(frontmatter);
  const placeholders: Placeholder[] = [];
  const directives: InlineDirective[] = [];
  scanInline(lines, meta, links, placeholders, directives, placeholderContexts(lines, sections));

  attachFallbackOwners(steps, meta);
  const type = meta.type?.value.toLowerCase();
  // Structure decides, not wording: a README that mentions SOPs is not one.
  let isSop = procedure.isSop ?? (steps.length > 0 || (!!type && SOP_TYPES.test(type)));
  let recognisedBy = procedure.recognisedBy;
  if (procedure.isSop === undefined && steps.length === 0 && isSop) recognisedBy = `frontmatter type: ${meta.type!.value}`;
  if (procedure.isSop === undefined && !isSop) recognisedBy = procedure.notSopReason;
  isSop = !!isSop;
  const timing = isSop ? documentTiming(steps, lines, sections) : [];

  return {
    uri,
    format,
    isSop,
    ...(recognisedBy ? { recognisedBy } : {}),
    dialect,
    lineCount: lines.length,
    ...(frontmatter ? { frontmatter } : {}),
    meta,
    links,
    sections,
    roles: roles.roles,
    steps,
    placeholders,
    triggers,
    ...(timing.length ? { timing } : {}),
    directives,
    problems,
  };
}

/**
 * The roles a document declares (role tables, RACI lines, definitions in roles/definitions sections, scope items),
 * and with `triggers` the items of trigger sections. Shared with the index extractor (core/indexScan.ts).
 */
export function collectRoles(lines: readonly LineInfo[], lineSection: readonly (Section | undefined)[], triggers?: Located[]): RoleCollector {
  const roles = makeRoleCollector();
  rolesFromTables(readTables(lines as LineInfo[]), roles);
  for (const info of lines) {
    if (info.block !== 'text') continue;
    const section = lineSection[info.line];
    const inRoles = isRolesSection(section);
    if (inRoles && rolesFromRaciLine(info, roles)) continue;
    if (info.itemDepth > 0 && (section?.kind === 'definitions' || inRoles)) roleFromDefinition(info, roles, inRoles);
    else if (info.itemDepth > 0 && section?.kind === 'scope') roleFromScopeItem(info, roles);
    if (triggers && section?.kind === 'trigger' && info.itemDepth > 0) triggers.push({ value: info.text, range: lineRange(info) });
  }
  return roles;
}

export function sectionPerLine(sections: Section[], lineCount: number): (Section | undefined)[] {
  const out = new Array<Section | undefined>(lineCount);
  // Sections come in document order and nest; assigning outer before inner leaves the innermost in place.
  const ordered = [...sections].sort((a, b) => a.level - b.level || a.range.start.line - b.range.start.line);
  for (const s of ordered) {
    for (let l = s.range.start.line; l <= s.range.end.line && l < lineCount; l++) out[l] = s;
  }
  return out;
}

const RELATION_KEYS = new Set(['supersedes', 'depends_on', 'enables', 'relates_to', 'conflicts_with']);
const FLAT_LINK_KEYS = /^(links_to|related|related_to|see_also|references|superseded_by|depends_on|supersedes|enables|relates_to|conflicts_with)$/;

export function frontmatterLinks(fm: SopDocument['frontmatter']): IdLink[] {
  const links: IdLink[] = [];
  const data = fm?.data;
  if (!fm || !data) return links;
  const addList = (relation: string, value: unknown, path: string): void => {
    const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    items.forEach((item, i) => {
      if (typeof item !== 'string' || !item.trim()) return;
      const range = fm.valueRanges[Array.isArray(value) ? `${path}[${i}]` : path];
      if (!range) return;
      links.push({ relation, id: item.trim(), range, source: 'frontmatter' });
    });
  };
  const linksObj = data['links'];
  if (linksObj && typeof linksObj === 'object' && !Array.isArray(linksObj)) {
    for (const [rel, value] of Object.entries(linksObj as Record<string, unknown>)) addList(rel, value, `links.${rel}`);
  } else if (Array.isArray(linksObj)) {
    addList('links', linksObj, 'links');
  }
  for (const [key, value] of Object.entries(data)) {
    if (key !== 'links' && FLAT_LINK_KEYS.test(key)) addList(RELATION_KEYS.has(key) ? key : key, value, key);
  }
  return links;
}

const ID_PATTERN = /\b[A-Z][A-Z0-9]{1,9}-\d{1,6}\b/g;
const BRACKETS = /\[([^[\]\n]{1,80})\]/g;
const MUSTACHE = /\{\{\s*([A-Za-z_][\w.]{0,60})\s*\}\}/g;
/**
 * Variables of the static-site generator a page is published with (Jekyll/Liquid `{{ site.baseurl }}`,
 * `{{ page.path }}`, MkDocs `{{ config.site_url }}`): the site build fills them, so they are not left for an author.
 */
const SITE_VARIABLE = /^(?:site|page|layout|include|jekyll|paginator|config|theme)\.\w/;
// Bounded so a line of unterminated comments stays linear.
const DIRECTIVE = /<!--[ \t]{0,20}sopls-(disable-next-line|disable-line|disable|enable)\b([^>]{0,500}?)-->/g;

export function isPlaceholderText(inner: string): boolean {
  const t = inner.trim();
  if (t.length < 2) return false;
  // `[NAME, EMAIL, PHONE]`: a list of fields to fill in, as a contacts table leaves them.
  if (/^[A-Z][A-Z0-9]*(?:[_ ][A-Z0-9]+)*(?:,\s*[A-Z][A-Z0-9]*(?:[_ ][A-Z0-9]+)*)+$/.test(t)) return true;
  if (/^[A-Z][A-Z0-9]*(?:[_ ][A-Z0-9]+)*$/.test(t)) return !/^[A-Z]+$/.test(t) || t.length >= 3 || /_/.test(t);
  if (/YYYY|MM-DD|_/.test(t)) return true;
  return /^(date|name|title|company|company name|email|e-mail|phone|owner|tbd|tbc|your [\w ]+|insert [\w ,]+|name, title|[\w ]+ name|link|url)$/i.test(t);
}

function inSpans(spans: [number, number][] | undefined, a: number, b: number): boolean {
  if (!spans) return false;
  for (const [s, e] of spans) if (a < e && b > s) return true;
  return false;
}

function scanInline(
  lines: LineInfo[],
  meta: DocumentMeta,
  links: IdLink[],
  placeholders: Placeholder[],
  directives: InlineDirective[],
  contexts: readonly (PlaceholderContext | undefined)[],
): void {
  const selfId = meta.id?.value;
  for (const info of lines) {
    const context = contexts[info.line];
    if (info.block === 'html' || ((info.block === 'text' || info.block === 'heading') && info.raw.includes('<!--'))) {
      DIRECTIVE.lastIndex = 0;
      let d: RegExpExecArray | null;
      while ((d = DIRECTIVE.exec(info.raw))) {
        const rules = d[2]!.split(/[\s,]+/).filter(Boolean);
        directives.push({
          kind: d[1] as InlineDirective['kind'],
          rules,
          line: info.line,
          range: makeRange(info.line, d.index, info.line, d.index + d[0].length),
        });
      }
      if (info.block === 'html') continue;
    }
    // `title: "__Institute__ Quality Manual"`: a frontmatter value left as the template wrote it.
    if (info.block === 'frontmatter') {
      for (const w of writtenPlaceholders(info.raw, info.raw)) {
        if (!w.source) continue;
        placeholders.push({ name: w.name, written: w.written, range: makeRange(info.line, w.start, info.line, w.end), ...(context ? { context } : {}) });
      }
      continue;
    }
    if (info.block !== 'text' && info.block !== 'heading') continue;
    const text = info.text;
    if (text.includes('[')) {
      BRACKETS.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = BRACKETS.exec(text))) {
        const a = m.index;
        const b = a + m[0].length;
        if (inSpans(info.codeSpans, a, b) || inSpans(info.linkSpans, a, b)) continue;
        if (text[b] === '(') continue;
        if (!isPlaceholderText(m[1]!)) continue;
        placeholders.push({ name: m[1]!.trim(), range: rangeOf(info, a, b), ...(context ? { context } : {}) });
      }
    }
    for (const w of writtenPlaceholders(text, info.raw)) {
      if (!w.source && inSpans(info.codeSpans, w.start, w.end)) continue;
      const range = w.source ? makeRange(info.line, w.start, info.line, w.end) : rangeOf(info, w.start, w.end);
      placeholders.push({ name: w.name, written: w.written, range, ...(context ? { context } : {}) });
    }
    if (text.includes('{{')) {
      MUSTACHE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = MUSTACHE.exec(text))) {
        if (inSpans(info.codeSpans, m.index, m.index + m[0].length) || SITE_VARIABLE.test(m[1]!)) continue;
        placeholders.push({ name: m[1]!, range: rangeOf(info, m.index, m.index + m[0].length), ...(context ? { context } : {}) });
      }
    }
    idLinksOfLine(info, selfId, links);
  }
}

/** ID mentions (`PRC-001`) in a text or heading line, outside code spans and other than the document's own id. */
export function idLinksOfLine(info: LineInfo, selfId: string | undefined, links: IdLink[]): void {
  const text = info.text;
  if (!/[A-Z][A-Z0-9]{0,9}-\d/.test(text)) return;
  ID_PATTERN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ID_PATTERN.exec(text))) {
    const a = m.index;
    const b = a + m[0].length;
    if (inSpans(info.codeSpans, a, b)) continue;
    if (m[0] === selfId) continue;
    links.push({ relation: 'body', id: m[0], range: rangeOf(info, a, b), source: 'body' });
  }
}

export { readField, lineRange };
