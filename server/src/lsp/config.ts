/**
 * Configuration of one workspace folder in the language server: the editor's `sop.*` settings and the folder's
 * `.sopls.json`, validated and merged by core/configLoad.ts exactly as `sopls lint` does (so the editor never
 * disagrees with the CLI). This file only adapts what editors send to the shape that validation expects.
 */
import type { ResolvedConfig } from '../core/config';
import { resolveConfig, type ConfigError } from '../core/configLoad';
import { locateConfigErrors, parseConfigText, type ConfigFileProblem } from '../core/services/configFile';

export const CONFIG_FILE_NAME = '.sopls.json';

/** `sop.*` settings that belong to the editor client, not to the configuration (`sop.trace.server`). */
const CLIENT_ONLY_SETTINGS = new Set(['trace']);

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The `sop` section as editors send it, made into a configuration object: flat dotted keys (`calendar.holidays`,
 * as some clients send them) nested, client-only settings dropped, and unset values dropped — VS Code sends
 * every contributed setting, with `""` for an empty string setting and `null` for one without a default.
 * Undefined when nothing is left.
 */
export function settingsSource(settings: unknown): Record<string, unknown> | undefined {
  if (!isObject(settings)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) {
    const parts = k.split('.');
    if (CLIENT_ONLY_SETTINGS.has(parts[0]!)) continue;
    let target = out;
    for (const p of parts.slice(0, -1)) target = (isObject(target[p]) ? target[p] : (target[p] = {})) as Record<string, unknown>;
    const last = parts[parts.length - 1]!;
    target[last] = isObject(v) && isObject(target[last]) ? { ...(target[last] as object), ...v } : v;
  }
  const prune = (o: Record<string, unknown>, depth: number): void => {
    for (const [k, v] of Object.entries(o)) {
      if (v === null || v === undefined || v === '') delete o[k];
      // `rules` and below are the user's own keys; only the known nested sections are pruned.
      else if (isObject(v) && depth === 0 && (k === 'calendar' || k === 'timeline')) {
        prune(v, depth + 1);
        if (Object.keys(v).length === 0) delete o[k];
      }
    }
  };
  prune(out, 0);
  return Object.keys(out).length ? out : undefined;
}

export interface FolderConfig {
  config: ResolvedConfig;
  /** Errors in the editor settings (that source is then ignored as a whole). */
  settingsErrors: ConfigError[];
  /** Problems in `.sopls.json` with their ranges (JSON syntax or validation; the file is then ignored). */
  fileProblems: ConfigFileProblem[];
}

/**
 * Merges the settings with `.sopls.json` (its text; undefined when there is none, it cannot be read, or the
 * workspace is untrusted). Invalid sources are left out, never fatal.
 */
export function loadFolderConfig(settings: unknown, fileText: string | undefined): FolderConfig {
  const settingsValue = settingsSource(settings);
  let file: unknown;
  let syntax: ConfigFileProblem | undefined;
  if (fileText !== undefined) {
    const parsed = parseConfigText(fileText);
    if ('value' in parsed) file = parsed.value;
    else syntax = parsed.problem;
  }
  const loaded = resolveConfig({ ...(settingsValue ? { settings: settingsValue } : {}), ...(file !== undefined ? { file, fileName: CONFIG_FILE_NAME } : {}) });
  const fileErrors = loaded.errors.filter((e) => e.source !== 'settings');
  return {
    config: loaded.config,
    settingsErrors: loaded.errors.filter((e) => e.source === 'settings'),
    fileProblems: syntax ? [syntax] : fileText !== undefined ? locateConfigErrors(fileText, fileErrors) : [],
  };
}

/** Problems of a `.sopls.json` text on its own (the document open in the editor, saved or not). */
export function configTextProblems(text: string): ConfigFileProblem[] {
  return loadFolderConfig(undefined, text).fileProblems;
}
