/**
 * Drives real VS Code in the browser: code-server (on its own Node 24) plus Debian's Chromium through
 * playwright-core. Every step waits on a selector or an event; timeouts only bound a broken run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { makeTempDir, removeDir, repoRoot, run, type CodeServerFound, type RunResult } from './editors';

/**
 * playwright-core is loaded from the repository at run time, not bundled: it reads its own package files
 * and ships code that it injects into pages, which a bundle would break.
 */
export function loadPlaywright(): typeof import('playwright-core') | string {
  try {
    return createRequire(path.join(repoRoot(), 'package.json'))('playwright-core') as typeof import('playwright-core');
  } catch (e) {
    return `playwright-core cannot be loaded: ${(e as Error).message}`;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Settings that keep the workbench quiet and deterministic: no welcome page, no word-based suggestions
 * (they would offer "Customer" from the text itself and fake a role completion), no auto suggest. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'files.trimTrailingWhitespace': false,
};

export interface CodeServerDirs {
  root: string;
  config: string;
  userData: string;
  extensions: string;
  xdg: string;
}

export function prepareCodeServerDirs(): CodeServerDirs {
  const root = makeTempDir('code-server');
  const dirs: CodeServerDirs = {
    root,
    config: path.join(root, 'config.yaml'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    xdg: path.join(root, 'xdg'),
  };
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.mkdirSync(dirs.extensions, { recursive: true });
  fs.mkdirSync(dirs.xdg, { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return dirs;
}

function codeServerEnv(cs: CodeServerFound, dirs: CodeServerDirs): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${cs.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
    // Keeps code-server's own state (logs, heartbeat, default config) out of the user's home.
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
  };
}

function baseArgs(dirs: CodeServerDirs): string[] {
  return ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

export async function installExtension(cs: CodeServerFound, dirs: CodeServerDirs, vsix: string): Promise<RunResult> {
  fs.writeFileSync(dirs.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const r = await run(cs.path!, [...baseArgs(dirs), '--install-extension', vsix], {
    env: codeServerEnv(cs, dirs),
    timeoutMs: 120_000,
  });
  if (r.code !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  log: string;
  stop(): Promise<void>;
}

/** Starts code-server and resolves once it logs that its HTTP server is listening. */
export async function startCodeServer(cs: CodeServerFound, dirs: CodeServerDirs, logFile: string): Promise<RunningCodeServer> {
  const port = await freePort();
  fs.writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\ndisable-telemetry: true\n`);
  const args = [
    ...baseArgs(dirs),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  const log = fs.createWriteStream(logFile);
  // Own process group, so stop() ends code-server and the extension host and language server it spawned.
  const child: ChildProcess = spawn(cs.path!, args, { env: codeServerEnv(cs, dirs), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start listening within 60 s:\n${output}`)), 60_000);
    const onData = (d: Buffer): void => {
      log.write(d);
      output += d.toString();
      if (output.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    log: logFile,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          // Already gone.
        }
        const killer = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }, 5_000);
        await exited;
        clearTimeout(killer);
      }
      log.end();
    },
  };
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(executablePath: string, profileDir: string): Promise<BrowserContext> {
  const pw = loadPlaywright();
  if (typeof pw === 'string') throw new Error(pw);
  return pw.chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 900 },
  });
}

/** A code-server workbench page with the few gestures the scenario needs, each waiting on what it causes. */
export class Workbench {
  readonly shots: string[] = [];

  constructor(
    readonly page: Page,
    private readonly shotsDir: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async open(url: string, folder: string): Promise<void> {
    await this.page.goto(`${url}?folder=${encodeURIComponent(folder)}`);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer lists the folder once the remote file system answers.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(this.shotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    this.shots.push(file);
    return file;
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Ctrl+P, type the name, pick the row, wait for the editor tab. */
  async quickOpen(fileName: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    await this.quickInput().waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.keyboard.type(fileName);
    await this.quickInput().locator('.monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: this.timeoutMs });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab[aria-label*="${fileName}"]`).first().waitFor({ timeout: this.timeoutMs });
    await this.activeEditor().locator('.view-lines').waitFor({ timeout: this.timeoutMs });
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Opens the Problems panel and waits for a row mentioning `text` (the rule code shows as `source(code)`). */
  async waitForProblem(text: string): Promise<string> {
    await this.page.keyboard.press('Control+Shift+M');
    const row = this.page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: 60_000 });
    return (await row.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Puts the cursor at the start of 1-based `line` of the active editor (Ctrl+G). */
  async goToLine(line: number): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+G');
    await this.quickInput().waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: this.timeoutMs });
    await this.page.keyboard.press('Home');
  }

  /**
   * Inserts `text` as a new line before 1-based `line`, leaves the cursor at its end and triggers suggest
   * (Ctrl+Space). Returns the labels shown once a row matching `expect` appears.
   */
  async insertLineAndSuggest(line: number, text: string, expect: RegExp): Promise<string[]> {
    await this.goToLine(line);
    // Typing then splitting the line avoids language on-enter rules (list continuation) editing our line.
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('ArrowUp');
    await this.page.keyboard.press('End');
    await this.page.keyboard.press('Control+Space');
    const widget = this.page.locator('.editor-widget.suggest-widget');
    await widget.locator('.monaco-list-row', { hasText: expect }).first().waitFor({ timeout: this.timeoutMs });
    return widget.locator('.monaco-list-row .label-name').allInnerTexts();
  }

  async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** Runs a command from the palette by its exact title ("Category: Title"). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('Control+Shift+P');
    await this.quickInput().waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.keyboard.type(title);
    const rows = this.quickInput().locator('.monaco-list-row');
    // Titles that extend this one ("… to the Side") would also match hasText; pick the row whose label is exact.
    const row = rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) }).first();
    await row.waitFor({ timeout: this.timeoutMs });
    await row.click();
    await this.quickInput().waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /**
   * Waits until a webview's content frame holds at least one `selector` and returns how many it holds.
   * VS Code nests each webview: iframe.webview (host page) > iframe#active-frame (the extension's HTML).
   */
  async webviewCount(selector: string): Promise<{ count: number; frame: Frame; values: string[] }> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame() || frame.isDetached()) continue;
        const count = await frame.locator(selector).count().catch(() => 0);
        if (count > 0) {
          const values = await frame.locator(selector).evaluateAll((els) => els.map((e) => e.getAttribute('data-step') ?? ''));
          return { count, frame, values };
        }
      }
      if (Date.now() > deadline) {
        throw new Error(`no webview frame showed ${selector} within 60 s (frames: ${this.page.frames().map((f) => f.url()).join(', ')})`);
      }
      // Frames appear and load asynchronously; wake on the next frame event rather than spin.
      await Promise.race([
        this.page.waitForEvent('framenavigated', { timeout: 1_000 }).catch(() => undefined),
        this.page.waitForEvent('load', { timeout: 1_000 }).catch(() => undefined),
      ]);
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The vsix that `npm run package` produces for the current package.json version. */
export function defaultVsixPath(): string {
  const root = repoRoot();
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return path.join(root, `sopls-${version}.vsix`);
}

export async function buildVsix(): Promise<RunResult> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return run(npm, ['run', 'package'], { cwd: repoRoot(), timeoutMs: 300_000 });
}

export { removeDir };
