import { allSteps } from '../../model';
import { ruleDocsUrl, type Rule } from '../rule';
import { stepLabel } from './missing-owner';

export const agendaOverrun: Rule = {
  id: 'agenda-overrun',
  description: "Agenda item minutes add up to more than the meeting's stated duration.",
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('agenda-overrun'),
  scope: 'document',
  appliesTo: 'sop',
  check(ctx) {
    for (const step of allSteps(ctx.doc)) {
      if (step.meetingMinutes === undefined) continue;
      const timed = step.agenda.filter((a) => a.minutes !== undefined);
      if (timed.length === 0) continue;
      const total = timed.reduce((sum, a) => sum + a.minutes!, 0);
      if (total <= step.meetingMinutes) continue;
      const duration = step.fields.find((f) => f.label === 'duration');
      const agendaField = step.fields.find((f) => f.label === 'agenda');
      const range = duration?.valueRange ?? agendaField?.range ?? step.titleRange;
      ctx.report({
        message: `${stepLabel(step.kind, step.number, step.title)}: agenda items add up to ${total} minutes, ${total - step.meetingMinutes} more than the ${step.meetingMinutes}-minute meeting.`,
        range,
        related: timed.map((a) => ({ uri: ctx.doc.uri, range: a.minutesRange ?? a.range, message: `${a.minutes} minutes` })),
        data: { total, meetingMinutes: step.meetingMinutes },
      });
    }
  },
};
