/**
 * Inlay hints after timing phrases: the window the schedule computes for the step, in business days, or in
 * dates when the author has set a start date.
 */
import { InlayHintKind, MarkupKind, type InlayHint } from 'vscode-languageserver-types';
import { comparePositions, type Range } from '../model';
import { pickTimingRange } from '../timeline/schedule';
import type { ServiceContext } from './context';
import { windowDetail, windowLabel } from './timing';

export function inlayHints(ctx: ServiceContext, range: Range): InlayHint[] {
  if (!ctx.doc.isSop || ctx.doc.steps.length === 0) return [];
  const timeline = ctx.timeline();
  const withDates = !!ctx.config.timeline.start;
  const out: InlayHint[] = [];
  for (const t of timeline.steps) {
    if (!t.included || t.summary) continue;
    const label = windowLabel(t, withDates);
    if (!label) continue;
    const at = pickTimingRange(t);
    // Hints sit after a whole timing phrase the author wrote, never on a heading without one.
    const timing = t.timings.find((x) => x.value.range === at || x.text.range === at);
    if (!timing) continue;
    const position = timing.text.range.end;
    if (comparePositions(position, range.start) < 0 || comparePositions(position, range.end) > 0) continue;
    out.push({
      position,
      label: `→ ${label}`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: { kind: MarkupKind.Markdown, value: [`**${t.label}**`, ...windowDetail(t, timeline)].join('\n\n') },
    });
  }
  return out.sort((a, b) => comparePositions(a.position, b.position));
}
