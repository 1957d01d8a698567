/**
 * The extension in VS Code desktop through @vscode/test-electron. It needs a VS Code build downloaded from
 * outside the npm registry, which these machines cannot reach: here it skips and says why. It runs where a
 * VS Code is cached in .vscode-test/, or through `npm run test:vscode` where the download works.
 *
 * SOPLS_E2E=required does not apply (CI cannot download VS Code); SOPLS_VSCODE=required makes a skip fail.
 */
import assert from 'node:assert/strict';
import dns from 'node:dns/promises';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { makeTempDir, removeDir, repoRoot, writeFixtureWorkspace } from '../e2e/editors';

type TestElectron = typeof import('@vscode/test-electron');

const DOWNLOAD_HOST = 'update.code.visualstudio.com';

function skipOrFail(t: TestContext, why: string): void {
  if (process.env.SOPLS_VSCODE === 'required') throw new Error(`SOPLS_VSCODE=required but: ${why}`);
  t.skip(why);
}

function cachedVsCodeBuilds(cachePath: string): string[] {
  if (!fs.existsSync(cachePath)) return [];
  return fs.readdirSync(cachePath).filter((n) => n.startsWith('vscode-'));
}

test('VS Code desktop (@vscode/test-electron): diagnostics, role completion, timeline preview', { timeout: 600_000 }, async (t) => {
  const root = repoRoot();
  const cachePath = path.join(root, '.vscode-test');
  // npm sets npm_lifecycle_event to the script name: only `npm run test:vscode` tries to download.
  const asked = process.env.npm_lifecycle_event === 'test:vscode' || process.env.SOPLS_VSCODE !== undefined;
  const cached = cachedVsCodeBuilds(cachePath);
  if (cached.length === 0 && !asked) {
    return skipOrFail(t, `no VS Code desktop cached in ${cachePath}; \`npm run test:vscode\` downloads one where the network allows`);
  }
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    return skipOrFail(t, 'dist/extension.js is not built (npm run build)');
  }

  const load = createRequire(path.join(root, 'package.json'));
  // Loaded at run time, not bundled: the download code resolves its own package files.
  const electron = load('@vscode/test-electron') as TestElectron;

  let vscodeExecutablePath: string;
  try {
    if (cached.length === 0) {
      // A failed name lookup answers in milliseconds where a download would hang until its timeout.
      await dns.lookup(DOWNLOAD_HOST).catch((e: Error) => {
        throw new Error(`${DOWNLOAD_HOST} cannot be resolved (${e.message}): this machine cannot download VS Code`);
      });
    }
    // With a cached build and no network, test-electron falls back to the newest cached version.
    vscodeExecutablePath = await electron.downloadAndUnzipVSCode({ version: 'stable', cachePath, timeout: 15_000 });
  } catch (e) {
    return skipOrFail(t, `VS Code desktop is not available here: ${(e as Error).message}`);
  }

  // The in-editor suite imports `vscode`, so it is bundled separately from node's tests, right here.
  const esbuild = load('esbuild') as typeof import('esbuild');
  const suiteOut = path.join(root, 'out', 'test', 'vscode', 'suite', 'index.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'test', 'vscode', 'suite', 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    outfile: suiteOut,
    logLevel: 'warning',
  });

  const { dir: workspace, file } = writeFixtureWorkspace('vscode-ws');
  const userData = makeTempDir('vscode-user');
  t.after(() => {
    removeDir(workspace);
    removeDir(userData);
  });
  const code = await electron.runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: suiteOut,
    extensionTestsEnv: { SOPLS_VSCODE_FIXTURE: file },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData, '--skip-welcome', '--skip-release-notes'],
  });
  assert.equal(code, 0, 'the in-editor suite failed (its output is above)');
});
