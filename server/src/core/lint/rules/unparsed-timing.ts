import { reportTimelineIssues } from '../timelineBridge';
import { ruleDocsUrl, type Rule } from '../rule';

export const unparsedTiming: Rule = {
  id: 'unparsed-timing',
  description: 'A timing phrase sopls does not understand, so it is left out of the schedule.',
  defaultSeverity: 'info',
  docs: ruleDocsUrl('unparsed-timing'),
  scope: 'timeline',
  appliesTo: 'sop',
  check(ctx) {
    reportTimelineIssues(ctx, 'unparsed-timing');
  },
};
