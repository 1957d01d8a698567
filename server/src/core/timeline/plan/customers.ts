/** Customer documents (`type: customer`) and the tier conditions on steps that decide which steps apply. */
import { rangeContains } from '../../model';
import type { IndexEntry } from '../../workspace';
import { parseIsoDate } from '../calendar';
import type { Customer, TimelineStep } from './types';

function stringField(data: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = data[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  }
  return undefined;
}

/** Reads a customer document's frontmatter (`type: customer`, `contract_signed`, `region`, `tier`). */
export function customerFromData(data: Record<string, unknown>, uri?: string): Customer {
  const c: Customer = { data };
  const id = stringField(data, 'id');
  if (id) c.id = id;
  const name = stringField(data, 'title', 'name', 'company');
  if (name) c.name = name;
  if (uri) c.uri = uri;
  const signed = stringField(data, 'contract_signed', 'contract_date', 'start_date', 'start');
  const iso = signed ? parseIsoDate(signed.slice(0, 10)) : undefined;
  if (iso) c.contractSigned = iso;
  const region = stringField(data, 'region', 'holidays', 'country');
  if (region) c.region = region;
  const tier = stringField(data, 'tier', 'plan');
  if (tier) c.tier = tier;
  return c;
}

/** The customer document with this id among indexed documents. */
export function findCustomer(entries: Iterable<IndexEntry>, id: string): Customer | undefined {
  for (const e of entries) {
    if (e.id === id && e.data) return customerFromData(e.data, e.uri);
  }
  return undefined;
}

/** Whether a condition such as `if enterprise tier` holds for the customer; undefined when it cannot tell. */
export function conditionHolds(condition: string, customer: Customer): boolean | undefined {
  const text = condition.toLowerCase();
  const tier = customer.tier?.toLowerCase();
  const m = /([a-z][a-z0-9-]*)\s+(?:tier|plan|edition|customers?|subscription)\b/.exec(text);
  if (!m) return undefined;
  const wanted = m[1]!;
  if (['the', 'a', 'an', 'any', 'all', 'this'].includes(wanted)) return undefined;
  if (tier === undefined) return undefined;
  const negated = /\b(?:not|non)\b/.test(text.slice(0, m.index));
  const holds = tier === wanted || tier.split(/[\s_-]+/).includes(wanted);
  return negated ? !holds : holds;
}

/** Customer conditions: a condition on the step itself drops it; one on an action only drops that action. */
export function applyConditions(steps: TimelineStep[], customer: Customer | undefined): void {
  for (const t of steps) {
    for (const c of t.step.conditions) {
      const holds = customer ? conditionHolds(c.value, customer) : undefined;
      if (holds !== false) continue;
      const onStep = rangeContains(t.step.headingRange, c.range) || t.step.fields.some((f) => f.label === 'condition' && rangeContains(f.valueRange, c.range));
      if (onStep) {
        t.included = false;
        t.excludedBecause = `${c.value} (customer tier: ${customer?.tier ?? 'unknown'})`;
      } else t.droppedConditions.push(c.value);
    }
    if (t.parent !== undefined && !steps[t.parent]!.included) {
      t.included = false;
      t.excludedBecause ??= `its parent ${steps[t.parent]!.label} is dropped`;
    }
  }
}
