/**
 * The hostile-repository reproductions (issue 15), each timed as a user meets it: `sopls lint` in a fresh
 * process on a folder holding the hostile file (wall time and peak RSS from /usr/bin/time), and the language
 * server over stdio (time to the answer that matters, peak RSS from /proc). Goal per case: an answer (a
 * diagnostic, or the right output) in under 5 s with peak RSS under 500 MB; the server answers a hover within
 * 1 s while a hostile file is being indexed.
 *
 *   node bench/.cache/hostile-bench.js --cli dist/cli.js --server dist/server.js [--only a,b] [--timeout S]
 *     [--fuzz N [--seed S]]   (also a long round of the hostile mutation fuzzer, test/robust/hostileFuzz.ts)
 *
 * Prints one JSON object; `npm run bench:hostile` builds and runs it and writes bench/results-hostile.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fuzzHostile } from '../../test/robust/hostileFuzz';
import { LspClient, type Message } from '../../test/robust/lsp-client';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const CLI = path.resolve(opt('cli', 'dist/cli.js'));
const SERVER = path.resolve(opt('server', 'dist/server.js'));
const TIMEOUT_S = Number(opt('timeout', '60'));
const ONLY = opt('only', '').split(',').filter(Boolean);
/** Documents for the long round of the hostile mutation fuzzer (0: none). */
const FUZZ = Number(opt('fuzz', '0'));
const FUZZ_SEED = Number(opt('seed', '15'));

const FM = (id: string) => `---\nid: ${id}\ntype: process\ntitle: Case ${id}\nstatus: active\n---\n`;
const STEPS = 'Call [CLIENT NAME] first.\n\n## Process Steps\n\n### Step 1: Prepare\n**Owner**: Lead\n**Duration**: 1 business day\n\n### Step 2: Finish\n**Owner**: Lead\n';

type Files = Record<string, string | Buffer>;

function writeCase(dir: string, files: Files): void {
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}

/** The CLI cases: files to write, extra setup, the lint arguments, and what a right answer contains. */
const CLI_CASES: Record<string, { files: () => Files; setup?: (dir: string) => void; args?: string[]; expect: (out: LintOut) => boolean }> = {
  'gitignore stars vs 52 a': {
    files: () => ({ '.gitignore': '*a*a*a*a*a*a*a*a*b\n', [`${'a'.repeat(52)}.md`]: FM('PRC-1') + '# A\n' + STEPS }),
    expect: (o) => o.files >= 1,
  },
  'gitignore twelve **/ vs 30-deep path': {
    files: () => ({ '.gitignore': 'd/' + '**/'.repeat(12) + 'y.md\n', [Array(30).fill('d').join('/') + '/x.md']: FM('PRC-2') + '# B\n' + STEPS }),
    expect: (o) => o.files >= 1,
  },
  'exclude twelve **/ vs 30-deep path': {
    files: () => ({
      '.sopls.json': JSON.stringify({ exclude: ['d/' + '**/d/'.repeat(12) + 'y.md', '*a*a*a*a*a*a*a*a*b'] }),
      [Array(30).fill('d').join('/') + '/x.md']: FM('PRC-3') + '# B\n' + STEPS,
      [`${'a'.repeat(52)}.md`]: FM('PRC-4') + '# A\n' + STEPS,
    }),
    expect: (o) => o.files >= 2,
  },
  'yaml 100k keys': {
    files: () => ({ 'keys.md': '---\nid: PRC-5\ntype: process\n' + Array.from({ length: 100_000 }, (_, i) => `k${i}: v`).join('\n') + '\n---\n# Keys\n' + STEPS }),
    expect: (o) => o.rules.includes('unreadable-content'),
  },
  'yaml 20k anchors + aliases': {
    files: () => ({
      'anchors.md': '---\nid: PRC-6\ntype: process\n' + Array.from({ length: 10_000 }, (_, i) => `a${i}: &x${i} v`).join('\n') + '\n' + Array.from({ length: 10_000 }, (_, i) => `b${i}: *x${i}`).join('\n') + '\n---\n# Anchors\n' + STEPS,
    }),
    expect: (o) => o.rules.includes('unreadable-content'),
  },
  'paragraph of 20 x 4000 [a]': {
    files: () => ({ 'brackets.md': FM('PRC-7') + '# Brackets\n\n' + Array.from({ length: 20 }, () => '[a] '.repeat(4000)).join('\n') + '\n\n' + STEPS }),
    expect: (o) => o.rules.includes('unreadable-content'),
  },
  'disable/enable 5k pairs x 10k findings': {
    files: () => ({
      'directives.md':
        FM('PRC-8') + '# Directives\n\n' + Array.from({ length: 5000 }, () => '<!-- sopls-disable placeholder -->\n<!-- sopls-enable placeholder -->').join('\n') + '\n\n' + STEPS + Array.from({ length: 10_000 }, () => 'Call [CLIENT NAME] now.').join('\n') + '\n',
    }),
    expect: (o) => o.files >= 1,
  },
  'BOM before frontmatter': {
    files: () => ({ 'bom.md': '\uFEFF' + FM('PRC-9') + '# Bom\n' + STEPS, 'user.md': FM('PRC-10') + '# User\nSee PRC-9.\n\n' + STEPS }),
    expect: (o) => !o.rules.includes('broken-link'),
  },
  'markdown SOP over 2.5 MB, no frontmatter': {
    files: () => ({ 'big.md': '# Big\n\n' + STEPS + 'Some text of the procedure, repeated for length.\n'.repeat(60_000) }),
    expect: (o) => o.rules.includes('unreadable-content'),
  },
  '5 MB single line': {
    files: () => ({ 'line.md': 'word '.repeat(1_000_000) + '\n' }),
    expect: (o) => o.rules.includes('unreadable-content'),
  },
  'line-too-complex without frontmatter': {
    files: () => ({ 'nested.md': '# Nested\n\n1. ' + '1. 2) '.repeat(3000) + '\n' }),
    expect: (o) => o.rules.includes('unreadable-content'),
  },
  'NUL after 8 KB': {
    files: () => ({ 'nul.md': FM('PRC-11') + '# Nul\n' + STEPS + 'x'.repeat(10_000) + '\u0000\n' }),
    expect: (o) => o.rules.includes('unreadable-content'),
  },
  'symlinked path': {
    files: () => ({ 'real/doc.md': FM('PRC-12') + '# Real\n' + STEPS }),
    setup: (dir) => fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'link')),
    args: ['.', 'link/doc.md'],
    expect: (o) => !o.rules.includes('duplicate-id'),
  },
};

interface LintOut {
  files: number;
  rules: string[];
}

interface Measured {
  seconds: number | null;
  /** CPU seconds (user + system) of the process, where measured: the wall time on a loaded machine overstates the work. */
  cpuSeconds?: number | null;
  peakMb: number | null;
  exit: number | null;
  ok: boolean;
  note?: string;
}

function runCli(dir: string, lintArgs: string[], expect: (o: LintOut) => boolean): Measured {
  // GNU timeout signals its whole process group, so a run past the limit leaves no process behind.
  const r = spawnSync('timeout', ['-s', 'KILL', String(TIMEOUT_S), '/usr/bin/time', '-f', '%e %M %U %S', process.execPath, CLI, 'lint', '--format', 'json', ...lintArgs], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error || r.signal || r.status === 137 || r.status === 124) return { seconds: null, peakMb: null, exit: null, ok: false, note: `no answer within ${TIMEOUT_S} s` };
  const timing = /(\d+(?:\.\d+)?) (\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*$/.exec(r.stderr ?? '');
  let out: LintOut = { files: 0, rules: [] };
  try {
    const parsed = JSON.parse(r.stdout) as { file: string; rule: string }[];
    out = { files: new Set(parsed.map((f) => f.file)).size, rules: [...new Set(parsed.map((f) => f.rule))].sort() };
  } catch {
    return { seconds: timing ? Number(timing[1]) : null, peakMb: timing ? Math.round(Number(timing[2]) / 1024) : null, exit: r.status, ok: false, note: `output is not JSON: ${(r.stderr ?? '').slice(0, 200)}` };
  }
  return {
    seconds: timing ? Number(timing[1]) : null,
    cpuSeconds: timing ? +(Number(timing[3]) + Number(timing[4])).toFixed(2) : null,
    peakMb: timing ? Math.round(Number(timing[2]) / 1024) : null,
    exit: r.status,
    ok: expect(out),
    note: `rules: ${out.rules.join(' ') || '(none)'}`,
  };
}

// ------------------------------------------------------------------ language server cases

async function withServer<T>(folder: string, init: Record<string, unknown>, fn: (c: LspClient, t0: number) => Promise<T>): Promise<T & { peakMb: number | null }> {
  const client = new LspClient(process.execPath, [SERVER, '--stdio'], { cwd: folder });
  const t0 = performance.now();
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }],
    capabilities: { window: { workDoneProgress: true } },
    initializationOptions: { diagnosticsDelay: 0, ...init },
  });
  client.notify('initialized', {});
  try {
    const r = await fn(client, t0);
    const peak = client.rssKb()?.peak;
    return { ...r, peakMb: peak ? Math.round(peak / 1024) : null };
  } finally {
    await client.shutdown(3000).catch(() => undefined);
    if (!client.exited) client.proc.kill();
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 1/100 s). */
function procCpu(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

const within = <T>(p: Promise<T>, ms: number): Promise<T | undefined> => Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms))]);

function indexEnd(client: LspClient): Promise<number> {
  return new Promise((resolve) => {
    const off = client.onNotification((m: Message) => {
      const v = (m.params as { value?: { kind?: string } } | undefined)?.value;
      if (m.method === '$/progress' && v?.kind === 'end') {
        off();
        resolve(performance.now());
      }
    });
  });
}

const LSP_CASES: Record<string, (dir: string) => Promise<Measured>> = {
  async 'server, Restricted Mode, hostile .gitignore: first answer'(dir) {
    writeCase(dir, { '.gitignore': 'd/' + '**/'.repeat(12) + 'y.md\n*a*a*a*a*a*a*a*a*b\n', [Array(30).fill('d').join('/') + '/x.md']: FM('PRC-20') + '# X\n' + STEPS, [`${'a'.repeat(52)}.md`]: FM('PRC-21') + '# A\n' + STEPS });
    const r = await withServer(dir, { workspaceTrusted: false }, async (c, t0) => {
      const answer = await within(c.request('workspace/symbol', { query: 'PRC-21' }), TIMEOUT_S * 1000);
      return { seconds: answer ? (performance.now() - t0) / 1000 : null, cpuSeconds: procCpu(c.proc.pid), ok: !!answer && !answer.error };
    });
    return { ...r, exit: null };
  },
  async 'server, sopls/schedule runs 1e9'(dir) {
    writeCase(dir, { 'a.md': FM('PRC-22') + '# A\n' + STEPS });
    const uri = pathToFileURL(path.join(dir, 'a.md')).href;
    const r = await withServer(dir, {}, async (c) => {
      const t = performance.now();
      const cpu = procCpu(c.proc.pid);
      const answer = await within(c.request('sopls/schedule', { uri, runs: 1e9 }), TIMEOUT_S * 1000);
      return { seconds: answer ? (performance.now() - t) / 1000 : null, cpuSeconds: +(procCpu(c.proc.pid) - cpu).toFixed(2), ok: !!answer?.error, note: answer?.error?.message ?? 'no error response' };
    });
    return { ...r, exit: null };
  },
  async 'server, 20 MB didChange then hover'(dir) {
    writeCase(dir, { 'a.md': FM('PRC-23') + '# A\n' + STEPS });
    const uri = pathToFileURL(path.join(dir, 'a.md')).href;
    const r = await withServer(dir, {}, async (c) => {
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: FM('PRC-23') + '# A\n' + STEPS } });
      const t = performance.now();
      const cpu = procCpu(c.proc.pid);
      c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: FM('PRC-23') + '# A\n' + STEPS + 'filler text '.repeat(1_700_000) }] });
      const answer = await within(c.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 5 } }), TIMEOUT_S * 1000);
      return { seconds: answer ? (performance.now() - t) / 1000 : null, cpuSeconds: +(procCpu(c.proc.pid) - cpu).toFixed(2), ok: !!answer && !answer.error };
    });
    return { ...r, exit: null };
  },
  async 'server, garbage framing: exits'(dir) {
    writeCase(dir, { 'a.md': FM('PRC-24') + '# A\n' + STEPS });
    const client = new LspClient(process.execPath, [SERVER, '--stdio'], { cwd: dir });
    const t = performance.now();
    client.proc.stdin.write('Content-Length: zz\r\n\r\n{}');
    const exited = await within(new Promise<void>((r) => client.proc.once('exit', () => r())), TIMEOUT_S * 1000);
    const seconds = exited !== undefined || client.exited ? (performance.now() - t) / 1000 : null;
    if (!client.exited) client.proc.kill();
    return { seconds, peakMb: null, exit: client.exited?.code ?? null, ok: (client.exited?.code ?? 0) !== 0 };
  },
  async 'server, hover while a hostile workspace is indexed'(dir) {
    const files: Files = { 'open.md': FM('PRC-30') + '# Open\n' + STEPS };
    for (let i = 0; i < 4; i++) files[`hostile-${i}.md`] = FM(`PRC-4${i}`) + '# H\n\n' + Array.from({ length: 200 }, () => '[a] '.repeat(4000)).join('\n') + '\n';
    files['keys.md'] = '---\nid: PRC-50\n' + Array.from({ length: 100_000 }, (_, i) => `k${i}: v`).join('\n').slice(0, 3_900_000) + '\n---\n';
    for (let i = 0; i < 300; i++) files[`n/doc-${i}.md`] = FM(`PRC-${100 + i}`) + `# Doc ${i}\n` + STEPS;
    writeCase(dir, files);
    const uri = pathToFileURL(path.join(dir, 'open.md')).href;
    const r = await withServer(dir, {}, async (c) => {
      const ended = indexEnd(c);
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: FM('PRC-30') + '# Open\n' + STEPS } });
      const t = performance.now();
      let endAt: number | undefined;
      void ended.then((at) => (endAt = at));
      // Hover after hover while the index is built: the slowest answer is what a user waits for at worst.
      let worst = 0;
      let answered = 0;
      const latencies: number[] = [];
      let firstLatency: number | undefined;
      while (endAt === undefined && performance.now() - t < TIMEOUT_S * 1000) {
        const sent = performance.now();
        const answer = await within(c.request('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 6 } }), TIMEOUT_S * 1000);
        firstLatency ??= performance.now() - sent;
        if (!answer || answer.error) {
          process.stderr.write(`hover failed: ${JSON.stringify(answer?.error ?? 'no answer')}\n`);
          break;
        }
        answered++;
        latencies.push(performance.now() - sent);
        worst = Math.max(worst, performance.now() - sent);
        await new Promise((r) => setTimeout(r, 50));
      }
      const index = endAt ? (endAt - t) / 1000 : null;
      latencies.sort((a, b) => a - b);
      const at = (q: number) => ((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN) / 1000).toFixed(2);
      return {
        seconds: answered ? worst / 1000 : null,
        ok: answered > 0 && worst < 1000,
        note: `${answered} hovers during indexing: median ${at(0.5)} s, p95 ${at(0.95)} s, slowest ${(worst / 1000).toFixed(2)} s (the first: ${((latencies.length ? 0 : NaN) + (firstLatency ?? NaN) / 1000).toFixed(2)} s); indexing done after ${index?.toFixed(2) ?? '?'} s`,
      };
    });
    return { ...r, exit: null };
  },
};

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-hostile-'));
  const results: Record<string, Measured> = {};
  try {
    for (const [name, c] of Object.entries(CLI_CASES)) {
      if (ONLY.length && !ONLY.some((o) => name.includes(o))) continue;
      const dir = path.join(root, name.replace(/\W+/g, '-'));
      fs.mkdirSync(dir);
      writeCase(dir, c.files());
      c.setup?.(dir);
      results[name] = runCli(dir, c.args ?? ['.'], c.expect);
      process.stderr.write(`${name}: ${JSON.stringify(results[name])}\n`);
    }
    for (const [name, c] of Object.entries(LSP_CASES)) {
      if (ONLY.length && !ONLY.some((o) => name.includes(o))) continue;
      const dir = path.join(root, name.replace(/\W+/g, '-'));
      fs.mkdirSync(dir);
      results[name] = await c(dir);
      process.stderr.write(`${name}: ${JSON.stringify(results[name])}\n`);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  let fuzz: unknown;
  if (FUZZ > 0) {
    const t = performance.now();
    const report = fuzzHostile(FUZZ_SEED, FUZZ);
    fuzz = {
      seed: FUZZ_SEED,
      documents: report.documents,
      seconds: +((performance.now() - t) / 1000).toFixed(1),
      maxRegexWorkPerChar: Math.round(report.maxWorkPerChar),
      failures: report.failures.slice(0, 20).map((f) => ({ iteration: f.iteration, uri: f.uri, problem: f.problem })),
    };
    process.stderr.write(`fuzz: ${JSON.stringify(fuzz)}\n`);
  }
  process.stdout.write(JSON.stringify({ cli: CLI, server: SERVER, timeoutSeconds: TIMEOUT_S, results, ...(fuzz ? { fuzz } : {}) }, null, 1) + '\n');
}

void main();
