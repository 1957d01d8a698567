/**
 * A bounded memo for pure functions of a text (a paragraph, a line): after an edit the document is read again,
 * and every paragraph the edit did not touch gives the same text, wherever it moved. Positions in the value
 * must be relative to the text (offsets), never document lines, so a moved paragraph reuses it as it is.
 *
 * Least recently used entries go first; long texts are not kept (a hostile 5 MB line must not stay in memory).
 * The value is copied out (`copy`), so a caller that changes what it gets cannot change the memo.
 */
export class TextMemo<T> {
  private readonly entries = new Map<string, T>();
  hits = 0;
  misses = 0;
  /** Compute every value, neither reading nor filling the memo (differential tests: the fresh side). */
  bypass = false;

  constructor(
    private readonly capacity: number,
    private readonly maxText: number,
    private readonly copy: (value: T) => T,
  ) {}

  get(key: string, compute: () => T): T {
    if (this.bypass || key.length > this.maxText) return compute();
    const found = this.entries.get(key);
    if (found !== undefined) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, found);
      return this.copy(found);
    }
    this.misses++;
    const value = compute();
    this.entries.set(key, this.copy(value));
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.hits = 0;
    this.misses = 0;
  }
}

/** The key of a text and the offset ranges a function of it skips (code spans): both decide its value. */
export function textKey(text: string, ranges: readonly (readonly [number, number])[]): string {
  let key = '';
  for (const [a, b] of ranges) key += `${a},${b};`;
  return `${key}\u0000${text}`;
}
