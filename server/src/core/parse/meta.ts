import type { DocumentMeta, Frontmatter, Located, Section, Step } from '../model';
import type { LineInfo } from './lines';
import { lineRange, rangeOf, readField } from './text';

const CADENCE_WORD = /\b(annually|annual|yearly|every year|semi-?annually|twice a year|quarterly|every quarter|monthly|every month|bi-?annually|every \d{1,2} months)\b/i;
/** A heading that starts with the document's id: `# PRC-001: Client Onboarding`. */
export const HEADING_ID = /^([A-Z][A-Z0-9]{1,9}-\d{1,6})\s*[:–—-]\s*/;

export function readMeta(
  fm: Frontmatter | undefined,
  lines: LineInfo[],
  sections: Section[],
  steps: Step[],
  lineSection: (Section | undefined)[],
): DocumentMeta {
  const meta: DocumentMeta = { authors: [], tags: [] };
  const data = fm?.data;
  if (fm && data) {
    const str = (path: string, value: unknown): Located | undefined => {
      if (value === undefined || value === null || typeof value === 'object') return undefined;
      const range = fm.valueRanges[path];
      return range ? { value: String(value), range } : undefined;
    };
    const processMeta = (data['process_meta'] ?? {}) as Record<string, unknown>;
    const set = <K extends keyof DocumentMeta>(key: K, v: DocumentMeta[K] | undefined): void => {
      if (v !== undefined) meta[key] = v;
    };
    set('id', str('id', data['id']));
    set('type', str('type', data['type']));
    set('title', str('title', data['title']));
    set('status', str('status', data['status']));
    set('created', str('created', data['created']));
    set('updated', str('updated', data['updated']));
    set('version', str('version', data['version']));
    set('owner', str('owner', data['owner']));
    set(
      'lastReview',
      str('process_meta.last_review', processMeta['last_review']) ??
        str('last_review', data['last_review']) ??
        str('last_reviewed', data['last_reviewed']),
    );
    set(
      'reviewCadence',
      str('review_cadence', data['review_cadence']) ??
        str('review_frequency', data['review_frequency']) ??
        str('process_meta.review_cadence', processMeta['review_cadence']),
    );
    set('duration', str('process_meta.duration', processMeta['duration']) ?? str('duration', data['duration']));
    if (Array.isArray(data['authors'])) meta.authors = data['authors'].map(String);
    else if (typeof data['author'] === 'string') meta.authors = [data['author']];
    if (Array.isArray(data['tags'])) meta.tags = data['tags'].map(String);
  }

  const inStep = new Uint8Array(lines.length);
  for (const s of steps) for (let l = s.range.start.line; l <= s.range.end.line; l++) inStep[l] = 1;

  for (const info of lines) {
    if (info.block === 'heading' && info.text) {
      const idm = HEADING_ID.exec(info.text);
      if (idm && !meta.id) meta.id = { value: idm[1]!, range: rangeOf(info, 0, idm[1]!.length) };
      if (!meta.title) meta.title = { value: info.text, range: lineRange(info) };
      continue;
    }
    if (info.block !== 'text') continue;
    if (!meta.title) meta.title = { value: info.text, range: lineRange(info) };
    if (inStep[info.line]) continue;
    const field = readField(info);
    if (!field || !field.value) continue;
    const v: Located = { value: field.value, range: field.valueRange };
    switch (field.label) {
      case 'version':
        meta.version ??= v;
        break;
      case 'last updated':
      case 'last reviewed':
        if (/^\d{4}-\d{2}-\d{2}/.test(field.value)) meta.lastReview ??= v;
        break;
      case 'review frequency':
        meta.reviewCadence ??= v;
        break;
      case 'document owner':
        meta.owner ??= v;
        break;
      case 'owner':
        if (lineSection[info.line] === undefined || lineSection[info.line]!.level <= 1) meta.owner ??= v;
        break;
      default:
        break;
    }
  }
  if (!meta.reviewCadence) {
    for (const s of sections) {
      if (s.kind !== 'review') continue;
      for (let l = s.range.start.line; l <= s.range.end.line; l++) {
        const info = lines[l]!;
        if (info.block !== 'text' && info.block !== 'heading') continue;
        const m = CADENCE_WORD.exec(info.text);
        if (m) {
          meta.reviewCadence = { value: m[1]!, range: rangeOf(info, m.index, m.index + m[0].length) };
          break;
        }
      }
      if (meta.reviewCadence) break;
    }
  }
  return meta;
}
