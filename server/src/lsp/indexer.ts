/**
 * Builds the workspace index from disk: lists the folders' SOP files (the walk `sopls lint` does), reads and
 * cheap-scans them with work-done progress (indexFiles.ts), reusing the entries of an earlier session
 * (indexStore.ts), and reads single files again when the client reports a change or a document closes.
 */
import type { Connection } from 'vscode-languageserver';
import { scanIndexEntry } from '../core/indexScan';
import type { IndexEntry } from '../core/workspace';
import { compactEntry } from './compact';
import { listSopFiles, readTextFile, readTextFileSync, uriToPath } from './files';
import type { Folder } from './folders';
import { scanFiles } from './indexFiles';
import { contentKey, type IndexStore } from './indexStore';

export interface IndexerEnv {
  connection: Connection;
  /** The client shows work-done progress. */
  progress: boolean;
  store?: IndexStore;
  log(message: string): void;
}

/** Every SOP file of `targets`, scanned (or taken from the store); reports progress while it works. */
export async function indexFolders(targets: readonly Folder[], env: IndexerEnv): Promise<IndexEntry[]> {
  const progress = env.progress ? await env.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('Indexing SOP documents', 0, 'Listing files…', false);
  const files: string[] = [];
  for (const f of targets) {
    if (!f.path) continue;
    files.push(...listSopFiles(f.path, { include: f.config.include, exclude: f.config.exclude, warn: env.log }));
  }
  const started = Date.now();
  let lastReport = 0;
  const stored = env.store?.size ?? 0;
  const scanned = await scanFiles(files, {
    log: env.log,
    ...(env.store ? { store: env.store } : {}),
    progress: (n) => {
      if (!progress || Date.now() - lastReport <= 100) return;
      lastReport = Date.now();
      progress.report(Math.round((n / Math.max(1, files.length)) * 100), `${n}/${files.length} files`);
    },
  });
  const entries = scanned.filter((e): e is IndexEntry => !!e);
  progress?.done();
  env.log(`sopls: indexed ${files.length} files in ${targets.length} folder(s) in ${Date.now() - started} ms${env.store ? ` (${stored} entries stored by an earlier session)` : ''}`);
  if (env.store) env.store.save(env.log);
  return entries;
}

function entryOf(key: string, text: string | undefined, store: IndexStore | undefined): IndexEntry | undefined {
  if (text === undefined) return undefined;
  const hash = store ? contentKey(key, text) : '';
  const known = store?.get(hash, key);
  if (known) return known;
  const entry = compactEntry(scanIndexEntry(text, key));
  store?.set(hash, entry);
  return entry;
}

/** The entry of the file at `key` (a normalised file URI) as it is on disk now; undefined when unreadable. */
export function readDiskEntry(key: string, store?: IndexStore): IndexEntry | undefined {
  const file = uriToPath(key);
  return entryOf(key, file ? readTextFileSync(file) : undefined, store);
}

export async function readDiskEntryAsync(key: string, store?: IndexStore): Promise<IndexEntry | undefined> {
  const file = uriToPath(key);
  return entryOf(key, file ? await readTextFile(file) : undefined, store);
}
