import { reportTimelineIssues } from '../timelineBridge';
import { ruleDocsUrl, type Rule } from '../rule';

export const unresolvedReference: Rule = {
  id: 'unresolved-reference',
  description: 'A timing phrase or Depends on line names a step, event or milestone that nothing in the document matches.',
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('unresolved-reference'),
  scope: 'timeline',
  appliesTo: 'sop',
  check(ctx) {
    reportTimelineIssues(ctx, 'unresolved-reference');
  },
};
