/**
 * Every shell command in the README runs as written: `sopls …` and `node bin/sopls.js …` in a copy of this
 * repository's examples, `npx ./sopls-X.tgz …` in a stand-in for "your repository" (a git repo with
 * sops/onboarding.md and an origin/main) using the packed tarball. Build and install commands (`npm ci`,
 * `npm run package`, `code --install-extension`) are listed here and not run; any other command fails the test,
 * so a new README example is either runnable or consciously listed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers';

const CLI = path.join(ROOT, 'bin', 'sopls.js');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
const TARBALL = `sopls-${VERSION}.tgz`;
const NOT_RUN = new Set([
  'npm ci && npm run demo',
  'npm test',
  'npm ci && npm pack',
  'npm ci',
  'npm run package',
  `code --install-extension sopls-${VERSION}.vsix`,
  // A language server waits for an editor on stdin: started by the LSP tests instead.
  'node bin/sopls.js lsp --stdio',
]);
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-readme-'));
const ENV = { ...process.env, SOPLS_TODAY: '2026-11-23', NO_COLOR: '1', FORCE_COLOR: '', HOME: TMP, npm_config_cache: path.join(TMP, 'npm-cache'), npm_config_update_notifier: 'false' };

function shellCommands(markdown: string): string[] {
  const out: string[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    for (const raw of block[1]!.split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      if (line && !line.startsWith('#')) out.push(line);
    }
  }
  return out;
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

function copy(rel: string, to: string): void {
  fs.cpSync(path.join(ROOT, rel), path.join(to, rel), { recursive: true });
}

/** A copy of what the README's checkout examples read, as a git repository (for --changed-since HEAD). */
function checkout(): string {
  const dir = path.join(TMP, 'checkout');
  for (const rel of ['examples', 'test/fixtures/dirty', 'test/fixtures/repo']) copy(rel, dir);
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(path.join(dir, 'bin', 'sopls.js'), `require(${JSON.stringify(CLI)});\n`);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'examples');
  return dir;
}

/** "Your repository": SOPs under sops/, an origin/main to compare with, and the packed tarball. */
function yourRepository(): string {
  const dir = path.join(TMP, 'yours');
  fs.mkdirSync(path.join(dir, 'sops'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'examples/onboarding-steps.md'), path.join(dir, 'sops', 'onboarding.md'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'SOPs');
  git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', env: ENV });
  assert.equal(pack.status, 0, pack.stderr);
  assert.ok(fs.existsSync(path.join(dir, TARBALL)), `${TARBALL} written`);
  fs.appendFileSync(path.join(dir, '.git', 'info', 'exclude'), '*.tgz\n');
  return dir;
}

test('every shell command in the README runs as written', () => {
  const commands = shellCommands(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  assert.ok(commands.length >= 20, `found ${commands.length} commands`);
  const mine = checkout();
  let yours: string | undefined;
  const ran: string[] = [];
  for (const command of commands) {
    if (NOT_RUN.has(command)) continue;
    let cwd: string;
    let script = command;
    if (command.startsWith(`npx ./${TARBALL} `)) {
      cwd = yours ??= yourRepository();
      script = command.replace(`npx ./${TARBALL}`, `npx --offline --yes ./${TARBALL}`);
    } else if (command.startsWith('sopls ') || command.startsWith('node bin/sopls.js ')) {
      cwd = mine;
      script = command.replace(/^sopls /, `node ${JSON.stringify(CLI)} `);
    } else {
      assert.fail(`README command neither runnable here nor listed as a build step: ${command}`);
    }
    const r = spawnSync('sh', ['-c', script], { cwd, encoding: 'utf8', env: ENV });
    // 0 clean, 1 findings (the dirty fixtures are meant to have some); 2 would be a usage error.
    assert.ok(r.status === 0 || r.status === 1, `${command}\nexit ${r.status}\n${r.stderr}`);
    ran.push(command);
  }
  assert.ok(ran.some((c) => c.startsWith('npx ')), 'the npx examples ran');
  assert.ok(ran.some((c) => c.includes('--baseline')), 'the baseline example ran');
});
