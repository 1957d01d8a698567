/**
 * Pieces of the language server tested without a server: configuration, workspace index (revisions, read tracking,
 * persistence), analyses, chunk cache, compaction.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { InMemoryWorkspace, type IndexEntry } from '../../server/src/core/workspace';
import type { Located } from '../../server/src/core/model';
import { loadFolderConfig, settingsSource } from '../../server/src/lsp/config';
import { parseSopDetailed } from '../../server/src/core/parse';
import { DocumentChunkCache } from '../../server/src/lsp/chunkCache';
import { compactEntry } from '../../server/src/lsp/compact';
import { ONBOARDING } from './fixtures';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { affects, ANY, entryChangeKeys, sameValue, TrackedShared, TrackingWorkspace, type Reads } from '../../server/src/lsp/readTracking';
import { WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import { contentKey, IndexStore, MAX_STORE_BYTES, STORE_FILE, STORE_MAGIC } from '../../server/src/lsp/indexStore';
import { readInitOptions } from '../../server/src/lsp/initOptions';
import { Folders } from '../../server/src/lsp/folders';
import { Analyses } from '../../server/src/lsp/analyses';
import { DiagnosticsPublisher } from '../../server/src/lsp/publisher';

describe('settingsSource', () => {
  test('nests dotted keys, drops client-only and unset settings, keeps the user’s rule keys', () => {
    assert.deepEqual(
      settingsSource({ 'calendar.holidays': 'US', calendar: { workweek: [1, 2, 3] }, 'timeline.start': '', trace: { server: 'verbose' }, rules: { 'missing-owner': 'off' }, roles: [] }),
      { calendar: { holidays: 'US', workweek: [1, 2, 3] }, rules: { 'missing-owner': 'off' }, roles: [] },
    );
    assert.equal(settingsSource({ trace: { server: 'off' }, 'timeline.start': '', calendar: { holidays: '' } }), undefined);
    assert.equal(settingsSource(null), undefined);
  });

  test('VS Code’s defaults plus .sopls.json: the file wins, as in `sopls lint`; a bad source is left out and reported', () => {
    const vscodeDefaults = { rules: { 'missing-owner': 'off' }, roles: [], 'calendar.holidays': '', 'calendar.workweek': [1, 2, 3, 4, 5], 'timeline.start': '', trace: { server: 'off' } };
    const loaded = loadFolderConfig(vscodeDefaults, '{ "rules": { "missing-owner": "error" }, "calendar": { "holidays": "DE-BY" } }');
    assert.equal(loaded.config.rules['missing-owner'], 'error');
    assert.equal(loaded.config.calendar.holidays, 'DE-BY');
    assert.deepEqual(loaded.settingsErrors, []);
    assert.deepEqual(loaded.fileProblems, []);
    const bad = loadFolderConfig({ rules: { 'missing-owner': 'loud' } }, '{\n  "reviewCadenceMonths": "six"\n}');
    assert.deepEqual(bad.settingsErrors.map((e) => [e.path, e.message]), [['rules.missing-owner', 'rules.missing-owner must be one of "error", "warning", "info", "hint", "off"']]);
    assert.deepEqual(bad.fileProblems, [{ message: 'reviewCadenceMonths must be of type integer', range: { start: { line: 1, character: 25 }, end: { line: 1, character: 30 } } }]);
    assert.equal(bad.config.reviewCadenceMonths, loadFolderConfig(undefined, undefined).config.reviewCadenceMonths);
  });
});

describe('InMemoryWorkspace', () => {
  const entry = (uri: string, id: string | undefined): IndexEntry => ({ uri, ...(id ? { id } : {}), links: [], roles: [], headings: [] });
  const IDS = ['PRC-001', 'PRC-002', 'POL-001', 'CUS-9', 'X'];

  test('its incremental id lookup and prefixes equal a rebuild from the entries, after any sequence of set and delete', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), uri: fc.integer({ min: 0, max: 7 }), id: fc.option(fc.constantFrom(...IDS), { nil: undefined }) }),
      fc.record({ kind: fc.constant('delete' as const), uri: fc.integer({ min: 0, max: 7 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const index = new InMemoryWorkspace();
        // The reference: a plain map in first-insertion order, looked up from scratch every time.
        const reference = new Map<string, IndexEntry>();
        for (const o of ops) {
          const uri = `file:///w/${o.uri}.md`;
          if (o.kind === 'set') {
            const e = entry(uri, o.id);
            index.set(e);
            reference.set(uri, e);
          } else assert.equal(index.delete(uri), reference.delete(uri));
          const all = [...reference.values()];
          for (const id of IDS) assert.deepEqual(index.byId(id), all.filter((e) => e.id === id));
          const prefixes = new Set(all.filter((e) => e.id).map((e) => e.id!.slice(0, Math.max(0, e.id!.lastIndexOf('-')) || undefined)));
          assert.deepEqual([...index.idPrefixes()].sort(), [...prefixes].sort());
          assert.deepEqual([...index.entries()], all);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('DocumentChunkCache', () => {
  test('keeps only the chunks of the last two parses, and parses exactly like a cold parse', () => {
    const cache = new DocumentChunkCache();
    const steps = Array.from({ length: 60 }, (_, i) => [`### Step ${i + 1}: Task ${i + 1}`, '**Owner**: Support Engineer', `**Timeline**: Within 2 business days of Task ${i || 1}`, '']);
    const lines = [...ONBOARDING.split('\n').slice(0, 20), ...steps.flat()];
    const first = parseSopDetailed(lines.join('\n'), 'file:///w/a.md', { cache });
    cache.endParse();
    const chunks = cache.size;
    assert.equal(first.parsedChunks, chunks);
    for (let i = 0; i < 30; i++) {
      const line = (i * 37) % lines.length;
      lines[line] += 'x';
      const text = lines.join('\n');
      const warm = parseSopDetailed(text, 'file:///w/a.md', { cache });
      cache.endParse();
      assert.equal(warm.parsedChunks <= 2, true, `edit ${i} re-parsed ${warm.parsedChunks} chunks`);
      assert.ok(cache.size <= chunks + 2, `edit ${i}: ${cache.size} cached for ${chunks} chunks`);
      assert.deepEqual(JSON.parse(JSON.stringify(warm.doc)), JSON.parse(JSON.stringify(parseSopDetailed(text, 'file:///w/a.md').doc)));
    }
    // Undoing the last edit finds its chunk still cached.
    const line = (29 * 37) % lines.length;
    lines[line] = lines[line]!.slice(0, -1);
    assert.equal(parseSopDetailed(lines.join('\n'), 'file:///w/a.md', { cache }).parsedChunks, 0);
  });
});

describe('compactEntry', () => {
  test('keeps every value (strings, dates, nested frontmatter) and the same object', () => {
    const signed = new Date(Date.UTC(2026, 2, 2));
    const entry: IndexEntry = {
      uri: 'file:///w/c.md',
      id: 'CUS-001',
      title: 'A customer with a long enough title',
      links: [{ relation: 'relates_to', id: 'PRC-001', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } } }],
      roles: [{ name: 'Customer Success Manager', aliases: ['customer success manager', 'csm'] }],
      headings: [],
      data: { contract_signed: signed, nested: { list: ['a rather long string value', 3, null] } },
    };
    const before = structuredClone(entry);
    assert.equal(compactEntry(entry), entry);
    assert.deepEqual(entry, before);
    assert.equal(entry.data!['contract_signed'], signed);
  });

  test('shares roles and strings across entries; headings read, compare and serialise as plain Located values', () => {
    const range = (line: number, a: number, b: number): Located['range'] => ({ start: { line, character: a }, end: { line, character: b } });
    const mk = (uri: string): IndexEntry => ({
      uri,
      links: [],
      roles: [{ name: 'Release Coordinator', acronym: 'RC', aliases: ['release coordinator', 'rc'], description: 'Runs the release window' }],
      headings: [{ value: 'Procedure for the release window', range: range(4, 3, 35) }],
    });
    const plain = mk('file:///w/a.md');
    const a = compactEntry(mk('file:///w/a.md'));
    const b = compactEntry(mk('file:///w/b.md'));
    assert.equal(a.roles[0], b.roles[0]);
    assert.equal(a.headings[0]!.value, 'Procedure for the release window');
    assert.deepEqual(a.headings[0]!.range, range(4, 3, 35));
    assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(plain)));
    assert.ok(sameValue(a, plain) && sameValue(plain, a));
    assert.equal(entryChangeKeys(a.uri, plain, a).size, 0);
    const moved = { ...plain, headings: [{ value: 'Procedure for the release window', range: range(5, 3, 35) }] };
    assert.deepEqual([...entryChangeKeys(a.uri, a, moved)].sort(), ['all:headings', 'doc:file:///w/a.md:headings']);
  });
});

describe('read tracking (readTracking.ts)', () => {
  const r = (sl: number): IndexEntry['links'][number]['range'] => ({ start: { line: sl, character: 0 }, end: { line: sl, character: 5 } });
  const mk = (uri: string, fields: Partial<IndexEntry> = {}): IndexEntry => ({ uri, links: [], roles: [], headings: [], ...fields });

  test('an entry change affects the keys of the fields that changed, its ids, and membership when added or removed', () => {
    const a = mk('file:///w/a.md', { id: 'PRC-1', status: 'active', headings: [{ value: 'One', range: r(3) }] });
    assert.deepEqual([...entryChangeKeys(a.uri, a, { ...a, headings: [{ value: 'One', range: r(4) }] })].sort(), ['all:headings', 'doc:file:///w/a.md:headings']);
    assert.deepEqual([...entryChangeKeys(a.uri, a, { ...a, status: 'deprecated' })].sort(), ['all:status', 'doc:file:///w/a.md:status']);
    assert.deepEqual([...entryChangeKeys(a.uri, a, { ...a, id: 'PRC-2' })].sort(), ['all:id', 'doc:file:///w/a.md:id', 'id:PRC-1', 'id:PRC-2']);
    assert.ok(entryChangeKeys(a.uri, undefined, a).has('all'));
    assert.ok(entryChangeKeys(a.uri, a, undefined).has('id:PRC-1'));
    assert.equal(entryChangeKeys(a.uri, a, structuredClone(a)).size, 0);
    assert.equal(sameValue({ d: new Date(5) }, { d: new Date(5) }), true);
    assert.equal(sameValue({ d: new Date(5) }, { d: '1970' }), false);
  });

  test('the lint’s reads through byId, entries() and idPrefixes are recorded; outside track nothing is', () => {
    const inner = new InMemoryWorkspace([mk('file:///w/old.md', { id: 'OLD-1', status: 'deprecated' }), mk('file:///w/b.md', { id: 'PRC-2', roles: [{ name: 'Clerk', aliases: ['clerk'] }] })]);
    const ws = new TrackingWorkspace(inner);
    assert.equal(ws.byId('OLD-1')[0], inner.byId('OLD-1')[0], 'no proxy outside track');
    const reads: Reads = new Set();
    ws.track(reads, () => {
      void ws.byId('OLD-1')[0]!.status;
      for (const e of ws.entries()) void e.roles;
      ws.idPrefixes();
    });
    assert.deepEqual([...reads].sort(), ['all', 'all:roles', 'doc:file:///w/old.md:status', 'id:OLD-1', 'prefixes']);
    assert.equal(affects(new Set(['doc:file:///w/old.md:title']), reads), false);
    assert.equal(affects(new Set(['doc:file:///w/old.md:status']), reads), true);
    assert.equal(affects(new Set(['x']), new Set([ANY])), true);
  });

  test('a shared value charges what it read to every document that uses it, and is dropped when that changes', () => {
    const inner = new InMemoryWorkspace([mk('file:///w/b.md', { roles: [{ name: 'Clerk', aliases: ['clerk'] }] })]);
    const ws = new TrackingWorkspace(inner);
    const shared = new TrackedShared().attach(ws);
    // The engine's pattern (lint/engine.ts memoIn): has → compute → set; nested values inside a computation.
    const memo = <T>(key: string, compute: () => T): T => {
      if (shared.has(key)) return shared.get(key) as T;
      const v = compute();
      shared.set(key, v);
      return v;
    };
    const roleNames = (): string[] => memo('roles', () => [...ws.entries()].flatMap((e) => e.roles.map((x) => x.name)));
    const first: Reads = new Set();
    ws.track(first, () => memo('set', () => new Set(roleNames())));
    const second: Reads = new Set();
    ws.track(second, () => memo('set', () => assert.fail('computed twice')));
    assert.deepEqual([...first].sort(), ['all', 'all:roles']);
    assert.deepEqual([...second].sort(), ['all', 'all:roles']);
    assert.equal(shared.invalidate(new Set(['all:status'])), 0);
    assert.equal(shared.invalidate(new Set(['all:roles'])), 2);
    assert.equal(shared.size, 0);
  });
});

describe('WorkspaceIndex', () => {
  const mk = (uri: string, fields: Partial<IndexEntry> = {}): IndexEntry => ({ uri, links: [], roles: [], headings: [], ...fields });
  test('every change bumps the revision and is handed out once; an open document shadows its file', () => {
    const index = new WorkspaceIndex();
    const uri = 'file:///w/a.md';
    index.setDisk(uri, mk(uri, { id: 'PRC-1' }));
    const first = index.takeChange()!;
    assert.equal(first.revision, 1);
    assert.ok(first.keys.has('id:PRC-1') && first.keys.has('prefixes'));
    assert.equal(index.takeChange(), undefined);
    index.setDisk(uri, mk(uri, { id: 'PRC-1' }));
    assert.equal(index.revision, 1, 'an equal entry is no change');
    index.open(uri);
    index.setOpen(uri, mk(uri, { id: 'PRC-1', title: 'Edited' }));
    index.setDisk(uri, mk(uri, { id: 'PRC-1', title: 'On disk' }));
    assert.equal(index.workspace.get(uri)!.title, 'Edited', 'the editor’s copy wins over the file');
    assert.deepEqual([...index.takeChange()!.keys].sort(), ['all:title', `doc:${uri}:title`]);
    index.close(uri);
    index.closed(uri, index.diskEntry(uri));
    assert.equal(index.workspace.get(uri)!.title, 'On disk');
    index.removeFolder('file:///w/');
    assert.equal(index.size, 0);
    assert.equal(index.revision, 4);
  });
});

describe('IndexStore', () => {
  const mk = (uri: string): IndexEntry => ({ uri, id: 'PRC-1', title: 'A title long enough to matter', links: [], roles: [{ name: 'Clerk', aliases: ['clerk'] }], headings: [], data: { tier: 'gold', n: 3 } });
  const logs: string[] = [];
  const log = (m: string): void => void logs.push(m);
  const folder = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-store-'));

  test('entries saved by one session are found by content in the next, at any path; nothing without a folder', () => {
    const dir = folder();
    try {
      assert.equal(IndexStore.open(undefined, 'b1', log), undefined);
      const one = IndexStore.open(dir, 'b1', log)!;
      const key = contentKey('file:///w/a.md', 'text');
      assert.notEqual(key, contentKey('file:///w/a.txt', 'text'), 'the format follows the name');
      one.set(key, mk('file:///w/a.md'));
      // More than one written batch, so the pieces of the body join into one JSON array.
      for (let i = 0; i < 1200; i++) one.set(contentKey('n.md', String(i)), mk(`file:///w/n${i}.md`));
      one.set(contentKey('x.md', 'bad'), { ...mk('file:///w/b.md'), data: { n: Infinity } });
      one.save(log);
      const two = IndexStore.open(dir, 'b1', log)!;
      assert.equal(two.size, 1201, 'a value JSON would change is not stored');
      assert.deepEqual(two.get(key, 'file:///w/moved.md'), mk('file:///w/moved.md'));
      assert.deepEqual(logs, []);
      // Headings are stored as tuples and read back as the same headings.
      const withHeadings = { ...mk('file:///w/h.md'), headings: [{ value: 'Procedure', range: { start: { line: 7, character: 3 }, end: { line: 7, character: 12 } } }] };
      two.set(contentKey('h.md', 'h'), withHeadings);
      two.save(log);
      const three = IndexStore.open(dir, 'b1', log)!;
      assert.deepEqual(JSON.parse(JSON.stringify(three.get(contentKey('h.md', 'h'), 'file:///w/h.md'))), withHeadings);
      assert.deepEqual(three.get(contentKey('h.md', 'h'), 'file:///w/h.md')!.headings[0]!.range, withHeadings.headings[0]!.range);
      assert.deepEqual(logs, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file stamped with its size and times is known by its stamp in the next session, until one changes', () => {
    const dir = folder();
    try {
      const one = IndexStore.open(dir, 'b1', log)!;
      const key = contentKey('file:///w/a.md', 'text');
      const stamp = { size: 4, mtimeMs: 1764680000123.456, ctimeMs: 1764680000123.789 };
      one.set(key, mk('file:///w/a.md'));
      one.stamp('file:///w/a.md', stamp, key);
      // A stamp whose entry was not stored (a value JSON would change) is not saved.
      one.stamp('file:///w/b.md', stamp, contentKey('file:///w/b.md', 'other'));
      one.save(log);
      const two = IndexStore.open(dir, 'b1', log)!;
      assert.equal(two.keyFor('file:///w/a.md', { ...stamp }), key);
      assert.equal(two.keyFor('file:///w/a.md', { ...stamp, mtimeMs: stamp.mtimeMs + 1 }), undefined);
      assert.equal(two.keyFor('file:///w/a.md', { ...stamp, ctimeMs: stamp.ctimeMs + 1 }), undefined);
      assert.equal(two.keyFor('file:///w/a.md', { ...stamp, size: 5 }), undefined);
      assert.equal(two.keyFor('file:///w/b.md', stamp), undefined);
      assert.deepEqual(logs, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a damaged, foreign, malformed or oversized file is ignored with a log line', () => {
    const dir = folder();
    try {
      const s = IndexStore.open(dir, 'b1', log)!;
      s.set(contentKey('a.md', 'x'), mk('file:///w/a.md'));
      s.save(log);
      const file = path.join(dir, STORE_FILE);
      const good = fs.readFileSync(file);
      const at = good.indexOf('Clerk');
      const damaged = Buffer.from(good);
      assert.ok(at > 0, 'the role name is in the file');
      damaged[at + 4] = 'c'.charCodeAt(0);
      const cases: [Buffer, string][] = [
        [damaged, 'checksum mismatch'],
        [good, 'another sopls build'],
        [Buffer.from('{"not": "a store"}'), 'not a sopls index'],
      ];
      for (const [text, why] of cases) {
        fs.writeFileSync(file, text);
        logs.length = 0;
        const opened = IndexStore.open(dir, why === 'another sopls build' ? 'b2' : 'b1', log)!;
        assert.equal(opened.size, 0, why);
        assert.match(logs.join('\n'), new RegExp(why), why);
      }
      // A well-formed file with an entry of the wrong shape (its checksum recomputed, as an attacker would).
      // Bodies written as an attacker would (checksum recomputed), each wrong in one way: a count past the end, a
      // string number past the table, a negative position, a role number past the table, data that is not an
      // object, a stamp of no entry, a column missing, the integers of another byte order.
      const write = (json: Record<string, unknown>, roles: number[], entries: number[], order = 0x01020304): void => {
        const j = Buffer.from(JSON.stringify(json));
        const head = Buffer.alloc(4);
        head.writeUInt32LE(j.length);
        const pad = Buffer.alloc((4 - ((4 + j.length) % 4)) % 4);
        const body = Buffer.concat([head, j, pad, Buffer.from(new Int32Array([order, roles.length, ...roles, ...entries]).buffer)]);
        const sum = crypto.createHash('sha1').update(body).digest('base64');
        fs.writeFileSync(file, Buffer.concat([Buffer.from(`${STORE_MAGIC} b1\n`), body, Buffer.from(`\n${sum} ${body.length}`)]));
      };
      const entry = (...nums: number[]): number[] => [0, -1, -1, -1, 1, -1, ...nums];
      const json = { strings: ['k', 't'], data: [], stamps: [] };
      const bad: [Record<string, unknown>, number[], number[], number?][] = [
        [json, [], entry(-1, 0, 0, 7)],
        [json, [], [0, -1, -1, -1, 9, -1, -1, 0, 0, 0]],
        [json, [], entry(-1, 0, 0, 1, 1, 0, 0, 0, -2)],
        [json, [], entry(-1, 0, 1, 0, 0)],
        [{ ...json, data: ['x'] }, [], entry(0, 0, 0, 0)],
        [{ ...json, stamps: ['file:///w/a.md', 1, 2, 3, 1] }, [], entry(-1, 0, 0, 0)],
        [{ strings: ['k', 't'], stamps: [] }, [], entry(-1, 0, 0, 0)],
        [json, [], entry(-1, 0, 0, 0), 0x04030201],
      ];
      for (const [i, [j, roles, entries, order]] of bad.entries()) {
        write(j, roles, entries, order);
        logs.length = 0;
        assert.equal(IndexStore.open(dir, 'b1', log)!.size, 0, `body ${i}`);
        assert.match(logs.join('\n'), /unexpected (shape|content)|byte order/, `body ${i}`);
      }
      // The same layout with sound numbers is taken (so the cases above fail for the reason they name).
      write({ strings: ['k', 't'], data: [{ a: 1 }], stamps: ['file:///w/a.md', 1, 2, 3, 0] }, [1, -1, -1, 0], entry(0, 0, 1, 0, 0));
      logs.length = 0;
      const sound = IndexStore.open(dir, 'b1', log)!;
      assert.deepEqual(logs, []);
      assert.deepEqual(sound.get('k', 'file:///w/a.md'), { uri: 'file:///w/a.md', links: [], roles: [{ name: 't', aliases: [] }], headings: [], title: 't', data: { a: 1 } });
      assert.equal(sound.keyFor('file:///w/a.md', { size: 1, mtimeMs: 2, ctimeMs: 3 }), 'k');
      fs.truncateSync(file, MAX_STORE_BYTES + 1);
      logs.length = 0;
      assert.equal(IndexStore.open(dir, 'b1', log)!.size, 0);
      assert.match(logs.join('\n'), /over 256 MB/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readInitOptions and Folders', () => {
  test('options of the wrong type fall back to the defaults', () => {
    assert.deepEqual(readInitOptions({ diagnosticsDelay: -1, today: 'tomorrow', workspaceTrusted: 0, storagePath: 42 }), { diagnosticsDelay: 150, trusted: true, virtual: false, traceAnalysis: false });
    assert.deepEqual(readInitOptions({ diagnosticsDelay: 0, today: '2026-03-02', virtualWorkspace: true, storagePath: '/s' }), { diagnosticsDelay: 0, today: '2026-03-02', trusted: true, virtual: true, traceAnalysis: false, storagePath: '/s' });
  });

  test('the innermost folder holds a document; its configuration applies; each load is a new revision', async () => {
    const folders = new Folders(true);
    folders.add([{ uri: 'file:///w', name: 'w' }, { uri: 'file:///w/inner', name: 'inner' }]);
    assert.equal(folders.folderOf('file:///w/inner/a.md')!.name, 'inner');
    assert.equal(folders.folderOf('file:///w/a.md')!.name, 'w');
    assert.equal(folders.folderOf('file:///elsewhere/a.md'), undefined);
    await folders.load({ settingsFor: async (scope) => (scope === 'file:///w/inner' ? { rules: { 'missing-owner': 'off' } } : {}), readConfigFile: () => undefined, configFileOpen: () => false, log }, true);
    assert.equal(folders.revision, 1);
    assert.equal(folders.configFor('file:///w/inner/a.md').rules['missing-owner'], 'off');
    assert.equal(folders.configFor('file:///w/a.md').rules['missing-owner'], undefined);
  });
  const log = (): void => undefined;
});

describe('Analyses', () => {
  test('an index change re-lints exactly the open documents whose reads it touches; the edited one is not reported', () => {
    const texts = new Map<string, string>([
      ['file:///w/a.md', ['---', 'id: PRC-10', 'type: process', 'links:', '  relates_to: [OLD-1]', '---', '# A', ''].join('\n')],
      ['file:///w/c.md', ['---', 'id: PRC-30', 'type: process', '---', '# C', ''].join('\n')],
    ]);
    const index = new WorkspaceIndex();
    index.setDisk('file:///w/old.md', { uri: 'file:///w/old.md', id: 'OLD-1', status: 'deprecated', links: [], roles: [], headings: [] });
    const stale: string[][] = [];
    const analyses = new Analyses({
      document: (uri) => (texts.has(uri) ? { version: 1, getText: () => texts.get(uri)!, languageId: 'markdown' } : undefined),
      index,
      folders: new Folders(true),
      today: () => '2026-03-02',
      log: () => undefined,
      trace: () => undefined,
      onStale: (uris) => void stale.push(uris),
    });
    for (const uri of texts.keys()) analyses.findingsOf(uri, analyses.analyze(uri)!);
    const stalest = (): string[] => analyses.findingsOf('file:///w/a.md', analyses.latest('file:///w/a.md')!).filter((f) => f.rule === 'link-to-deprecated').map((f) => f.message);
    assert.match(stalest().join(), /link to the document that replaces it/);
    stale.length = 0;
    // A document elsewhere starts to supersede OLD-1: a read `link-to-deprecated` made (who replaces it).
    index.setDisk('file:///w/new.md', { uri: 'file:///w/new.md', id: 'PRC-20', status: 'active', links: [{ relation: 'supersedes', id: 'OLD-1', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }], roles: [], headings: [] });
    analyses.settle();
    assert.deepEqual(stale, [['file:///w/a.md']]);
    assert.equal(analyses.isCurrent(analyses.latest('file:///w/c.md')!), true, 'c read nothing that changed: still current');
    assert.match(stalest().join(), /replacement "PRC-20"/);
  });
});

describe('DiagnosticsPublisher', () => {
  test('diagnostics computed for a version the editor has already replaced are dropped and the document re-scheduled', async () => {
    let version = 1;
    const sent: { uri: string; version?: number }[] = [];
    const analysis = { version: 1 };
    const publisher = new DiagnosticsPublisher({
      connection: { sendDiagnostics: async (p: { uri: string; version?: number }) => void sent.push(p), sendNotification: async () => undefined } as never,
      document: () => ({ version, getText: () => '' }) as never,
      analyses: {
        // An edit arrives while this version is analysed (a worker, a slow lint): the result is stale on arrival.
        analyze: () => {
          const a = { ...analysis, version };
          version++;
          return a;
        },
        findingsOf: () => [],
        latest: () => ({ ...analysis, version: version - 1 }),
        isCurrent: () => true,
      } as never,
      pull: false,
      diagnosticRefresh: false,
      inlayHintRefresh: false,
      relatedInformation: true,
      configFileUsed: true,
      delay: 0,
      ready: Promise.resolve(),
      log: () => undefined,
    });
    publisher.publish('file:///w/a.md');
    assert.deepEqual(sent, []);
    assert.equal(publisher.dropped, 1);
    publisher.cancel('file:///w/a.md');
  });
});
