/**
 * The index persisted between sessions, under the folder the client names (`initializationOptions.storagePath`;
 * VS Code: the extension's workspace storage). Without one nothing is written.
 *
 * An entry is a pure function of a file's content and of whether its name makes it Markdown (the cheap scan,
 * core/indexScan.ts), so entries are stored by a hash of the two, without their URI; each file is stamped with
 * the size and times it had when hashed, so a restart stats every file, reads and hashes only those whose stamp
 * changed, and scans only content it has not seen. Entries are bound to the build that wrote them (a hash of the
 * server bundle): another build's file is foreign and ignored. The body's layout is indexCodec.ts's.
 *
 * The file is hostile input like any other: it is read only up to MAX_STORE_BYTES, its body must match the
 * checksum in its trailer, and the decoder checks every number it reads. Anything else is ignored with one log
 * line, and the index is built from the files.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IndexEntry } from '../core/workspace';
import type { FileStamp } from './files';
import { decodeBody, encodeBody, type StoredEntry, type StoredStamp } from './indexCodec';

export const STORE_FILE = 'sopls-index.json';
/** Larger than any real index (10,000 documents take ≈4 MB), small enough to read without worry. */
export const MAX_STORE_BYTES = 256 * 1024 * 1024;
/** The layout's name and version (indexCodec.ts); a file of another version is ignored. */
export const STORE_MAGIC = 'sopls-index/4';

/**
 * The key of a file's entry: its content and whether its name makes it Markdown (detectFormat's inputs). The
 * text is hashed as UTF-8, so the key of a file's bytes (`contentKey(uri, buffer)`, what the indexer hashes
 * before decoding) is the key of its text whenever the bytes are valid UTF-8.
 */
export function contentKey(uri: string, content: string | Uint8Array): string {
  const markdownName = /\.(md|markdown|mdown|mkd)$/i.test(uri);
  return crypto
    .createHash('sha1')
    .update(markdownName ? 'm' : 't')
    .update(content)
    .digest('base64');
}

/** A fingerprint of the running build: entries written by another build may differ and are not reused. */
export function buildFingerprint(version: string): string {
  const hash = crypto.createHash('sha1').update(version);
  try {
    // Bundled (dist/server.js): this file is the whole server, scanner included.
    hash.update(fs.readFileSync(__filename));
  } catch {
    // Not readable: the version alone.
  }
  return hash.digest('base64');
}

/** What a file looked like when its content was hashed: the same size and times mean the same content key. */
export type { FileStamp };

export class IndexStore {
  private entries = new Map<string, StoredEntry>();
  /**
   * The content key of each file by URI, with the size and times it had when hashed: a restart takes the key of
   * a file whose size, modification and change times are unchanged without reading or hashing it (what git's
   * index does). Only stamps of files seen this session are saved.
   */
  private stamps = new Map<string, StoredStamp>();
  private readonly usedStamps = new Set<string>();
  /** Keys used by this session: only these are saved, so entries of deleted or changed files do not pile up. */
  private readonly used = new Set<string>();
  private dirty = false;

  private constructor(
    readonly file: string,
    private readonly build: string,
  ) {}

  /** Opens the store in `folder` (reading what an earlier session saved), or undefined without a folder. */
  static open(folder: string | undefined, build: string, log: (message: string) => void): IndexStore | undefined {
    if (!folder) return undefined;
    const store = new IndexStore(path.join(folder, STORE_FILE), build);
    store.load(log);
    return store;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The stored entry for this content, placed at `uri`. */
  get(key: string, uri: string): IndexEntry | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.used.add(key);
    // A shallow copy: the index and the store share the (never mutated) nested values.
    return { uri, ...hit };
  }

  /** The content key recorded for `uri` when it had this stamp, if any. */
  keyFor(uri: string, stamp: FileStamp): string | undefined {
    const hit = this.stamps.get(uri);
    if (!hit || hit.size !== stamp.size || hit.mtimeMs !== stamp.mtimeMs || hit.ctimeMs !== stamp.ctimeMs || !this.entries.has(hit.key)) return undefined;
    this.usedStamps.add(uri);
    return hit.key;
  }

  /** Records that `uri`, with this stamp, has content key `key`. */
  stamp(uri: string, stamp: FileStamp, key: string): void {
    const before = this.stamps.get(uri);
    this.usedStamps.add(uri);
    if (before && before.key === key && before.size === stamp.size && before.mtimeMs === stamp.mtimeMs && before.ctimeMs === stamp.ctimeMs) return;
    this.stamps.set(uri, { size: stamp.size, mtimeMs: stamp.mtimeMs, ctimeMs: stamp.ctimeMs, key });
    this.dirty = true;
  }

  set(key: string, entry: IndexEntry): void {
    // Frontmatter values JSON would change (Infinity, NaN, a Date) are not stored: that file is scanned again.
    if (entry.data !== undefined && !jsonSafe(entry.data, 0)) return;
    const { uri: _uri, ...rest } = entry;
    this.entries.set(key, rest);
    this.used.add(key);
    this.dirty = true;
  }

  private load(log: (message: string) => void): void {
    let fd: number | undefined;
    let bytes: Buffer;
    try {
      fd = fs.openSync(this.file, 'r');
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) return log(`sopls: ${this.file} is not a file; the index is built from the files`);
      if (stat.size > MAX_STORE_BYTES) return log(`sopls: ${this.file} is over ${MAX_STORE_BYTES / 1024 / 1024} MB; ignored, the index is built from the files`);
      bytes = fs.readFileSync(fd);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log(`sopls: cannot read ${this.file} (${String(err)}); the index is built from the files`);
      return;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    const problem = this.parse(bytes);
    if (problem) log(`sopls: ${this.file} ignored (${problem}); the index is built from the files`);
  }

  /** Reads a saved store; returns why it was ignored, or undefined when its entries were taken. */
  private parse(bytes: Buffer): string | undefined {
    // Layout: `sopls-index/4 BUILD` \n body (indexCodec.ts) \n `SHA1 BYTES` (the checksum after the body, so a
    // writer can stream the body). The checksum is over the body's bytes: hashing them needs no decoding, and
    // only a body that matches is decoded.
    const nl = bytes.indexOf(10);
    const last = bytes.lastIndexOf(10);
    const header = nl > 0 && nl < 300 ? bytes.subarray(0, nl).toString('utf8').split(' ') : [];
    if (header.length !== 2 || header[0] !== STORE_MAGIC || last <= nl) return 'not a sopls index';
    if (header[1] !== this.build) return 'written by another sopls build';
    const trailer = bytes.subarray(last + 1).toString('utf8').split(' ');
    const body = bytes.subarray(nl + 1, last);
    if (trailer.length !== 2 || String(body.length) !== trailer[1] || crypto.createHash('sha1').update(body).digest('base64') !== trailer[0]) {
      return 'checksum mismatch: the file is damaged';
    }
    const decoded = decodeBody(body);
    if (typeof decoded === 'string') return decoded;
    this.entries = decoded.entries;
    this.stamps = decoded.stamps;
    return undefined;
  }

  private *usedEntries(): Iterable<[string, StoredEntry]> {
    for (const key of this.used) {
      const e = this.entries.get(key);
      if (e) yield [key, e];
    }
  }

  private *usedStampList(): Iterable<[string, StoredStamp]> {
    for (const uri of this.usedStamps) {
      const st = this.stamps.get(uri);
      if (st) yield [uri, st];
    }
  }

  /** Writes the entries this session used (atomically: a crash mid-write leaves the previous file). */
  save(log: (message: string) => void): void {
    if (!this.dirty && this.used.size === this.entries.size && this.usedStamps.size === this.stamps.size) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const fd = fs.openSync(tmp, 'w');
      try {
        fs.writeFileSync(fd, `${STORE_MAGIC} ${this.build}\n`);
        const hash = crypto.createHash('sha1');
        let length = 0;
        for (const piece of encodeBody(this.usedEntries(), this.usedStampList())) {
          hash.update(piece);
          length += piece.length;
          fs.writeFileSync(fd, piece);
        }
        fs.writeFileSync(fd, `\n${hash.digest('base64')} ${length}`);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, this.file);
      this.dirty = false;
    } catch (err) {
      log(`sopls: cannot save the index to ${this.file}: ${String(err)}`);
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // Nothing more to do: the index is only a cache.
      }
    }
  }
}

/** Whether JSON gives `v` back unchanged: strings, finite numbers, booleans, null, arrays and plain objects. */
function jsonSafe(v: unknown, depth: number): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (typeof v !== 'object' || depth > 50) return false;
  if (Array.isArray(v)) return v.every((x) => jsonSafe(x, depth + 1));
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.entries(v).every(([k, x]) => k !== '__proto__' && jsonSafe(x, depth + 1));
}
