/**
 * The "done when" of sopls in any repository's CI, end to end in temporary git repositories: the packed
 * tarball runs through npx without the registry, --changed-since and --baseline narrow the findings,
 * timeline --diff measures a moved deadline in business days, the Action's entry script annotates and
 * writes SARIF, the pre-commit hook's entry runs, and --version is package.json's.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../helpers';

const CLI = path.join(ROOT, 'bin', 'sopls.js');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
const INTAKE = fs.readFileSync(path.join(ROOT, 'test/fixtures/repo/vendor-intake.md'), 'utf8');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-repo-'));
const ENV = { ...process.env, SOPLS_TODAY: '2026-11-23', NO_COLOR: '1', FORCE_COLOR: '', GIT_CONFIG_NOSYSTEM: '1', HOME: TMP };

function run(cmd: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...ENV, ...env } as NodeJS.ProcessEnv });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
const sopls = (args: string[], cwd: string, env: Record<string, string | undefined> = {}) => run(process.execPath, [CLI, ...args], cwd, env);
function git(cwd: string, ...args: string[]): string {
  const r = run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], cwd);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

/** A git repository with the vendor-intake SOP committed under sops/, and a README that is not an SOP. */
function repository(name: string): string {
  const dir = path.join(TMP, name);
  fs.mkdirSync(path.join(dir, 'sops'), { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(dir, 'sops', 'vendor-intake.md'), INTAKE);
  fs.writeFileSync(path.join(dir, 'README.md'), '# Our procedures\n\nThe SOPs live in sops/.\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'Vendor intake');
  return dir;
}
const edit = (dir: string, f: (text: string) => string) => {
  const file = path.join(dir, 'sops', 'vendor-intake.md');
  fs.writeFileSync(file, f(fs.readFileSync(file, 'utf8')));
};
const brief = (stdout: string) => (JSON.parse(stdout) as { rule: string; line: number }[]).map((f) => `${f.line} ${f.rule}`);

test('sopls --version prints package.json version; every command has --help', () => {
  assert.deepEqual(sopls(['--version'], TMP), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
  for (const command of ['lint', 'timeline', 'parse', 'lsp']) {
    const r = sopls([command, '--help'], TMP);
    assert.equal(r.code, 0, command);
    assert.match(r.stdout, new RegExp(`sopls ${command}`), command);
  }
  assert.match(sopls(['--help'], TMP).stdout, new RegExp(`^sopls ${VERSION.replace(/\./g, '\\.')} `));
});

test('npx of the packed tarball lints a repository, offline and from its own folder', () => {
  const dir = repository('npx');
  const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', TMP, '--json'], ROOT);
  assert.equal(pack.code, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  const files = info!.files.map((f) => f.path);
  for (const needed of ['bin/sopls.js', 'dist/cli.js', 'dist/lint-worker.js', 'docs/rules/broken-link.md', 'action.yml', '.pre-commit-hooks.yaml']) assert.ok(files.includes(needed), needed);
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(manifest.private, undefined);
  assert.equal(manifest.dependencies, undefined, 'the CLI is bundled: no runtime dependencies');
  fs.copyFileSync(path.join(TMP, info!.filename), path.join(dir, 'sopls.tgz'));
  const npmEnv = { npm_config_cache: path.join(TMP, 'npm-cache'), npm_config_update_notifier: 'false' };
  const lint = run('npx', ['--offline', '--yes', './sopls.tgz', 'lint', '--format', 'json'], dir, npmEnv);
  assert.equal(lint.stderr.replace(/npm warn.*\n/gi, ''), '');
  assert.deepEqual(brief(lint.stdout), ['31 placeholder']);
  assert.equal(lint.code, 0);
  const version = run('npx', ['--offline', '--yes', './sopls.tgz', '--version'], dir, npmEnv);
  assert.equal(version.stdout, `${VERSION}\n`);
});

test('an empty folder or a path holding no SOP is exit 2 unless --no-error-on-unmatched-pattern', () => {
  const dir = repository('unmatched');
  fs.mkdirSync(path.join(dir, 'empty'));
  const empty = sopls(['lint', 'empty'], dir);
  assert.deepEqual([empty.code, empty.stdout], [2, '']);
  assert.match(empty.stderr, /^sopls: no SOP found in "empty" \(check the path, or pass --no-error-on-unmatched-pattern\)\n$/);
  // README.md is a document but not an SOP: a folder holding only it matches nothing either.
  fs.mkdirSync(path.join(dir, 'notes'));
  fs.writeFileSync(path.join(dir, 'notes', 'README.md'), '# Notes\n');
  assert.equal(sopls(['lint', 'notes'], dir).code, 2);
  const allowed = sopls(['lint', 'empty', '--no-error-on-unmatched-pattern'], dir);
  assert.deepEqual([allowed.code, allowed.stdout], [0, '✔ No problems (0 files checked)\n']);
});

test('the workspace is found from each file, not the current folder; each workspace uses its own config', () => {
  const dir = repository('roots');
  const other = path.join(dir, 'team-b');
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, '.sopls.json'), JSON.stringify({ rules: { placeholder: 'off' } }));
  fs.writeFileSync(path.join(other, 'intake-copy.md'), INTAKE.replace('PRC-730', 'PRC-731'));
  const fromRoot = sopls(['lint', 'sops', 'team-b', '--format', 'json'], dir);
  const fromSub = sopls(['lint', '.', '--format', 'json'], path.join(dir, 'sops'));
  assert.deepEqual(brief(fromRoot.stdout), ['31 placeholder'], 'team-b turns placeholder off for its own files only');
  assert.deepEqual(brief(fromSub.stdout), brief(fromRoot.stdout.replace(/team-b[^"]*/g, '')).slice(0, 1));
  // A duplicate id names the other document relative to the workspace root.
  fs.writeFileSync(path.join(dir, 'sops', 'copy.md'), INTAKE);
  const dup = sopls(['lint', 'sops/vendor-intake.md', '--format', 'json'], path.join(dir, 'sops', '..'));
  const message = (JSON.parse(dup.stdout) as { rule: string; message: string }[]).find((f) => f.rule === 'duplicate-id')!.message;
  assert.match(message, /\(sops\/copy\.md\)/);
});

test('--changed-since REF reports only findings on lines that differ from REF', () => {
  const dir = repository('changed');
  // The committed placeholder (line 31) is old; a new one on a changed line is reported.
  edit(dir, (t) => t.replace('Compare the draft terms', 'Compare the draft terms for [VENDOR_NAME]'));
  const all = sopls(['lint', '--format', 'json'], dir);
  assert.deepEqual(brief(all.stdout), ['31 placeholder', '37 placeholder']);
  const changed = sopls(['lint', '--changed-since', 'HEAD', '--format', 'json'], dir);
  assert.deepEqual(brief(changed.stdout), ['37 placeholder']);
  // An untracked SOP is new in its entirety.
  fs.writeFileSync(path.join(dir, 'sops', 'new.md'), INTAKE.replace('PRC-730', 'PRC-732'));
  assert.deepEqual(brief(sopls(['lint', 'sops/new.md', '--changed-since', 'HEAD', '--format', 'json'], dir).stdout), ['31 placeholder']);
  const bad = sopls(['lint', '--changed-since', 'no-such-ref'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^sopls: --changed-since: "no-such-ref" is not a commit/);
});

test('--baseline fails only on new findings, stable when lines shift', () => {
  const dir = repository('baseline');
  edit(dir, (t) => t.replace('**Owner**: Procurement Lead\n**Timeline**: within 3', '**Timeline**: within 3'));
  const before = sopls(['lint', '--format', 'json'], dir);
  assert.equal(before.code, 1, 'a missing owner is an error');
  fs.writeFileSync(path.join(dir, 'baseline.json'), before.stdout);
  // Shift every finding down by three lines: still known.
  edit(dir, (t) => t.replace('## Roles', 'Read the vendor policy first.\n\nIt changes yearly.\n\n## Roles'));
  const shifted = sopls(['lint', '--baseline', 'baseline.json', '--format', 'json'], dir);
  assert.deepEqual([shifted.code, JSON.parse(shifted.stdout)], [0, []]);
  // A new error is reported and fails; the known ones stay quiet.
  edit(dir, (t) => t.replace('**Owner**: Security Reviewer\n', ''));
  const added = sopls(['lint', '--baseline', 'baseline.json', '--format', 'json'], dir);
  assert.equal(added.code, 1);
  assert.deepEqual(brief(added.stdout).map((s) => s.split(' ')[1]), ['missing-owner']);
  assert.match((JSON.parse(added.stdout) as { message: string }[])[0]!.message, /Step 2/);
  const broken = sopls(['lint', '--baseline', 'nope.json'], dir);
  assert.equal(broken.code, 2);
});

test('timeline --diff reports a step whose deadline moved, in business days', () => {
  const dir = repository('timeline');
  edit(dir, (t) => t.replace('within 5 business days of Step 1', 'within 8 business days of Step 1'));
  const args = ['timeline', '--diff', 'HEAD', 'sops/vendor-intake.md', '--start', '2026-03-02', '--runs', '0'];
  const json = sopls([...args, '--format', 'json'], dir);
  assert.equal(json.code, 0, json.stderr);
  const delta = JSON.parse(json.stdout);
  const step2 = delta.moved.find((m: { number?: number }) => m.number === 2);
  // Step 1 is due 2026-03-03; five business days later is Tue 03-10, eight is Fri 03-13.
  assert.deepEqual(step2.due, { from: '2026-03-10', to: '2026-03-13', businessDays: 3 });
  const step3 = delta.moved.find((m: { number?: number }) => m.number === 3);
  assert.deepEqual(step3.due, { from: '2026-03-13', to: '2026-03-18', businessDays: 3 });
  assert.equal(delta.finish.due.businessDays, 3);
  assert.deepEqual(delta.newConflicts, []);
  const text = sopls(args, dir).stdout;
  assert.match(text, /Step 2: Security questionnaire: due 2026-03-10 → 2026-03-13 \(\+3 business days later\)/);
  const markdown = sopls([...args, '--format', 'markdown'], dir).stdout;
  assert.match(markdown, /^### Timeline change: `sops\/vendor-intake.md`/);
  assert.match(markdown, /\| Step 2: Security questionnaire \| 2026-03-10 → 2026-03-13 \(\+3 business days later\) \|/);
  // Unchanged: says so.
  git(dir, 'commit', '-q', '-am', 'longer review');
  assert.match(sopls(args, dir).stdout, /No schedule changes\./);
});

test("the Action's entry script annotates the pull request, writes SARIF and honours fail-on", () => {
  const dir = repository('action');
  edit(dir, (t) => t.replace('**Owner**: Security Reviewer\n', '').replace('within 5 business days', 'within 7 business days'));
  const outputs = path.join(dir, 'outputs.txt');
  const summary = path.join(dir, 'summary.md');
  const action = (inputs: Record<string, string>) =>
    run(process.execPath, [path.join(ROOT, 'scripts/action/run.mjs')], dir, {
      SOPLS_CLI: CLI,
      GITHUB_OUTPUT: outputs,
      GITHUB_STEP_SUMMARY: summary,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase().replace(/-/g, '_')}`, v])),
    });
  const r = action({ paths: 'sops', 'fail-on': 'error', timeline: 'sops/vendor-intake.md', 'timeline-ref': 'HEAD' });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^::error file=sops\/vendor-intake.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=sopls missing-owner::Step 2/m);
  assert.match(r.stdout, /^::warning file=sops\/vendor-intake.md,line=30,.*title=sopls placeholder::/m);
  const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'sopls.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].tool.driver.version, VERSION);
  assert.deepEqual(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId).sort(), ['missing-owner', 'placeholder']);
  const out = fs.readFileSync(outputs, 'utf8');
  assert.match(out, /^errors=1$/m);
  assert.match(out, /^warnings=1$/m);
  assert.match(out, /^sarif-file=.*sopls\.sarif$/m);
  assert.match(fs.readFileSync(path.join(dir, 'sopls-timeline.md'), 'utf8'), /\+2 business days later/);
  assert.match(fs.readFileSync(summary, 'utf8'), /### Timeline change/);
  assert.equal(action({ paths: 'sops', 'fail-on': 'never' }).code, 0);
  assert.equal(action({ paths: 'sops', 'fail-on': 'warning' }).code, 1);
  // No finding sits on a changed line (a deleted owner line, a new deadline): nothing to fail on.
  assert.equal(action({ paths: 'sops', 'fail-on': 'warning', 'changed-since': 'HEAD' }).code, 0);
  const bad = action({ paths: 'sops', 'fail-on': 'sometimes' });
  assert.equal(bad.code, 2);
  assert.match(bad.stdout, /::error title=sopls::fail-on must be error, warning or never/);
  // action.yml hands every input the script reads to it.
  const yml = parseYaml(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  const step = yml.runs.steps.find((s: { id?: string }) => s.id === 'lint');
  for (const name of ['paths', 'format', 'baseline', 'fail-on', 'changed-since', 'timeline']) {
    assert.equal(step.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`], `\${{ inputs.${name} }}`, name);
    assert.ok(yml.inputs[name], name);
  }
});

test("the pre-commit hook's entry lints only what the commit changes", () => {
  const dir = repository('precommit');
  const [hook] = parseYaml(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { entry: string; language: string; pass_filenames: boolean }[];
  assert.equal(hook!.language, 'node');
  const [bin, ...args] = hook!.entry.split(' ');
  assert.equal(bin, 'sopls');
  assert.equal(sopls(args, dir).code, 0, 'nothing changed: the old placeholder is not reported');
  edit(dir, (t) => t.replace('Record the vendor name', 'Record [VENDOR_NAME] and the vendor name').replace('id: PRC-730', 'id: prc-730'));
  git(dir, 'add', '-A');
  const r = sopls([...args, '--format', 'json'], dir);
  assert.equal(r.code, 1);
  assert.deepEqual(brief(r.stdout), ['3 frontmatter-schema', '25 placeholder']);
});
