import { makeRange, type Section, type SectionKind } from '../model';
import type { LineInfo } from './lines';
import { lineRange, normaliseTitle } from './text';

const SECTION_PATTERNS: [SectionKind, RegExp][] = [
  ['purpose', /^(purpose|objectives?|overview|introduction|summary|background)$/],
  ['scope', /^(scope|applicability|audience|who this applies to)$/],
  ['definitions', /^(definitions|glossary|terms|key terms|terms and definitions|terminology|acronyms)$/],
  [
    'roles',
    /^(roles|responsibilities|roles (and|&) responsibilities|responsible parties|raci|daci|raci matrix|raci chart|stakeholders|ownership)$/,
  ],
  [
    'procedure',
    /^((step[- ]by[- ]step )?procedures?|process|process steps|steps|workflow|detailed process|detailed procedure|procedure steps|instructions|onboarding (process|steps|procedure)|the process)$/,
  ],
  ['trigger', /^(triggers?|when to use( this (sop|process))?|start conditions?)$/],
  ['inputs', /^(inputs?|prerequisites|requirements)$/],
  ['outputs', /^(outputs?|deliverables|results)$/],
  ['metrics', /^(success metrics|metrics|metrics (&|and) kpis|kpis|key metrics|measures of success|success criteria)$/],
  ['escalation', /^(escalation|escalation paths?|escalation process|escalation matrix|escalations)$/],
  ['review', /^(review cadence|review|document review|review and approval|approval|maintenance|document control)$/],
  ['revision-history', /^(revision history|change log|changelog|version history|document history)$/],
];

/** Titles that are section headings in plain text, where nothing marks a heading. */
const PLAIN_EXTRA = /^(tools( (&|and) systems)?|exceptions|quality checks|references|appendix|appendices|related documents|communication plan|customer health scoring|support process|training)$/;

export function classifySection(title: string): SectionKind {
  const t = normaliseTitle(title)
    .replace(/^(section\s+)?\d+(\.\d+)*[.)]?\s+/, '')
    .replace(/[:]$/, '');
  for (const [kind, re] of SECTION_PATTERNS) if (re.test(t)) return kind;
  return 'other';
}

/** A plain-text line that is a section title: a known title on a line of its own. */
export function isPlainSectionTitle(info: LineInfo): boolean {
  if (info.block !== 'text' || info.itemDepth > 0 || info.indent > 0) return false;
  // "Deliverables:" inside a step introduces a list; section titles stand without a colon.
  if (info.text.endsWith(':') || info.text.length > 60) return false;
  const t = normaliseTitle(info.text);
  if (t.length === 0 || t.length > 40) return false;
  return classifySection(t) !== 'other' || PLAIN_EXTRA.test(t);
}

export function findSections(lines: LineInfo[], plain: boolean): Section[] {
  const heads: { info: LineInfo; level: number }[] = [];
  const hasHeadings = !plain && lines.some((l) => l.block === 'heading' && l.headingDepth > 1);
  for (const info of lines) {
    // A heading inside a quote is part of what is quoted (an example report, a message), not a section.
    if (info.block === 'heading' && info.text && !/^\s{0,3}>/.test(info.raw)) heads.push({ info, level: info.headingDepth });
    // Markdown files written in the plain style (no headings) still have their "Procedures" lines.
    else if ((plain || !hasHeadings) && isPlainSectionTitle(info)) heads.push({ info, level: 1 });
  }
  const sections: Section[] = [];
  for (let i = 0; i < heads.length; i++) {
    const { info, level } = heads[i]!;
    let endLine = lines.length - 1;
    for (let j = i + 1; j < heads.length; j++) {
      if (heads[j]!.level <= level) {
        endLine = heads[j]!.info.line - 1;
        break;
      }
    }
    while (endLine > info.line && lines[endLine]!.block === 'blank') endLine--;
    const title = info.text.replace(/:\s*$/, '');
    sections.push({
      title,
      level,
      headingRange: lineRange(info),
      range: makeRange(info.line, 0, endLine, lines[endLine]!.raw.length),
      kind: classifySection(title),
    });
  }
  return sections;
}

/** The innermost section containing `line`. */
export function sectionAt(sections: Section[], line: number): Section | undefined {
  let found: Section | undefined;
  for (const s of sections) {
    if (s.range.start.line <= line && line <= s.range.end.line) {
      if (!found || s.level >= found.level) found = s;
    }
  }
  return found;
}
