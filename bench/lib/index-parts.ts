/**
 * CPU time of each part of the language server's index, in one process (process.cpuUsage, so the machine's load
 * inflates the figures less than wall clock): listing, reading, hashing, the cheap scan, compaction, the persisted
 * store (save, load) and the index itself. For finding what to make cheaper; the bench's LSP phase is the measure.
 *
 *   node bench/.cache/index-parts.js CORPUS_DIR [ROUNDS]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanIndexEntry } from '../../server/src/core/indexScan';
import { compactEntry } from '../../server/src/lsp/compact';
import { listSopFiles, pathToUri, readFileBytesSync } from '../../server/src/lsp/files';
import { scanFiles } from '../../server/src/lsp/indexFiles';
import { contentKey, IndexStore } from '../../server/src/lsp/indexStore';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import type { IndexEntry } from '../../server/src/core/workspace';

const [corpusArg, roundsArg] = process.argv.slice(2);
const corpus = path.resolve(corpusArg ?? 'bench/corpus/n10000-s7');
const rounds = Number(roundsArg ?? 1);
const log = (m: string): void => void process.stderr.write(m + '\n');

function cpu<T>(what: string, times: Record<string, number>, f: () => T): T {
  const c0 = process.cpuUsage();
  const out = f();
  const c = process.cpuUsage(c0);
  times[what] = (times[what] ?? 0) + Math.round((c.user + c.system) / 1000);
  return out;
}

async function cpuAsync<T>(what: string, times: Record<string, number>, f: () => Promise<T>): Promise<T> {
  const c0 = process.cpuUsage();
  const out = await f();
  const c = process.cpuUsage(c0);
  times[what] = (times[what] ?? 0) + Math.round((c.user + c.system) / 1000);
  return out;
}

async function main(): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    const t: Record<string, number> = {};
    const files = cpu('list', t, () => listSopFiles(corpus, { include: [], exclude: [] }));
    // The parts one by one.
    const bytes = cpu('read', t, () => files.map((f) => readFileBytesSync(f)!));
    const uris = cpu('uris', t, () => files.map((f) => pathToUri(f)));
    cpu('hash', t, () => bytes.map((b, i) => contentKey(uris[i]!, b)));
    const texts = cpu('decode', t, () => bytes.map((b) => b.toString('utf8')));
    const raw = cpu('scan', t, () => texts.map((x, i) => scanIndexEntry(x, uris[i]!)));
    cpu('compact', t, () => raw.map((e) => compactEntry(e)));
    // What the server does, end to end.
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-index-parts-'));
    try {
      const store = IndexStore.open(storage, 'bench', log)!;
      const cold = await cpuAsync('server: scanFiles cold', t, () => scanFiles(files, { store, worker: false }));
      cpu('server: save', t, () => store.save(log));
      cpu('server: setDiskMany', t, () => new WorkspaceIndex().setDiskMany(cold.filter((e): e is IndexEntry => !!e)));
      const again = cpu('server: store load', t, () => IndexStore.open(storage, 'bench', log)!);
      const warm = await cpuAsync('server: scanFiles warm', t, () => scanFiles(files, { store: again, worker: false }));
      cpu('server: setDiskMany warm', t, () => new WorkspaceIndex().setDiskMany(warm.filter((e): e is IndexEntry => !!e)));
      t['store MB'] = Math.round(fs.statSync(again.file).size / 1e5) / 10;
    } finally {
      fs.rmSync(storage, { recursive: true, force: true });
    }
    process.stdout.write(JSON.stringify({ load: os.loadavg()[0]!.toFixed(1), ...t }) + '\n');
  }
}

void main();
