/**
 * Files generated from the rule registry (`npm run generate`, checked by `npm run generate:check` and a test):
 * schemas/sopls-config.schema.json, docs/rules/README.md and the rule table in README.md between
 * `<!-- rules:start -->` / `<!-- rules:end -->`. Pure: scripts/generate.mjs does the file writing.
 */
import { defaultConfig } from '../config';
import { ALL_RULE_META } from './registry';
import type { RuleMeta } from './rule';

const SEVERITIES = ['error', 'warning', 'info', 'hint'];

export function configSchema(rules: readonly RuleMeta[] = ALL_RULE_META): Record<string, unknown> {
  const defaults = defaultConfig();
  const ruleProps: Record<string, unknown> = {};
  for (const r of rules) {
    ruleProps[r.id] = {
      $ref: '#/definitions/ruleSetting',
      description: `${r.description} Default: ${r.defaultSeverity}.`,
      markdownDescription: `${r.description}\n\nDefault: \`${r.defaultSeverity}\`. Documentation: \`${r.docs}\` in the sopls package.`,
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'sopls configuration (.sopls.json)',
    description:
      'Project configuration for sopls, at the workspace root. GENERATED from the rule registry by `npm run generate`; do not edit by hand.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The schema of this file, for editors.' },
      rules: {
        type: 'object',
        description: 'Severity per rule id, or "off" to disable the rule.',
        properties: ruleProps,
        additionalProperties: false,
      },
      roles: {
        type: 'array',
        description: 'Role registry: roles every document may use as owners, besides the roles it declares itself.',
        items: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, description: 'Full role name, e.g. Customer Success Manager.' },
            acronym: { type: 'string', minLength: 1, description: 'Acronym, e.g. CSM.' },
            aliases: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Other names for the same role.' },
            description: { type: 'string', description: 'What the role is responsible for (shown in hovers and completions).' },
          },
        },
      },
      externalIds: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Patterns of ids kept outside the workspace (e.g. "CUS-*" for customers in a CRM); never broken links. `*` matches any characters, `?` one.',
      },
      include: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Glob patterns (relative to the workspace root) of files to index and lint; all .md, .markdown and .txt files when empty.',
      },
      exclude: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Glob patterns (relative to the workspace root) of files to leave out; node_modules, hidden folders and .gitignore entries are always left out.',
      },
      docsBaseUrl: {
        type: 'string',
        pattern: '^https?://',
        description:
          'Where your team hosts the sopls rule pages (the docs/rules folder of the package), e.g. https://example.com/sopls/rules/. When set, SARIF output links each rule to <docsBaseUrl><rule>.md (helpUri); the pages are always embedded as help text.',
      },
      sopFiles: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Glob patterns of files that are SOPs even when sopls finds no procedure in them (frontmatter `sop: false` still wins). Matched against the path relative to the workspace root, or any tail of it.',
      },
      notSopFiles: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Glob patterns of files that are never SOPs, whatever they contain (frontmatter `sop: true` still wins). Checked before sopFiles.',
      },
      reviewCadenceMonths: {
        type: 'integer',
        minimum: 1,
        maximum: 120,
        default: defaults.reviewCadenceMonths,
        description: 'Review cadence in months for documents that state none (review-overdue).',
      },
      calendar: {
        type: 'object',
        additionalProperties: false,
        description: 'Working calendar for business-day arithmetic in timelines.',
        properties: {
          holidays: { type: 'string', pattern: '^[A-Z]{2}(-[A-Z0-9]{1,3})?$', description: 'Public holiday region as date-holidays spells it, e.g. US or DE-BY.' },
          workweek: {
            type: 'array',
            items: { type: 'integer', minimum: 0, maximum: 6 },
            uniqueItems: true,
            default: defaults.calendar.workweek,
            description: 'Working days, 0 = Sunday … 6 = Saturday.',
          },
          closed: { type: 'array', items: { $ref: '#/definitions/isoDate' }, description: 'Extra closed dates, YYYY-MM-DD.' },
        },
      },
      timeline: {
        type: 'object',
        additionalProperties: false,
        description: 'Timeline simulation settings.',
        properties: {
          start: { $ref: '#/definitions/isoDate', description: 'Default start date, YYYY-MM-DD (today when absent).' },
          contractTermMonths: { type: 'integer', minimum: 1, maximum: 120, default: defaults.timeline.contractTermMonths, description: 'Contract term in months, for milestones such as renewal.' },
          triggers: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Extra trigger phrases that mean day 0 (besides "contract signing").' },
          milestoneOrder: {
            type: 'array',
            items: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 2, maxItems: 2 },
            default: defaults.timeline.milestoneOrder,
            description: 'Pairs [before, after] of well-known step names that must happen in that order.',
          },
          runs: { type: 'integer', minimum: 1, maximum: 100000, default: defaults.timeline.runs, description: 'Monte Carlo runs of the timeline simulation.' },
          seed: { type: 'integer', default: defaults.timeline.seed, description: 'Random seed of the simulation, for repeatable results.' },
          targetPercentile: {
            type: 'integer',
            minimum: 1,
            maximum: 100,
            default: defaults.timeline.targetPercentile,
            description: 'Simulated finish percentile a stated target (process_meta.duration, a stage window) must hold at (target-missed).',
          },
        },
      },
    },
    definitions: {
      ruleSetting: { enum: [...SEVERITIES, 'off'], description: 'error, warning, info, hint, or off.' },
      isoDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date' },
    },
  };
}

export function ruleTable(rules: readonly RuleMeta[] = ALL_RULE_META, docsPrefix = 'docs/rules/'): string {
  const rows = rules.map((r) => `| [\`${r.id}\`](${docsPrefix}${r.id}.md) | ${r.defaultSeverity} | ${scopeText(r)} | ${r.description.replace(/\|/g, '\\|')} |`);
  return ['| Rule | Default | Checks | Description |', '|------|---------|--------|-------------|', ...rows].join('\n');
}

function scopeText(r: RuleMeta): string {
  const what = r.appliesTo === 'any' ? 'any file' : r.appliesTo === 'managed' ? 'SOPs and documents with sopls frontmatter' : 'SOPs';
  return r.scope === 'workspace' ? `${what}, against the workspace` : r.scope === 'timeline' ? `${what}, on the schedule` : what;
}

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

/** `text` with the rule table between the markers; undefined when the markers are absent. */
export function withRuleTable(text: string, table: string): string | undefined {
  const a = text.indexOf(RULES_START);
  const b = text.indexOf(RULES_END);
  if (a < 0 || b < a) return undefined;
  return `${text.slice(0, a + RULES_START.length)}\n${table}\n${text.slice(b)}`;
}

export function rulesReadme(rules: readonly RuleMeta[] = ALL_RULE_META): string {
  return [
    '# Rules',
    '',
    'Every rule sopls runs, with its stable id (the diagnostic `code` in editors, `rule` in CLI output) and default',
    'severity. Change a severity or turn a rule off in `.sopls.json` (`"rules": { "placeholder": "off" }`) or for',
    'part of a document with `<!-- sopls-disable placeholder -->`; see the [README](../../README.md#inline-control).',
    '',
    RULES_START,
    ruleTable(rules, './'),
    RULES_END,
    '',
    'This file is generated by `npm run generate` from the rule registry (server/src/core/lint/registry.ts).',
    '',
  ].join('\n');
}

/** Hand-written files that carry a generated rule table between the markers, and the link prefix they need. */
export const FILES_WITH_RULE_TABLE: Record<string, string> = { 'README.md': 'docs/rules/' };

/**
 * Every generated file: path (relative to the repository root) → content. `current` gives the present text of
 * the FILES_WITH_RULE_TABLE (undefined when absent); those without markers are left alone.
 */
export function generatedFiles(current: Record<string, string | undefined>): Record<string, string> {
  const files: Record<string, string> = {
    'schemas/sopls-config.schema.json': JSON.stringify(configSchema(), null, 2) + '\n',
    'docs/rules/README.md': rulesReadme(),
  };
  for (const [rel, prefix] of Object.entries(FILES_WITH_RULE_TABLE)) {
    const text = current[rel];
    if (text === undefined) continue;
    const updated = withRuleTable(text, ruleTable(ALL_RULE_META, prefix));
    if (updated !== undefined) files[rel] = updated;
  }
  return files;
}
