/**
 * Targets stated in prose (docs/timeline.md "The SOP's own targets"): `Customers are live within 30 days.`, `The
 * whole process takes about 6 weeks.`, `Complete onboarding in 90 days.` in the document's introduction. The
 * model gives the phrase and where it is, not the sentence around it, so the reading is deliberately narrow:
 *
 * - the phrase is outside every step (a step's own deadline is never the SOP's target), before the first step,
 *   and either before the first section or in a Purpose / Introduction / Summary / Goal section (never in
 *   Metrics, Escalation, Scope or an overview of metrics);
 * - it is a whole amount of days, business days, weeks or months written with a number (`within 30 days`,
 *   `about 6 weeks`, `in 90 days`; not `a year`, not `<5 minutes`), counted from the start: no anchor, or one
 *   that names a trigger event (`within 30 days of contract signing`), not a step;
 * - it is the only such phrase there: two candidates are ambiguous and neither is taken;
 * - the document declares no `process_meta.duration`: a declared duration is the target, and prose next to it is
 *   commentary (`customers onboarded within 14 days retain better`), not a second promise.
 */
import type { Range, Section } from '../../model';
import { parseTimingText } from '../phrases';
import { resolveAnchor } from '../resolve';
import type { Duration } from '../types';
import type { Plan } from './types';

export interface ProseTarget {
  length: Duration;
  /** `within 30 days`: a deadline (due 30 days after the start, like a step's); else how long the process takes. */
  deadline: boolean;
  text: string;
  range: Range;
}

const INTRO_TITLES = /\b(?:purpose|introduction|intro|summary|about|goals?|objectives?|targets?|at a glance)\b/i;
const LONG_UNITS = new Set<Duration['unit']>(['days', 'business-days', 'weeks', 'months']);

/** The document's prose target, as a list of none or one. */
export function proseTargets(plan: Plan): ProseTarget[] {
  const { doc } = plan;
  if (doc.meta.duration) return [];
  const firstStep = doc.steps.reduce((m, s) => Math.min(m, s.range.start.line), Infinity);
  const found: ProseTarget[] = [];
  for (const text of doc.timing ?? []) {
    if (text.range.start.line >= firstStep || !inIntro(doc.sections, text.range.start.line)) continue;
    const target = asTarget(plan, parseTimingText(text), text.text);
    if (target) found.push({ ...target, range: text.range });
  }
  return found.length === 1 ? found : [];
}

/** Before the first section, or in a section whose title says it introduces the process. */
function inIntro(sections: readonly Section[], line: number): boolean {
  let inner: Section | undefined;
  for (const s of sections) if (s.range.start.line <= line && line <= s.range.end.line && (!inner || s.level >= inner.level)) inner = s;
  if (!inner || inner.level <= 1) return true;
  return inner.kind === 'purpose' || (inner.kind === 'other' && INTRO_TITLES.test(inner.title));
}

function asTarget(plan: Plan, v: ReturnType<typeof parseTimingText>, text: string): Omit<ProseTarget, 'range'> | undefined {
  if (!/\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety)\b/i.test(text) || /^[<≤>≥]/.test(text.trim())) return undefined;
  let length: Duration | undefined;
  const deadline = v.kind === 'deadline';
  if (v.kind === 'deadline' && !v.first && v.percentile === undefined && !v.alternatives) {
    if (v.anchor) {
      const r = resolveAnchor(v.anchor.text, plan.candidates, new Set(), { suggest: false });
      if (r.ref?.kind !== 'trigger') return undefined;
    }
    length = v.within;
  } else if (v.kind === 'duration' && !v.sessions && !v.extra) length = v.duration;
  if (!length || !LONG_UNITS.has(length.unit) || length.bound === 'at-least') return undefined;
  return { length, deadline, text };
}
