/**
 * What `sopls timeline` needs from disk beyond the lint helpers: the workspace config read the way `sopls lint`
 * reads it, and a customer document found by id anywhere in the workspace.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../core/config';
import { formatConfigError, resolveConfig } from '../core/configLoad';
import { customerFromData, type Customer } from '../core/timeline/schedule';
import { CONFIG_FILE } from './files';
import { loadWorkspace } from './workspaceLoad';

/** `.sopls.json` at `root` (none: the defaults); a string is a one-line error for the user. */
export function loadWorkspaceConfig(root: string, cwd: string): ResolvedConfig | string {
  const file = path.join(root, CONFIG_FILE);
  const name = path.relative(cwd, file) || CONFIG_FILE;
  if (!fs.existsSync(file)) return resolveConfig({}).config;
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return `${name}: ${err instanceof SyntaxError ? `invalid JSON: ${err.message}` : `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`}`;
  }
  const loaded = resolveConfig({ file: value, fileName: name });
  if (loaded.errors.length) return `invalid configuration: ${loaded.errors.map(formatConfigError).join('; ')}`;
  return loaded.config;
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
