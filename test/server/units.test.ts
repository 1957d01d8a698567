/** Pieces of the language server tested without a server: configuration, workspace index, chunk cache, compaction. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { InMemoryWorkspace, type IndexEntry } from '../../server/src/core/workspace';
import { loadFolderConfig, settingsSource } from '../../server/src/lsp/config';
import { parseSopDetailed } from '../../server/src/core/parse';
import { DocumentChunkCache } from '../../server/src/lsp/chunkCache';
import { compactEntry } from '../../server/src/lsp/compact';
import { ONBOARDING } from './fixtures';

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
  const entry = (uri: string, id: string | undefined): IndexEntry => ({ uri, ...(id ? { id } : {}), isSop: true, links: [], roles: [], steps: [] });
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
      isSop: false,
      links: [{ relation: 'relates_to', id: 'PRC-001', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } } }],
      roles: [{ name: 'Customer Success Manager', aliases: ['customer success manager', 'csm'] }],
      steps: [],
      data: { contract_signed: signed, nested: { list: ['a rather long string value', 3, null] } },
    };
    const before = structuredClone(entry);
    assert.equal(compactEntry(entry), entry);
    assert.deepEqual(entry, before);
    assert.equal(entry.data!['contract_signed'], signed);
  });
});
