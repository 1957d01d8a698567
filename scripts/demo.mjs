#!/usr/bin/env node
// `npm run demo`: what sopls makes of the bundled examples, in one screen. Runs the real CLI (bin/sopls.js)
// the way a user would, so the demo fails loudly if the build or the CLI is broken.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// `sopls … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(0);
  throw err;
});
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'bin', 'sopls.js');

function sopls(args, { expect = [0] } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  if (r.error) throw r.error;
  if (!expect.includes(r.status)) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`sopls ${args.join(' ')} exited ${r.status}, expected ${expect.join(' or ')}`);
  }
  return r;
}

const bold = process.stdout.isTTY && !process.env.NO_COLOR;
function heading(text) {
  process.stdout.write(bold ? `\n\u001b[1m== ${text}\u001b[0m\n` : `\n== ${text}\n`);
}

heading('Parsing every example into the SOP model');
const examples = fs
  .readdirSync(path.join(root, 'examples'), { recursive: true })
  .map(String)
  .filter((f) => /\.(md|txt)$/.test(f) && !f.endsWith('README.md'))
  .sort();
for (const rel of examples) {
  const file = path.join('examples', rel);
  const doc = JSON.parse(sopls(['parse', file, '--format', 'json']).stdout);
  const steps = doc.steps.map((s) => `${s.number ?? '•'} ${s.title} [${s.owners.map((o) => o.name).join(', ') || 'no owner'}]`);
  process.stdout.write(
    `${file}: ${doc.isSop ? `${doc.dialect}, ${doc.steps.length} steps, ${doc.roles.length} roles` : `not an SOP${doc.meta.id ? ` (declares ${doc.meta.id.value})` : ''}`}\n`,
  );
  for (const s of steps) process.stdout.write(`    ${s}\n`);
}

heading('sopls lint examples   (clean: the examples are the reference SOPs)');
process.stdout.write(sopls(['lint', 'examples']).stdout);

heading('sopls lint test/fixtures/dirty   (deliberately flawed SOPs; exit code 1 is expected)');
process.stdout.write(sopls(['lint', 'test/fixtures/dirty'], { expect: [1] }).stdout);

heading('sopls timeline examples/onboarding-steps.md --customer CUS-010');
process.stdout.write(sopls(['timeline', 'examples/onboarding-steps.md', '--customer', 'CUS-010']).stdout);
