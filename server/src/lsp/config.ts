/**
 * Configuration per workspace folder: defaults, then `.sopls.json`, then the editor's `sop.*` settings
 * (which the README documents as "merged over .sopls.json"). Values of the wrong shape are ignored, never fatal:
 * the lint engine reports a broken `.sopls.json` on its own.
 */
import { defaultConfig, type ResolvedConfig, type RoleRegistryEntry, type RuleSetting } from '../core/config';

const RULE_SETTINGS = new Set(['error', 'warning', 'info', 'hint', 'off']);

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : undefined;
}

function roles(v: unknown): RoleRegistryEntry[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: RoleRegistryEntry[] = [];
  for (const r of v) {
    if (!isObject(r) || typeof r['name'] !== 'string' || !r['name'].trim()) continue;
    const entry: RoleRegistryEntry = { name: r['name'].trim() };
    if (typeof r['acronym'] === 'string' && r['acronym'].trim()) entry.acronym = r['acronym'].trim();
    const aliases = strings(r['aliases']);
    if (aliases?.length) entry.aliases = aliases;
    if (typeof r['description'] === 'string' && r['description'].trim()) entry.description = r['description'].trim();
    out.push(entry);
  }
  return out;
}

/** Applies one layer (file or settings) over `config`, in place. */
export function applyLayer(config: ResolvedConfig, layer: unknown, mode: 'file' | 'settings'): void {
  if (!isObject(layer)) return;
  if (isObject(layer['rules'])) {
    for (const [id, s] of Object.entries(layer['rules'])) if (typeof s === 'string' && RULE_SETTINGS.has(s)) config.rules[id] = s as RuleSetting;
  }
  const r = roles(layer['roles']);
  // Registry roles add up: the team's registry in .sopls.json plus the person's own in settings.
  if (r) {
    const names = new Set(config.roles.map((x) => x.name.toLowerCase()));
    for (const x of r) if (!names.has(x.name.toLowerCase())) config.roles.push(x);
  }
  for (const key of ['externalIds', 'include', 'exclude'] as const) {
    const v = strings(layer[key]);
    if (v) config[key] = v;
  }
  if (typeof layer['reviewCadenceMonths'] === 'number' && layer['reviewCadenceMonths'] >= 1) config.reviewCadenceMonths = layer['reviewCadenceMonths'];
  const cal = layer['calendar'];
  if (isObject(cal)) {
    if (typeof cal['holidays'] === 'string') {
      if (cal['holidays'].trim()) config.calendar.holidays = cal['holidays'].trim();
      else if (mode === 'file') delete config.calendar.holidays;
    }
    if (Array.isArray(cal['workweek']) && cal['workweek'].length && cal['workweek'].every((d) => Number.isInteger(d) && d >= 0 && d <= 6)) {
      config.calendar.workweek = cal['workweek'] as number[];
    }
    const closed = strings(cal['closed']);
    if (closed) config.calendar.closed = closed;
  }
  const tl = layer['timeline'];
  if (isObject(tl)) {
    if (typeof tl['start'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(tl['start'])) config.timeline.start = tl['start'];
    if (typeof tl['contractTermMonths'] === 'number') config.timeline.contractTermMonths = tl['contractTermMonths'];
    const triggers = strings(tl['triggers']);
    if (triggers) config.timeline.triggers = triggers;
    if (typeof tl['runs'] === 'number' && tl['runs'] >= 0) config.timeline.runs = Math.floor(tl['runs']);
    if (typeof tl['seed'] === 'number') config.timeline.seed = Math.floor(tl['seed']);
    if (Array.isArray(tl['milestoneOrder'])) {
      const pairs = tl['milestoneOrder'].filter((p): p is [string, string] => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string'));
      config.timeline.milestoneOrder = pairs;
    }
  }
}

/**
 * `sop.*` settings as VS Code sends them (`workspace/configuration` with section `sop`): flat dotted keys such
 * as `calendar.holidays` arrive already nested, but some clients send them flat; both are accepted.
 */
export function settingsLayer(settings: unknown): Record<string, unknown> {
  if (!isObject(settings)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) {
    const parts = k.split('.');
    let target = out;
    for (const p of parts.slice(0, -1)) target = (isObject(target[p]) ? target[p] : (target[p] = {})) as Record<string, unknown>;
    const last = parts[parts.length - 1]!;
    target[last] = isObject(v) && isObject(target[last]) ? { ...(target[last] as object), ...v } : v;
  }
  return out;
}

export function resolveConfig(file: unknown, settings: unknown): ResolvedConfig {
  const config = defaultConfig();
  applyLayer(config, file, 'file');
  applyLayer(config, settingsLayer(settings), 'settings');
  return config;
}
