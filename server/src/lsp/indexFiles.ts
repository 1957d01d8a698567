/**
 * Reads and scans the files of the workspace index on this thread, in slices that leave room for requests;
 * files of LARGE_FILE characters or more go to one worker thread, so a hostile multi-megabyte file (seconds of
 * scanning) never holds up a hover. (Worker threads for every file were tried: on this 2-core machine under the
 * team's load, 2 workers indexed 10,000 files in 11–12 s against 9–10 s here — scanning plus cloning the
 * entries back cost more than the second core gave. A few large files are another matter.)
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { scanIndexEntry } from '../core/indexScan';
import { ScanWorker } from '../node/parallelLint';
import type { IndexEntry } from '../core/workspace';
import { compactEntry } from './compact';
import { FileReader, fileStamp, pathToUri } from './files';
import { contentKey, type IndexStore } from './indexStore';

export interface ScanOptions {
  /** Called after each slice with the count of files scanned so far. */
  progress?: (scanned: number) => void;
  log?: (message: string) => void;
  /** false: scan every file on this thread (no worker). */
  worker?: boolean;
  /** Entries of earlier sessions by content: a file whose content it knows is not scanned again. */
  store?: IndexStore;
}

/** One entry per file (undefined for files that cannot be read), in the order of `files`. */
/** A slice ends after this many files or this many characters read, whichever comes first. */
export const SLICE_FILES = 32;
export const SLICE_CHARS = 1_000_000;

/** Files at least this long are scanned by the worker thread (when there is one). */
export const LARGE_FILE = 200_000;

export async function scanFiles(files: string[], options: ScanOptions = {}): Promise<(IndexEntry | undefined)[]> {
  const out: (IndexEntry | undefined)[] = new Array(files.length);
  const offThread: Promise<void>[] = [];
  let worker: ScanWorker | undefined | null = options.worker === false ? null : undefined;
  let done = 0;
  const reader = new FileReader();
  try {
    while (done < files.length) {
      // Slices of 32 files (~25 ms) or 1 MB of text, yielding between them so requests and edits are not held up.
      const end = Math.min(files.length, done + SLICE_FILES);
      let chars = 0;
      for (; done < end && chars < SLICE_CHARS; done++) {
        const file = files[done]!;
        const uri = pathToUri(file);
        const store = options.store;
        // A restart: a file whose size and times are those the store recorded is neither read nor hashed.
        if (store && store.size > 0) {
          const stamp = fileStamp(file);
          const stamped = stamp && store.keyFor(uri, stamp);
          if (stamped) {
            out[done] = store.get(stamped, uri);
            continue;
          }
        }
        const read = reader.read(file);
        if (read === undefined) continue;
        const { bytes, stamp } = read;
        // Hashed before decoding: a file whose content the store knows is not decoded.
        const key = store ? contentKey(uri, bytes) : '';
        if (store && stamp.size === bytes.length) store.stamp(uri, stamp, key);
        const known = store?.get(key, uri);
        if (known) {
          out[done] = known;
          continue;
        }
        const text = bytes.toString('utf8');
        if (text.length >= LARGE_FILE && (worker ??= ScanWorker.start() ?? null)) {
          const at = done;
          const w = worker;
          offThread.push(
            w.scan(uri, text).then((entry) => {
              const e = (out[at] = entry ? compactEntry(entry) : scanOne(file, text, options));
              if (e) options.store?.set(key, e);
            }),
          );
          continue;
        }
        chars += text.length;
        const e = (out[done] = scanOne(file, text, options));
        if (e) options.store?.set(key, e);
      }
      options.progress?.(done);
      await nextTurn();
    }
    await Promise.all(offThread);
  } finally {
    await worker?.close();
  }
  return out;
}

function scanOne(file: string, text: string, options: ScanOptions): IndexEntry | undefined {
  try {
    return compactEntry(scanIndexEntry(text, pathToUri(file)));
  } catch (err) {
    options.log?.(`sopls: cannot index ${file}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
