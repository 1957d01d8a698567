/**
 * Every lint rule, in the order they run and are listed (docs table, SARIF `tool.driver.rules`, config schema).
 * Adding a rule: a file in rules/, an entry here, docs/rules/<id>.md, fixtures in test/fixtures/rules/<id>/,
 * then `npm run generate` (config schema and rule tables).
 */
import { ruleDocsUrl, type Rule, type RuleMeta } from './rule';
import { missingOwner } from './rules/missing-owner';
import { unknownRole } from './rules/unknown-role';
import { brokenLink } from './rules/broken-link';
import { duplicateId } from './rules/duplicate-id';
import { frontmatterSchemaRule } from './rules/frontmatter-schema';
import { placeholder } from './rules/placeholder';
import { stepNumbering } from './rules/step-numbering';
import { linkToDeprecated } from './rules/link-to-deprecated';
import { reviewOverdue } from './rules/review-overdue';
import { agendaOverrun } from './rules/agenda-overrun';
import { unreadableContent } from './rules/unreadable-content';
import { timelineConflict } from './rules/timeline-conflict';
import { dependencyCycle } from './rules/dependency-cycle';
import { unresolvedReference } from './rules/unresolved-reference';
import { unparsedTiming } from './rules/unparsed-timing';
import { durationMismatch } from './rules/duration-mismatch';
import { targetMissed } from './rules/target-missed';

/** Rules that read one document (and the workspace index). */
export const DOCUMENT_RULES: readonly Rule[] = [
  missingOwner,
  unknownRole,
  brokenLink,
  duplicateId,
  frontmatterSchemaRule,
  placeholder,
  stepNumbering,
  linkToDeprecated,
  reviewOverdue,
  agendaOverrun,
  unreadableContent,
];

/**
 * Timing rules (`timeline-conflict`, `dependency-cycle`, `unresolved-reference`, `unparsed-timing`,
 * `duration-mismatch`) come with the timeline engine (server/src/core/timeline/). Each is a rule file in
 * rules/ with `scope: 'timeline'`, listed here. They share one schedule per lint through
 * `ctx.memo('timeline:schedule', () => schedule(ctx.doc, ctx.workspace, ctx.config))`, so the first timing
 * rule to run computes it and the others reuse it.
 */
export const TIMELINE_RULES: readonly Rule[] = [timelineConflict, dependencyCycle, unresolvedReference, unparsedTiming, durationMismatch, targetMissed];

/** Not a rule that checks anything: the finding the engine writes when a rule throws. */
export const INTERNAL_ERROR: RuleMeta = {
  id: 'internal-error',
  description: 'A rule failed on this document (a bug in sopls); the other rules still ran.',
  defaultSeverity: 'error',
  docs: ruleDocsUrl('internal-error'),
  scope: 'document',
  appliesTo: 'any',
};

export const RULES: readonly Rule[] = [...DOCUMENT_RULES, ...TIMELINE_RULES];

/** Metadata of every id a finding can carry, for SARIF, docs and the config schema. */
export const ALL_RULE_META: readonly RuleMeta[] = [...RULES, INTERNAL_ERROR].map(
  ({ id, description, defaultSeverity, docs, scope, appliesTo }) => ({ id, description, defaultSeverity, docs, scope, appliesTo: appliesTo ?? 'sop' }),
);

const byId = new Map<string, RuleMeta>(ALL_RULE_META.map((m) => [m.id, m]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}
