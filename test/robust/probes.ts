import { parseSop } from '../../server/src/core/parse';
import { makeRange } from '../../server/src/core/model';
import { parseTiming } from '../../server/src/core/timeline/phrases';
import { repeatTo, type GrowthProbe } from './growth';

/**
 * Inputs shaped to make a backtracking regex or a naive scanner go quadratic: long runs of the characters
 * each pattern keys on (brackets, ids, HTML comments, owners, timing words), each on one long line, in both
 * the Markdown and the plain-text paths. Shared by test/robust/regex-growth.test.ts and `npm run bench`.
 */

const line = (prefix: string, unit: string) => (size: number) => prefix + repeatTo(unit, size);

function parseProbe(name: string, ext: 'md' | 'txt', make: (size: number) => string): GrowthProbe {
  return { name: `parse ${ext}: ${name}`, make, run: (text) => parseSop(text, `probe.${ext}`) };
}

const bodyShapes: [string, (size: number) => string][] = [
  ['open brackets', line('1. Step\nOwner: ', '[a ')],
  ['unclosed placeholder runs', line('', '[COMPANY_NAME ')],
  ['id-like runs', line('See ', 'AB-1AB-')],
  ['unterminated directives', line('', '<!-- sopls-disable a ')],
  ['owner separators', line('1. Step\nOwner: ', 'CSM and AE + SE / ')],
  ['pipes', line('| Role |\n', '| a ')],
  ['strong markers', line('**Owner**: ', '** a ')],
  ['numbered-looking text', line('1. ', '1. 2) ')],
  ['mustache', line('', '{{ a ')],
  ['stars and underscores', line('', '*_a ')],
  // timing detection (parse/proseTiming.ts): clause openers, named periods, ordinal lists, counts, HTML tags
  ['timing clauses', line('1. Step\n', 'As a b c d ')],
  ['named periods', line('1. Step\n', 'between the for the a ')],
  ['ordinal lists', line('1. Step\n', 'first, second, ')],
  ['counts per period', line('1. Step\n', '8-12 a b per ')],
  ['html tags', line('1. Step\n\n<div>', '<b a ')],
  ['soft-wrapped paragraph', line('1. Step\n', 'wait within 2\n')],
];

export function regexProbes(): GrowthProbe[] {
  const probes: GrowthProbe[] = [];
  for (const [name, make] of bodyShapes) {
    probes.push(parseProbe(name, 'md', make));
    probes.push(parseProbe(name, 'txt', make));
  }
  probes.push(parseProbe('frontmatter with a long value', 'md', (size) => `---\nid: PRC-1\ntitle: ${repeatTo('a: [b, ', size)}\n---\n# T\n`));
  probes.push(parseProbe('stage heading with ranges', 'md', line('### Stage 1: Setup (Days ', '0-30, ')));
  const timing: [string, string][] = [
    ['repeated numbers', '1 '],
    ['repeated units', 'business days '],
    ['within-of chain', 'within 5 business days of '],
    ['day ranges', 'Days 0-30 '],
    ['digits', '1234567890'],
    ['punctuation', '-,/+(). '],
    ['after-before', 'after before during '],
  ];
  for (const [name, unit] of timing) {
    probes.push({
      name: `timing: ${name}`,
      make: (size) => repeatTo(unit, size),
      run: (text) => parseTiming(text, makeRange(0, 0, 0, text.length), 'timeline'),
    });
  }
  return probes;
}
