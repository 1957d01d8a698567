/**
 * The chunk cache of one open document. The parser's ChunkCache keeps the 512 most recently used chunks; an
 * open document uses far fewer (a 2,000-line SOP has ~120), so every edit left a stale chunk behind until 512
 * were cached — and each stale chunk's line strings are slices of the whole document text of its version,
 * keeping that text alive: ~0.1 MB per edit on a 2,000-line SOP, 50 MB after a few hundred edits (measured).
 *
 * This cache drops what the last two parses did not use. Two, not one, so that undoing the last edit (or a
 * client sending a change in two steps) still finds the chunk it had.
 */
import { ChunkCache } from '../core/parse';

type Cached = NonNullable<ReturnType<ChunkCache['get']>>;

export class DocumentChunkCache extends ChunkCache {
  private readonly entries = new Map<string, { value: Cached; parse: number }>();
  private parse = 0;

  override get(key: string): Cached | undefined {
    const hit = this.entries.get(key);
    if (hit) hit.parse = this.parse;
    return hit?.value;
  }

  override set(key: string, value: Cached): void {
    this.entries.set(key, { value, parse: this.parse });
  }

  override get size(): number {
    return this.entries.size;
  }

  /** Call after each parse: forgets chunks neither this parse nor the one before used. */
  endParse(): void {
    for (const [key, e] of this.entries) if (e.parse < this.parse - 1) this.entries.delete(key);
    this.parse++;
  }
}
