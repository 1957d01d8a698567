/**
 * File-system side of the workspace index: which files to scan (the CLI's walk), reading them, URIs and paths.
 * Kept out of the core, which never touches the file system.
 */
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeRange, type ParseProblem } from '../core/model';
import { DOCUMENT_EXTENSIONS, walkDocuments } from '../node/files';

/** Files the index reads; the same extensions `sopls lint` walks. */
export const SOP_FILE = DOCUMENT_EXTENSIONS;

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** Normalises a client URI to the form pathToUri produces, so maps keyed by URI agree. */
export function normaliseUri(uri: string): string {
  const p = uriToPath(uri);
  return p ? pathToUri(p) : uri;
}

/**
 * Every candidate SOP file under a workspace folder: the walk `sopls lint` does (node/files.ts), so the editor
 * and the CLI see the same documents — node_modules, hidden folders, `.gitignore` entries and `exclude` skipped.
 */
export function listSopFiles(root: string, options: { include: string[]; exclude: string[]; warn?: (message: string) => void }): string[] {
  return walkDocuments(root, { root, include: options.include, exclude: options.exclude, ...(options.warn ? { warn: options.warn } : {}) }).sort();
}

/**
 * Past this size a file is not indexed, and an open document is not parsed (it gets one diagnostic): a
 * multi-megabyte "SOP" is almost certainly something else, and parsing it would hold the server.
 */
export const MAX_INDEXED_FILE = 4_000_000;

/** Most Monte Carlo runs `sopls/schedule` and `sopls/exportTimeline` accept (the CLI allows more: it has no one waiting). */
export const MAX_SCHEDULE_RUNS = 10_000;

export function oversizedProblem(length: number): ParseProblem {
  return {
    code: 'document-too-large',
    message: `This document is ${(length / 1e6).toFixed(1)} MB; past ${(MAX_INDEXED_FILE / 1e6).toFixed(1)} MB the language server does not read it (run \`sopls lint\` on it instead).`,
    range: makeRange(0, 0, 0, 0),
  };
}

export async function readTextFile(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.promises.stat(file);
    if (!stat.isFile() || stat.size > MAX_INDEXED_FILE) return undefined;
    return await fs.promises.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The synchronous read the indexer uses (async reads cost 3× more per file): readFileBytesSync, decoded. */
export function readTextFileSync(file: string): string | undefined {
  return readFileBytesSync(file)?.toString('utf8');
}

/** A file's size and times, for the persisted index's stamps (undefined when it is not a readable file). */
export function fileStamp(file: string): FileStamp | undefined {
  try {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    return st?.isFile() ? { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The indexer's reads of many files, one after another, into one buffer it keeps: open, fstat (its size and
 * times are the file's stamp for the persisted index, so no separate stat), read, close. A buffer per file, and
 * a stat before each read, were a third of the cost of reading 10,000 files.
 */
export class FileReader {
  private buf = Buffer.allocUnsafe(1 << 16);

  /**
   * The bytes of `file` — a view of this reader's buffer, valid until its next read — and the stamp they were
   * read under; undefined when the file cannot be read, is not a regular file or is over MAX_INDEXED_FILE.
   */
  read(file: string): { bytes: Buffer; stamp: FileStamp } | undefined {
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'r');
      const st = fs.fstatSync(fd);
      if (!st.isFile() || st.size > MAX_INDEXED_FILE) return undefined;
      if (this.buf.length < st.size) this.buf = Buffer.allocUnsafe(Math.max(st.size, this.buf.length * 2));
      // As readFileSync does: the size fstat gave, less if the file shrank meanwhile.
      let n = 0;
      while (n < st.size) {
        const got = fs.readSync(fd, this.buf, n, st.size - n, null);
        if (got === 0) break;
        n += got;
      }
      return { bytes: this.buf.subarray(0, n), stamp: { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs } };
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/**
 * The indexer's read: the file's bytes (undefined when it cannot be read or is over MAX_INDEXED_FILE). A restart
 * hashes the bytes and decodes only files whose entry the persisted index does not have.
 */
export function readFileBytesSync(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_INDEXED_FILE) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
