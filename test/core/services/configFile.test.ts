import assert from 'node:assert/strict';
import { test } from 'node:test';
import { locateConfigErrors, parseConfigText, splitConfigPath } from '../../../server/src/core/services/configFile';

const r = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

test('splitConfigPath reads the paths configLoad reports', () => {
  assert.deepEqual(splitConfigPath('rules.missing-ownr'), ['rules', 'missing-ownr']);
  assert.deepEqual(splitConfigPath('roles[1].name'), ['roles', 1, 'name']);
  assert.deepEqual(splitConfigPath(''), []);
});

test('parseConfigText: the value, or the syntax error at its position', () => {
  assert.deepEqual(parseConfigText('{ "rules": {} }'), { value: { rules: {} } });
  assert.deepEqual(parseConfigText('{\n  "rules": { "a": "off" },\n  "roles": [1 2]\n}'), { problem: { message: "invalid JSON: unexpected \"2\", expected ',' or ']'", range: r(2, 14, 2, 15) } });
  assert.deepEqual(parseConfigText('{ rules: 1 }'), { problem: { message: 'invalid JSON: unexpected "r", expected a property name in double quotes', range: r(0, 2, 0, 3) } });
  assert.deepEqual(parseConfigText(''), { problem: { message: 'invalid JSON: unexpected end of file, expected a value', range: r(0, 0, 0, 0) } });
});

test('locateConfigErrors: unknown keys on the key, bad values on the value, array items by index, the top level at `{`', () => {
  const text = '{\n  "rules": { "missing-ownr": "off" },\n  "roles": [{ "name": "A" }, { "nam": "B" }],\n  "timeline": { "runs": -1 }\n}\n';
  const located = locateConfigErrors(text, [
    { source: '.sopls.json', path: 'rules.missing-ownr', message: 'unknown rule "missing-ownr"' },
    { source: '.sopls.json', path: 'roles[1]', message: 'roles[1] is missing "name"' },
    { source: '.sopls.json', path: 'timeline.runs', message: 'timeline.runs must be >= 1' },
    { source: '.sopls.json', path: '', message: 'unknown key "x"' },
    { source: '.sopls.json', path: 'calendar.holidays', message: 'not there' },
  ]);
  assert.deepEqual(located.map((p) => p.range), [r(1, 13, 1, 27), r(2, 29, 2, 43), r(3, 24, 3, 26), r(0, 0, 0, 1), r(0, 0, 0, 1)]);
});
