#!/usr/bin/env node
// Deterministic corpus of SOP documents in every dialect sopls reads, with a manifest of planted defects.
//
//   node bench/gen-corpus.mjs [--count 1000] [--seed 7] [--out bench/corpus/n1000-s7] [--large-fraction 0.01]
//
// Same options → byte-identical files (no clock, no Math.random, no locale formatting). Each document draws
// from its own generator seeded by (seed, index), so a 1,000-document corpus is not a prefix of the
// 10,000-document one; the id space is fixed up front so links resolve across the whole corpus.
//
// Dialects (folder / extension):
//   plain    processes/*.txt  numbered lines + `Owner:` / `Timeline:` lines, line-broken `| Role |` table
//   bullets  processes/*.txt  numbered lines + nested `- Owner:` / `- Timeline:` bullets
//   stages   processes/*.md   `### Stage N: Name (Days A-B)` with `**Owner**:` and `**Day N: …**` blocks
//   steps    processes/*.md   frontmatter + `### Step N: Title` with `**Owner**:` / `**Duration**:`
//   policy   policies/*.md    frontmatter, prose, no steps (link targets)
//   customer customers/*.md   frontmatter with contract fields (link targets)
//
// manifest.json: { generator, seed, count, totals, documents: [{ file, dialect, id?, lines, large, steps,
// defects: [{ rule, line, span: [first, last], detail }] }] } with 1-based lines. A linter finds a planted
// defect when it reports that rule in that file on a line inside `span`. Documents without defects are
// clean for every planted rule, so findings of those rules there are false positives.

import fs from 'node:fs';
import path from 'node:path';

/** Bumped whenever the same options would give different files, so the bench regenerates its corpus. */
export const GENERATOR_VERSION = 2;

// ------------------------------------------------------------------ options

function parseOptions(argv) {
  const o = { count: 1000, seed: '7', out: undefined, largeFraction: 0.01, defectRate: 0.12, force: false };
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (k === '--count') o.count = Number(value());
    else if (k === '--seed') o.seed = String(value());
    else if (k === '--out') o.out = value();
    else if (k === '--large-fraction') o.largeFraction = Number(value());
    else if (k === '--defect-rate') o.defectRate = Number(value());
    else if (k === '--force') o.force = true;
    else if (k === '--help' || k === '-h') {
      process.stdout.write('usage: node bench/gen-corpus.mjs [--count N] [--seed S] [--out DIR] [--large-fraction F] [--defect-rate F]\n');
      process.exit(0);
    } else {
      process.stderr.write(`gen-corpus: unknown argument ${argv[i]}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(o.count) || o.count < 1) {
    process.stderr.write('gen-corpus: --count needs a positive integer\n');
    process.exit(2);
  }
  o.out ??= path.join(path.dirname(new URL(import.meta.url).pathname), 'corpus', `n${o.count}-s${o.seed}`);
  return o;
}

// ------------------------------------------------------------------ random numbers

// FNV-1a over the parts, then xorshift32 steps mixed through a multiply: small, exact integer arithmetic.
function seedOf(...parts) {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h || 0x9e3779b9;
}

class Rng {
  constructor(...parts) {
    this.s = seedOf(...parts);
    for (let i = 0; i < 8; i++) this.u32();
  }
  u32() {
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return Math.imul(this.s ^ (this.s >>> 15), 0x2c1b3c6d) >>> 0;
  }
  float() {
    return this.u32() / 4294967296;
  }
  int(lo, hi) {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }
  chance(p) {
    return this.float() < p;
  }
  pick(list) {
    return list[Math.floor(this.float() * list.length)];
  }
  some(list, n) {
    const copy = [...list];
    const out = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.float() * copy.length), 1)[0]);
    return out;
  }
}

// ------------------------------------------------------------------ vocabulary (written for this project)

const ROLES = [
  ['Client Partner', 'CP'],
  ['Implementation Lead', 'IL'],
  ['Onboarding Coordinator', 'OC'],
  ['Integration Engineer', 'IE'],
  ['Billing Administrator', 'BA'],
  ['Service Desk Lead', 'SDL'],
  ['Training Facilitator', 'TF'],
  ['Data Migration Analyst', 'DMA'],
  ['Renewals Manager', 'RM'],
  ['Risk Reviewer', 'RR'],
  ['Platform Operator', 'PO'],
  ['Quality Auditor', 'QA'],
  ['Procurement Officer', undefined],
  ['Field Technician', undefined],
  ['Clinical Liaison', undefined],
  ['Warehouse Supervisor', undefined],
  ['People Operations Partner', undefined],
  ['Release Coordinator', undefined],
];

const ROLE_DUTIES = [
  'Owns the relationship with the client and signs off each milestone.',
  'Plans the work, tracks open items and calls out risks early.',
  'Configures the product to match what was sold.',
  'Moves historical records across and checks the counts.',
  'Answers questions raised during the first weeks of service.',
  'Runs the training sessions and keeps attendance records.',
  'Raises invoices and checks them against the signed order.',
  'Reviews exceptions and decides whether work may continue.',
];

const UNKNOWN_OWNERS = ['Chief Happiness Officer', 'Night Shift Captain', 'Growth Hacker', 'Vendor Whisperer', 'Regional Overlord'];

const COMPANIES = [
  'Harbourline Freight', 'Oakridge Dental Group', 'Pinecrest Credit Union', 'Lumen Grid Utilities', 'Saffron Table Restaurants',
  'Northgate Robotics', 'Wrenfield Schools Trust', 'Copper Kettle Breweries', 'Silverbirch Care Homes', 'Marigold Travel',
];

const PRODUCTS = ['fleet tracking platform', 'scheduling suite', 'payments gateway', 'inventory service', 'learning portal', 'billing engine', 'telehealth kit', 'asset registry'];

const STEP_TITLES = [
  'Contract Handover', 'Welcome Call', 'Requirements Workshop', 'Environment Provisioning', 'Data Migration Dry Run',
  'Single Sign-On Setup', 'Integration Testing', 'Administrator Training', 'End User Training', 'Go-Live Readiness Review',
  'Cutover Weekend', 'Hypercare Review', 'Billing Activation', 'Success Plan Agreement', 'First Value Check',
  'Security Questionnaire', 'Hardware Dispatch', 'Site Survey', 'Access Review', 'Retrospective Meeting',
  'Reporting Configuration', 'Stakeholder Mapping', 'Pilot Group Launch', 'Support Handover', 'Executive Sponsor Update',
];

const STAGE_NAMES = ['Activation', 'Adoption', 'Expansion', 'Stabilisation', 'Value Review', 'Renewal Preparation', 'Optimisation', 'Handover'];

const ACTION_VERBS = ['Confirm', 'Record', 'Send', 'Schedule', 'Review', 'Check', 'Update', 'Share', 'Prepare', 'Agree', 'Test', 'Archive'];
const ACTION_OBJECTS = [
  'the signed order form', 'the project tracker', 'the welcome pack', 'login details for each administrator',
  'the data mapping sheet', 'open questions from the last call', 'the training calendar', 'the escalation contacts',
  'the sandbox tenant', 'invoice recipients and purchase order numbers', 'the go-live checklist', 'usage figures for the first month',
  'the list of integrations in scope', 'meeting notes in the CRM', 'the risk log', 'the success criteria with the sponsor',
];
const ACTION_TAILS = ['', '', ' before the end of the day', ' with the client sponsor', ' and note any gaps', ' in the shared folder', ' for sign-off'];

const PROSE = [
  'This procedure exists so that every client is brought onto the service the same way, whoever is on shift.',
  'Each step names one accountable owner; helpers may do the work but the owner answers for it.',
  'Dates are counted in business days unless a step says otherwise.',
  'When a step cannot finish on time, the owner tells the next owner the same day.',
  'Records of each step are kept in the client workspace so that audits can follow the trail.',
  'Anything the client has not supplied by the agreed date is raised at the next weekly call.',
  'The procedure is reviewed after every tenth client and whenever a step is missed twice in a row.',
  'Work that falls outside the signed scope is logged and passed to the commercial team.',
];

const EVENTS = ['contract signing', 'the signed order', 'receipt of the purchase order'];

// ------------------------------------------------------------------ documents

const DIALECTS = [
  ['plain', 22],
  ['bullets', 18],
  ['stages', 15],
  ['steps', 25],
  ['policy', 12],
  ['customer', 8],
];
const STEP_DIALECTS = new Set(['plain', 'bullets', 'stages', 'steps']);
const ID_PREFIX = { steps: 'PRC', stages: 'PRC', policy: 'POL', customer: 'CUS' };
const FOLDER = { plain: 'processes', bullets: 'processes', stages: 'processes', steps: 'processes', policy: 'policies', customer: 'customers' };

function pickWeighted(rng, pairs) {
  const total = pairs.reduce((a, [, w]) => a + w, 0);
  let x = rng.float() * total;
  for (const [v, w] of pairs) if ((x -= w) < 0) return v;
  return pairs[pairs.length - 1][0];
}

const pad = (n, w = 5) => String(n).padStart(w, '0');
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Decides every document's dialect and id first, so links can point anywhere in the corpus. */
function plan(opts) {
  const docs = [];
  const counters = {};
  const largeEvery = opts.largeFraction > 0 ? Math.round(1 / opts.largeFraction) : 0;
  for (let i = 0; i < opts.count; i++) {
    const rng = new Rng(opts.seed, i, 'plan');
    // Large documents are spread evenly (every 100th with the default 1%) and always step documents.
    const large = largeEvery > 0 && i % largeEvery === Math.floor(largeEvery / 2);
    let dialect = pickWeighted(rng, DIALECTS);
    if (large && !STEP_DIALECTS.has(dialect)) dialect = ['plain', 'bullets', 'stages', 'steps'][(i / largeEvery) % 4 | 0];
    const prefix = ID_PREFIX[dialect];
    let id;
    if (prefix) {
      counters[prefix] = (counters[prefix] ?? 0) + 1;
      id = `${prefix}-${pad(counters[prefix])}`;
    }
    const company = rng.pick(COMPANIES);
    const title = dialect === 'customer' ? `${company} Account` : dialect === 'policy' ? `${rng.pick(['Data Retention', 'Access Control', 'Travel', 'Records Management', 'Supplier Due Diligence', 'Escalation'])} Policy` : `${rng.pick(PRODUCTS).replace(/^./, (c) => c.toUpperCase())} Onboarding`;
    const base = `${id ? id + '-' : ''}${slug(title)}-${pad(i, 5)}`;
    const ext = dialect === 'plain' || dialect === 'bullets' ? 'txt' : 'md';
    docs.push({ index: i, dialect, id, large, title, company, file: `${FOLDER[dialect]}/${base}.${ext}` });
  }
  return docs;
}

/** Accumulates lines and remembers 1-based line numbers for the manifest. */
class Writer {
  constructor() {
    this.lines = [];
  }
  push(...ls) {
    for (const l of ls) this.lines.push(l);
  }
  /** Line number (1-based) the next pushed line will have. */
  get next() {
    return this.lines.length + 1;
  }
  text() {
    return this.lines.join('\n') + '\n';
  }
}

function roleLabel(role, style) {
  const [name, acronym] = role;
  if (!acronym) return name;
  return style === 'full' ? `${name} (${acronym})` : style === 'acronym' ? acronym : name;
}

function actionLine(rng) {
  return `${rng.pick(ACTION_VERBS)} ${rng.pick(ACTION_OBJECTS)}${rng.pick(ACTION_TAILS)}.`;
}

/**
 * The schedule of a document's steps: durations and deadlines that hold together unless a conflict is
 * planted. Deadlines are "within N business days of <event>" with N growing by at least each step's maximum
 * duration, so steps run in order and none is due before what precedes it can finish or is due.
 */
function makeSchedule(rng, count, conflictAt) {
  const steps = [];
  let due = 0;
  for (let i = 0; i < count; i++) {
    const min = rng.int(1, 3);
    const max = min + rng.int(0, 3);
    // Never earlier than the previous deadline plus this step's longest duration: the chain always fits.
    due += max + rng.int(0, 2);
    steps.push({ min, max, due });
  }
  if (conflictAt !== undefined) {
    // Due (from the trigger) before the step ahead of it can even finish at its fastest.
    let earliestBefore = 0;
    for (let i = 0; i < conflictAt; i++) earliestBefore += steps[i].min;
    steps[conflictAt].due = Math.max(1, earliestBefore - rng.int(2, 4));
  }
  return steps;
}

function durationText(s) {
  return s.min === s.max ? `${s.min} business day${s.min === 1 ? '' : 's'}` : `${s.min}-${s.max} business days`;
}

/**
 * Chooses which defects a document carries. Each kind is planted independently so recall is scored per
 * rule; a document draws each with probability defectRate / kinds so about defectRate of documents are dirty.
 */
function chooseDefects(rng, doc, opts, stepCount) {
  const kinds = doc.dialect === 'policy' || doc.dialect === 'customer' ? ['broken-link', 'placeholder'] : ['missing-owner', 'unknown-role', 'broken-link', 'placeholder', 'timeline-conflict', 'step-numbering'];
  const chosen = new Set();
  for (const k of kinds) if (rng.chance(opts.defectRate / 2.5)) chosen.add(k);
  const pickStep = (lo) => rng.int(lo, stepCount - 1);
  const missingOwner = chosen.has('missing-owner') ? pickStep(0) : undefined;
  let unknownRole = chosen.has('unknown-role') ? pickStep(0) : undefined;
  // A step without an owner line cannot also name an unknown owner.
  if (unknownRole !== undefined && unknownRole === missingOwner) unknownRole = (unknownRole + 1) % stepCount;
  return {
    missingOwner,
    unknownRole,
    brokenLink: chosen.has('broken-link'),
    placeholder: chosen.has('placeholder'),
    conflict: chosen.has('timeline-conflict') && stepCount >= 4 ? pickStep(3) : undefined,
    skipAt: chosen.has('step-numbering') && stepCount >= 3 ? pickStep(1) : undefined,
  };
}

function stepCountFor(rng, doc) {
  if (doc.large) return doc.dialect === 'stages' ? 90 : 110;
  return rng.int(6, 13);
}

function actionCountFor(rng, doc) {
  return doc.large ? rng.int(10, 13) : rng.int(4, 10);
}

function brokenId(rng, prefix) {
  return `${prefix}-${rng.int(90000, 99999)}`;
}

/** Generates one document: its text and the defects planted in it, with 1-based lines. */
function generate(doc, all, byPrefix, opts) {
  const rng = new Rng(opts.seed, doc.index, 'body');
  const w = new Writer();
  const defects = [];
  const add = (rule, line, span, detail) => defects.push({ rule, line, span: span ?? [line, line], detail });

  if (doc.dialect === 'policy' || doc.dialect === 'customer') {
    writeReference(rng, doc, w, byPrefix, opts, add);
    return { text: w.text(), defects, steps: 0 };
  }

  const roles = rng.some(ROLES, rng.int(3, 6));
  const stepCount = stepCountFor(rng, doc);
  const d = chooseDefects(rng, doc, opts, stepCount);
  const schedule = makeSchedule(rng, stepCount, d.conflict);
  const titles = Array.from({ length: stepCount }, (_, i) => (i < STEP_TITLES.length && !doc.large ? STEP_TITLES[(i + doc.index) % STEP_TITLES.length] : `${rng.pick(STEP_TITLES)} ${i + 1}`));
  // Numbers as written: a skip jumps by two at skipAt, every later number shifts with it.
  const numbers = titles.map((_, i) => i + 1 + (d.skipAt !== undefined && i >= d.skipAt ? 1 : 0));
  const ctx = { rng, doc, w, roles, schedule, titles, numbers, d, add, byPrefix };

  if (doc.dialect === 'plain') writePlain(ctx);
  else if (doc.dialect === 'bullets') writeBullets(ctx);
  else if (doc.dialect === 'stages') writeStages(ctx);
  else writeStepHeadings(ctx);
  return { text: w.text(), defects, steps: stepCount };
}

function ownerFor(ctx, i) {
  const { rng, roles, d } = ctx;
  if (d.unknownRole === i) return { text: rng.pick(UNKNOWN_OWNERS), unknown: true };
  const role = roles[i % roles.length];
  const style = rng.pick(['name', 'name', 'full', 'acronym']);
  if (rng.chance(0.15) && roles.length > 1) {
    const other = roles[(i + 1) % roles.length];
    return { text: `${roleLabel(role, style)} ${rng.pick(['and', '+', '/'])} ${other[0]}` };
  }
  return { text: roleLabel(role, style) };
}

function timelineFor(ctx, i) {
  const s = ctx.schedule[i];
  const event = EVENTS[ctx.doc.index % EVENTS.length];
  return `Within ${s.due} business days of ${event}`;
}

/** A body reference to another document; when a broken link is planted, one of them names no document. */
function referenceSentence(ctx, broken) {
  const { rng, byPrefix } = ctx;
  const prefix = rng.pick(['POL', 'CUS', 'PRC']);
  const pool = byPrefix[prefix];
  const id = broken || !pool?.length ? brokenId(rng, prefix) : rng.pick(pool);
  return { text: `Related records are kept as described in ${id}.`, id };
}

function writeTitleBlock(ctx, heading) {
  const { rng, doc, w } = ctx;
  w.push(heading, doc.company);
  if (ctx.d.placeholder) {
    ctx.add('placeholder', w.next, undefined, 'unfilled [EFFECTIVE_DATE]');
    w.push('Effective Date: [EFFECTIVE_DATE]');
  } else {
    w.push(`Effective Date: 2026-0${rng.int(1, 9)}-1${rng.int(0, 9)}`);
  }
}

function maybeReference(ctx, push) {
  // Plain documents have no frontmatter, so their links are body references.
  const broken = ctx.d.brokenLink;
  const ref = referenceSentence(ctx, broken);
  if (broken) ctx.add('broken-link', ctx.w.next, undefined, ref.id);
  push(ref.text);
}

function writePlain(ctx) {
  const { rng, doc, w, roles } = ctx;
  writeTitleBlock(ctx, `Standard Operating Procedure (SOP): ${doc.title}`);
  w.push('Purpose', `${rng.pick(PROSE)} It covers ${doc.company} from the signed order to the end of the first month.`);
  w.push('Scope');
  maybeReference(ctx, (t) => w.push(`${rng.pick(PROSE)} ${t}`));
  w.push('Responsibilities', '| Role |', 'Responsibility |');
  for (const r of roles) w.push(`| ${roleLabel(r, 'full')} |`, `${rng.pick(ROLE_DUTIES)} |`);
  w.push('Step-by-Step Procedures');
  for (let i = 0; i < ctx.titles.length; i++) {
    const start = w.next;
    w.push(`${ctx.numbers[i]}. ${ctx.titles[i]}`);
    const owner = ownerFor(ctx, i);
    const ownerLine = w.next;
    if (ctx.d.missingOwner !== i) w.push(`Owner: ${owner.text}`);
    const timingLine = w.next;
    w.push(`Timeline: ${timelineFor(ctx, i)}`, `Duration: ${durationText(ctx.schedule[i])}`);
    for (let a = actionCountFor(rng, doc); a > 0; a--) w.push(`- ${actionLine(rng)}`);
    recordStep(ctx, i, start, w.next - 1, ownerLine, owner, timingLine);
  }
  w.push('Review', rng.pick(PROSE));
}

function writeBullets(ctx) {
  const { rng, doc, w, roles } = ctx;
  w.push(`Standard Operating Procedure (SOP): ${doc.title} for ${doc.company}`);
  w.push('Purpose', rng.pick(PROSE));
  w.push('Definitions');
  for (const r of roles) w.push(`- ${roleLabel(r, 'full')}: ${rng.pick(ROLE_DUTIES)}`);
  if (ctx.d.placeholder) {
    ctx.add('placeholder', w.next, undefined, 'unfilled [CLIENT_NAME]');
    w.push('- Client: [CLIENT_NAME], the organisation being onboarded.');
  }
  w.push('Procedures');
  for (let i = 0; i < ctx.titles.length; i++) {
    const start = w.next;
    w.push(`${ctx.numbers[i]}. ${ctx.titles[i]}`);
    w.push(`Objective: ${rng.pick(PROSE)}`);
    const owner = ownerFor(ctx, i);
    const ownerLine = w.next;
    if (ctx.d.missingOwner !== i) w.push(`- Owner: ${owner.text}.`);
    w.push('- Steps:');
    for (let a = actionCountFor(rng, doc); a > 0; a--) w.push(`- ${actionLine(rng)}`);
    if (i === 0) maybeReference(ctx, (t) => w.push(`- ${t}`));
    w.push(`- Duration: ${durationText(ctx.schedule[i])}.`);
    const timingLine = w.next;
    w.push(`- Timeline: Complete ${timelineFor(ctx, i).replace(/^W/, 'w')}.`);
    recordStep(ctx, i, start, w.next - 1, ownerLine, owner, timingLine);
  }
}

function frontmatter(ctx, type) {
  const { rng, doc, w, byPrefix } = ctx;
  w.push('---', `type: ${type}`, `id: ${doc.id}`, `title: ${doc.title}`, `status: ${rng.pick(['active', 'active', 'approved', 'draft'])}`);
  const month = rng.int(1, 6);
  w.push(`created: 2026-0${month}-0${rng.int(1, 9)}`, `updated: 2026-0${month + rng.int(1, 3)}-1${rng.int(0, 9)}`);
  w.push('links:');
  const targets = [...(byPrefix.POL ?? []), ...(byPrefix.CUS ?? [])].filter((id) => id !== doc.id);
  const related = targets.length ? rng.some(targets.slice(0, 400), rng.int(1, 3)) : [];
  if (ctx.d.brokenLink) {
    const id = brokenId(rng, rng.pick(['POL', 'CUS']));
    ctx.add('broken-link', w.next, undefined, id);
    w.push(`  relates_to: [${[...related, id].join(', ')}]`);
  } else {
    w.push(`  relates_to: [${related.join(', ')}]`);
  }
  w.push('  depends_on: []', '---');
}

function writeStages(ctx) {
  const { rng, doc, w, roles } = ctx;
  frontmatter(ctx, 'process');
  w.push('', `# Standard Operating Procedure: ${doc.title}`, '', `## ${doc.company}: from signature to steady state`, '');
  w.push('**Version**: 1.' + rng.int(0, 9) + '  ', '**Review Frequency**: Quarterly', '', '---', '', '## PURPOSE', '', rng.pick(PROSE), '');
  w.push('## SCOPE', '', 'This SOP applies to:');
  for (const r of roles) w.push(`- ${r[0]}s`);
  if (ctx.d.placeholder) {
    w.push('');
    ctx.add('placeholder', w.next, undefined, 'unfilled [REGION]');
    w.push('Regional contact: [REGION] operations desk.');
  }
  w.push('', '## DETAILED PROCESS', '');
  let day = 0;
  for (let i = 0; i < ctx.titles.length; i++) {
    const s = ctx.schedule[i];
    const name = doc.large ? `${rng.pick(STAGE_NAMES)} ${i + 1}` : STAGE_NAMES[i % STAGE_NAMES.length] + (i >= STAGE_NAMES.length ? ` ${i + 1}` : '');
    const start = w.next;
    w.push(`### Stage ${ctx.numbers[i]}: ${name} (Days ${day}-${day + s.max})`, '');
    const owner = ownerFor(ctx, i);
    const ownerLine = w.next;
    if (ctx.d.missingOwner !== i) w.push(`**Owner**: ${owner.text}  `);
    w.push(`**Duration**: ${durationText(s)}  `);
    const timingLine = w.next;
    w.push(`**Timeline**: ${timelineFor(ctx, i)}`, '', '**Activities**:', '');
    const blocks = doc.large ? 2 : rng.int(1, 3);
    for (let b = 0; b < blocks; b++) {
      w.push(`**Day ${day + b}: ${rng.pick(STEP_TITLES)}**`);
      for (let a = actionCountFor(rng, doc) >> 1; a > 0; a--) w.push(`- [ ] ${actionLine(rng)}`);
      w.push('');
    }
    if (i === 0 && !ctx.d.brokenLink) maybeReference(ctx, (t) => w.push(t, ''));
    w.push('---', '');
    recordStep(ctx, i, start, w.next - 1, ownerLine, owner, timingLine);
    day += s.max;
  }
}

function writeStepHeadings(ctx) {
  const { rng, doc, w, roles } = ctx;
  frontmatter(ctx, 'process');
  w.push('', `# ${doc.title}`, '', '## Purpose', '', `${rng.pick(PROSE)} ${rng.pick(PROSE)}`, '');
  w.push('## Roles', '', '| Role | Responsibility |', '| --- | --- |');
  for (const r of roles) w.push(`| ${roleLabel(r, 'full')} | ${rng.pick(ROLE_DUTIES)} |`);
  w.push('', '## Trigger', '', `- ${EVENTS[doc.index % EVENTS.length].replace(/^./, (c) => c.toUpperCase())}`, '');
  if (ctx.d.placeholder) {
    ctx.add('placeholder', w.next, undefined, 'unfilled [PROJECT_CODE]');
    w.push('Project code: [PROJECT_CODE]', '');
  }
  w.push('## Process Steps', '');
  for (let i = 0; i < ctx.titles.length; i++) {
    const start = w.next;
    w.push(`### Step ${ctx.numbers[i]}: ${ctx.titles[i]}`);
    const owner = ownerFor(ctx, i);
    const ownerLine = w.next;
    if (ctx.d.missingOwner !== i) w.push(`**Owner**: ${owner.text}`);
    w.push(`**Duration**: ${durationText(ctx.schedule[i])}`);
    const timingLine = w.next;
    w.push(`**Timeline**: ${timelineFor(ctx, i)}`, '', '**Actions**:');
    let n = 1;
    for (let a = actionCountFor(rng, doc); a > 0; a--) w.push(`${n++}. ${actionLine(rng)}`);
    w.push('', `**Output**: ${rng.pick(ACTION_OBJECTS).replace(/^the /, '')} signed off`, '');
    recordStep(ctx, i, start, w.next - 1, ownerLine, owner, timingLine);
  }
  w.push('## Revision History', '', '| Version | Date | Change |', '| --- | --- | --- |', '| 1.0 | 2026-01-15 | First issue |');
}

function recordStep(ctx, i, start, end, ownerLine, owner, timingLine) {
  const { d, add } = ctx;
  const n = ctx.numbers[i];
  // Trailing blank/separator lines belong to the step in the text but not to its findings.
  if (d.missingOwner === i) add('missing-owner', start, [start, end], `step ${n} has no owner line`);
  if (d.unknownRole === i) add('unknown-role', ownerLine, [ownerLine, ownerLine], owner.text);
  if (d.conflict === i) add('timeline-conflict', timingLine, [start, end], `step ${n} due on business day ${ctx.schedule[i].due}, before step ${ctx.numbers[i - 1]} can finish`);
  if (d.skipAt === i) add('step-numbering', start, [start, start], `step ${n - 1} is missing`);
}

function writeReference(rng, doc, w, byPrefix, opts, add) {
  const broken = rng.chance(opts.defectRate / 2.5);
  const placeholder = rng.chance(opts.defectRate / 2.5);
  const type = doc.dialect === 'customer' ? 'customer' : 'policy';
  w.push('---', `type: ${type}`, `id: ${doc.id}`, `title: ${doc.title}`, `status: active`);
  w.push(`created: 2025-1${rng.int(0, 2)}-0${rng.int(1, 9)}`, `updated: 2026-0${rng.int(1, 9)}-1${rng.int(0, 9)}`);
  if (type === 'customer') w.push(`contract_signed: 2026-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, `region: ${rng.pick(['US', 'GB', 'DE', 'CA'])}`, `tier: ${rng.pick(['standard', 'enterprise'])}`);
  const pool = byPrefix.PRC ?? [];
  const targets = pool.length ? rng.some(pool.slice(0, 300), rng.int(0, 2)) : [];
  if (broken) {
    const id = brokenId(rng, 'PRC');
    add('broken-link', w.next, undefined, id);
    w.push(`related: [${[...targets, id].join(', ')}]`);
  } else {
    w.push(`related: [${targets.join(', ')}]`);
  }
  w.push('---', '', `# ${doc.title}`, '');
  const paragraphs = rng.int(3, 7);
  for (let p = 0; p < paragraphs; p++) {
    w.push(`## ${rng.pick(['Background', 'Statement', 'Exceptions', 'Responsibilities', 'Records', 'Contacts'])}`, '');
    w.push(`${rng.pick(PROSE)} ${rng.pick(PROSE)}`, '');
    for (let b = rng.int(0, 4); b > 0; b--) w.push(`- ${actionLine(rng)}`);
    w.push('');
  }
  if (placeholder) {
    add('placeholder', w.next, undefined, 'unfilled [ACCOUNT_MANAGER]');
    w.push('Account manager: [ACCOUNT_MANAGER]', '');
  }
}

// ------------------------------------------------------------------ main

export function generateCorpus(opts) {
  const docs = plan(opts);
  const byPrefix = {};
  for (const d of docs) if (d.id) (byPrefix[d.id.slice(0, 3)] ??= []).push(d.id);
  const files = [];
  for (const doc of docs) {
    const { text, defects, steps } = generate(doc, docs, byPrefix, opts);
    files.push({ doc, text, defects, steps });
  }
  return files;
}

function main() {
  const opts = parseOptions(process.argv.slice(2));
  const files = generateCorpus(opts);
  const out = path.resolve(opts.out);
  if (fs.existsSync(out)) {
    if (!fs.existsSync(path.join(out, 'manifest.json')) && fs.readdirSync(out).length) {
      process.stderr.write(`gen-corpus: ${out} exists and holds no manifest.json; not clearing it\n`);
      process.exit(2);
    }
    fs.rmSync(out, { recursive: true, force: true });
  }
  const totals = { documents: files.length, bytes: 0, lines: 0, large: 0, steps: 0, defects: {}, clean: 0, byDialect: {} };
  const manifestDocs = [];
  for (const { doc, text, defects, steps } of files) {
    const full = path.join(out, doc.file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    const lines = text.split('\n').length - 1;
    totals.bytes += Buffer.byteLength(text);
    totals.lines += lines;
    totals.steps += steps;
    if (doc.large) totals.large++;
    totals.byDialect[doc.dialect] = (totals.byDialect[doc.dialect] ?? 0) + 1;
    if (!defects.length) totals.clean++;
    for (const d of defects) totals.defects[d.rule] = (totals.defects[d.rule] ?? 0) + 1;
    manifestDocs.push({ file: doc.file, dialect: doc.dialect, ...(doc.id ? { id: doc.id } : {}), lines, large: doc.large, steps, defects });
  }
  const manifest = { generator: 'sopls bench/gen-corpus.mjs', generatorVersion: GENERATOR_VERSION, seed: opts.seed, count: opts.count, largeFraction: opts.largeFraction, defectRate: opts.defectRate, totals, documents: manifestDocs };
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  process.stdout.write(`${out}: ${files.length} documents, ${(totals.bytes / 1e6).toFixed(1)} MB, ${totals.lines} lines, ${totals.large} large; defects ${JSON.stringify(totals.defects)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
