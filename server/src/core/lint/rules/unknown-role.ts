import { editDistance, normaliseRole, roleAliases, splitNameAndAcronym } from '../../roles';
import { allSteps, type Owner } from '../../model';
import { ruleDocsUrl, type Rule, type RuleContext } from '../rule';

interface KnownRole {
  /** Display name offered as the suggestion: `Customer Success Manager`. */
  name: string;
  aliases: string[];
}

/** Roles declared in the config role registry and in every indexed document: the same for a whole lint run. */
function sharedRoles(ctx: RuleContext): KnownRole[] {
  return ctx.shared('unknown-role:roles', () => {
    // Thousands of documents declare the same few roles: keep one entry per name, with every alias seen.
    const byName = new Map<string, KnownRole>();
    const add = (name: string, aliases: string[]): void => {
      const key = name.toLowerCase();
      const hit = byName.get(key);
      if (!hit) byName.set(key, { name, aliases: [...aliases] });
      else for (const a of aliases) if (!hit.aliases.includes(a)) hit.aliases.push(a);
    };
    for (const r of ctx.config.roles) add(r.name, roleAliases(r.name, r.acronym, r.aliases ?? []));
    for (const e of ctx.workspace.entries()) {
      for (const r of e.roles) add(r.name, r.aliases.length ? r.aliases : roleAliases(r.name, r.acronym));
    }
    return [...byName.values()];
  });
}

function sharedRoleSet(ctx: RuleContext): Set<string> {
  return ctx.shared('unknown-role:set', () => {
    const set = new Set<string>();
    for (const r of sharedRoles(ctx)) for (const a of r.aliases) set.add(a);
    return set;
  });
}

/** Spellings of an owner as written: "Customer Success Manager (CSM)" is known by its name or its acronym. */
function ownerKeys(name: string): string[] {
  const split = splitNameAndAcronym(name);
  const keys = new Set<string>();
  const n = normaliseRole(name);
  if (n) keys.add(n);
  const aliases = roleAliases(split.name || name, split.acronym);
  for (const a of aliases) keys.add(a);
  return [...keys];
}

export const unknownRole: Rule = {
  id: 'unknown-role',
  description: 'A step owner matches no role declared in the document, the workspace or the role registry.',
  defaultSeverity: 'warning',
  docs: ruleDocsUrl('unknown-role'),
  scope: 'workspace',
  appliesTo: 'sop',
  check(ctx) {
    const steps = allSteps(ctx.doc);
    if (!steps.some((s) => s.owners.some((o) => !o.placeholder))) return;
    const own: KnownRole[] = ctx.doc.roles.map((r) => ({ name: r.name, aliases: r.aliases }));
    const ownSet = new Set<string>();
    for (const r of own) for (const a of r.aliases) ownSet.add(a);
    const wsSet = sharedRoleSet(ctx);
    // With no role declared anywhere there is nothing to compare against: every owner would be "unknown".
    if (ownSet.size === 0 && wsSet.size === 0) return;
    for (const step of steps) {
      for (const owner of step.owners) {
        if (owner.placeholder || !statedAsOwner(owner)) continue;
        const keys = ownerKeys(owner.name);
        if (keys.some((k) => ownSet.has(k) || wsSet.has(k))) continue;
        // The document's own roles first: a misspelling most likely means the role declared a few lines up.
        const key = keys[0] ?? normaliseRole(owner.name);
        const suggestion = closest(key, own) ?? closest(key, sharedRoles(ctx));
        const data: Record<string, unknown> = { role: owner.name };
        if (suggestion) data['suggestion'] = suggestion;
        ctx.report({
          message:
            `"${owner.name}" is not a declared role (not in this document's roles, the workspace or the role registry)` +
            (suggestion ? `; did you mean "${suggestion}"?` : '.'),
          range: owner.range,
          data,
        });
      }
    }
  },
};

/**
 * Owners the author wrote as owners (an Owner line, an owner column, a RACI row, a `- **Role**:` bullet). An owner
 * sopls inferred from a heading, a parenthesis or a sentence's subject may not be a role at all: calling it an
 * unknown role would be a guess stated as a finding.
 */
function statedAsOwner(owner: Owner): boolean {
  return owner.source === undefined || owner.source === 'label' || owner.source === 'table' || owner.source === 'raci' || owner.source === 'bullet';
}

/** The declared role nearest to `key`, when it is near enough to be a misspelling rather than another role. */
function closest(key: string, roles: KnownRole[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const r of roles) {
    for (const a of r.aliases) {
      const limit = Math.max(1, Math.min(4, Math.floor(Math.max(a.length, key.length) / 4)));
      const d = editDistance(key, a, limit);
      if (d <= limit && (!best || d < best.d)) best = { name: r.name, d };
    }
  }
  return best?.name;
}
