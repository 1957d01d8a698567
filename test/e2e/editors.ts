/**
 * Shared plumbing for the real-editor tests: where each editor is, why a test must skip, the SOP fixture
 * every editor opens, and a child-process runner with a safety timeout.
 *
 * Policy: `npm test` on a fresh machine has no editors, so each real-editor test skips and says why.
 * `.ci/run` installs the editors and sets SOPLS_E2E=required, which turns every such skip into a failure,
 * so a broken install can never pass CI as "skipped".
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';

export type E2eMode = 'off' | 'on' | 'required';

/** `required`: skips fail; any other non-empty value: run what is available (and build the vsix if needed). */
export function e2eMode(): E2eMode {
  const v = (process.env.SOPLS_E2E ?? '').trim().toLowerCase();
  if (v === 'required') return 'required';
  if (v === '' || v === '0' || v === 'false' || v === 'off') return 'off';
  return 'on';
}

/** The repository root, found from the bundled test file (out/test/e2e/x.js) or the working directory. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = path.resolve(start);
    for (;;) {
      const pkg = path.join(dir, 'package.json');
      if (fs.existsSync(pkg)) {
        try {
          if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'sopls') return dir;
        } catch {
          // A malformed package.json elsewhere in the tree is not ours; keep walking up.
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`cannot find the sopls repository root above ${__dirname} or ${process.cwd()}`);
}

/** Where .ci/install-editors.sh puts Node 24 and code-server. */
export function e2eDir(): string {
  return path.join(repoRoot(), '.e2e');
}

/** Screenshots and logs that a person should be able to look at after a run. */
export function outputDir(name: string): string {
  const dir = path.join(repoRoot(), 'test-output', name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Call first thing in a real-editor test. Returns true when the test can run. Otherwise skips with the
 * reasons, or, under SOPLS_E2E=required, fails with them.
 */
export function gate(t: TestContext, reasons: string[]): boolean {
  if (reasons.length === 0) return true;
  const why = reasons.join('; ');
  if (e2eMode() === 'required') {
    throw new Error(`SOPLS_E2E=required but this real-editor test cannot run: ${why}`);
  }
  t.skip(`${why} (run bash .ci/install-editors.sh, then SOPLS_E2E=1 npm test)`);
  return false;
}

export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const full = path.join(dir, name);
    try {
      fs.accessSync(full, fs.constants.X_OK);
      if (fs.statSync(full).isFile()) return full;
    } catch {
      // Not in this PATH entry.
    }
  }
  return undefined;
}

/** The language server command line. SOPLS_LSP_COMMAND (a JSON array) points the tests at another build. */
export function lspCommand(): { command: string[]; missing?: string } {
  const override = process.env.SOPLS_LSP_COMMAND;
  if (override) {
    const parsed = JSON.parse(override) as unknown;
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((p) => typeof p === 'string')) {
      throw new Error(`SOPLS_LSP_COMMAND must be a JSON array of strings, got ${override}`);
    }
    return { command: parsed as string[] };
  }
  const script = path.join(repoRoot(), 'bin', 'sopls.js');
  // The same Node that runs the tests runs the server: the editors' PATH may hold another one.
  const command = [process.execPath, script, 'lsp', '--stdio'];
  return fs.existsSync(script) ? { command } : { command, missing: `${script} does not exist yet` };
}

export interface EditorFound {
  path?: string;
  version?: string;
  /** Empty when the editor can be used. */
  reasons: string[];
}

export function findNeovim(): EditorFound {
  const bin = process.env.SOPLS_NVIM ?? which('nvim');
  if (!bin) return { reasons: ['Neovim is not installed (apt-get install -y neovim)'] };
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const m = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(r.stdout ?? '');
  if (!m) return { path: bin, reasons: [`cannot read the version of ${bin}: ${r.error?.message ?? r.stderr}`] };
  const version = `${m[1]}.${m[2]}.${m[3]}`;
  // vim.lsp.start_client and vim.diagnostic arrived in 0.5/0.6; the script targets Debian 12's 0.7.
  if (Number(m[1]) === 0 && Number(m[2]) < 7) {
    return { path: bin, version, reasons: [`Neovim ${version} is older than 0.7`] };
  }
  return { path: bin, version, reasons: [] };
}

export function findEmacs(): EditorFound {
  const bin = process.env.SOPLS_EMACS ?? which('emacs');
  if (!bin) return { reasons: ['Emacs is not installed (apt-get install -y emacs-nox elpa-eglot)'] };
  // Emacs 29 ships eglot; Debian 12's Emacs 28 needs elpa-eglot. Ask Emacs itself rather than guess paths.
  const r = spawnSync(
    bin,
    // -q, not -Q: Debian's site-start is what puts elpa-eglot on the load-path.
    ['--batch', '-q', '--eval', '(princ (format "%s|%s" emacs-version (if (locate-library "eglot") "eglot" "none")))'],
    { encoding: 'utf8', timeout: 20_000 },
  );
  const [version, eglot] = (r.stdout ?? '').trim().split('|');
  if (r.status !== 0 || !version) {
    return { path: bin, reasons: [`${bin} --batch failed: ${r.error?.message ?? r.stderr.trim()}`] };
  }
  if (eglot !== 'eglot') return { path: bin, version, reasons: ['eglot is not installed (apt-get install -y elpa-eglot)'] };
  return { path: bin, version, reasons: [] };
}

export function findChromium(): EditorFound {
  const candidates = [process.env.SOPLS_CHROMIUM, '/usr/bin/chromium', which('chromium')].filter(Boolean) as string[];
  const bin = candidates.find((c) => fs.existsSync(c));
  if (!bin) return { reasons: ['Chromium is not installed (apt-get install -y chromium)'] };
  return { path: bin, reasons: [] };
}

export interface CodeServerFound extends EditorFound {
  /** Node 24 directory to put first on PATH: code-server refuses other Node majors. */
  nodeBin?: string;
}

export function findCodeServer(): CodeServerFound {
  const root = e2eDir();
  const bin = process.env.SOPLS_CODE_SERVER ?? path.join(root, 'code-server', 'node_modules', '.bin', 'code-server');
  const nodeBin = process.env.SOPLS_CODE_SERVER_NODE_BIN ?? path.join(root, 'node24', 'bin');
  const reasons: string[] = [];
  if (!fs.existsSync(bin)) reasons.push(`code-server is not installed at ${bin}`);
  if (!fs.existsSync(path.join(nodeBin, 'node'))) reasons.push(`Node 24 for code-server is not at ${nodeBin}`);
  if (reasons.length > 0) return { reasons };
  // Without --config it writes a default config (with a password) into ~/.config; it logs under XDG_DATA_HOME.
  const r = spawnSync(bin, ['--config', '/dev/null', '--version'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ''}`, XDG_DATA_HOME: path.join(root, 'xdg') },
  });
  const version = (r.stdout ?? '').split('\n')[0]?.trim();
  if (r.status !== 0 || !version) {
    return { path: bin, nodeBin, reasons: [`${bin} --version failed: ${r.error?.message ?? r.stderr.trim()}`] };
  }
  return { path: bin, nodeBin, version, reasons: [] };
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs a program to completion. The timeout is a safety net against a hung editor, not a wait:
 * the editors exit by themselves as soon as their script has its answer.
 */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sopls-${prefix}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * One small SOP that every editor opens: numbered plain-text steps with Owner/Timeline lines, a roles table,
 * and step 2 without an owner. Written by the tests so they do not depend on examples/.
 */
export const FIXTURE_NAME = 'client-onboarding.sop.md';
export const FIXTURE_TEXT = [
  '# Standard Operating Procedure: Client Onboarding', // 0
  '', // 1
  '## Purpose', // 2
  'This procedure takes a newly signed client from contract to a first working session with the team.', // 3
  '', // 4
  '## Roles and Responsibilities', // 5
  '| Role | Responsibility |', // 6
  '| --- | --- |', // 7
  "| Customer Success Manager (CSM) | Leads onboarding and is the client's main contact. |", // 8
  '| Account Executive (AE) | Hands the signed account over with the client goals. |', // 9
  '| Support Engineer | Creates accounts and resolves access problems. |', // 10
  '', // 11
  '## Procedure', // 12
  '1. Account Handoff', // 13
  'Owner: Account Executive (AE)', // 14
  'Timeline: Within 1 business day of contract signature', // 15
  '- Send the signed order form and the client goals to the CSM.', // 16
  '', // 17
  '2. Workspace Provisioning', // 18
  'Timeline: Within 2 business days of Account Handoff', // 19
  '- Create the client workspace and invite the named users.', // 20
  '', // 21
  '3. Kickoff Call', // 22
  'Owner: Customer Success Manager (CSM)', // 23
  'Timeline: Within 5 business days of Workspace Provisioning', // 24
  '- Walk the client through the plan and agree on check-in dates.', // 25
  '', // 26
].join('\n');

export const FIXTURE = {
  name: FIXTURE_NAME,
  text: FIXTURE_TEXT,
  stepCount: 3,
  /** 0-based line of the step that has no Owner line. */
  stepWithoutOwnerLine: 18,
  /** Role spellings a completion after `Owner: ` may offer (name or acronym), all declared in the table. */
  roleSpellings: ['Customer Success Manager', 'CSM', 'Account Executive', 'Support Engineer'],
};

/** A temporary workspace folder holding the fixture. */
export function writeFixtureWorkspace(prefix: string): { dir: string; file: string } {
  const dir = makeTempDir(prefix);
  const file = path.join(dir, FIXTURE.name);
  fs.writeFileSync(file, FIXTURE.text);
  return { dir, file };
}

/** Whether a completion item (label, insert text or filter text) names a role declared in the fixture. */
export function completionNamesRole(item: { label?: unknown; insertText?: unknown; filterText?: unknown; textEdit?: unknown }): boolean {
  const texts: string[] = [];
  for (const v of [item.label, item.insertText, item.filterText]) {
    if (typeof v === 'string') texts.push(v);
    else if (v && typeof v === 'object' && typeof (v as { label?: unknown }).label === 'string') texts.push((v as { label: string }).label);
  }
  const edit = item.textEdit as { newText?: unknown } | undefined;
  if (edit && typeof edit.newText === 'string') texts.push(edit.newText);
  return texts.some((t) => FIXTURE.roleSpellings.some((r) => t.includes(r)));
}
