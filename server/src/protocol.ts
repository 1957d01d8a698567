/**
 * Custom requests and notifications between the VS Code client and the language server. Shared by both sides
 * (and usable by any other client), so names and shapes live in one place.
 */

export interface ScheduleParams {
  /** Document URI. */
  uri: string;
  /** Start date (YYYY-MM-DD); the configured default or today when absent. */
  start?: string;
  /** date-holidays country/region code, e.g. `US`; the configured calendar when absent. */
  holidays?: string;
  /** Customer document id (`CUS-001`); takes start, region and tier from it. */
  customer?: string;
  runs?: number;
  seed?: number;
}

/** `sopls/schedule`: the timeline of one SOP, as `sopls timeline --format json` prints it. */
export const ScheduleRequest = 'sopls/schedule';

/** `sopls/customers`: customer documents of the workspace for the preview's picker. */
export const CustomersRequest = 'sopls/customers';
export interface CustomerSummary {
  id: string;
  title?: string;
  uri: string;
}

/** `sopls/documentStats`: what the status bar shows for the active SOP (null when it is not an SOP). */
export const DocumentStatsRequest = 'sopls/documentStats';
export interface DocumentStats {
  isSop: boolean;
  steps: number;
  conflicts: number;
  /** Overall finish window as YYYY-MM-DD, when a schedule could be computed. */
  finishEarliest?: string;
  finishLatest?: string;
}

/** Notification from the server when the analysis of a document changed (the preview re-requests). */
export const DocumentAnalyzedNotification = 'sopls/documentAnalyzed';
export interface DocumentAnalyzedParams {
  uri: string;
  version: number;
}

/** Params of `sopls/documentStats`. */
export interface DocumentStatsParams {
  uri: string;
}

/** Params of `sopls/customers`: the document the picker is for (its workspace folder first); all folders when absent. */
export interface CustomersParams {
  uri?: string;
}

/**
 * `sopls/exportTimeline`: the timeline of one SOP in one of the CLI's file formats, exactly as
 * `sopls timeline FILE --format <format>` prints it (same options as `sopls/schedule`).
 */
export const ExportTimelineRequest = 'sopls/exportTimeline';
export type TimelineExportFormat = 'mermaid' | 'ics' | 'html' | 'csv';
export interface ExportTimelineParams extends ScheduleParams {
  format: TimelineExportFormat;
}
export interface ExportTimelineResult {
  content: string;
}
