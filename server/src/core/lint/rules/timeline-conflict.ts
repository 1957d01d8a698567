import { reportTimelineIssues } from '../timelineBridge';
import { ruleDocsUrl, type Rule } from '../rule';

export const timelineConflict: Rule = {
  id: 'timeline-conflict',
  description: 'A step is due before a step it depends on can finish, or before a step that must come first is due.',
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('timeline-conflict'),
  scope: 'timeline',
  appliesTo: 'sop',
  check(ctx) {
    reportTimelineIssues(ctx, 'timeline-conflict');
  },
};
