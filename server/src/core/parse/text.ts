import { makeRange, type Field, type Range } from '../model';
import type { LineInfo } from './lines';

/** Source range of `info.text.slice(a, b)`. */
export function rangeOf(info: LineInfo, a: number, b: number): Range {
  const start = info.map[Math.min(a, info.map.length - 1)]!;
  const end = b > a ? info.map[Math.min(b - 1, info.map.length - 1)]! + 1 : start;
  return makeRange(info.line, start, info.line, end);
}

/** Range of the visible text of the whole line. */
export function lineRange(info: LineInfo): Range {
  return info.text.length ? rangeOf(info, 0, info.text.length) : makeRange(info.line, 0, info.line, info.raw.length);
}

/**
 * Labels that introduce a field line (`Owner: …`). Anything else followed by a colon is prose
 * ("Technical Issues: Escalate to …"), which must not be mistaken for structure.
 */
const FIELD_LABELS = new Map<string, string>([
  ['owner', 'owner'],
  ['owners', 'owner'],
  ['step owner', 'owner'],
  ['responsible', 'owner'],
  ['responsible party', 'owner'],
  ['responsible parties', 'owner'],
  ['owned by', 'owner'],
  ['assigned to', 'owner'],
  ['who', 'owner'],
  ['assignee', 'owner'],
  ['assignees', 'owner'],
  ['dri', 'owner'],
  ['performed by', 'owner'],
  ['done by', 'owner'],
  ['lead', 'owner'],
  ['role', 'owner'],
  ['action owner', 'owner'],
  ['task owner', 'owner'],
  ['timeline', 'timeline'],
  ['timing', 'timing'],
  ['timeframe', 'timing'],
  ['time frame', 'timing'],
  ['when', 'when'],
  ['due', 'due'],
  ['due date', 'due'],
  ['deadline', 'due'],
  ['target time', 'due'],
  ['sla', 'due'],
  ['duration', 'duration'],
  ['estimated time', 'duration'],
  ['estimated duration', 'duration'],
  ['effort', 'duration'],
  ['time', 'duration'],
  ['depends on', 'depends on'],
  ['dependencies', 'depends on'],
  ['dependency', 'depends on'],
  ['prerequisites', 'depends on'],
  ['after', 'depends on'],
  ['objective', 'objective'],
  ['goal', 'goal'],
  ['purpose', 'objective'],
  ['trigger', 'trigger'],
  ['tools', 'tools'],
  ['tools & systems', 'tools'],
  ['participants', 'participants'],
  ['attendees', 'participants'],
  ['agenda', 'agenda'],
  ['agenda template', 'agenda'],
  ['meeting agenda', 'agenda'],
  ['deliverables', 'deliverables'],
  ['output', 'output'],
  ['outputs', 'output'],
  ['input', 'input'],
  ['inputs', 'input'],
  ['actions', 'actions'],
  ['steps', 'actions'],
  ['activities', 'actions'],
  ['tasks', 'actions'],
  ['checklist', 'actions'],
  ['success criteria', 'success criteria'],
  ['metrics', 'metrics'],
  ['cadence', 'cadence'],
  ['frequency', 'cadence'],
  ['escalation path', 'escalation'],
  ['escalation', 'escalation'],
  ['condition', 'condition'],
  ['applies to', 'condition'],
  ['notes', 'notes'],
  ['note', 'notes'],
  ['version', 'version'],
  ['last updated', 'last updated'],
  ['last reviewed', 'last reviewed'],
  ['last review', 'last reviewed'],
  ['review frequency', 'review frequency'],
  ['review cadence', 'review frequency'],
  ['effective date', 'effective date'],
  ['approved by', 'approved by'],
  ['prepared by', 'prepared by'],
  ['sop owner', 'document owner'],
  ['document owner', 'document owner'],
  ['next review', 'next review'],
  ['driver', 'driver'],
  ['approver', 'approver'],
  ['contributors', 'contributors'],
  ['contributor', 'contributors'],
  ['informed', 'informed'],
  ['accountable', 'accountable'],
  ['consulted', 'consulted'],
]);

export const TIMING_LABELS: Record<string, 'timeline' | 'timing' | 'when' | 'due' | 'duration'> = {
  timeline: 'timeline',
  timing: 'timing',
  when: 'when',
  due: 'due',
  duration: 'duration',
};

const FIELD = /^([A-Za-z][A-Za-z &/-]{0,28}?)\s*:(?:\s+|$)/;

/** Line infos are immutable once built and re-used across edits (ChunkCache), so their fields are too. */
const fieldMemo = new WeakMap<LineInfo, Field | null>();

/** Reads `Label: value` (markup already removed) as a field when the label is one we know. */
export function readField(info: LineInfo): Field | undefined {
  let field = fieldMemo.get(info);
  if (field === undefined) {
    field = readFieldUncached(info) ?? null;
    fieldMemo.set(info, field);
  }
  return field ?? undefined;
}

function readFieldUncached(info: LineInfo): Field | undefined {
  if (info.block !== 'text') return undefined;
  const text = info.text;
  const m = FIELD.exec(text);
  if (!m) return undefined;
  const label = FIELD_LABELS.get(m[1]!.toLowerCase().replace(/\s+/g, ' '));
  if (!label) return undefined;
  let vStart = m[0].length;
  let vEnd = text.length;
  // A trailing period closes the sentence, it is not part of the value ("Owner: Sales Representative.").
  while (vEnd > vStart && (text[vEnd - 1] === '.' || text[vEnd - 1] === ' ')) vEnd--;
  const value = text.slice(vStart, vEnd);
  if (value === '') vStart = vEnd;
  return {
    label,
    value,
    range: lineRange(info),
    labelRange: rangeOf(info, 0, m[1]!.length),
    valueRange: rangeOf(info, vStart, vEnd),
  };
}

/** Lower case, single spaces, no surrounding punctuation: the form titles and labels are compared in. */
export function normaliseTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s:.-]+|[\s:.-]+$/g, '');
}
