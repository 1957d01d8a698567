/**
 * Messages between the extension host and the timeline webview. Type-only imports: this module is shared by
 * the host bundle and the browser bundle, so it must not pull in vscode or node code.
 */
import type { TimelineJson } from '../../../server/src/core/timeline/render/json';
import type { CustomerSummary } from '../../../server/src/protocol';

/** What `sopls/schedule` returns: the `--format json` timeline, plus anything the server adds per step. */
export type Schedule = TimelineJson & {
  steps: (TimelineJson['steps'][number] & {
    /** 1-based line of the step heading, when the server sends it (as for conflicts). */
    line?: number;
    range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  })[];
};

/** The choices a preview makes on top of the settings; kept in the webview state so a reload restores them. */
export interface PreviewOptions {
  /** YYYY-MM-DD; empty means the configured default (`sop.timeline.start`) or today. */
  start: string;
  /** date-holidays code; empty means the configured calendar. */
  holidays: string;
  /** Customer document id; empty means none. */
  customer: string;
}

/** Persisted with `vscode.setState` and handed back to the serializer after a reload. */
export interface PreviewState {
  uri: string;
  options: PreviewOptions;
}

export type HostMessage =
  | {
      type: 'schedule';
      uri: string;
      /** File name of the SOP, for the heading. */
      documentName: string;
      version: number;
      schedule: Schedule;
      options: PreviewOptions;
      customers: CustomerSummary[];
    }
  | { type: 'error'; uri: string; documentName: string; message: string; options: PreviewOptions; customers: CustomerSummary[] }
  | { type: 'busy' };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'options'; options: PreviewOptions }
  /** A bar was clicked: `step` is its `data-step` value. */
  | { type: 'reveal'; step: string }
  /** A conflict was clicked: 1-based line. */
  | { type: 'revealLine'; line: number }
  | { type: 'export' };

/** Common holiday calendars offered first; any date-holidays code can be typed. */
export const COMMON_CALENDARS: { code: string; label: string }[] = [
  { code: 'US', label: 'United States' },
  { code: 'GB', label: 'United Kingdom' },
  { code: 'CA', label: 'Canada' },
  { code: 'AU', label: 'Australia' },
  { code: 'DE', label: 'Germany' },
  { code: 'FR', label: 'France' },
  { code: 'NL', label: 'Netherlands' },
  { code: 'IE', label: 'Ireland' },
  { code: 'ES', label: 'Spain' },
  { code: 'IT', label: 'Italy' },
  { code: 'SE', label: 'Sweden' },
  { code: 'IN', label: 'India' },
  { code: 'JP', label: 'Japan' },
  { code: 'SG', label: 'Singapore' },
  { code: 'NZ', label: 'New Zealand' },
  { code: 'BR', label: 'Brazil' },
];
