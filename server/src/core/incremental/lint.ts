/**
 * The lint of one open document, edit after edit, reusing the work an edit did not touch.
 *
 * The timing rules (scope `timeline`) cost most of a lint: they build the document's schedule. They run under
 * a TrackedMemo (tracked.ts): when an edit leaves every part of the model they read unchanged (a typo fixed in
 * a step's prose, a line added to a section without timings), their findings are reused without building the
 * schedule again. The other rules are cheap and always run. The findings are merged and finished exactly as
 * one `lintDocument` call would (engine.ts `finishFindings`), so the result equals a full lint.
 */
import type { Finding } from '../findings';
import { finishFindings, lintDocument, type LintInput } from '../lint/engine';
import type { RuleMeta } from '../lint/rule';
import type { SopDocument } from '../model';
import { TrackedMemo } from './tracked';

const TIMING: readonly RuleMeta['scope'][] = ['timeline'];
const OTHERS: readonly RuleMeta['scope'][] = ['document', 'workspace'];

export interface IncrementalLintInput extends Omit<LintInput, 'scopes' | 'unfinished' | 'memo'> {
  /**
   * Everything besides the model that the timing rules' findings depend on, as a string (config revision,
   * today, the schedule's start): a different key recomputes them.
   */
  key: string;
  /** Wraps the timing rules' run (the language server records their workspace reads there). */
  aroundTiming?: <T>(run: () => T) => T;
}

export interface IncrementalLintResult {
  findings: Finding[];
  /** The timing rules' findings came from the memo: the schedule was not built. */
  timingReused: boolean;
}

export class IncrementalLint {
  private readonly timing = new TrackedMemo<Finding[]>();

  get counts(): { computed: number; reused: number } {
    return { computed: this.timing.computed, reused: this.timing.reused };
  }

  run(input: IncrementalLintInput): IncrementalLintResult {
    const { key, aroundTiming, ...lint } = input;
    const others = lintDocument({ ...lint, scopes: OTHERS, unfinished: true });
    const around = aroundTiming ?? (<T>(run: () => T): T => run());
    const timing = around(() => this.timing.run(lint.doc, key, (doc: SopDocument) => lintDocument({ ...lint, doc, scopes: TIMING, unfinished: true })));
    return { findings: finishFindings([...others, ...timing.result], input.doc.directives), timingReused: timing.reused };
  }

  /** What the timing rules read outside the model changed (another document, the configuration). */
  forget(): void {
    this.timing.forget();
  }
}
