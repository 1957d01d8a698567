/**
 * The language server in Emacs through eglot (emacs --batch): diagnostics as flymake shows them, and
 * eglot's own completion-at-point table after `Owner: `.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { FIXTURE, findEmacs, gate, lspCommand, outputDir, removeDir, run, writeFixtureWorkspace } from './editors';

// Polls with accept-process-output, which is where batch Emacs reads the server and runs flymake's timers;
// the deadline only bounds a broken run. Results go to a JSON file so stray messages cannot corrupt them.
const EMACS_SCRIPT = String.raw`
(require 'eglot)
(require 'flymake)
(require 'json)

(defvar sopls-params (json-read-file (getenv "SOPLS_EMACS_PARAMS")))
(defun sopls-param (key) (cdr (assq key sopls-params)))
(defvar sopls-result (list (cons 'log nil)))
(defun sopls-log (fmt &rest args)
  (push (apply #'format fmt args) (alist-get 'log sopls-result)))

(defun sopls-finish (err)
  (when err (setf (alist-get 'error sopls-result) (format "%s" err)))
  (with-temp-file (sopls-param 'out)
    (insert (json-encode sopls-result)))
  (kill-emacs (if err 1 0)))

(defun sopls-wait-for (pred what)
  (let ((deadline (+ (float-time) (/ (sopls-param 'timeout_ms) 1000.0))))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (funcall pred) (error "timed out waiting for %s" what))))

(defun sopls-flymake-diagnostics ()
  (mapcar (lambda (d)
            (list (cons 'line (1- (line-number-at-pos (flymake-diagnostic-beg d))))
                  (cons 'type (format "%s" (flymake-diagnostic-type d)))
                  (cons 'text (flymake-diagnostic-text d))))
          (flymake-diagnostics)))

(condition-case err
    (progn
      (setq eglot-server-programs
            (list (cons '(markdown-mode text-mode fundamental-mode) (append (sopls-param 'cmd) nil))))
      (setq eglot-sync-connect t eglot-autoshutdown t eglot-send-changes-idle-time 0.1)
      (find-file (sopls-param 'file))
      ;; Emacs 28 has no markdown-mode built in; text-mode is what a .md file opens in without packages.
      (unless (derived-mode-p 'markdown-mode) (text-mode))
      (let ((contact (eglot--guess-contact)))
        (apply #'eglot contact))
      (sopls-wait-for (lambda () (eglot-current-server)) "eglot to connect")
      (flymake-start)
      (sopls-wait-for
       (lambda ()
         (flymake-start)
         (seq-some (lambda (d) (string-match-p "missing-owner" (flymake-diagnostic-text d))) (flymake-diagnostics)))
       "a missing-owner diagnostic in flymake")
      (setf (alist-get 'diagnostics sopls-result) (vconcat (sopls-flymake-diagnostics)))
      ;; Completion the way eglot offers it to completion-at-point, after "Owner: " on a new line.
      (goto-char (point-min))
      (forward-line (sopls-param 'owner_line))
      (insert "Owner: \n")
      (forward-line -1)
      (end-of-line)
      (let* ((capf (eglot-completion-at-point))
             (table (nth 2 capf))
             (candidates (and table (all-completions "" table))))
        (setf (alist-get 'completion sopls-result) (vconcat (mapcar #'substring-no-properties candidates))))
      (sopls-finish nil))
  (error (sopls-finish err)))
`;

interface EmacsResult {
  error?: string;
  diagnostics?: { line: number; type: string; text: string }[];
  completion?: string[];
  log: string[] | null;
}

test('Emacs eglot: missing-owner in flymake and role completion after Owner:', { timeout: 60_000 }, async (t) => {
  const emacs = findEmacs();
  const server = lspCommand();
  if (!gate(t, [...emacs.reasons, ...(server.missing ? [server.missing] : [])])) return;

  const { dir, file } = writeFixtureWorkspace('emacs');
  t.after(() => removeDir(dir));
  const scriptFile = path.join(dir, 'sopls-e2e.el');
  const paramsFile = path.join(dir, 'params.json');
  const outFile = path.join(dir, 'result.json');
  fs.writeFileSync(scriptFile, EMACS_SCRIPT);
  fs.writeFileSync(
    paramsFile,
    JSON.stringify({ file, cmd: server.command, out: outFile, owner_line: FIXTURE.stepWithoutOwnerLine + 1, timeout_ms: 20_000 }),
  );

  const r = await run(emacs.path!, // -q, not -Q: Debian's site-start is what puts elpa-eglot on the load-path.
    ['--batch', '-q', '-l', scriptFile], {
    cwd: dir,
    env: { ...process.env, SOPLS_EMACS_PARAMS: paramsFile, HOME: dir },
    timeoutMs: 45_000,
  });
  const log = outputDir('emacs');
  fs.writeFileSync(path.join(log, 'emacs-output.txt'), `exit ${r.code} in ${r.ms} ms\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}\n`);
  assert.ok(fs.existsSync(outFile), `Emacs wrote no result (exit ${r.code}): ${r.stderr}`);
  const result = JSON.parse(fs.readFileSync(outFile, 'utf8')) as EmacsResult;
  fs.copyFileSync(outFile, path.join(log, 'result.json'));
  assert.equal(result.error, undefined, `Emacs script failed: ${result.error}\n${r.stderr}`);
  assert.equal(r.code, 0);

  // eglot formats flymake text as "source [code]: message".
  const missingOwner = (result.diagnostics ?? []).filter((d) => d.text.includes('[missing-owner]'));
  assert.equal(missingOwner.length, 1, `expected one missing-owner in flymake: ${JSON.stringify(result.diagnostics)}`);
  assert.equal(missingOwner[0]!.line, FIXTURE.stepWithoutOwnerLine);

  const roles = (result.completion ?? []).filter((c) => FIXTURE.roleSpellings.some((r) => c.includes(r)));
  assert.ok(roles.length > 0, `no role among eglot completions after "Owner: ": ${JSON.stringify(result.completion)}`);
  t.diagnostic(`Emacs ${emacs.version}: ${r.ms} ms, completions: ${(result.completion ?? []).join(', ')}`);
});
