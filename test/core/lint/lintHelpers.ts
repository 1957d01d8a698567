import fs from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../../../server/src/core/configLoad';
import type { ResolvedConfig } from '../../../server/src/core/config';
import type { Finding } from '../../../server/src/core/findings';
import { indexEntryFromDoc, scanIndexEntry } from '../../../server/src/core/indexScan';
import { lintDocument } from '../../../server/src/core/lint/engine';
import { parseSop } from '../../../server/src/core/parse';
import { InMemoryWorkspace } from '../../../server/src/core/workspace';
import { listDocuments } from '../../helpers';

/** The date every lint test measures review-overdue from. */
export const TODAY = '2026-11-23';

export function listDocs(dir: string): string[] {
  return listDocuments(dir);
}

export function configIn(dir: string): ResolvedConfig {
  const file = path.join(dir, '.sopls.json');
  const loaded = resolveConfig(fs.existsSync(file) ? { file: JSON.parse(fs.readFileSync(file, 'utf8')) } : {});
  if (loaded.errors.length) throw new Error(`bad fixture config ${file}: ${JSON.stringify(loaded.errors)}`);
  return loaded.config;
}

/** Lints `files` as one workspace together with `context` files (indexed, not linted). */
export function lintWorkspace(
  files: string[],
  options: { context?: string[]; config?: ResolvedConfig; today?: string } = {},
): Map<string, Finding[]> {
  const config = options.config ?? resolveConfig().config;
  const docs = files.map((f) => parseSop(fs.readFileSync(f, 'utf8'), f));
  const ws = new InMemoryWorkspace([
    ...(options.context ?? []).map((f) => scanIndexEntry(fs.readFileSync(f, 'utf8'), f)),
    ...docs.map(indexEntryFromDoc),
  ]);
  const shared = new Map<string, unknown>();
  const out = new Map<string, Finding[]>();
  for (const doc of docs) out.set(doc.uri, lintDocument({ doc, workspace: ws, config, today: options.today ?? TODAY, shared }));
  return out;
}

/** `line rule` pairs (1-based), sorted, for comparing findings with expectations. */
export function summarise(findings: Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1} ${f.rule}`).sort(byLineThenRule);
}

export function byLineThenRule(a: string, b: string): number {
  const [la, ra] = a.split(' ');
  const [lb, rb] = b.split(' ');
  return Number(la) - Number(lb) || ra!.localeCompare(rb!);
}

/** Expectations of a fixture: inline `<!-- expect: … -->` / `# expect: …` markers and a `.expect` sidecar. */
export function expectations(file: string): string[] {
  const out: string[] = [];
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    const m = /(?:<!--\s*expect:\s*([^>]*?)\s*-->|#\s*expect:\s*(.+)$)/.exec(line);
    if (!m) return;
    for (const id of (m[1] ?? m[2]!).split(',').map((s) => s.trim()).filter(Boolean)) out.push(`${i + 1} ${id}`);
  });
  const sidecar = `${file}.expect`;
  if (fs.existsSync(sidecar)) {
    for (const raw of fs.readFileSync(sidecar, 'utf8').split(/\r?\n/)) {
      const line = raw.replace(/#.*$/, '').trim();
      if (!line) continue;
      const [n, id] = line.split(/\s+/);
      out.push(`${Number(n)} ${id}`);
    }
  }
  return out.sort(byLineThenRule);
}
