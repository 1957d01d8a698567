import { reportTimelineIssues } from '../timelineBridge';
import { ruleDocsUrl, type Rule } from '../rule';

export const dependencyCycle: Rule = {
  id: 'dependency-cycle',
  description: 'Steps whose timing or Depends on lines refer to each other in a loop.',
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('dependency-cycle'),
  scope: 'timeline',
  appliesTo: 'sop',
  check(ctx) {
    reportTimelineIssues(ctx, 'dependency-cycle');
  },
};
