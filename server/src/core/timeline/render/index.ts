/**
 * Every output format of a timeline behind one call, so `sopls timeline --format X` and the editor's
 * "Export Timeline…" produce the same bytes.
 */
import type { Timeline } from '../schedule';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderIcs } from './ics';
import { timelineToJson } from './json';
import { renderMermaid } from './mermaid';
import { renderText } from './text';

export const TIMELINE_FORMATS = ['text', 'json', 'mermaid', 'ics', 'html', 'csv'] as const;
export type TimelineFormat = (typeof TIMELINE_FORMATS)[number];

export function isTimelineFormat(x: string): x is TimelineFormat {
  return (TIMELINE_FORMATS as readonly string[]).includes(x);
}

export interface RenderOptions {
  /** Stable document identity for iCalendar UIDs (its `id` or a workspace-relative path). */
  documentKey?: string;
  /** For the HTML page's "today" line. */
  today?: string;
}

export function renderTimeline(t: Timeline, format: TimelineFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(t);
    case 'json':
      return JSON.stringify(timelineToJson(t), null, 2) + '\n';
    case 'mermaid':
      return renderMermaid(t);
    case 'ics':
      return renderIcs(t, options.documentKey !== undefined ? { documentKey: options.documentKey } : {});
    case 'html':
      return renderHtml(t, options.today ? { today: options.today } : {});
    case 'csv':
      return renderCsv(t);
  }
}
