import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import type { Range } from '../../server/src/core/model';
import { ROOT, seedFiles } from '../helpers';

/**
 * fast-check generators for SOP documents in the dialects of the seeds (numbered plain text with line-broken
 * role tables, nested `- Owner:` bullets, `### Stage N`, frontmatter + `### Step N`), reference documents with
 * ids, and mutations of real files, so property tests reach the odd corners of every extractor.
 */

const ROLE_NAMES = ['Customer Success Manager (CSM)', 'Account Executive', 'Solutions Engineer (SE)', 'Support Team', 'Billing Clerk'];
const OWNERS = ['CSM', 'Account Executive + SE', 'Customer Success Managers', 'TBD', '[OWNER]', '?', 'Unknown Wizard', 'CSM / Support Team', ''];
const TITLES = ['Kickoff Meeting', 'Account Setup', 'Needs Assessment Process', '30-Day Check-In', 'Go-Live', 'Welcome Sequence'];
const TIMINGS = [
  'Within 24 hours of contract signing',
  'Within 5 business days of account setup',
  'Complete within 7 business days of Kickoff Meeting',
  'During the kickoff meeting',
  'Immediately after contract signing',
  'Days 0-30',
  'Day 14',
  'Weeks 5-12',
  '90 Days Before Renewal',
  'Ongoing',
  'quarterly',
  '1-2 business days',
  '1 hour meeting + follow-ups',
  'Within 2 business days of Go-Live',
  'Within 3 days of Step 4',
  'Within 0 business days of the security sign-off',
  'within within of of 5',
  '',
];
const IDS = ['POL-001', 'CUS-010', 'PRC-002', 'PRC-999999', 'X-1', 'AB-12'];

// Characters that mean something to Markdown, YAML, the line scanner or LSP positions.
const NASTY = ['*', '**', '_', '`', '```', '#', '### ', '- ', '1. ', '> ', '|', '[', ']', '(', ')', '<!--', '-->', '---', ':', '\t', '\r\n', '\r', '\n', '\u00a0', '\u2028', 'é', '😀', '\ud800', '&amp;', '<script>', '{{', '}}', '\\', '  '];

const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.constantFrom(...TITLES, ...OWNERS, ...TIMINGS, ...IDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
export const nastyText = fc.array(token, { maxLength: 12 }).map((parts) => parts.join(''));

interface StepSpec {
  number: number;
  title: string;
  owner: string | undefined;
  timing: string | undefined;
  duration: string | undefined;
  actions: string[];
}

const stepSpec = fc.record({
  number: fc.integer({ min: 0, max: 40 }),
  title: fc.oneof(fc.constantFrom(...TITLES), nastyText),
  owner: fc.option(fc.oneof(fc.constantFrom(...OWNERS), nastyText), { nil: undefined }),
  timing: fc.option(fc.oneof(fc.constantFrom(...TIMINGS), nastyText), { nil: undefined }),
  duration: fc.option(fc.constantFrom('1-2 business days', '60 minutes', '2 weeks', 'forever'), { nil: undefined }),
  actions: fc.array(fc.oneof(fc.constantFrom('Send the welcome email', 'Review [COMPANY_NAME] contract', 'See POL-001'), nastyText), { maxLength: 4 }),
});

const docSpec = fc.record({
  dialect: fc.constantFrom('plain', 'bullets', 'stages', 'steps', 'reference'),
  roles: fc.subarray(ROLE_NAMES),
  steps: fc.array(stepSpec, { maxLength: 10 }),
  id: fc.option(fc.constantFrom(...IDS, 'not an id', ''), { nil: undefined }),
  links: fc.array(fc.oneof(fc.constantFrom(...IDS), nastyText), { maxLength: 3 }),
  yamlJunk: fc.option(nastyText, { nil: undefined }),
  crlf: fc.boolean(),
});

type DocSpec = typeof docSpec extends fc.Arbitrary<infer T> ? T : never;

function render(s: DocSpec): { text: string; uri: string } {
  const out: string[] = [];
  const fm = () => {
    out.push('---', 'type: process', `id: ${s.id ?? 'PRC-100'}`, 'title: Generated', 'status: active', 'links:', `  relates_to: [${s.links.join(', ')}]`);
    if (s.yamlJunk !== undefined) out.push(s.yamlJunk);
    out.push('---');
  };
  let ext = 'md';
  switch (s.dialect) {
    case 'plain':
      ext = 'txt';
      out.push('Standard Operating Procedure (SOP): Generated', 'Responsibilities', '| Role |', 'Responsibility |');
      for (const r of s.roles) out.push(`| ${r} |`, 'Does things. |');
      out.push('Step-by-Step Procedures');
      for (const st of s.steps as StepSpec[]) {
        out.push(`${st.number}. ${st.title}`);
        if (st.owner !== undefined) out.push(`Owner: ${st.owner}`);
        if (st.timing !== undefined) out.push(`Timeline: ${st.timing}`);
        if (st.duration !== undefined) out.push(`Duration: ${st.duration}`);
        for (const a of st.actions) out.push(`- ${a}`);
      }
      break;
    case 'bullets':
      ext = 'txt';
      out.push('Standard Operating Procedure (SOP): Generated', 'Definitions');
      for (const r of s.roles) out.push(`- ${r}: A role.`);
      out.push('Procedures');
      for (const st of s.steps as StepSpec[]) {
        out.push(`${st.number}. ${st.title}`, 'Objective: Keep going.');
        if (st.owner !== undefined) out.push(`- Owner: ${st.owner}.`);
        out.push('- Steps:');
        for (const a of st.actions) out.push(`- ${a}`);
        if (st.timing !== undefined) out.push(`- Timeline: ${st.timing}.`);
      }
      break;
    case 'stages':
      out.push('# Standard Operating Procedure: Generated', '', '## SCOPE', '', 'This SOP applies to:');
      for (const r of s.roles) out.push(`- ${r}s`);
      out.push('', '## DETAILED PROCESS', '');
      for (const st of s.steps as StepSpec[]) {
        out.push(`### Stage ${st.number}: ${st.title} (${st.timing ?? 'Days 0-30'})`, '');
        if (st.owner !== undefined) out.push(`**Owner**: ${st.owner}  `);
        if (st.duration !== undefined) out.push(`**Duration**: ${st.duration}  `);
        out.push('', `**Day ${st.number}: ${st.title}**`);
        for (const a of st.actions) out.push(`- [ ] ${a}`);
        out.push('', '---', '');
      }
      break;
    case 'steps':
      fm();
      out.push('', '# Generated', '', '## DACI', '');
      for (const r of s.roles) out.push(`- **Driver**: ${r}`);
      out.push('', '## Process Steps', '');
      for (const st of s.steps as StepSpec[]) {
        out.push(`### Step ${st.number}: ${st.title}`);
        if (st.owner !== undefined) out.push(`**Owner**: ${st.owner}`);
        if (st.duration !== undefined) out.push(`**Duration**: ${st.duration}`);
        if (st.timing !== undefined) out.push(`**Timeline**: ${st.timing}`);
        out.push('', '**Actions**:');
        st.actions.forEach((a, i) => out.push(`${i + 1}. ${a}`));
        out.push('');
      }
      break;
    default:
      fm();
      out.push('', '# Reference', '', ...s.links.map((l) => `See ${l}.`));
  }
  const text = out.join(s.crlf ? '\r\n' : '\n') + '\n';
  return { text, uri: `file:///ws/generated.${ext}` };
}

export const generatedSop = docSpec.map(render);

/** Real documents (the examples, and the seeds when ../shared/seeds exists) to mutate. */
export function realDocuments(): { text: string; uri: string }[] {
  const files = [
    ...['examples/onboarding-plain.txt', 'examples/renewal-bullets.txt', 'examples/customer-success-stages.md', 'examples/onboarding-steps.md', 'examples/data-residency-policy.md', 'examples/customers/acme-logistics.md'].map((f) => path.join(ROOT, f)),
    ...seedFiles(),
  ].filter((f) => fs.existsSync(f));
  return files.map((f) => ({ text: fs.readFileSync(f, 'utf8'), uri: `file:///ws/${path.basename(f)}` }));
}

export interface Edit {
  at: number;
  remove: number;
  insert: string;
}

const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: nastyText });

export function applyEdits(text: string, edits: Edit[]): string {
  let t = text;
  for (const e of edits) {
    const at = t.length ? e.at % (t.length + 1) : 0;
    t = t.slice(0, at) + e.insert + t.slice(at + e.remove);
  }
  return t;
}

/** A real document (seed or example) after a few random edits, keeping its extension. */
export function mutatedReal(docs: { text: string; uri: string }[]) {
  return fc.record({ index: fc.nat({ max: docs.length - 1 }), edits: fc.array(edit, { maxLength: 6 }) }).map(({ index, edits }) => {
    const base = docs[index]!;
    return { text: applyEdits(base.text, edits), uri: base.uri };
  });
}

/** A generated document after random edits: mutation reaches states no renderer writes. */
export const mutatedGenerated = fc.tuple(generatedSop, fc.array(edit, { maxLength: 4 })).map(([doc, edits]) => ({ text: applyEdits(doc.text, edits), uri: doc.uri }));

/** Lines as an LSP client counts them (\n, \r\n and \r). */
export function documentLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function isRange(v: unknown): v is Range {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<Range>;
  return typeof r.start?.line === 'number' && typeof r.start?.character === 'number' && typeof r.end?.line === 'number' && typeof r.end?.character === 'number';
}

/** Why `range` is not inside the document, or undefined when it is. */
export function rangeProblem(range: Range, lines: string[]): string | undefined {
  const { start, end } = range;
  for (const [name, p] of [['start', start], ['end', end]] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `${name} is not a valid position`;
    if (p.line >= Math.max(1, lines.length)) return `${name} line ${p.line} past the last line ${lines.length - 1}`;
    if (p.character > (lines[p.line] ?? '').length) return `${name} character ${p.character} past the end of line ${p.line} (${(lines[p.line] ?? '').length})`;
  }
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return 'start after end';
  return undefined;
}

/**
 * Every range anywhere in `value` (a model, findings, a timeline), except under keys in `skipKeys` (ranges
 * that belong to other documents, such as related locations with another uri).
 */
export function collectRanges(value: unknown, out: { path: string; range: Range }[] = [], where = '$', seen = new Set<unknown>()): { path: string; range: Range }[] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  if (isRange(value)) {
    out.push({ path: where, range: value });
    return out;
  }
  if (Array.isArray(value)) value.forEach((v, i) => collectRanges(v, out, `${where}[${i}]`, seen));
  else for (const [k, v] of Object.entries(value)) collectRanges(v, out, `${where}.${k}`, seen);
  return out;
}
