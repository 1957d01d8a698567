/**
 * `sopls lint` without the command line, in this thread: the plan of lintPlan.ts (one parse per linted file,
 * the workspace rules once the index is complete, the cache) run job by job. `lintFilesParallel` runs the same
 * plan over worker threads.
 */
import { LintPlan, runJob, type LintFilesOptions, type LintRun } from './lintPlan';

export type { FileResult, LintFilesOptions, LintRun } from './lintPlan';

export function lintFiles(options: LintFilesOptions): LintRun {
  const { config, today } = options;
  const plan = new LintPlan(options);
  for (const job of plan.stageOne()) plan.accept(runJob(job, config, today));
  for (const job of plan.stageTwo()) plan.acceptLate(runJob(job, config, today));
  return plan.finish();
}
