/**
 * The lint engine: runs the registry over one parsed document. Pure and total: text never reaches it (the
 * model does), and no rule can make it throw.
 */
import type { ResolvedConfig } from '../config';
import type { Finding, Severity } from '../findings';
import { comparePositions, type InlineDirective, type SopDocument } from '../model';
import type { Workspace } from '../workspace';
import { INTERNAL_ERROR, RULES } from './registry';
import type { Rule, RuleContext, RuleMeta, RuleReport } from './rule';
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
  /**
   * Run only the rules of these scopes (all when absent). `sopls lint` runs the document and timeline rules
   * while it parses each file, before the workspace index is complete, and the workspace rules afterwards.
   */
  scopes?: readonly RuleMeta['scope'][];
  /**
   * Return the findings as the rules reported them, before inline directives and sorting: for a caller that
   * merges the findings of several calls on one document with `finishFindings`.
   */
  unfinished?: boolean;
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
    if (input.scopes && !input.scopes.includes(rule.scope)) continue;
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
  return input.unfinished ? findings : finishFindings(findings, doc.directives);
}

/**
 * Inline directives applied, then sorted: the last step of `lintDocument`. The result does not depend on the
 * order of `findings` beyond findings of one rule (the sort breaks ties by rule id), so the unfinished findings
 * of several `lintDocument` calls on one document, concatenated, finish to exactly what one call gives.
 */
export function finishFindings(findings: Finding[], directives: readonly InlineDirective[]): Finding[] {
  return sortFindings(applyDirectives(findings, directives));
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
  const lineOff = lineDirectives(directives);
  const regions = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable');
  regions.sort((a, b) => a.line - b.line || a.range.start.character - b.range.start.character);

  // One sweep: findings in line order, region comments folded in as the line passes them, so the cost is
  // findings × log(findings) + comments, not findings × comments.
  const order = findings.map((_, i) => i).sort((a, b) => findings[a]!.range.start.line - findings[b]!.range.start.line);
  const state = new RegionState();
  const keep = new Uint8Array(findings.length);
  let next = 0;
  for (const i of order) {
    const f = findings[i]!;
    const line = f.range.start.line;
    while (next < regions.length && regions[next]!.line <= line) state.apply(regions[next++]!);
    const onLine = lineOff.get(line);
    const off = onLine && (onLine.all || onLine.rules.has(f.rule));
    keep[i] = f.rule === INTERNAL_ERROR.id || !(off || state.disabled(f.rule)) ? 1 : 0;
  }
  return findings.filter((_, i) => keep[i] === 1);
}

/** `disable-line` / `disable-next-line` comments by the line they silence: all rules, or a set of ids. */
function lineDirectives(directives: readonly InlineDirective[]): Map<number, { all: boolean; rules: Set<string> }> {
  const byLine = new Map<number, { all: boolean; rules: Set<string> }>();
  for (const d of directives) {
    if (d.kind !== 'disable-line' && d.kind !== 'disable-next-line') continue;
    const line = d.kind === 'disable-line' ? d.line : d.line + 1;
    let entry = byLine.get(line);
    if (!entry) byLine.set(line, (entry = { all: false, rules: new Set() }));
    if (d.rules.length === 0) entry.all = true;
    for (const id of d.rules) entry.rules.add(id);
  }
  return byLine;
}

/** The rules switched off by the `disable` / `enable` comments read so far (later comments override earlier ones). */
class RegionState {
  private allOff = false;
  private readonly off = new Set<string>();
  private readonly backOn = new Set<string>();

  apply(d: InlineDirective): void {
    if (d.kind === 'disable') {
      if (d.rules.length === 0) {
        this.allOff = true;
        this.backOn.clear();
      } else {
        for (const id of d.rules) {
          this.off.add(id);
          this.backOn.delete(id);
        }
      }
    } else if (d.rules.length === 0) {
      this.allOff = false;
      this.off.clear();
      this.backOn.clear();
    } else {
      for (const id of d.rules) {
        this.off.delete(id);
        if (this.allOff) this.backOn.add(id);
      }
    }
  }

  disabled(rule: string): boolean {
    return this.off.has(rule) || (this.allOff && !this.backOn.has(rule));
  }
}
