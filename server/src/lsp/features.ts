/**
 * The standard LSP features: each handler finds the open document's analysis and calls the pure service in
 * core/services; nothing is computed here.
 */
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { codeActions } from '../core/services/actions';
import { complete } from '../core/services/completion';
import type { ServiceContext } from '../core/services/context';
import { inlayHints } from '../core/services/inlay';
import { definition, hover, prepareRename, references, rename, RenameError } from '../core/services/navigation';
import { documentSymbols, foldingRanges, workspaceSymbols } from '../core/services/symbols';
import { checkCancelled, guarded, type Session } from './session';

export function registerFeatures(s: Session): void {
  const { connection, caps } = s;
  /** The service context of an open, relevant document, or `fallback`. */
  const withContext = <T>(uri: string, token: CancellationToken, fallback: T, fn: (ctx: ServiceContext) => T): T =>
    guarded(s, token, fallback, () => {
      const ctx = s.analyses.contextFor(uri);
      if (!ctx || !s.analyses.relevant(uri, ctx.doc)) return fallback;
      return fn(ctx);
    });

  connection.onCompletion((p, token) =>
    withContext(p.textDocument.uri, token, [], (ctx) =>
      complete(ctx, p.position, {
        snippetSupport: !!caps.textDocument?.completion?.completionItem?.snippetSupport,
        markdown: !!caps.textDocument?.completion?.completionItem?.documentationFormat?.includes('markdown'),
      }),
    ),
  );
  connection.onHover((p, token) => withContext(p.textDocument.uri, token, null, (ctx) => hover(ctx, p.position)));
  connection.onDefinition((p, token) => withContext(p.textDocument.uri, token, [], (ctx) => definition(ctx, p.position)));
  connection.onReferences((p, token) => withContext(p.textDocument.uri, token, [], (ctx) => references(ctx, p.position, p.context.includeDeclaration)));
  connection.onPrepareRename((p, token) => withContext(p.textDocument.uri, token, null, (ctx) => prepareRename(ctx, p.position)));
  connection.onRenameRequest((p, token) =>
    withContext(p.textDocument.uri, token, null, (ctx) => {
      try {
        return rename(ctx, p.position, p.newName);
      } catch (err) {
        if (err instanceof RenameError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
        throw err;
      }
    }),
  );
  connection.onDocumentSymbol((p, token) => withContext(p.textDocument.uri, token, [], (ctx) => documentSymbols(ctx)));
  connection.onWorkspaceSymbol(async (p, token) => {
    await s.ready;
    checkCancelled(token);
    return guarded(s, token, [], () => workspaceSymbols(s.index.workspace, p.query));
  });
  connection.onFoldingRanges((p, token) => withContext(p.textDocument.uri, token, [], (ctx) => foldingRanges(ctx)));
  connection.onCodeAction((p, token) =>
    withContext(p.textDocument.uri, token, [], (ctx) =>
      codeActions(ctx, p.range, p.context.diagnostics, {
        createFiles: !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create'),
        documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
        version: s.documents.get(p.textDocument.uri)?.version ?? null,
      }),
    ),
  );
  connection.languages.inlayHint.on((p, token) => withContext(p.textDocument.uri, token, [], (ctx) => inlayHints(ctx, p.range)));
}
