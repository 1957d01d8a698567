/**
 * `sopls/understood` over stdio: the editor's "Show What sopls Understood" view is the text `sopls parse FILE`
 * prints, for an open document as edited (unsaved changes included) and for a file that is not open.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TestClient, range, tempWorkspace } from './client';
import { ONBOARDING, README } from './fixtures';
import { ROOT } from '../helpers';

type Understood = { isSop: boolean; text: string } | null;

describe('sopls/understood', () => {
  const ws = tempWorkspace({ 'onboarding.md': ONBOARDING, 'README.md': README });
  const client = new TestClient();
  const onboarding = ws.uri('onboarding.md');

  before(async () => {
    await client.initialize(ws.dir);
    await client.open(onboarding, ONBOARDING);
  });
  after(async () => {
    await client.close();
    ws.cleanup();
  });

  test('answers with the same view as `sopls parse`, named by the file name', async () => {
    const got = await client.request<Understood>('sopls/understood', { uri: onboarding });
    assert.ok(got);
    assert.equal(got.isSop, true);
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'sopls.js'), 'parse', 'onboarding.md'], { cwd: ws.dir, encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(got.text, cli.stdout);
    assert.match(got.text, /^onboarding\.md: an SOP/);
    assert.match(got.text, /owner: Customer Success Manager \(CSM\) \[label\]/);
  });

  test('reads the open document as edited, unsaved changes included', async () => {
    const v = await client.change(onboarding, range(25, 0, 25, 0), '**Owner**: Support Engineer\n');
    await client.waitFor<{ uri: string; version: number }>('sopls/documentAnalyzed', (p) => p.uri === onboarding && p.version === v);
    const got = await client.request<Understood>('sopls/understood', { uri: onboarding });
    assert.match(got!.text, /Workspace Setup\n\s+owner: Support Engineer \[label\]/);
    assert.doesNotMatch(fs.readFileSync(path.join(ws.dir, 'onboarding.md'), 'utf8'), /Owner\*\*: Support Engineer/);
  });

  test('a file that is not open is read from disk; a README is not an SOP; a missing file is null', async () => {
    const readme = await client.request<Understood>('sopls/understood', { uri: ws.uri('README.md') });
    assert.equal(readme?.isSop, false);
    assert.match(readme!.text, /^README\.md: not an SOP/);
    assert.equal(await client.request<Understood>('sopls/understood', { uri: ws.uri('nowhere.md') }), null);
    await assert.rejects(client.request('sopls/understood', {}), /takes \{ uri: string \}/);
  });
});
