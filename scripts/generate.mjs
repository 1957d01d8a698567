#!/usr/bin/env node
// `npm run generate`: writes the files derived from the rule registry (config schema, rule tables).
// `npm run generate:check` (`--check`): exits 1 listing the files that are out of date, for CI.
// The registry is TypeScript; esbuild bundles server/src/core/lint/docsgen.ts in memory and we run it.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const check = process.argv.includes('--check');

const result = await esbuild.build({
  entryPoints: [path.join(root, 'server/src/core/lint/docsgen.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'warning',
});
const mod = { exports: {} };
const require = createRequire(path.join(root, 'package.json'));
new Function('module', 'exports', 'require', result.outputFiles[0].text)(mod, mod.exports, require);
const { generatedFiles, FILES_WITH_RULE_TABLE } = mod.exports;

const current = {};
for (const rel of Object.keys(FILES_WITH_RULE_TABLE)) {
  const full = path.join(root, rel);
  current[rel] = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
}
const files = generatedFiles(current);
const stale = [];
for (const [rel, content] of Object.entries(files)) {
  const full = path.join(root, rel);
  const current = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
  if (current === content) continue;
  stale.push(rel);
  if (!check) {
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}
if (check) {
  if (stale.length) {
    process.stderr.write(`Out of date (run \`npm run generate\`): ${stale.join(', ')}\n`);
    process.exit(1);
  }
  process.stdout.write('Generated files are current.\n');
} else {
  process.stdout.write(stale.length ? `Wrote ${stale.join(', ')}\n` : 'Generated files were already current.\n');
}
