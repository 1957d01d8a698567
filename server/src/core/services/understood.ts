/**
 * What sopls understood of a document, in words: whether it is an SOP and why, each step (sub-steps indented)
 * with its number, title, owner and where the owner came from, each timing phrase and what it means, the timing
 * outside the steps, then the phrases not understood. `sopls parse FILE` prints it and the editor shows it
 * (request `sopls/understood`, command "SOP: Show What sopls Understood"), so both say the same thing.
 */
import type { Range, SopDocument, Step, TimingText } from '../model';
import { parseTimingText } from '../timeline/phrases';
import { describeTiming } from './timing';

/** The text view of `doc`; `name` is how the first line names the document (a path, a file name). */
export function renderUnderstood(doc: SopDocument, name: string): string {
  const out: string[] = [];
  const why = doc.recognisedBy ? ` (${doc.recognisedBy})` : '';
  out.push(doc.isSop ? `${name}: an SOP${why}` : `${name}: not an SOP${why}`);
  const unparsed: { t: TimingText; reason: string }[] = [];
  const timingLine = (t: TimingText): string => {
    const timing = parseTimingText(t);
    if (timing.kind === 'unparsed') unparsed.push({ t, reason: timing.reason });
    return `timing: "${t.text}" (${at(t.range)}) ${describeTiming(timing)}`;
  };
  const visit = (steps: Step[], indent: string): void => {
    for (const s of steps) {
      out.push(`${indent}${stepLine(s)}`);
      out.push(`${indent}    owner: ${ownerText(s)}`);
      for (const t of s.timing) out.push(`${indent}    ${timingLine(t)}`);
      visit(s.substeps, indent + '  ');
    }
  };
  if (doc.steps.length) {
    out.push('', 'Steps:');
    visit(doc.steps, '  ');
  } else if (doc.isSop) {
    out.push('', 'No steps found.');
  }
  if (doc.timing?.length) {
    out.push('', 'Timing outside the steps:');
    for (const t of doc.timing) out.push(`  ${timingLine(t)}`);
  }
  if (unparsed.length) {
    out.push('', 'Timing not understood:');
    for (const u of unparsed) out.push(`  ${at(u.t.range)} "${u.t.text}": ${u.reason}`);
  }
  return out.join('\n') + '\n';
}

function stepLine(s: Step): string {
  const noun = s.kind === 'stage' ? 'group ' : '';
  const number = s.numberText ?? (s.number !== undefined ? String(s.number) : '');
  return `${at(s.headingRange)} ${noun}${number ? number + '. ' : ''}${s.title}`;
}

function ownerText(s: Step): string {
  const own = s.owners.filter((o) => !o.placeholder);
  if (own.length) return own.map((o) => `${o.name} [${o.source ?? 'label'}]`).join(', ');
  const placeholder = s.owners.find((o) => o.placeholder);
  if (placeholder) return `none (placeholder "${placeholder.name}")`;
  if (s.fallbackOwner) return `none of its own; document owner ${s.fallbackOwner.name} [document]`;
  return 'none';
}

/** `line:column`, 1-based, as editors show positions. */
function at(r: Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}`;
}
