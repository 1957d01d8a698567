/**
 * A check of the LSP base protocol's framing on the way in (`Content-Length: N\r\n\r\n` + N bytes of JSON).
 * vscode-jsonrpc's reader, given a bad or missing Content-Length or bytes that never finish a header, reports an
 * error (or waits for ever) and keeps the connection open: the server stays alive but deaf, and the client
 * never restarts it. Passing stdin through this guard turns any framing error into `onError`, where the server
 * exits non-zero, so the client sees a crash and starts a fresh server.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** A header block longer than this is not a header (real ones are under 100 bytes). */
export const MAX_HEADER_BYTES = 8192;
/** A message body larger than this is refused before it is buffered (the document size cap is far below it). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n');

export class FramingError extends Error {}

export class FramingGuard extends Transform {
  private header = Buffer.alloc(0);
  /** Body bytes still to pass through for the current message; -1 while reading a header. */
  private remaining = -1;
  /** Whether the first byte of the current body has been checked. */
  private bodyStarted = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.push(this.frame(chunk));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  /** The bytes of `chunk` that are valid framing so far; throws FramingError at the first invalid byte. */
  private frame(chunk: Buffer): Buffer {
    const out: Buffer[] = [];
    let data = chunk;
    while (data.length > 0) {
      if (this.remaining < 0) {
        const joined = this.header.length ? Buffer.concat([this.header, data]) : data;
        const end = joined.indexOf(HEADER_END);
        if (end < 0) {
          if (joined.length > MAX_HEADER_BYTES) throw new FramingError(`no end of header within ${MAX_HEADER_BYTES} bytes`);
          this.header = Buffer.from(joined);
          break;
        }
        if (end > MAX_HEADER_BYTES) throw new FramingError(`header longer than ${MAX_HEADER_BYTES} bytes`);
        this.remaining = contentLength(joined.subarray(0, end).toString('ascii'));
        this.bodyStarted = false;
        out.push(joined.subarray(0, end + HEADER_END.length));
        this.header = Buffer.alloc(0);
        data = joined.subarray(end + HEADER_END.length);
        continue;
      }
      const n = Math.min(this.remaining, data.length);
      if (!this.bodyStarted && n > 0) {
        // A JSON-RPC message is an object (or a batch): anything else means the stream is out of step.
        const first = data.subarray(0, n).toString('utf8').trimStart()[0];
        if (first !== undefined) {
          if (first !== '{' && first !== '[') throw new FramingError('message body is not JSON');
          this.bodyStarted = true;
        }
      }
      out.push(data.subarray(0, n));
      this.remaining -= n;
      data = data.subarray(n);
      if (this.remaining === 0) this.remaining = -1;
    }
    return Buffer.concat(out);
  }
}

/** The Content-Length of a header block; throws when it is missing, not a whole number, or too large. */
export function contentLength(header: string): number {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new FramingError(`malformed header line "${line.slice(0, 40)}"`);
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,10}$/.test(value)) throw new FramingError(`Content-Length "${value.slice(0, 20)}" is not a whole number`);
    length = Number(value);
  }
  if (length === undefined) throw new FramingError('header without Content-Length');
  if (length === 0) throw new FramingError('Content-Length 0');
  if (length > MAX_MESSAGE_BYTES) throw new FramingError(`Content-Length ${length} is over ${MAX_MESSAGE_BYTES}`);
  return length;
}
