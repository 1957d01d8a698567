/**
 * `sopls lint --cache`: findings per file, reused when nothing they depend on changed — like eslint's cache,
 * but a file's findings also depend on the other documents (links, ids, roles), so the whole cache is keyed by
 * sopls version + config + today's date + the workspace fingerprint, and each file by the hash of its content.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/findings';

export const DEFAULT_CACHE_FILE = '.sopls-cache';

export interface CachedFile {
  hash: string;
  named: boolean;
  linted: boolean;
  findings: Finding[];
}

interface CacheData {
  key: string;
  files: Record<string, CachedFile>;
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

export class LintCache {
  private data: CacheData;
  private dirty = false;

  private constructor(
    private readonly file: string,
    key: string,
    previous: CacheData | undefined,
  ) {
    this.data = previous && previous.key === key ? previous : { key, files: {} };
    if (this.data !== previous) this.dirty = true;
  }

  static open(file: string, key: string): LintCache {
    let previous: CacheData | undefined;
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheData;
      if (parsed && typeof parsed.key === 'string' && parsed.files && typeof parsed.files === 'object') previous = parsed;
    } catch {
      // No cache yet, or a damaged one: start empty.
    }
    return new LintCache(file, key, previous);
  }

  get(file: string, hash: string, named: boolean): CachedFile | undefined {
    const hit = this.data.files[file];
    return hit && hit.hash === hash && hit.named === named ? hit : undefined;
  }

  set(file: string, entry: CachedFile): void {
    this.data.files[file] = entry;
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    // Write then rename, so an interrupted run never leaves half a cache behind.
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data));
    fs.renameSync(tmp, this.file);
    this.dirty = false;
  }
}
