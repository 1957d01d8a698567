import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  addCalendarDays,
  addHours,
  addMinutes,
  addMonths,
  addWeeks,
  calendarDaysBetween,
  calendarFromConfig,
  createCalendar,
  fromDayNumber,
  parseIsoDate,
  toDayNumber,
  weekdayOf,
  type BusinessCalendar,
} from '../../../server/src/core/timeline/calendar';

function cal(holidays?: string, extra: { workweek?: number[]; closed?: string[] } = {}): BusinessCalendar {
  const { calendar, problems } = createCalendar({ ...extra, ...(holidays ? { holidays } : {}) });
  assert.deepEqual(problems, []);
  return calendar;
}

const US = cal('US');
const PLAIN = cal();

// Hand-computed: [description, calendar, start, business days to add, expected date].
// 2026-03-02 is a Monday; 2026-07-03 (Fri) is the observed Independence Day, 2026-07-04 a Saturday;
// Thanksgiving is Thu 2026-11-26; Christmas Fri 2026-12-25; New Year Fri 2027-01-01.
const BUSINESS_DAY_CASES: [string, BusinessCalendar, string, number, string][] = [
  ['Monday + 1', PLAIN, '2026-03-02', 1, '2026-03-03'],
  ['Monday + 5 is next Monday', PLAIN, '2026-03-02', 5, '2026-03-09'],
  ['Friday + 1 skips the weekend', PLAIN, '2026-03-06', 1, '2026-03-09'],
  ['Saturday + 1 is Monday', PLAIN, '2026-03-07', 1, '2026-03-09'],
  ['Sunday + 0 stays Sunday', PLAIN, '2026-03-08', 0, '2026-03-08'],
  ['Monday + 10 spans two weekends', PLAIN, '2026-03-02', 10, '2026-03-16'],
  ['Monday - 1 is the Friday before', PLAIN, '2026-03-09', -1, '2026-03-06'],
  ['without holidays 2026-07-03 is a working Friday', PLAIN, '2026-07-02', 1, '2026-07-03'],
  ['US: observed Independence Day and weekend skipped', US, '2026-07-02', 1, '2026-07-06'],
  ['US: 3 business days across July 4th', US, '2026-07-01', 3, '2026-07-07'],
  ['US: Thanksgiving skipped', US, '2026-11-25', 1, '2026-11-27'],
  ['US: Thanksgiving and weekend skipped', US, '2026-11-25', 2, '2026-11-30'],
  ['US: Christmas Friday skipped', US, '2026-12-24', 1, '2026-12-28'],
  ['US: New Year across the year end', US, '2026-12-31', 1, '2027-01-04'],
  ['US: Labor Day (Mon 2026-09-07) skipped', US, '2026-09-04', 1, '2026-09-08'],
  ['US: fractional days round up', US, '2026-03-02', 0.5, '2026-03-03'],
  ['US: backwards over July 4th', US, '2026-07-06', -1, '2026-07-02'],
  ['DE-BY: Corpus Christi (Thu 2026-06-04) skipped', cal('DE-BY'), '2026-06-03', 1, '2026-06-05'],
  ['DE without a state: Corpus Christi is a working day', cal('DE'), '2026-06-03', 1, '2026-06-04'],
  ['GB: Christmas, weekend and Boxing Day substitute (Mon 28th) skipped', cal('GB'), '2026-12-24', 1, '2026-12-29'],
  ['Sunday–Thursday workweek: Thursday + 1 is Sunday', cal(undefined, { workweek: [0, 1, 2, 3, 4] }), '2026-03-05', 1, '2026-03-08'],
  ['extra closed date skipped', cal(undefined, { closed: ['2026-03-03'] }), '2026-03-02', 1, '2026-03-04'],
  ['US plus closed days between Christmas and New Year', cal('US', { closed: ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31'] }), '2026-12-24', 1, '2027-01-04'],
];

for (const [name, c, start, n, expected] of BUSINESS_DAY_CASES) {
  test(`business days: ${name}`, () => {
    assert.equal(c.addBusinessDays(start, n), expected);
  });
}

test('business-day predicates and rolling', () => {
  assert.equal(US.isBusinessDay('2026-07-03'), false);
  assert.equal(US.closure('2026-07-03'), 'Independence Day (substitute day)');
  assert.equal(US.isBusinessDay('2026-11-26'), false);
  assert.equal(US.isBusinessDay('2026-11-27'), true);
  assert.equal(US.isBusinessDay('2026-03-07'), false); // Saturday
  assert.equal(PLAIN.isBusinessDay('2026-07-03'), true);
  assert.equal(US.rollForward('2026-07-03'), '2026-07-06');
  assert.equal(US.rollBackward('2026-07-05'), '2026-07-02');
  assert.equal(US.rollForward('2026-07-02'), '2026-07-02');
  const closed = cal(undefined, { closed: ['2026-03-03'] });
  assert.equal(closed.closure('2026-03-03'), 'closed');
});

test('business days between two dates (from exclusive, to inclusive)', () => {
  assert.equal(US.businessDaysBetween('2026-07-01', '2026-07-08'), 4);
  assert.equal(PLAIN.businessDaysBetween('2026-07-01', '2026-07-08'), 5);
  assert.equal(PLAIN.businessDaysBetween('2026-03-09', '2026-03-02'), -5);
  assert.equal(PLAIN.businessDaysBetween('2026-03-02', '2026-03-02'), 0);
  // inverse of addBusinessDays from a business day
  for (const n of [1, 3, 7, 12, 40]) assert.equal(US.businessDaysBetween('2026-06-29', US.addBusinessDays('2026-06-29', n)), n);
});

test('business weeks are five business days', () => {
  assert.equal(US.addBusinessWeeks('2026-06-29', 1), '2026-07-07');
});

test('calendar days, weeks and months', () => {
  assert.equal(addCalendarDays('2026-02-27', 2), '2026-03-01');
  assert.equal(addCalendarDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addCalendarDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addCalendarDays('2026-03-01', -1), '2026-02-28');
  assert.equal(addWeeks('2026-03-02', 2), '2026-03-16');
  assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonths('2028-01-31', 1), '2028-02-29');
  assert.equal(addMonths('2026-03-31', -1), '2026-02-28');
  assert.equal(addMonths('2026-12-15', 1), '2027-01-15');
  assert.equal(addMonths('2026-03-02', 12), '2027-03-02');
  assert.equal(addMonths('2026-01-15', -13), '2024-12-15');
  assert.equal(calendarDaysBetween('2026-03-02', '2026-04-01'), 30);
});

test('hours across midnight, month end and year end are calendar time', () => {
  assert.equal(addHours('2026-03-02T22:00', 5), '2026-03-03T03:00');
  assert.equal(addHours('2026-02-28T20:00', 24), '2026-03-01T20:00');
  assert.equal(addHours('2026-12-31T23:30', 1), '2027-01-01T00:30');
  assert.equal(addHours('2026-03-07T12:00', 48), '2026-03-09T12:00'); // weekends count for calendar hours
  assert.equal(addHours('2026-03-02', 72), '2026-03-05T00:00');
  assert.equal(addMinutes('2026-03-02T23:45', 30), '2026-03-03T00:15');
  // 2026-03-08 is the US daylight-saving change; UTC arithmetic keeps wall-clock hours whole.
  assert.equal(addHours('2026-03-07T23:00', 4), '2026-03-08T03:00');
});

test('business hours skip nights, weekends and holidays', () => {
  assert.equal(US.addBusinessHours('2026-07-02T16:00', 2), '2026-07-06T10:00');
  assert.equal(PLAIN.addBusinessHours('2026-03-06T16:30', 1), '2026-03-09T09:30');
  assert.equal(PLAIN.addBusinessHours('2026-03-02T07:00', 1), '2026-03-02T10:00');
  assert.equal(PLAIN.addBusinessHours('2026-03-02T09:00', 8), '2026-03-02T17:00');
  assert.equal(PLAIN.addBusinessHours('2026-03-02T09:00', 9), '2026-03-03T10:00');
  assert.equal(PLAIN.addBusinessHours('2026-03-02T18:00', 1), '2026-03-03T10:00');
});

test('ranges: a 1-2 business day step from Thursday 2026-07-02 (US) ends Monday or Tuesday', () => {
  assert.deepEqual([US.addBusinessDays('2026-07-02', 1), US.addBusinessDays('2026-07-02', 2)], ['2026-07-06', '2026-07-07']);
  assert.deepEqual([PLAIN.addBusinessDays('2026-07-02', 1), PLAIN.addBusinessDays('2026-07-02', 2)], ['2026-07-03', '2026-07-06']);
});

test('ISO helpers validate and round-trip without time-zone effects', () => {
  assert.equal(parseIsoDate('2026-02-29'), undefined);
  assert.equal(parseIsoDate('2028-02-29'), '2028-02-29');
  assert.equal(parseIsoDate('2026-13-01'), undefined);
  assert.equal(parseIsoDate('26-03-01'), undefined);
  assert.equal(parseIsoDate('2026-03-1x'), undefined);
  assert.equal(weekdayOf('2026-03-02'), 1);
  assert.equal(weekdayOf('1970-01-01'), 4);
  assert.equal(weekdayOf('1969-12-31'), 3);
  assert.equal(fromDayNumber(toDayNumber('2026-07-03')), '2026-07-03');
  assert.equal(toDayNumber('1970-01-02'), 1);
});

test('results do not depend on the process time zone', () => {
  const saved = process.env.TZ;
  try {
    for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'UTC']) {
      process.env.TZ = tz;
      const c = cal('US');
      assert.equal(c.addBusinessDays('2026-07-02', 1), '2026-07-06', tz);
      assert.equal(c.isBusinessDay('2026-11-26'), false, tz);
      assert.equal(addMonths('2026-01-31', 1), '2026-02-28', tz);
      assert.equal(weekdayOf('2026-03-08'), 0, tz);
    }
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test('bad calendar options give problems, never a throw', () => {
  const unknown = createCalendar({ holidays: 'XX' });
  assert.deepEqual(unknown.problems.map((p) => p.option), ['holidays']);
  assert.match(unknown.problems[0]!.message, /unknown holiday country 'XX'/);
  assert.equal(unknown.calendar.isBusinessDay('2026-07-03'), true);
  const badState = createCalendar({ holidays: 'DE-ZZ' });
  assert.match(badState.problems[0]!.message, /unknown state 'ZZ' for DE/);
  const empty = createCalendar({ workweek: [] });
  assert.equal(empty.problems[0]!.option, 'workweek');
  assert.equal(empty.calendar.addBusinessDays('2026-03-06', 1), '2026-03-09');
  const badDay = createCalendar({ workweek: [1, 9] });
  assert.match(badDay.problems[0]!.message, /got 9/);
  const closed = createCalendar({ closed: ['2026-02-30', '2026-03-03'] });
  assert.equal(closed.problems.length, 1);
  assert.equal(closed.calendar.isBusinessDay('2026-03-03'), false);
});

test('holiday codes accept several spellings', () => {
  for (const code of ['de-by', 'DE_BY', 'de.by', ' DE-BY ']) {
    const { calendar, problems } = createCalendar({ holidays: code });
    assert.deepEqual(problems, [], code);
    assert.equal(calendar.holidayCode, 'DE-BY');
    assert.equal(calendar.isBusinessDay('2026-06-04'), false, code);
  }
});

test('calendarFromConfig merges the config with a --holidays override', () => {
  const { calendar } = calendarFromConfig({ workweek: [1, 2, 3, 4, 5], closed: ['2026-03-03'], holidays: 'GB' }, 'US');
  assert.equal(calendar.holidayCode, 'US');
  assert.equal(calendar.describe(), 'Mon–Fri, holidays US, 1 closed date');
  assert.equal(calendar.isBusinessDay('2026-03-03'), false);
});

test('closures between two dates name the holidays on working days', () => {
  assert.deepEqual(US.closuresBetween('2026-11-20', '2026-12-31'), [
    { date: '2026-11-26', name: 'Thanksgiving Day' },
    { date: '2026-12-25', name: 'Christmas Day' },
  ]);
});

test('date-holidays works inside an esbuild node/cjs bundle like dist/cli.js', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopls-cal-'));
  try {
    const entry = path.join(dir, 'entry.ts');
    const calendarPath = path.resolve('server/src/core/timeline/calendar.ts').replace(/\\/g, '/');
    fs.writeFileSync(
      entry,
      `import { createCalendar } from '${calendarPath}';\n` +
        `const { calendar } = createCalendar({ holidays: 'US' });\n` +
        `console.log(calendar.addBusinessDays('2026-07-02', 1), calendar.closure('2026-11-26'));\n`,
    );
    const out = path.join(dir, 'out.js');
    // The same options esbuild.mjs uses for dist/cli.js.
    execFileSync(process.execPath, [
      '-e',
      `require('esbuild').buildSync({ entryPoints: [${JSON.stringify(entry)}], outfile: ${JSON.stringify(out)}, bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'error', nodePaths: [${JSON.stringify(path.resolve('node_modules'))}] })`,
    ], { cwd: process.cwd() });
    const printed = execFileSync(process.execPath, [out], { encoding: 'utf8' }).trim();
    assert.equal(printed, '2026-07-06 Thanksgiving Day');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
