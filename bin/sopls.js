#!/usr/bin/env node
'use strict';
// The CLI lives in the esbuild bundle; `npm ci` builds it through the `prepare` script.
const path = require('node:path');
const fs = require('node:fs');
// `sopls … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(0);
  throw err;
});
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('sopls: dist/cli.js is missing; run `npm run build` (or `npm ci`) first.\n');
  process.exit(2);
}
require(bundle)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`sopls: ${err && err.stack ? err.stack : String(err)}\n`);
      process.exitCode = 2;
    },
  );
