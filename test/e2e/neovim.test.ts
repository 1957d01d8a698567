/**
 * The language server in a real LSP client: headless Neovim (Debian 12 ships 0.7, so `vim.lsp.start_client`
 * and pushed diagnostics; 0.7 has no pull diagnostics).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { FIXTURE, completionNamesRole, findNeovim, gate, lspCommand, outputDir, removeDir, run, writeFixtureWorkspace } from './editors';

// Everything waits on a condition inside Neovim (vim.wait polls the event loop, so LSP messages keep arriving);
// the timeouts only bound a broken run. Results go to a JSON file because headless Neovim's stdout is the UI.
const NVIM_SCRIPT = String.raw`
local params = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('SOPLS_NVIM_PARAMS')), '\n'))
local result = { diagnostics = {}, published = {}, completion = {}, log = {} }

local function finish(err)
  if err then result.error = tostring(err) end
  vim.fn.writefile({ vim.fn.json_encode(result) }, params.out)
  vim.cmd(err and 'cquit 1' or 'qall!')
end

local function main()
  -- Keep the raw publishDiagnostics params (codes included) and still let Neovim handle them.
  local original = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, res, ctx, config)
    if res then table.insert(result.published, res) end
    return original(err, res, ctx, config)
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(params.file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'sopls',
    cmd = params.cmd,
    root_dir = params.root,
    workspace_folders = { { uri = vim.uri_from_fname(params.root), name = 'fixture' } },
    on_exit = function(code, signal) table.insert(result.log, 'server exited ' .. tostring(code) .. '/' .. tostring(signal)) end,
  })
  if not client_id then return finish('vim.lsp.start_client returned nil') end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function has_missing_owner()
    for _, p in ipairs(result.published) do
      for _, d in ipairs(p.diagnostics or {}) do
        if d.code == 'missing-owner' then return true end
      end
    end
    return false
  end
  if not vim.wait(params.timeout_ms, has_missing_owner, 20) then
    return finish('no missing-owner diagnostic within ' .. params.timeout_ms .. ' ms')
  end
  -- What Neovim itself shows, to prove the client accepted the push (not only that bytes arrived).
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, source = d.source,
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) })
  end

  -- A new Owner line in the step that lacks one, cursor after "Owner: ", as a person would type it.
  local line = params.owner_line
  vim.api.nvim_buf_set_lines(bufnr, line, line, false, { 'Owner: ' })
  local position = { line = line, character = 7 }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = position,
    context = { triggerKind = 1 },
  }, params.timeout_ms)
  for _, response in pairs(responses or {}) do
    if response.err then table.insert(result.log, 'completion error: ' .. vim.inspect(response.err)) end
    local items = response.result and (response.result.items or response.result) or {}
    for _, item in ipairs(items) do
      table.insert(result.completion, { label = item.label, insertText = item.insertText, filterText = item.filterText, textEdit = item.textEdit })
    end
  end
  vim.lsp.stop_client(client_id)
  finish(nil)
end

local ok, err = pcall(main)
if not ok then finish(err) end
`;

interface NvimResult {
  error?: string;
  published: { uri: string; diagnostics: { code?: string | number; message: string; range: { start: { line: number } } }[] }[];
  diagnostics: { lnum: number; col: number; message: string; code?: string | number; source?: string }[];
  completion: { label: string; insertText?: string; filterText?: string; textEdit?: unknown }[];
  log: string[];
}

test('Neovim: diagnostics pushed by sopls and role completion after Owner:', { timeout: 60_000 }, async (t) => {
  const nvim = findNeovim();
  const server = lspCommand();
  if (!gate(t, [...nvim.reasons, ...(server.missing ? [server.missing] : [])])) return;

  const { dir, file } = writeFixtureWorkspace('nvim');
  t.after(() => removeDir(dir));
  const scriptFile = path.join(dir, 'sopls-e2e.lua');
  const paramsFile = path.join(dir, 'params.json');
  const outFile = path.join(dir, 'result.json');
  fs.writeFileSync(scriptFile, NVIM_SCRIPT);
  fs.writeFileSync(
    paramsFile,
    JSON.stringify({ file, root: dir, cmd: server.command, out: outFile, owner_line: FIXTURE.stepWithoutOwnerLine + 1, timeout_ms: 20_000 }),
  );

  const r = await run(
    nvim.path!,
    // --clean: no user config or plugins; -n/-i NONE: no swap or shada files left behind.
    ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${scriptFile}`],
    { cwd: dir, env: { ...process.env, SOPLS_NVIM_PARAMS: paramsFile }, timeoutMs: 45_000 },
  );
  const log = outputDir('neovim');
  fs.writeFileSync(path.join(log, 'nvim-output.txt'), `exit ${r.code} in ${r.ms} ms\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}\n`);
  assert.ok(fs.existsSync(outFile), `Neovim wrote no result (exit ${r.code}): ${r.stderr}`);
  const result = JSON.parse(fs.readFileSync(outFile, 'utf8')) as NvimResult;
  fs.copyFileSync(outFile, path.join(log, 'result.json'));
  assert.equal(result.error, undefined, `Neovim script failed: ${result.error}; log: ${result.log.join('; ')}`);
  assert.equal(r.code, 0);

  const missingOwner = result.diagnostics.filter((d) => d.code === 'missing-owner');
  assert.equal(missingOwner.length, 1, `expected one missing-owner in vim.diagnostic.get: ${JSON.stringify(result.diagnostics)}`);
  assert.equal(missingOwner[0]!.lnum, FIXTURE.stepWithoutOwnerLine);

  const roles = result.completion.filter(completionNamesRole);
  assert.ok(roles.length > 0, `no role among completions after "Owner: ": ${JSON.stringify(result.completion.map((c) => c.label))}`);
  t.diagnostic(`Neovim ${nvim.version}: ${r.ms} ms, completions: ${result.completion.map((c) => c.label).join(', ')}`);
});
