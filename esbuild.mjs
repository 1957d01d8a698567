// Builds the three bundles (extension, server, CLI) and, with --tests, every test file.
// One script so `npm run build`, `prepare` and `npm test` share the exact same options.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

// One version everywhere (`sopls --version`, SARIF, LSP serverInfo, the lint cache key): package.json's.
const { version } = JSON.parse(fs.readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // vscode is provided by the editor at run time.
  external: ['vscode'],
  // jsonc-parser's UMD build requires its modules dynamically, which a bundle cannot follow: use its ES build.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  // Workers and the CLI find their siblings through __dirname; keep names stable.
  define: { 'process.env.SOPLS_BUNDLED': '"1"', SOPLS_VERSION: JSON.stringify(version) },
};

const bundles = [
  { entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist' },
  { entryPoints: { server: 'server/src/lsp/main.ts' }, outdir: 'dist' },
  { entryPoints: { cli: 'server/src/cli/main.ts' }, outdir: 'dist' },
  // Worker threads of `sopls lint` (server/src/node/parallelLint.ts runs as the worker when started as one).
  { entryPoints: { 'lint-worker': 'server/src/node/parallelLint.ts' }, outdir: 'dist' },
].filter((b) => Object.values(b.entryPoints).every((p) => fs.existsSync(p)));

function findTests(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTests(full));
    else if (entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const builds = bundles.map((b) => ({ ...common, ...b }));
// The timeline preview's page script runs in the webview (a browser), not in node.
if (fs.existsSync('client/src/preview/webview/main.ts')) {
  builds.push({
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    external: [],
    entryPoints: { preview: 'client/src/preview/webview/main.ts' },
    outdir: 'dist',
  });
}
if (args.has('--tests')) {
  // Stale bundles of deleted or renamed tests would still run: start from an empty folder.
  fs.rmSync('out/test', { recursive: true, force: true });
  builds.push({
    ...common,
    entryPoints: findTests('test'),
    outdir: 'out/test',
    outbase: 'test',
    sourcemap: 'inline',
  });
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
