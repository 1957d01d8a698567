import { reportTimelineIssues } from '../timelineBridge';
import { ruleDocsUrl, type Rule } from '../rule';

export const durationMismatch: Rule = {
  id: 'duration-mismatch',
  description: "A declared duration (process_meta.duration, a stage's (Days 0-30)) does not contain what the steps add up to.",
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('duration-mismatch'),
  scope: 'timeline',
  appliesTo: 'sop',
  check(ctx) {
    reportTimelineIssues(ctx, 'duration-mismatch');
  },
};
