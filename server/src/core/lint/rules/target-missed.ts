import { reportTimelineIssues } from '../timelineBridge';
import { ruleDocsUrl, type Rule } from '../rule';

export const targetMissed: Rule = {
  id: 'target-missed',
  description: 'A stated target (process_meta.duration, a stage window, a target in the introduction) is missed by the simulated P90 finish.',
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('target-missed'),
  scope: 'timeline',
  appliesTo: 'sop',
  check(ctx) {
    reportTimelineIssues(ctx, 'target-missed');
  },
};
