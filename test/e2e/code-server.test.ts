/**
 * The packaged extension in real VS Code (code-server in headless Chromium), as a person would use it:
 * install the .vsix, open an SOP, see missing-owner in the Problems panel, complete a role after `Owner: `,
 * open the timeline preview and count one bar per step, then see the critical path and a cadence row in the
 * preview of a second plan. Screenshots of each stage: test-output/code-server/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import {
  buildVsix,
  defaultVsixPath,
  installExtension,
  launchChromium,
  loadPlaywright,
  prepareCodeServerDirs,
  startCodeServer,
  Workbench,
} from './codeserver-driver';
import { e2eMode, findChromium, findCodeServer, FIXTURE, gate, makeTempDir, outputDir, removeDir, writeFixtureWorkspace } from './editors';

/** Three steps that take time, one after the other (the critical path), and a weekly status email (a cadence). */
const ROLLOUT_NAME = 'pilot-rollout.sop.md';
const ROLLOUT_TEXT = [
  '# Pilot Rollout',
  '',
  '## Procedure',
  '1. Environment Build',
  'Owner: Support Engineer',
  'Duration: 3 business days',
  '',
  '2. Pilot Training',
  'Owner: Customer Success Manager (CSM)',
  'Duration: 2 business days',
  '',
  '3. Pilot Review',
  'Owner: Customer Success Manager (CSM)',
  'Duration: 1 business day',
  '',
  '4. Status Email',
  'Owner: Customer Success Manager (CSM)',
  'Timeline: Weekly',
  '',
].join('\n');

test('code-server: Problems panel, role completion and timeline preview from the installed .vsix', { timeout: 420_000 }, async (t) => {
  const codeServer = findCodeServer();
  const chromium = findChromium();
  const playwright = loadPlaywright();
  const reasons = [...codeServer.reasons, ...chromium.reasons, ...(typeof playwright === 'string' ? [playwright] : [])];

  // SOPLS_VSIX tests another package; otherwise the one `npm run package` makes, built here only when asked.
  let vsix = process.env.SOPLS_VSIX ?? defaultVsixPath();
  if (reasons.length === 0 && !fs.existsSync(vsix)) {
    if (process.env.SOPLS_VSIX) reasons.push(`SOPLS_VSIX=${vsix} does not exist`);
    else if (e2eMode() === 'off') reasons.push(`${path.basename(vsix)} is not built (npm run package; or SOPLS_E2E=1 builds it)`);
    else {
      const r = await buildVsix();
      if (r.code !== 0 || !fs.existsSync(vsix)) reasons.push(`npm run package did not produce ${vsix} (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
  }
  if (!gate(t, reasons)) return;
  vsix = path.resolve(vsix);

  const out = outputDir('code-server');
  for (const f of fs.readdirSync(out)) if (f.endsWith('.png')) fs.rmSync(path.join(out, f));
  const timings: string[] = [];
  const stage = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const value = await fn();
    timings.push(`${name} ${Date.now() - started} ms`);
    return value;
  };

  const dirs = prepareCodeServerDirs();
  const { dir: workspace } = writeFixtureWorkspace('code-server-ws');
  fs.writeFileSync(path.join(workspace, ROLLOUT_NAME), ROLLOUT_TEXT);
  const profile = makeTempDir('chromium-profile');

  await stage('install-extension', () => installExtension(codeServer, dirs, vsix));
  const server = await stage('start', () => startCodeServer(codeServer, dirs, path.join(out, 'code-server.log')));
  t.after(() => server.stop());
  const browser = await stage('chromium', () => launchChromium(chromium.path!, profile));
  t.after(() => browser.close());
  // Hooks run in the order they are added: the folders go only after the browser and code-server have stopped
  // writing to them.
  t.after(() => {
    for (const d of [dirs.root, workspace, profile]) removeDir(d);
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const consoleLog: string[] = [];
  page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
  t.after(() => fs.writeFileSync(path.join(out, 'browser-console.log'), consoleLog.join('\n')));
  const wb = new Workbench(page, out);

  try {
    await stage('workbench', () => wb.open(server.url, workspace));
    await wb.screenshot('01-workbench');

    await stage('quick-open', () => wb.quickOpen(FIXTURE.name));
    const problem = await stage('problems', () => wb.waitForProblem('missing-owner'));
    await wb.screenshot('02-problems-missing-owner');
    // The row reads "<message> sopls(missing-owner) [Ln 19, Col 1]": the flagged step is the one without owner.
    assert.match(problem, new RegExp(`\\[Ln ${FIXTURE.stepWithoutOwnerLine + 1}, Col \\d+\\]`), `problem row: ${problem}`);

    const roleRe = new RegExp(FIXTURE.roleSpellings.map((r) => r.replace(/[()]/g, '\\$&')).join('|'));
    // Line after the step heading that has no Owner line (1-based: heading is stepWithoutOwnerLine + 1).
    const labels = await stage('completion', () => wb.insertLineAndSuggest(FIXTURE.stepWithoutOwnerLine + 2, 'Owner: ', roleRe));
    await wb.screenshot('03-completion-after-owner');
    assert.ok(labels.some((l) => roleRe.test(l)), `suggest widget rows: ${JSON.stringify(labels)}`);
    await wb.dismiss();

    await stage('timeline', () => wb.runCommand('SOP: Open Timeline Preview'));
    const bars = await stage('webview', () => wb.webviewCount('.bar[data-step]'));
    await wb.screenshot('04-timeline-preview');
    assert.equal(bars.count, FIXTURE.stepCount, `bars in the preview: ${JSON.stringify(bars.values)}`);
    assert.equal(new Set(bars.values).size, FIXTURE.stepCount, `distinct data-step values: ${JSON.stringify(bars.values)}`);

    // A plan with durations has a critical path, and a weekly email is a cadence: the preview marks the one on
    // its bars and in the key, and draws the other as a row of repeating markers, not a bar.
    await stage('quick-open-rollout', () => wb.quickOpen(ROLLOUT_NAME));
    await stage('timeline-rollout', () => wb.runCommand('SOP: Open Timeline Preview'));
    const critical = await stage('critical-path', () => wb.webviewCount('g.step .critical-mark'));
    const cadence = await stage('cadence-row', () => wb.webviewCount('g.cadence .cadence-mark'));
    const key = await wb.webviewCount('.legend-label.mark-critical');
    await wb.screenshot('05-timeline-critical-path-and-cadence');
    assert.equal(critical.count, 3, 'the three chained steps are the critical path');
    assert.ok(cadence.count >= 2, `cadence markers: ${cadence.count}`);
    assert.equal(key.count, 1, 'the key names the critical path');
  } catch (e) {
    await wb.screenshot('failure').catch(() => undefined);
    throw e;
  }
  t.diagnostic(`code-server ${codeServer.version}: ${timings.join(', ')}; screenshots in ${out}`);
});
