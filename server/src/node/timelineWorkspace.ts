/**
 * What the commands need from disk beyond the lint helpers: the workspace config (read the same way by every
 * command), and a customer document found by id anywhere in the workspace.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../core/config';
import { formatConfigError, resolveConfig } from '../core/configLoad';
import { parseConfigText } from '../core/services/configFile';
import { customerFromData, type Customer } from '../core/timeline/schedule';
import { CONFIG_FILE } from './files';
import { loadWorkspace } from './workspaceLoad';

/**
 * A config file read and validated; a string is a one-line error for the user. `required`: a missing file is
 * an error (`--config FILE`), otherwise it means the defaults.
 */
export function loadConfigFile(file: string, name: string, required: boolean): ResolvedConfig | string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return resolveConfig({}).config;
    return `cannot read config ${name}: ${code ?? String(err)}`;
  }
  const parsed = parseConfigText(text);
  if ('problem' in parsed) {
    const { message, range } = parsed.problem;
    return `${name}:${range.start.line + 1}:${range.start.character + 1}: ${message}`;
  }
  const loaded = resolveConfig({ file: parsed.value, fileName: name });
  if (loaded.errors.length) return `invalid configuration: ${loaded.errors.map(formatConfigError).join('; ')}`;
  return loaded.config;
}

/** `.sopls.json` at `root` (none: the defaults), named relative to `cwd` in messages. */
export function loadWorkspaceConfig(root: string, cwd: string): ResolvedConfig | string {
  const file = path.join(root, CONFIG_FILE);
  return loadConfigFile(file, path.relative(cwd, file) || CONFIG_FILE, false);
}

/**
 * The customer document declaring `id` under `root` (frontmatter `type: customer`). A string is a one-line
 * error: no such id, or the id belongs to something that is not a customer.
 */
export function findCustomerInWorkspace(root: string, config: ResolvedConfig, id: string): Customer | string {
  const { workspace } = loadWorkspace(root, { root, include: config.include, exclude: config.exclude });
  const entries = workspace.byId(id);
  if (entries.length === 0) return `no customer document with id "${id}" under ${root}`;
  const customers = entries.filter((e) => e.type?.trim().toLowerCase() === 'customer' && e.data);
  if (customers.length === 0) return `"${id}" is declared by ${entries.map((e) => path.relative(root, e.uri)).join(', ')}, which is not a customer document (type: customer)`;
  if (customers.length > 1) return `customer id "${id}" is declared by ${customers.length} documents: ${customers.map((e) => path.relative(root, e.uri)).join(', ')}`;
  const entry = customers[0]!;
  return customerFromData(entry.data!, entry.uri);
}
