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

/** An entry as stored: the fields above and a checksum of them, so a damaged or edited entry is noticed. */
interface StoredFile extends CachedFile {
  sum: string;
}

interface CacheData {
  key: string;
  files: Record<string, StoredFile>;
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** The checksum of an entry: its fields in a fixed order (JSON keeps key order, so a re-read entry sums the same). */
export function entrySum(entry: CachedFile): string {
  return sha256(JSON.stringify([entry.hash, entry.named, entry.linted, entry.findings]));
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPosition(v: unknown): boolean {
  return isObject(v) && Number.isInteger(v['line']) && Number.isInteger(v['character']) && (v['line'] as number) >= 0 && (v['character'] as number) >= 0;
}

function isFinding(v: unknown): v is Finding {
  if (!isObject(v)) return false;
  const range = v['range'];
  return (
    typeof v['rule'] === 'string' &&
    SEVERITIES.has(v['severity'] as string) &&
    typeof v['message'] === 'string' &&
    typeof v['uri'] === 'string' &&
    isObject(range) &&
    isPosition(range['start']) &&
    isPosition(range['end']) &&
    (v['related'] === undefined || Array.isArray(v['related'])) &&
    (v['data'] === undefined || isObject(v['data']))
  );
}

function isStoredFile(v: unknown): v is StoredFile {
  return (
    isObject(v) &&
    typeof v['hash'] === 'string' &&
    typeof v['sum'] === 'string' &&
    typeof v['named'] === 'boolean' &&
    typeof v['linted'] === 'boolean' &&
    Array.isArray(v['findings']) &&
    v['findings'].every(isFinding)
  );
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
      if (isObject(parsed) && typeof parsed.key === 'string' && isObject(parsed.files)) previous = parsed;
    } catch {
      // No cache yet, or a damaged one: start empty.
    }
    return new LintCache(file, key, previous);
  }

  /**
   * The entry for `file` when it was written by sopls for this content: anything else (wrong shape, checksum
   * that does not match, another content hash) is a miss, and the file is linted cold.
   */
  get(file: string, hash: string, named: boolean): CachedFile | undefined {
    const hit: unknown = Object.prototype.hasOwnProperty.call(this.data.files, file) ? this.data.files[file] : undefined;
    if (!isStoredFile(hit) || hit.hash !== hash || hit.named !== named) return undefined;
    return hit.sum === entrySum(hit) ? { hash: hit.hash, named: hit.named, linted: hit.linted, findings: hit.findings } : undefined;
  }

  set(file: string, entry: CachedFile): void {
    this.data.files[file] = { ...entry, sum: entrySum(entry) };
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
