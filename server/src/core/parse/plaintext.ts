import { blankLine, countIndent, identityMap, type LineInfo } from './lines';

/**
 * Plain-text SOPs (seeds 000–002) are not Markdown: CommonMark would fold their unblanked lines into lazy
 * paragraph continuations. Each line stands alone here; only list markers and HTML comments mean anything.
 */
const LIST_MARKER = /^([-*•+‣◦]|(\d{1,9})[.)])[ \t]+/;

export function scanPlainLine(line: number, raw: string): LineInfo {
  const indent = countIndent(raw);
  let i = 0;
  while (i < raw.length && (raw.charCodeAt(i) === 32 || raw.charCodeAt(i) === 9)) i++;
  if (i === raw.length) return blankLine(line, raw);
  const rest = raw.slice(i);
  if (rest.startsWith('<!--')) {
    return { ...baseInfo(line, raw, indent, i), block: 'html' };
  }
  const marker = LIST_MARKER.exec(rest);
  if (marker) {
    const depth = 1 + Math.floor(indent / 2);
    const start = i + marker[0].length;
    const info = baseInfo(line, raw, indent, start);
    info.itemDepth = depth;
    info.listDepth = depth;
    if (marker[2] !== undefined) {
      info.ordinal = Number(marker[2]);
      info.ordinalStart = i;
    }
    return info;
  }
  return baseInfo(line, raw, indent, i);
}

function baseInfo(line: number, raw: string, indent: number, from: number): LineInfo {
  let end = raw.length;
  while (end > from && (raw.charCodeAt(end - 1) === 32 || raw.charCodeAt(end - 1) === 9)) end--;
  return {
    line,
    raw,
    block: 'text',
    text: raw.slice(from, end),
    map: identityMap(from, end - from),
    headingDepth: 0,
    itemDepth: 0,
    listDepth: 0,
    indent,
  };
}
