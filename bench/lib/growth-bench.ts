/**
 * Growth of every regex-heavy path on n and 8n characters (see test/robust/growth.ts), for `npm run bench`.
 * Prints one JSON line: the probes, each with its ratio and whether it grew past the limit.
 */
import { GROWTH_LIMIT, measureGrowth } from '../../test/robust/growth';
import { regexProbes } from '../../test/robust/probes';

const base = Number(process.argv[2] ?? 12_500);
const results = regexProbes().map((probe) => {
  try {
    const first = measureGrowth(probe, base, { repeats: 3, maxSize: 25_000 });
    // One GC pause or a busy neighbour can fake growth; a super-linear path grows again on a second look.
    return first.flagged ? measureGrowth(probe, base, { repeats: 7, maxSize: 25_000 }) : first;
  } catch (err) {
    return { name: probe.name, error: err instanceof Error ? err.message.slice(0, 200) : String(err), flagged: true };
  }
});
process.stdout.write(JSON.stringify({ limit: GROWTH_LIMIT, base, probes: results }) + '\n');
