/**
 * Steps put in order by their words rather than by numbers or a list: "First, …", "Next …", "Then …",
 * "Finally, …" opening paragraphs or items (our examples: "First, fill in the form." / "Then the data team
 * checks it." / "Finally, download the extract."). One anchored test per opening: linear in the document.
 */
/** Words that put an item in order: "First, …", "Next …", "Then …", "After that …", "Finally …". */
const SEQUENCE_OPENING = /^(?:first(?:ly)?|to (?:start|begin)(?: with)?|start by|begin by|second(?:ly)?|third(?:ly)?|next|then|after (?:that|this)|afterwards|finally|lastly)(?![-\w])/i;
const SEQUENCE_START = /^(?:first(?:ly)?|to (?:start|begin)(?: with)?|start by|begin by)(?![-\w])/i;

/** Items that open with sequence words, the first of them saying "first": steps in order. */
export function isSequence(texts: string[]): boolean {
  if (texts.length < 2 || !SEQUENCE_START.test(texts[0]!.trim())) return false;
  return texts.filter((t) => SEQUENCE_OPENING.test(t.trim())).length * 3 >= texts.length * 2;
}

/**
 * Indexes of the paragraphs that form a "First … Then … Finally …" run: from a paragraph opening with
 * "First" through the last one opening with a sequence word, at least three of them.
 */
export function sequenceRun(texts: string[]): number[] {
  const start = texts.findIndex((t) => SEQUENCE_START.test(t.trim()));
  if (start < 0) return [];
  const run: number[] = [];
  for (let k = start; k < texts.length; k++) if (SEQUENCE_OPENING.test(texts[k]!.trim())) run.push(k);
  return run.length >= 3 ? run : [];
}
