// Bundles bench helpers written in TypeScript (bench/lib/*.ts) into bench/.cache/<name>.js, as node runs them.
// One place for the options, shared by run.mjs, hostile.mjs and real.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CACHE = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), '.cache');

/** `entryPoints`: output name → source file. Returns the path of each bundle by name. */
export async function buildBenchHelpers(entryPoints) {
  const esbuild = await import('esbuild');
  fs.mkdirSync(CACHE, { recursive: true });
  await esbuild.build({ entryPoints, outdir: CACHE, bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'warning',
    // As esbuild.mjs: jsonc-parser's UMD build requires its modules dynamically (helpers that reach lsp/ need it).
    alias: { 'jsonc-parser': path.join(path.dirname(CACHE), '..', 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') },
    sourcemap: true });
  return Object.fromEntries(Object.keys(entryPoints).map((name) => [name, path.join(CACHE, `${name}.js`)]));
}
