/**
 * Owners handed down the step tree. A step's sub-steps are done by the step's owner unless they say otherwise,
 * and so are their sub-steps, at every depth: "Release lead: cut the release" owns "Tag the commit" below it
 * and "Sign the tag" below that. A stage (phase, role heading) passes its owner down the same way.
 */
import type { Owner, Step } from '../model';

/** Copies of `owners` as inherited by a step below them: the source says where they came from (`section`). */
export function inheritedOwners(owners: Owner[]): Owner[] {
  return owners.filter((o) => !o.placeholder).map((o) => ({ ...o, source: o.source === 'document' ? 'document' : 'section' }));
}

/**
 * Gives every sub-step below `step` that states no owner of its own the nearest owner above it. Steps that
 * state one keep it and hand that one down instead. Linear in the size of the subtree.
 */
export function passOwnersDown(step: Step): void {
  const stack: Step[] = [step];
  let guard = 0;
  while (stack.length && guard++ < 100_000) {
    const parent = stack.pop()!;
    const real = parent.owners.filter((o) => !o.placeholder);
    for (const sub of parent.substeps) {
      if (!sub.owners.length && real.length) sub.owners.push(...inheritedOwners(real));
      stack.push(sub);
    }
  }
}
