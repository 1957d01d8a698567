/**
 * Every worked example in docs/timeline.md (`<!-- example: name -->`, a Markdown SOP, then a `text` block of
 * expected rows) is scheduled from Monday 2026-03-02 with no holidays and checked row by row, so the documented
 * conventions cannot drift from what the scheduler does.
 *
 * Row forms: `Title | START..FINISH` (earliest), then optional `latest DATE`, `due DATE`, `slack N`, `at risk`,
 * `critical`; `recurring: Title every N unit`; and `finding RULE: text` (a finding of that rule whose message
 * starts with the text).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSop } from '../../../server/src/core/parse';
import { buildTimeline, type Timeline } from '../../../server/src/core/timeline/schedule';
import { readRepoFile } from '../../helpers';

interface Example {
  name: string;
  sop: string;
  expected: string[];
}

function examples(): Example[] {
  const text = readRepoFile('docs/timeline.md');
  const out: Example[] = [];
  const re = /<!-- example: ([\w-]+) -->\n```markdown\n([\s\S]*?)```[\s\S]*?```text\n([\s\S]*?)```/g;
  for (const m of text.matchAll(re)) out.push({ name: m[1]!, sop: m[2]!, expected: m[3]!.trim().split('\n') });
  return out;
}

function check(t: Timeline, row: string): void {
  const finding = /^finding ([\w-]+): (.+)$/.exec(row);
  if (finding) {
    assert.ok(t.issues.some((i) => i.rule === finding[1] && i.message.startsWith(finding[2]!)), `${row} in ${JSON.stringify(t.issues.map((i) => i.message))}`);
    return;
  }
  const recurring = /^recurring: (.+) every (.+)$/.exec(row);
  if (recurring) {
    assert.ok(t.cadences.some((c) => c.title === recurring[1] && c.every === recurring[2]), `${row} in ${JSON.stringify(t.cadences)}`);
    return;
  }
  const [title, span, ...rest] = row.split(' | ');
  const s = t.steps.find((x) => x.title === title || x.title.endsWith(`: ${title}`));
  assert.ok(s?.earliest && s.latest, `${title} is scheduled`);
  assert.equal(`${s.earliest.start}..${s.earliest.finish}`, span, `${title} earliest`);
  for (const part of rest) {
    const [key, value] = [part.split(' ')[0]!, part.split(' ').slice(1).join(' ')];
    if (key === 'latest') assert.equal(s.latest.finish, value, `${title} latest finish`);
    else if (key === 'due') assert.equal(s.due, value, `${title} due`);
    else if (key === 'slack') assert.equal(s.slack, Number(value), `${title} slack`);
    else if (part === 'at risk') assert.equal(s.atRisk, true, `${title} at risk`);
    else if (part === 'critical') assert.equal(s.critical, true, `${title} critical`);
    else assert.fail(`unknown expectation "${part}"`);
  }
}

const found = examples();

test('docs/timeline.md has worked examples', () => {
  assert.deepEqual(found.map((e) => e.name), ['deadlines', 'relative', 'weekday', 'escalation', 'cadence', 'target']);
});

for (const example of found) {
  test(`docs/timeline.md example "${example.name}" schedules as documented`, () => {
    const t = buildTimeline(parseSop(example.sop, `file:///docs/${example.name}.md`), { start: '2026-03-02', runs: 200, seed: 1 });
    for (const row of example.expected) check(t, row);
  });
}
