import * as vscode from 'vscode';

/** Languages the server is given; it decides which of these documents are SOPs and stays silent on the rest. */
export const SOP_LANGUAGES = ['sop', 'markdown', 'plaintext'] as const;

/**
 * Schemes of real documents. Excludes `output`, `git`, `vscode-notebook-cell` and the like: plaintext output
 * channels and diff views are not SOPs an author is editing.
 */
export const DOCUMENT_SCHEMES = ['file', 'untitled', 'vscode-vfs'] as const;

export const documentSelector: { language: string; scheme: string }[] = SOP_LANGUAGES.flatMap((language) =>
  DOCUMENT_SCHEMES.map((scheme) => ({ language, scheme })),
);

export function isCandidate(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return (
    doc !== undefined &&
    (SOP_LANGUAGES as readonly string[]).includes(doc.languageId) &&
    (DOCUMENT_SCHEMES as readonly string[]).includes(doc.uri.scheme)
  );
}

/** The SOP candidate in the active text editor, if any. */
export function activeCandidate(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return isCandidate(doc) ? doc : undefined;
}

/** Calls `fn` once `ms` have passed without another call; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(ms: number, fn: (...args: A) => void): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  debounced.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}
