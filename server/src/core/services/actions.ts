/**
 * Quick fixes for the findings the client hands back: add a missing owner (one action per known role),
 * replace an unknown role with the suggestion, create a stub for a broken link, silence a rule on a line.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { allSteps, makeRange, rangeContainsPosition, type Range, type Step } from '../model';
import { basename, inFrontmatter, knownRoles, lineAt, type ServiceContext } from './context';

export interface CodeActionOptions {
  /** The client can create files in a workspace edit (`resourceOperations` includes `create`). */
  createFiles: boolean;
  /** The client wants `documentChanges` rather than `changes`. */
  documentChanges: boolean;
}

function ruleOf(d: Diagnostic): string | undefined {
  return typeof d.code === 'string' ? d.code : undefined;
}

function edit(ctx: ServiceContext, edits: TextEdit[], opts: CodeActionOptions, version: number | null): WorkspaceEdit {
  return opts.documentChanges
    ? { documentChanges: [{ textDocument: { uri: ctx.doc.uri, version }, edits }] }
    : { changes: { [ctx.doc.uri]: edits } };
}

export function codeActions(
  ctx: ServiceContext,
  range: Range,
  diagnostics: Diagnostic[],
  options: Partial<CodeActionOptions> & { version?: number | null } = {},
): CodeAction[] {
  const opts: CodeActionOptions = { createFiles: false, documentChanges: false, ...options };
  const version = options.version ?? null;
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const rule = ruleOf(d);
    if (!rule || (d.source !== undefined && d.source !== 'sopls')) continue;
    if (rule === 'missing-owner') out.push(...addOwnerActions(ctx, d, opts, version));
    else if (rule === 'unknown-role') out.push(...replaceRoleActions(ctx, d, opts, version));
    else if (rule === 'broken-link' && opts.createFiles) out.push(...stubActions(ctx, d));
  }
  for (const d of diagnostics) {
    const rule = ruleOf(d);
    if (!rule || (d.source !== undefined && d.source !== 'sopls')) continue;
    const a = disableAction(ctx, d, rule, opts, version);
    if (a) out.push(a);
  }
  return out.filter((a) => !a.diagnostics?.length || a.diagnostics.some((d) => overlaps(d.range, range)));
}

function overlaps(a: Range, b: Range): boolean {
  return !(a.end.line < b.start.line || b.end.line < a.start.line);
}

// ---- missing owner ------------------------------------------------------------------------------------------

function stepOf(ctx: ServiceContext, d: Diagnostic): Step | undefined {
  return allSteps(ctx.doc).find((s) => rangeContainsPosition(s.headingRange, d.range.start) || rangeContainsPosition(s.titleRange, d.range.start)) ??
    allSteps(ctx.doc).find((s) => rangeContainsPosition(s.range, d.range.start));
}

/** The owner line of another step with its value cut off: how this document writes owners. */
function ownerLinePrefix(ctx: ServiceContext, step: Step): string {
  const model = allSteps(ctx.doc).find((s) => s !== step && s.ownerField && s.ownerField.value && s.kind === step.kind) ??
    allSteps(ctx.doc).find((s) => s !== step && s.ownerField && s.ownerField.value);
  if (model?.ownerField) return lineAt(ctx, model.ownerField.range.start.line).slice(0, model.ownerField.valueRange.start.character);
  const d = ctx.doc.dialect;
  if (d === 'step-headings' || d === 'stages' || d === 'numbered-headings') return '**Owner**: ';
  if (d === 'nested-bullets') return '- Owner: ';
  return 'Owner: ';
}

function addOwnerActions(ctx: ServiceContext, d: Diagnostic, opts: CodeActionOptions, version: number | null): CodeAction[] {
  const step = stepOf(ctx, d);
  if (!step) return [];
  const roles = knownRoles(ctx);
  const useAcronym = allSteps(ctx.doc).some((s) => s.owners.some((o) => /\([A-Z][A-Za-z0-9&]{1,9}\)/.test(o.name)));
  const field = step.ownerField;
  return roles.map((r, i) => {
    const name = useAcronym && r.acronym ? `${r.name} (${r.acronym})` : r.name;
    let edits: TextEdit[];
    if (field) {
      // A placeholder or empty owner: fill in the value where it stands.
      const placeholder = step.owners.find((o) => o.placeholder);
      const target = placeholder?.range ?? (field.value ? field.valueRange : makeRange(field.range.start.line, lineAt(ctx, field.range.start.line).length, field.range.start.line, lineAt(ctx, field.range.start.line).length));
      const needsSpace = !field.value && !/\s$/.test(lineAt(ctx, field.range.start.line));
      edits = [{ range: target, newText: (needsSpace ? ' ' : '') + name }];
    } else {
      const line = step.headingRange.end.line + 1;
      edits = [{ range: makeRange(line, 0, line, 0), newText: `${ownerLinePrefix(ctx, step)}${name}\n` }];
    }
    const action: CodeAction = {
      title: `Add owner: ${name}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: edit(ctx, edits, opts, version),
    };
    if (i === 0 && roles.length === 1) action.isPreferred = true;
    return action;
  });
}

// ---- unknown role ---------------------------------------------------------------------------------------------

function replaceRoleActions(ctx: ServiceContext, d: Diagnostic, opts: CodeActionOptions, version: number | null): CodeAction[] {
  const data = (d.data ?? {}) as { suggestion?: unknown };
  const suggestion = typeof data.suggestion === 'string' ? data.suggestion : undefined;
  if (!suggestion) return [];
  return [
    {
      title: `Replace with "${suggestion}"`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: edit(ctx, [{ range: d.range, newText: suggestion }], opts, version),
    },
  ];
}

// ---- broken link -----------------------------------------------------------------------------------------------

const TYPE_BY_PREFIX: Record<string, string> = { POL: 'policy', PRC: 'process', SOP: 'sop', CUS: 'customer', STD: 'standard', GDL: 'guideline', RB: 'runbook', CHK: 'checklist', TPL: 'template', FRM: 'form' };

export function stubText(id: string, today: string, from?: string): string {
  const prefix = id.replace(/-\d+$/, '');
  const type = TYPE_BY_PREFIX[prefix] ?? 'process';
  const lines = ['---', `id: ${id}`, `title: ${id}`, `type: ${type}`, 'status: draft', `created: ${today}`, `updated: ${today}`];
  if (from) lines.push('links:', `  relates_to: [${from}]`);
  lines.push('---', '', `# ${id}`, '', '');
  return lines.join('\n');
}

function stubActions(ctx: ServiceContext, d: Diagnostic): CodeAction[] {
  const data = (d.data ?? {}) as { id?: unknown };
  const text = lineAt(ctx, d.range.start.line).slice(d.range.start.character, d.range.end.character);
  const id = typeof data.id === 'string' ? data.id : text;
  if (!/^[A-Z][A-Z0-9]{1,9}-\d{1,6}$/.test(id)) return [];
  const folder = ctx.doc.uri.slice(0, ctx.doc.uri.lastIndexOf('/') + 1);
  const uri = `${folder}${id}.md`;
  return [
    {
      title: `Create ${basename(uri)} declaring ${id}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: {
        documentChanges: [
          { kind: 'create', uri, options: { ignoreIfExists: true } },
          { textDocument: { uri, version: null }, edits: [{ range: makeRange(0, 0, 0, 0), newText: stubText(id, ctx.today, ctx.doc.meta.id?.value) }] },
        ],
      },
    },
  ];
}

// ---- disable for a line ---------------------------------------------------------------------------------------

function disableAction(ctx: ServiceContext, d: Diagnostic, rule: string, opts: CodeActionOptions, version: number | null): CodeAction | undefined {
  const line = d.range.start.line;
  // A comment inside YAML frontmatter would break it; those findings are configured in .sopls.json instead.
  const fm = ctx.doc.frontmatter;
  if (inFrontmatter(ctx, line) || (fm && (line === fm.range.start.line || line === fm.range.end.line))) return undefined;
  const text = lineAt(ctx, line);
  const indent = /^[ \t]*/.exec(text)![0];
  // Inside a list item the comment keeps the item's indentation so it does not end the list.
  const existing = line > 0 ? /<!--\s*sopls-disable-next-line\b([^>]*?)-->/.exec(lineAt(ctx, line - 1)) : null;
  let edits: TextEdit[];
  if (existing) {
    const rules = existing[1]!.split(/[\s,]+/).filter(Boolean);
    if (rules.includes(rule) || rules.length === 0) return undefined;
    edits = [{ range: makeRange(line - 1, existing.index, line - 1, existing.index + existing[0].length), newText: `<!-- sopls-disable-next-line ${[...rules, rule].join(' ')} -->` }];
  } else {
    edits = [{ range: makeRange(line, 0, line, 0), newText: `${indent}<!-- sopls-disable-next-line ${rule} -->\n` }];
  }
  return {
    title: `Disable ${rule} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: edit(ctx, edits, opts, version),
  };
}
