import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseTiming } from '../../../server/src/core/timeline/phrases';
import { ROOT } from '../../helpers';
import { summarize } from './summary';

/**
 * One table of cases per grammar module (server/src/core/timeline/grammar/*.ts): the phrases that module reads,
 * written in the shapes real SOPs use (docs/timeline.md lists them). phrases.test.ts keeps the cases per shape
 * of shared/timing-phrases.md; this file is the map from a module to what it understands.
 */
const TABLES: Record<string, [string, string][]> = {
  amounts: [
    ["1-2 business days", "duration 1-2 business-days(business)"],
    ["4 to 8 months", "duration 4-8 months"],
    ["within ~3 weeks", "deadline ~3 weeks"],
    ["10 calendar days", "duration 10 days(calendar)"],
    ["up to eight person-hours", "deadline <=8 hours"],
    ["16 h", "duration 16 hours"],
    ["two sprints", "duration ~2-8 weeks"],
    ["one pay cycle", "duration ~1-4 weeks"],
    ["30 s", "duration 0.5 minutes"],
    ["every 30s", "cadence every 0.5 minutes"],
    ["for 10'", "duration 10 minutes"],
    ["in the first quarter", "deadline 3 months first"],
  ],
  anchors: [
    ["within 3 days of the \"Release Halfway Point\"", "deadline 3 days of \"the \"Release Halfway Point\"\""],
    ["Once the audit is complete", "relation after of \"the audit\""],
    ["after .1", "relation after of \".1\""],
  ],
  deadlines: [
    ["no later than 72 hours", "deadline <=72 hours"],
    ["within 24h", "deadline 24 hours"],
    ["within the release day", "relation during of \"the release day\""],
    ["within that timeframe", "relation during of \"that timeframe\""],
    ["within the kickoff", "unparsed: expected a duration after 'within'"],
  ],
  numeric: [
    ["2 hours before the review call", "offset before 2 hours axis=anchor of \"the review call\""],
    ["three working days before the release", "offset before 3 business-days(working) axis=anchor of \"the release\""],
    ["at least 2 months before the launch", "offset before >=2 months axis=anchor of \"the launch\""],
    ["90-day review", "milestone 90 days \"review\""],
    ["(30 min)", "duration 30 minutes"],
  ],
  cadences: [
    ["every 15 minutes", "cadence every 15 minutes"],
    ["quarterly", "cadence every 3 months"],
    ['every extraction day', 'ongoing periodic each "extraction day"'],
    ['each sprint', 'ongoing periodic each "sprint"'],
    ['every release day', 'ongoing periodic each "release day"'],
    ["each reviewer", "unparsed: no timing phrase recognised"],
    ["once a week", "cadence every 1 weeks times=1-1"],
    ["on Mondays", "cadence every 1 weeks"],
    ["once in a while", "ongoing periodic"],
    ["every other week", "cadence every 2 weeks"],
    ["every other Friday", "cadence every 2 weeks"],
    ["8-12 reviews per year", "cadence every 12 months times=8-12"],
    ["two releases per quarter", "cadence every 3 months times=2-2"],
    ["per week", "cadence every 1 weeks"],
  ],
  relations: [
    ["ASAP", "relation immediately immediate"],
    ["promptly", "relation immediately immediate"],
    ["right away", "relation immediately immediate"],
    ["at once", "relation immediately immediate"],
    ["after 3 weeks since the request", "offset after 3 weeks axis=anchor of \"the request\""],
    ["after 10 days", "offset after 10 days axis=elapsed"],
    ["shortly after the kickoff", "relation after immediate of \"the kickoff\""],
    ["up to release day", "relation until of \"release day\""],
    ["as soon as feasible", "relation immediately immediate"],
    ["for the duration of the release", "relation during of \"the release\""],
  ],
  stepRefs: [
    ["After step 3 or 6", "step-anchor any 3,6"],
    ["move to step 4", "step-anchor goto 4"],
  ],
  axes: [
    ["Weeks 3-5", "window weeks 3..5"],
    ["Days -10 to -1", "window days -10..-1"],
    ["Day One", "offset after 1 days axis=day"],
    ["Weeks two to four", "window weeks 2..4"],
    ["T-2 weeks", "offset before 2 weeks axis=t"],
    ["T-minus 3 days", "offset before 3 days axis=t"],
    ["Q3", "window months 7..9"],
  ],
  calendar: [
    ["by Friday", "calendar weekday=5"],
    ["Monday", "calendar weekday=1"],
    ["for the next quarter", "period next 3 months"],
    ["the next release team meeting", "relation upon of \"next release team meeting\""],
    ["the week before the release", "period before 1 weeks of \"the release\""],
    ["the evening before", "period before 1 days"],
    ["the day prior", "period before 1 days"],
    ["in the first half of the quarter", "period first ~6 weeks"],
    ["the second half of the year", "period last 6 months"],
    ["first half of the month", "period first 2 weeks"],
  ],
  dates: [
    ["EOD", "clock end-of-day"],
    ["9.30am", "clock 09:30"],
    ["9:00 AM", "clock 09:00"],
    ["Jan 11, 2021", "date 2021-01-11"],
    ["March 3", "date month=3 day=3"],
    ["3 March", "date month=3 day=3"],
    ["3rd of March", "date month=3 day=3"],
    ["Sept 30th", "date month=9 day=30"],
    ["3 March 2026", "date 2026-03-03"],
    ["30 February", "unparsed: no timing phrase recognised"],
    ["in early March", "date month=3 early"],
    ["mid-March", "date month=3 mid"],
    ["late Sept", "date month=9 late"],
  ],
  events: [
    ["Release day", "relation on of \"Release day\""],
    ["on the go-live day", "relation on of \"the go-live day\""],
    ["in advance", "relation before"],
    ["in advance of the launch", "relation before of \"the launch\""],
    ["ahead of time", "relation before"],
    ["Week of Docs Freeze", "period of 1 weeks of \"Docs Freeze\""],
    ["as soon as reasonably practicable", "relation immediately immediate"],
    ["same business day", "relation same-day immediate"],
    ["in a timely manner", "relation immediately immediate"],
    ["as early as possible", "relation immediately immediate"],
    ["overnight", "duration ~8-16 hours"],
    ["Immediate", "relation immediately immediate"],
  ],
  // Rungs, `by` and week numbers are checked field by field in phrases-plans.test.ts.
  weekday: [
    ["by Wednesday", "calendar weekday=3"],
    ["Friday the week before the launch", "calendar weekday=5 before the week of \"the launch\""],
    ["Tuesday of release week", "calendar weekday=2 the week of \"release\""],
    ["Thursday of week 3", "calendar weekday=4"],
  ],
  escalation: [
    ["No reply after 3 weeks since the request; after 5 weeks escalate", "offset after 3 weeks axis=anchor of \"the request\""],
    ["after 2 weeks without a reply", "offset after 2 weeks axis=elapsed"],
  ],
  vague: [
    ["eventually", "relation after"],
    ["retroactively", "relation after"],
    ["T0", "offset after 0 minutes axis=t"],
    ["time 0", "offset after 0 minutes axis=t"],
    ["in the meantime", "relation during"],
    ["at the same time as the announcement", "relation during of \"the announcement\""],
    ["yesterday", "offset before 1 days axis=anchor"],
    ["today", "relation same-day"],
    ["soon after the call", "relation after immediate of \"the call\""],
    ["this week", "period of 1 weeks"],
    ["the coming quarter", "period next 3 months"],
    ["mid-week", "calendar weekday=3"],
    ["mid-month", "calendar day=15"],
    ["mid-sprint", "relation during of \"sprint\""],
    ["later in the sprint", "relation during of \"the sprint\""],
    ["start of each month", "relation at of \"each month\""],
    ["the end of the sprint", "relation by-end-of of \"the sprint\""],
    ["month-end", "period end-of 1 months"],
    ["end-of-quarter", "period end-of 3 months"],
    ["between releases", "relation during of \"releases\""],
    ["as of the cut-over", "relation after of \"the cut-over\""],
    ["As of March 3rd 2026", "date 2026-03-03"],
    ["As tickets come in", "relation upon of \"tickets come in\""],
    ["as quickly and as safely as possible", "relation immediately immediate"],
    ["With Code Freeze", "relation at of \"Code Freeze\""],
    ["Code Freeze", "relation on of \"Code Freeze\""],
    ["pre-release", "relation before of \"release\""],
    ["while the build runs", "relation during of \"the build runs\""],
    ["for the full retention period", "relation during of \"the full retention period\""],
    ["from time to time", "ongoing periodic"],
    ["regular updates", "ongoing periodic"],
    ["frequently", "ongoing periodic"],
    ["in due course", "ongoing tbd"],
    ["in time for the audit", "relation by of \"the audit\""],
    ["urgently", "relation immediately immediate"],
    ["first thing in the morning", "relation immediately immediate"],
    ["every morning", "cadence every 1 days"],
    ["in the evening", "relation during of \"the evening\""],
    ["weekdays", "cadence every 1 business-days"],
    ["weekends", "calendar weekday=6"],
    ["week-long", "duration 1 weeks"],
    ["all day", "duration 1 days"],
    ["around the clock", "ongoing continuous"],
    ["24/7", "ongoing continuous"],
    ["t = 0", "offset after 0 minutes axis=t"],
    ["t=30 min", "offset after 30 minutes axis=t"],
    ["O/N", "duration ~8-16 hours"],
    ["launch week", "relation during of \"launch week\""],
  ],
  ordinals: [
    ["second week", "window weeks 2..2"],
    ["3rd business day", "window days 3..3"],
    ["third quarter", "window months 7..9"],
    ["first, second and third month", "milestone 1/2/3 months"],
    ["the 15th of each month", "calendar day=15"],
  ],
  parser: [
    ["Timeline: 90 Days", "duration 90 days"],
    ["(Sales Team) - 30 minutes", "duration 30 minutes"],
    ["Send the report within 3 working days of the review.", "deadline 3 business-days(working) of \"the review\""],
    ["if and when necessary", "ongoing as-needed"],
    ["Ad-hoc", "ongoing as-needed"],
    ["for just a few minutes", "duration ~2-4 minutes"],
  ],
};

for (const [module, cases] of Object.entries(TABLES)) {
  for (const [phrase, expected] of cases) {
    test(`grammar/${module}: ${phrase}`, () => {
      assert.equal(summarize(parseTiming(phrase, { start: { line: 0, character: 0 }, end: { line: 0, character: phrase.length } })), expected);
    });
  }
}

test('every grammar module that reads phrases has its table of cases', () => {
  const dir = path.join(ROOT, 'server/src/core/timeline/grammar');
  const support = new Set(['cursor', 'vocabulary']);
  const modules = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).filter((m) => !support.has(m));
  for (const m of modules) assert.ok(TABLES[m]?.length, `grammar/${m}.ts has no table in this file`);
  for (const m of Object.keys(TABLES)) assert.ok(modules.includes(m), `table for a module that does not exist: ${m}`);
});
