#!/usr/bin/env node
// Entry script of the sopls GitHub Action (action.yml). Plain node, no dependencies, so it runs (and is tested)
// anywhere: it calls the sopls CLI, writes a SARIF file for code scanning, prints `::error`/`::warning`
// workflow commands (pull-request annotations), optionally writes the timeline delta as Markdown, and sets
// the exit code by `fail-on`. Inputs arrive as INPUT_* variables (action.yml maps them).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const input = (name, fallback = '') => (env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim() || fallback;
const cli = env.SOPLS_CLI || path.join(here, '..', '..', 'bin', 'sopls.js');
const words = (text) => text.split(/[\s,]+/).filter(Boolean);

function sopls(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { code: r.status ?? 2, stdout: r.stdout, stderr: r.stderr };
}

function setOutput(name, value) {
  if (env.GITHUB_OUTPUT) fs.appendFileSync(env.GITHUB_OUTPUT, `${name}=${String(value).replace(/[\r\n]/g, ' ')}\n`);
}

function fail(message) {
  process.stdout.write(`::error title=sopls::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
  process.exit(2);
}

const failOn = input('fail-on', 'error');
if (!['error', 'warning', 'never'].includes(failOn)) fail(`fail-on must be error, warning or never, got "${failOn}"`);
const format = input('format', 'github');
if (!['github', 'stylish', 'json'].includes(format)) fail(`format must be github, stylish or json, got "${format}"`);

const lintArgs = [...words(input('paths', '.'))];
const baseline = input('baseline');
if (baseline) lintArgs.push('--baseline', baseline);
const changedSince = input('changed-since');
if (changedSince) lintArgs.push('--changed-since', changedSince);
if (input('allow-empty', 'false') === 'true') lintArgs.push('--no-error-on-unmatched-pattern');

// 1. SARIF for code scanning (the upload step of action.yml sends it).
const sarifFile = path.resolve(input('sarif-file', 'sopls.sarif'));
const sarifRun = sopls(['lint', ...lintArgs, '--format', 'sarif']);
if (sarifRun.code === 2) fail(sarifRun.stderr.trim() || 'sopls lint failed');
fs.writeFileSync(sarifFile, sarifRun.stdout);
setOutput('sarif-file', sarifFile);

// 2. The findings in the log: annotations on the pull request (github) or a readable list.
const shown = sopls(['lint', ...lintArgs, '--format', format]);
process.stdout.write(shown.stdout);

// 3. Counts from the SARIF, for fail-on and the outputs.
const results = JSON.parse(sarifRun.stdout).runs.flatMap((r) => r.results);
const errors = results.filter((r) => r.level === 'error').length;
const warnings = results.filter((r) => r.level === 'warning').length;
setOutput('errors', errors);
setOutput('warnings', warnings);

// 4. The timeline delta of the named SOPs against the base revision, as Markdown for a PR comment.
const timelineFiles = words(input('timeline'));
if (timelineFiles.length) {
  const ref = input('timeline-ref', changedSince || 'HEAD');
  const parts = [];
  for (const file of timelineFiles) {
    const r = sopls(['timeline', '--diff', ref, file, '--format', 'markdown']);
    if (r.code !== 0) fail(r.stderr.trim() || `sopls timeline --diff failed for ${file}`);
    parts.push(r.stdout);
  }
  const markdown = parts.join('\n');
  const out = path.resolve(input('timeline-file', 'sopls-timeline.md'));
  fs.writeFileSync(out, markdown);
  setOutput('timeline-file', out);
  if (env.GITHUB_STEP_SUMMARY) fs.appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
}

const failed = failOn === 'error' ? errors > 0 : failOn === 'warning' ? errors + warnings > 0 : false;
process.stdout.write(`sopls: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (fail-on: ${failOn})\n`);
process.exit(failed ? 1 : 0);
