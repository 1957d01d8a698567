/**
 * How far V8 lets the language server's heap grow between full collections. By default the old generation may
 * grow to 1.5–4× what survived the last one before it is collected again; in a long-lived server that holds a
 * 10,000-document index and re-parses a 2,000-line document on every keystroke, that slack was most of its
 * memory: 360 MB peak at 10k with 17 MB of index entries live. Growing by half each time brings the peak to about
 * 210 MB for ~10% more CPU per edit (docs/performance.md). `SOPLS_HEAP_GROWTH=<percent>` overrides the figure
 * (0 keeps V8's default), for measuring.
 */
import v8 from 'node:v8';

export const HEAP_GROWTH_PERCENT = 50;

/** Sets the heap growing factor for this process (a V8 flag read at every full collection). */
export function boundHeapGrowth(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['SOPLS_HEAP_GROWTH'];
  const percent = raw !== undefined && /^\d{1,3}$/.test(raw) ? Number(raw) : HEAP_GROWTH_PERCENT;
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
