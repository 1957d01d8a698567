/**
 * Configuration: `.sopls.json` (already parsed by the caller) and editor settings, validated against
 * schemas/sopls-config.schema.json (generated from the rule registry) and merged over the defaults.
 * Pure: the CLI and the language server read the file and the settings; this decides what they mean.
 *
 * Precedence: defaults < editor settings < .sopls.json. The project file is what the whole team (and CI) lints
 * with, so a personal setting cannot make the editor disagree with the pull-request check. Lists that add
 * knowledge (`roles`, `externalIds`) are concatenated; everything else is replaced key by key.
 */
import type { ErrorObject } from 'ajv';
import configSchemaJson from '../../../schemas/sopls-config.schema.json';
import { defaultConfig, type ResolvedConfig, type RoleRegistryEntry, type RuleSetting } from './config';
import { editDistance } from './roles';
import { lazyValidator } from './schemaValidator';

export interface ConfigError {
  /** `.sopls.json`, `settings`, or the file name given. */
  source: string;
  /** Key path of the offending value (`rules.missing-ownr`), empty for the whole object. */
  path: string;
  message: string;
}

export interface ConfigInput {
  /** Parsed `.sopls.json` content (any JSON value: it is validated here). */
  file?: unknown;
  /** Name to use in messages for the file; `.sopls.json` by default. */
  fileName?: string;
  /** Editor settings under the `sop.` prefix, same keys as the file. */
  settings?: unknown;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Empty when everything was valid. A source with errors is ignored as a whole. */
  errors: ConfigError[];
}

const validate = lazyValidator(configSchemaJson);

const RULE_IDS: string[] = Object.keys(
  ((configSchemaJson as { properties: { rules: { properties: Record<string, unknown> } } }).properties.rules.properties),
);

export function validateConfigObject(value: unknown, source: string): ConfigError[] {
  const fn = validate();
  if (fn(value)) return [];
  const errors: ConfigError[] = [];
  const seen = new Set<string>();
  for (const e of fn.errors ?? []) {
    const err = describeError(e, source);
    const key = `${err.path}\u0000${err.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(err);
  }
  return errors;
}

function pathOf(instancePath: string): string {
  let out = '';
  for (const raw of instancePath.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  }
  return out;
}

function describeError(e: ErrorObject, source: string): ConfigError {
  const path = pathOf(e.instancePath);
  const at = path || '(top level)';
  switch (e.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      if (path === 'rules') {
        const near = RULE_IDS.map((id) => ({ id, d: editDistance(key, id, 4) })).sort((a, b) => a.d - b.d)[0];
        const hint = near && near.d <= 4 ? ` (did you mean "${near.id}"?)` : '';
        return { source, path: `rules.${key}`, message: `unknown rule "${key}"${hint}` };
      }
      return { source, path: path ? `${path}.${key}` : key, message: `unknown key "${key}"${path ? ` in ${path}` : ''}` };
    }
    case 'enum':
      return { source, path, message: `${at} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'type':
      return { source, path, message: `${at} must be ${(e.params as { type: string }).type === 'array' ? 'an array' : `of type ${(e.params as { type: string }).type}`}` };
    case 'required':
      return { source, path, message: `${at} is missing "${(e.params as { missingProperty: string }).missingProperty}"` };
    default:
      return { source, path, message: `${at} ${e.message ?? 'is invalid'}` };
  }
}

type ConfigPatch = {
  rules?: Record<string, RuleSetting>;
  roles?: RoleRegistryEntry[];
  externalIds?: string[];
  include?: string[];
  exclude?: string[];
  sopFiles?: string[];
  notSopFiles?: string[];
  reviewCadenceMonths?: number;
  calendar?: Partial<ResolvedConfig['calendar']>;
  timeline?: Partial<ResolvedConfig['timeline']>;
  docsBaseUrl?: string;
};

function mergeInto(config: ResolvedConfig, p: ConfigPatch): void {
  if (p.rules) config.rules = { ...config.rules, ...p.rules };
  if (p.roles) config.roles = [...config.roles, ...p.roles];
  if (p.externalIds) config.externalIds = [...config.externalIds, ...p.externalIds];
  if (p.include) config.include = [...p.include];
  if (p.exclude) config.exclude = [...p.exclude];
  if (p.sopFiles) config.sopFiles = [...p.sopFiles];
  if (p.notSopFiles) config.notSopFiles = [...p.notSopFiles];
  if (p.reviewCadenceMonths !== undefined) config.reviewCadenceMonths = p.reviewCadenceMonths;
  if (p.calendar) config.calendar = { ...config.calendar, ...p.calendar };
  if (p.docsBaseUrl !== undefined) config.docsBaseUrl = p.docsBaseUrl;
  if (p.timeline) config.timeline = { ...config.timeline, ...p.timeline } as ResolvedConfig['timeline'];
}

export function resolveConfig(input: ConfigInput = {}): LoadedConfig {
  const config = defaultConfig();
  const errors: ConfigError[] = [];
  const sources: [unknown, string][] = [];
  if (input.settings !== undefined && input.settings !== null) sources.push([input.settings, 'settings']);
  if (input.file !== undefined) sources.push([input.file, input.fileName ?? '.sopls.json']);
  for (const [value, source] of sources) {
    const problems = validateConfigObject(value, source);
    if (problems.length) {
      errors.push(...problems);
      continue;
    }
    mergeInto(config, structuredClone(value) as ConfigPatch);
  }
  return { config, errors };
}

/** One line per error, as the CLI prints them: `.sopls.json: rules.missing-ownr: unknown rule …`. */
export function formatConfigError(e: ConfigError): string {
  return `${e.source}: ${e.message}`;
}
