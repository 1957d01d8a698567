/** Resolving what a timing phrase is measured from (`of contract signing`, `after the kickoff`) for one step. */
import type { Located } from '../../model';
import { resolveAnchor, type Reference } from '../resolve';
import type { Anchor } from '../types';
import type { ParsedTiming, Plan, TimelineStep } from './types';

/** The step itself and the steps it sits under: a phrase never refers to them. */
export function excludeFor(plan: Plan, i: number): Set<number> {
  const ex = new Set<number>([i]);
  for (let p = plan.steps[i]!.parent; p !== undefined; p = plan.steps[p]!.parent) ex.add(p);
  return ex;
}

/**
 * What `anchor` in step i names (the start when the phrase names nothing). An anchor that names nothing is an
 * `unresolved-reference` finding, with the closest step or event suggested.
 */
export function resolveFor(plan: Plan, i: number, anchor: Anchor | undefined, timing: ParsedTiming): Reference | undefined {
  if (!anchor) return { kind: 'trigger', text: 'start' };
  const r = resolveAnchor(anchor.text, plan.candidates, excludeFor(plan, i));
  if (r.ref) {
    timing.reference = r.ref;
    return r.ref;
  }
  // Prose says `after the paper has been accepted` or `once the incident is resolved` about events outside the
  // procedure all the time; only a timing written for the schedule (a `Timeline:`/`Due:` field, a timing column)
  // names a step, so only there is a name that matches nothing a mistake worth reporting.
  if (!PROSE_SOURCES.has(timing.text.source)) reportUnresolved(plan, i, anchor, r.suggestion);
  return undefined;
}

/** Where sopls found a timing phrase in running text or a heading rather than in a field. */
const PROSE_SOURCES = new Set<string | undefined>(['inline', 'heading']);

function reportUnresolved(plan: Plan, i: number, anchor: Anchor, suggestion: string | undefined): void {
  const r = { suggestion };
  const t = plan.steps[i]!;
  plan.issues.push({
    rule: 'unresolved-reference',
    message: `"${anchor.text}" in ${t.label} matches no step, trigger event or milestone${r.suggestion ? `; did you mean "${r.suggestion}"?` : ''}`,
    range: anchor.range,
    related: [],
    steps: [t.label],
    data: r.suggestion ? { suggestion: r.suggestion, anchor: anchor.text } : { anchor: anchor.text },
  });
}

/** A step's `Depends on:` lines; a name that matches no step is a finding (only steps are suggested). */
export function resolveDependsOn(plan: Plan, t: TimelineStep): void {
  for (const dep of t.step.dependsOn) {
    const r = resolveAnchor(dep.value, plan.candidates, excludeFor(plan, t.index));
    if (r.ref?.kind === 'step') t.dependsOn.push({ on: r.ref.index, kind: 'depends-on', range: dep.range });
    else if (!r.ref) unresolvedDependsOn(plan, t, dep, resolveAnchor(dep.value, { ...plan.candidates, triggers: [] }, excludeFor(plan, t.index)).suggestion);
  }
}

function unresolvedDependsOn(plan: Plan, t: TimelineStep, dep: Located, suggestion: string | undefined): void {
  plan.issues.push({
    rule: 'unresolved-reference',
    message: `${t.label} depends on "${dep.value}", which matches no step${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
    range: dep.range,
    related: [],
    steps: [t.label],
    data: suggestion ? { suggestion, anchor: dep.value } : { anchor: dep.value },
  });
}

/** A step named by a fixed event (`go-live`, `release`), not by a phrase of the document; undefined when none. */
export function findStepNamed(plan: Plan, events: readonly string[], skip: (t: TimelineStep) => boolean): number | undefined {
  for (const event of events) {
    const r = resolveAnchor(event, { ...plan.candidates, triggers: [] }, new Set(), { suggest: false });
    if (r.ref?.kind === 'step' && !skip(plan.steps[r.ref.index]!)) return r.ref.index;
  }
  return undefined;
}
