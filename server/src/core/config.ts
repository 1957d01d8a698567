import type { Severity } from './findings';

export type RuleSetting = Severity | 'off';

export interface RoleRegistryEntry {
  name: string;
  acronym?: string;
  aliases?: string[];
  description?: string;
}

export interface CalendarConfig {
  /** date-holidays country/region code, e.g. `US`, `DE-BY`. */
  holidays?: string;
  /** Working days, 0 = Sunday … 6 = Saturday. */
  workweek: number[];
  /** Extra closed dates, YYYY-MM-DD. */
  closed: string[];
}

export interface TimelineConfig {
  /** Default start date (YYYY-MM-DD); today when absent. */
  start?: string;
  /** Contract term in months, for milestones such as renewal. */
  contractTermMonths: number;
  /** Extra trigger event phrases that mean "day 0". */
  triggers: string[];
  /** Milestone order: each entry `[before, after]` adds a dependency between well-known steps. */
  milestoneOrder: [string, string][];
  runs: number;
  seed: number;
  /** The simulated percentile a stated target must hold at (target-missed); default 90. */
  targetPercentile: number;
}

/** `.sopls.json` merged with editor settings and defaults. */
export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  roles: RoleRegistryEntry[];
  /** Glob-like patterns (`CUS-*`) of IDs kept outside the workspace; never broken links. */
  externalIds: string[];
  include: string[];
  exclude: string[];
  /** Glob patterns of files forced to be SOPs (see parse/sopFiles.ts). */
  sopFiles: string[];
  /** Glob patterns of files that are never SOPs; checked first. */
  notSopFiles: string[];
  /** Review cadence when a document states none, in months. */
  reviewCadenceMonths: number;
  calendar: CalendarConfig;
  timeline: TimelineConfig;
  /** Where the team hosts the rule pages (docs/rules/*.md); SARIF `helpUri` points there only when set. */
  docsBaseUrl?: string;
}

export function defaultConfig(): ResolvedConfig {
  return {
    rules: {},
    roles: [],
    externalIds: [],
    include: [],
    exclude: [],
    sopFiles: [],
    notSopFiles: [],
    reviewCadenceMonths: 12,
    calendar: { workweek: [1, 2, 3, 4, 5], closed: [] },
    timeline: {
      contractTermMonths: 12,
      triggers: [],
      milestoneOrder: [
        ['account setup', 'kickoff'],
        ['30-day check-in', '60-day check-in'],
        ['60-day check-in', '90-day check-in'],
      ],
      runs: 1000,
      seed: 1,
      targetPercentile: 90,
    },
  };
}
