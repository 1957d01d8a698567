/**
 * `sopls/understood`: what sopls understood of a document, as text, for the editor's "SOP: Show What sopls
 * Understood" command. The same view `sopls parse FILE` prints (core/services/understood.ts): whether the
 * document is an SOP and why, its steps with owners and where each owner came from, and its timing.
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import type { SopDocument } from '../core/model';
import { renderUnderstood } from '../core/services/understood';

export const UnderstoodRequest = 'sopls/understood';

export interface UnderstoodParams {
  /** Document URI; an open document is read as edited, another from disk. */
  uri: string;
}

export interface UnderstoodResult {
  isSop: boolean;
  /** The readable view, one line per step, owner and timing phrase (ends with a newline). */
  text: string;
}

/** The model of a document (open or on disk), or undefined when there is none to read. */
export type ModelOf = (uri: string) => Promise<SopDocument | undefined>;

export function registerUnderstood(connection: Connection, modelOf: ModelOf): void {
  connection.onRequest(UnderstoodRequest, async (params: UnderstoodParams | undefined): Promise<UnderstoodResult | null> => {
    if (!params || typeof params.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${UnderstoodRequest} takes { uri: string }`);
    const doc = await modelOf(params.uri);
    if (!doc) return null;
    return { isSop: doc.isSop, text: renderUnderstood(doc, displayName(params.uri)) };
  });
}

/** `file:///work/Onboarding%20plan.md` → `Onboarding plan.md`: the view's first line names the file as a tab does. */
export function displayName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1) || path;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
