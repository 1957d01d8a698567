/**
 * The lint engine: runs the registry over one parsed document. Pure and total: text never reaches it (the
 * model does), and no rule can make it throw.
 */
import type { ResolvedConfig } from '../config';
import type { Finding, Severity } from '../findings';
import { comparePositions, type InlineDirective, type SopDocument } from '../model';
import type { Workspace } from '../workspace';
import { INTERNAL_ERROR, RULES } from './registry';
import type { Rule, RuleContext, RuleReport } from './rule';
import { isManagedDocument } from './util';

export interface LintInput {
  doc: SopDocument;
  workspace: Workspace;
  config: ResolvedConfig;
  /** YYYY-MM-DD; review-overdue measures from it. */
  today: string;
  /** Rules to run instead of the registry (tests). */
  rules?: readonly Rule[];
  /**
   * Values derived from the workspace and config alone (every declared role, id prefixes), shared across the
   * documents of one run: pass the same map for every document linted against the same workspace snapshot,
   * and a new one once the workspace or config changes. Omitted: a fresh map per call (correct, slower).
   */
  shared?: Map<string, unknown>;
  /**
   * The per-document memo behind `ctx.memo` (the document's schedule under 'timeline:schedule'). A caller that
   * keeps the document's analysis passes its own map to share those values with other features (the language
   * server's inlay hints and hovers use the same schedule); a fresh map per call when absent.
   */
  memo?: Map<string, unknown>;
}

export function lintDocument(input: LintInput): Finding[] {
  const { doc, workspace, config, today } = input;
  const rules = input.rules ?? RULES;
  const findings: Finding[] = [];
  const managed = isManagedDocument(doc);
  const cache = input.memo ?? new Map<string, unknown>();
  const shared = input.shared ?? new Map<string, unknown>();
  const memoIn = <T>(map: Map<string, unknown>, key: string, compute: () => T): T => {
    if (map.has(key)) return map.get(key) as T;
    const value = compute();
    map.set(key, value);
    return value;
  };

  for (const rule of rules) {
    const setting = config.rules[rule.id];
    if (setting === 'off') continue;
    const applies = rule.appliesTo ?? 'sop';
    if (applies === 'sop' && !doc.isSop) continue;
    if (applies === 'managed' && !managed) continue;
    const configured: Severity | undefined = setting;
    const ctx: RuleContext = {
      doc,
      workspace,
      config,
      today,
      cache,
      memo: (key, compute) => memoIn(cache, key, compute),
      shared: (key, compute) => memoIn(shared, key, compute),
      report: (r: RuleReport) => {
        const finding: Finding = {
          rule: rule.id,
          severity: configured ?? r.severity ?? rule.defaultSeverity,
          message: r.message,
          uri: doc.uri,
          range: r.range,
        };
        if (r.related && r.related.length) finding.related = r.related;
        if (r.data) finding.data = r.data;
        findings.push(finding);
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      const internal = config.rules[INTERNAL_ERROR.id];
      if (internal !== 'off') {
        findings.push({
          rule: INTERNAL_ERROR.id,
          severity: internal ?? INTERNAL_ERROR.defaultSeverity,
          message: `Rule "${rule.id}" failed on this document and was skipped: ${detail}. Please report this as a sopls bug.`,
          uri: doc.uri,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          data: { failedRule: rule.id },
        });
      }
    }
  }
  return sortFindings(applyDirectives(findings, doc.directives));
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      comparePositions(a.range.start, b.range.start) ||
      comparePositions(a.range.end, b.range.end) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/**
 * `<!-- sopls-disable [ids] -->` … `<!-- sopls-enable [ids] -->` regions (from the comment's line on),
 * `sopls-disable-line` (its own line) and `sopls-disable-next-line` (the line after the comment). No ids means
 * every rule. A finding is judged by the line its range starts on. internal-error findings are never suppressed.
 */
export function applyDirectives(findings: Finding[], directives: readonly InlineDirective[]): Finding[] {
  if (directives.length === 0 || findings.length === 0) return findings;
  const lineOff = new Map<number, string[][]>();
  const regions: InlineDirective[] = [];
  for (const d of directives) {
    if (d.kind === 'disable-line' || d.kind === 'disable-next-line') {
      const line = d.kind === 'disable-line' ? d.line : d.line + 1;
      const list = lineOff.get(line);
      if (list) list.push(d.rules);
      else lineOff.set(line, [d.rules]);
    } else {
      regions.push(d);
    }
  }
  regions.sort((a, b) => a.line - b.line || a.range.start.character - b.range.start.character);

  const disabledAt = (rule: string, line: number): boolean => {
    for (const ids of lineOff.get(line) ?? []) if (ids.length === 0 || ids.includes(rule)) return true;
    // Fold the region comments above (and on) the line: later comments override earlier ones.
    let allOff = false;
    const off = new Set<string>();
    const backOn = new Set<string>();
    for (const d of regions) {
      if (d.line > line) break;
      if (d.kind === 'disable') {
        if (d.rules.length === 0) {
          allOff = true;
          backOn.clear();
        } else {
          for (const id of d.rules) {
            off.add(id);
            backOn.delete(id);
          }
        }
      } else if (d.rules.length === 0) {
        allOff = false;
        off.clear();
        backOn.clear();
      } else {
        for (const id of d.rules) {
          off.delete(id);
          if (allOff) backOn.add(id);
        }
      }
    }
    return off.has(rule) || (allOff && !backOn.has(rule));
  };
  return findings.filter((f) => f.rule === INTERNAL_ERROR.id || !disabledAt(f.rule, f.range.start.line));
}
