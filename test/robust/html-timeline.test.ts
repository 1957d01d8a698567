import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as Playwright from 'playwright-core';
import { ROOT } from '../helpers';

/**
 * Hostile step titles in the standalone HTML timeline (`sopls timeline FILE --format html`), opened in headless
 * Chromium: they show as text, no script runs (no dialog, no script or img element), and the page carries a
 * Content-Security-Policy that forbids scripts. Skips without Chromium unless SOPLS_E2E=required.
 */

const CHROMIUM = '/usr/bin/chromium';

// Loaded from node_modules at run time: playwright-core reads its own package files and cannot be bundled.
const loadPlaywright = (): typeof Playwright => createRequire(path.join(ROOT, 'package.json'))('playwright-core') as typeof Playwright;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '</script><script>alert(2)</script>';
const SVG = '<svg onload=alert(3)>';

// Plain text, so the titles reach the renderer exactly as written (Markdown would read `<img …>` as inline HTML
// and leave it out of the model's title).
const SOP = `Standard Operating Procedure (SOP): Hostile ${SCRIPT}
Responsibilities
| Role |
Responsibility |
| Customer Success Manager (CSM) |
Owns it. |
Step-by-Step Procedures
1. ${IMG}
Owner: CSM
Timeline: Within 1 business day of contract signing
2. ${SCRIPT}
Owner: CSM "><b>bold</b>
Timeline: Within 3 business days of contract signing
3. ${SVG} &amp; "quotes" 'single'
Owner: CSM
Timeline: Within 2 business days of ${IMG}
`;

test('HTML timeline: hostile step titles render as text in headless Chromium, no script runs, CSP present', { timeout: 60_000 }, async (t) => {
  if (!fs.existsSync(CHROMIUM)) {
    if (process.env.SOPLS_E2E === 'required') assert.fail(`${CHROMIUM} is missing and SOPLS_E2E=required (apt-get install -y chromium)`);
    t.skip(`${CHROMIUM} is not installed (apt-get install -y chromium); set SOPLS_E2E=required to make this a failure`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-html-'));
  try {
    const file = path.join(dir, 'hostile.txt');
    fs.writeFileSync(file, SOP);
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'sopls.js'), 'timeline', file, '--format', 'html', '--start', '2026-03-02'], { encoding: 'utf8', cwd: dir });
    if (run.status === 2 && /being built/.test(run.stderr)) {
      t.skip('`sopls timeline` is not implemented yet');
      return;
    }
    assert.equal(run.status, 0, `sopls timeline failed: ${run.stderr}`);
    const html = run.stdout;
    const page = path.join(dir, 'timeline.html');
    fs.writeFileSync(page, html);

    const browser = await loadPlaywright().chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    try {
      const tab = await browser.newPage();
      const dialogs: string[] = [];
      const errors: string[] = [];
      const requests: string[] = [];
      tab.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      tab.on('pageerror', (e) => errors.push(e.message));
      tab.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await tab.goto('file://' + page, { waitUntil: 'load' });
      const facts = await tab.evaluate(() => ({
        text: document.body.innerText,
        scripts: document.scripts.length,
        images: document.querySelectorAll('img').length,
        bold: document.querySelectorAll('b').length,
        handlers: Array.from(document.querySelectorAll('*')).filter((el) => Array.from(el.attributes).some((a) => /^on/i.test(a.name))).length,
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy" i]')?.getAttribute('content') ?? '',
        title: document.title,
      }));
      assert.deepEqual(dialogs, [], 'no dialog opened');
      assert.deepEqual(errors, [], 'no page errors');
      assert.deepEqual(requests, [], 'no request left the page (img src=x would make one)');
      assert.equal(facts.scripts, 0, 'no script element');
      assert.equal(facts.images, 0, 'no img element');
      assert.equal(facts.bold, 0, 'markup in an owner is not markup');
      assert.equal(facts.handlers, 0, 'no element carries an on* attribute');
      for (const s of [IMG, SCRIPT, SVG]) assert.ok(facts.text.includes(s), `"${s}" is shown as text`);
      assert.match(facts.csp, /default-src 'none'/, 'CSP present and restrictive');
      assert.doesNotMatch(facts.csp, /script-src[^;]*(unsafe-inline|\*)/, 'CSP does not allow inline scripts');
    } finally {
      await browser.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
