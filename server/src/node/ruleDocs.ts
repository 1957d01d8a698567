/**
 * The rule pages shipped in the package (docs/rules/<id>.md next to dist/ and bin/): the editor's diagnostic
 * links open them as files, and SARIF embeds them as `help.markdown`. No invented web addresses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocsUrl } from '../core/lint/rule';

let packageRoot: string | null | undefined;

/** The folder holding docs/rules, found upwards from this bundle (dist/, or out/test/… when testing). */
export function findPackageRoot(from: string = __dirname): string | undefined {
  if (packageRoot !== undefined && from === __dirname) return packageRoot ?? undefined;
  let found: string | undefined;
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'docs', 'rules')) && fs.existsSync(path.join(dir, 'package.json'))) {
      found = dir;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  if (from === __dirname) packageRoot = found ?? null;
  return found;
}

/** Absolute path of a rule's shipped page, or undefined when the package carries no docs. */
export function ruleDocsFile(id: string): string | undefined {
  const root = findPackageRoot();
  if (!root) return undefined;
  const file = path.join(root, ...ruleDocsUrl(id).split('/'));
  return fs.existsSync(file) ? file : undefined;
}

/** `file:///…/docs/rules/<id>.md` for `codeDescription.href`; undefined when the page is not shipped. */
export function ruleDocsFileUri(id: string): string | undefined {
  const file = ruleDocsFile(id);
  return file ? pathToFileURL(file).href : undefined;
}

/** Each rule's page as Markdown, by id; rules whose page is missing are left out. */
export function readRuleDocs(ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of ids) {
    const file = ruleDocsFile(id);
    if (!file) continue;
    try {
      out.set(id, fs.readFileSync(file, 'utf8'));
    } catch {
      // An unreadable page only costs the help text.
    }
  }
  return out;
}
