/**
 * The workspace as the CLI sees it: every document under the root, indexed with the cheap scan (no remark),
 * plus the files being linted when they lie outside the root.
 */
import fs from 'node:fs';
import { scanIndexEntry } from '../core/indexScan';
import { InMemoryWorkspace, type IndexEntry } from '../core/workspace';
import { walkDocuments, type WalkOptions } from './files';

export interface LoadedWorkspace {
  workspace: InMemoryWorkspace;
  /** Texts read while indexing, so linted files are not read twice. */
  texts: Map<string, string>;
}

export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function loadWorkspace(root: string, options: WalkOptions, extraFiles: string[] = []): LoadedWorkspace {
  const texts = new Map<string, string>();
  const entries: IndexEntry[] = [];
  const seen = new Set<string>();
  for (const file of [...walkDocuments(root, options), ...extraFiles]) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readText(file);
    if (text === undefined) continue;
    texts.set(file, text);
    entries.push(scanIndexEntry(text, file));
  }
  return { workspace: new InMemoryWorkspace(entries, root), texts };
}

/**
 * What the workspace contributes to another document's findings, as a canonical string: ids and where they are
 * declared, titles, statuses, roles, `supersedes` links. The lint cache keys on its hash, so editing the body
 * of one document does not invalidate every other document's cached findings. A rule that starts reading more
 * of `IndexEntry` must add it here.
 */
export function workspaceFingerprint(entries: Iterable<IndexEntry>): string {
  const rows: unknown[] = [];
  for (const e of entries) {
    rows.push([
      e.uri,
      e.id ?? null,
      e.idRange ?? null,
      e.type ?? null,
      e.title ?? null,
      e.status ?? null,
      e.roles.map((r) => [r.name, r.acronym ?? null, r.aliases]),
      e.links.filter((l) => l.relation === 'supersedes').map((l) => l.id),
    ]);
  }
  rows.sort((a, b) => ((a as string[])[0]! < (b as string[])[0]! ? -1 : 1));
  return JSON.stringify(rows);
}
