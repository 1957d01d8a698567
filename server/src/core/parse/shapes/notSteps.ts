/**
 * Lists that look like steps but are not: a reader does not tick them off one after another.
 *
 * | shape | example (our own) | why it is not a step |
 * |---|---|---|
 * | routing | `If yes, go to step 4`, `Otherwise skip to Returns`, `Continue with step 2` | it sends the reader to a step; the step is elsewhere |
 * | options | `Option B: ship by courier`, items ending in `or` / `-or-` | the reader picks one; they are not all done |
 * | menu lead-in | `A few ways to find a venue:`, `Guests arrive in two ways:` | the items are alternatives or ideas |
 * | uses lead-in | `The spare key can also be used to:`, `This form allows you to:` | what something is good for, not what to do |
 * | contents lead-in | `Make sure the note includes this information:`, `… email the desk, stating:` | what a thing must contain |
 * | forbidding lead-in | `The pager must not be used to:` | what not to do |
 * | conditions lead-in | `Call the insurer if any of the following are true:`, `… before taking any of the following actions:` | when something applies |
 * | criteria lead-in | `Review each entry to make sure it:`, `… must meet the following criteria:` | what a thing must satisfy |
 * | catalogue lead-in | `Here is a list of the kinds of repairs we cover:`, `Examples of this would be:` | cases of something |
 * | contents entry | `- [Returns](#returns)` | a link to a section of the same page |
 * | catalogue heading | `Examples of spills`, `Types of leave`, `Tips for hosts`, `Best practices` | cases or advice, not a sequence |
 *
 * Every test looks at one short string with anchored or bounded patterns.
 */

/** "go to step 4", "proceed to 2", "skip to Returns", "continue with step 2": the reader is sent elsewhere. */
const ROUTE = /^(?:(?:then|and|otherwise|else)\s+)?(?:stop(?:\s+here)?(?:\s*(?:,|and|then)\s*)+)?(?:go|proceed|skip|jump|continue|return|move on|advance|carry on|turn)\s+(?:on\s+|straight\s+|directly\s+|back\s+)?(?:to|with)\s+(.{1,60}?)\s*[.;]?$/i;

/** Where a route leads when no answer precedes it: a numbered step, a section, the next step, the start. */
const ROUTE_TARGET = /^(?:(?:the\s+)?(?:step|section|part|stage|phase)\s*[\w.]{1,6}|\d{1,3}[a-z]?|the\s+(?:next|previous|following|last)\s+(?:step|section|stage)|the\s+(?:start|beginning|top))\b[^a-z]*$/i;

/** "If yes, …", "If not, …", "Otherwise, …", "Yes:", "No –": the answer to a question the step asked. */
const ANSWER = /^(?:if\s+(?:yes|no|not|so|true|false)|otherwise|else|yes|no)\b\s*[,:–—-]?\s*/i;

/**
 * The item only routes the reader: "Proceed to step 1", "If no, stop and go to Refunds". An answer that does
 * something ("If yes, call the supplier") is a conditional step and stays one, and so is "Go to the portal and
 * download the form", which names a place, not a step.
 */
export function isRouting(text: string): boolean {
  const t = text.trim();
  if (t.length > 140) return false;
  const answer = ANSWER.exec(t);
  const rest = answer ? t.slice(answer[0].length) : t;
  const route = ROUTE.exec(rest);
  if (route && !/\s(?:and|then)\s/i.test(route[1]!) && (answer || ROUTE_TARGET.test(route[1]!))) return true;
  // "If no, stop." / "Otherwise, stop here": the branch ends the procedure.
  return !!answer && /^stop(?:\s+here)?\s*[.!]?$/i.test(rest);
}

/** "Option B: …", "Alternative 2 –": one of several choices. */
const OPTION = /^(?:option|alternative|choice|approach)\s+(?:[a-h]|\d{1,2}|one|two|three)\b\s*[:.)–—-]/i;

/** An item that ends by offering the next one instead: "Pay by card -or-", "Collect it in person, or". */
const ENDS_IN_OR = /(?:\s-?or-?|[,;]\s*or|\s\(or\))\s*$/i;

/**
 * Items the reader chooses between rather than does in turn: most are `Option X:` items, or every item but
 * the last ends in "or".
 */
export function areAlternatives(texts: string[]): boolean {
  if (texts.length < 2) return false;
  const options = texts.filter((t) => OPTION.test(t.trim())).length;
  if (options * 2 >= texts.length) return true;
  const ors = texts.slice(0, -1).filter((t) => ENDS_IN_OR.test(t)).length;
  return ors >= 1 && ors === texts.length - 1;
}

/**
 * A lead-in that offers a menu: ways, strategies, ideas to pick from ("in two ways:"). Not "one of the following"
 * (a reader asked to do one of them still does a step),
 * "options" or "settings" (`Set these options:` lists things to do), nor "tips" (a heading says that).
 */
const MENU_LEAD = /\b(?:ways|strategies|approaches|ideas|suggestions|alternatives|possibilities)\s+(?:to|for|of|you|that|in which|people|teams)\b|\b(?:several|a few|some|many|various|different|possible|other|alternative|two|three|four|five|\d)\s+(?:ways|strategies|approaches|ideas|suggestions|alternatives|possibilities)\b/i;

/** A lead-in naming what something is for: "can be used to", "allows you to", "lets you", "is useful for". */
const USES_LEAD = /\b(?:can|could|may)\s+(?:also\s+)?be\s+used\s+(?:to|for)\s*$|\b(?:allows?|enables?|lets?)\s+(?:you|users?|people|staff|them)\s+(?:to\s+)?\s*$|\bis\s+(?:useful|helpful|handy)\s+(?:for|when)\s*$/i;

/** A lead-in naming what to include: "include this information", "the following details", "should contain". */
const CONTENTS_LEAD = /\b(?:include|includes|including|contain|contains|record|list|provide|state|give)\s+(?:the\s+)?(?:following\s+|this\s+|these\s+)?(?:information|details|fields|data|items|points)\b|\b(?:stating|specifying|mentioning|detailing|giving|listing)\s*$/i;

/** A lead-in that forbids: "This line should not be used to:", "Never use the pager for:". */
const FORBIDS_LEAD = /\b(?:not|never)\b[^.;]{0,40}\b(?:to|for)\s*$/i;

/**
 * A lead-in naming conditions: "… if any of the following are true:", "… before taking any of the following
 * actions:" (the items say when something applies, not what to do).
 */
const CONDITIONS_LEAD = /\b(?:if|when|where|unless|whenever)\s+(?:any|all|one|each|either|both|none)\s+of\s+(?:the\s+following|these)\b|\b(?:before|prior to|when|if|after)\s+[a-z]+ing\s+(?:any|one|some|each)\s+of\s+the\s+following\b/i;

/**
 * A lead-in naming a catalogue: "Here is a list of the kinds of repairs we cover:", "Examples of this would be:"
 * (cases of something, not things to do).
 */
const CATALOGUE_LEAD = /\b(?:types|kinds|categories|sorts)\s+of\b|^(?:some\s+|a\s+few\s+)?examples?\b(?:\s+of\s+[\w\s]{1,30}?)?\s+(?:would\s+be|are|include|could\s+be)$|^for\s+(?:example|instance)$/i;

/**
 * A lead-in asking that a thing be checked for qualities: "Review each entry to make sure it:", "… to ensure
 * they:" (the items are what the thing must have or do, not steps for the reader). "Make sure you:" addresses
 * the reader and stays a list of things to do.
 */
const CRITERIA_LEAD = /\b(?:ensure|make\s+sure|check|verify|confirm)\s+(?:that\s+)?(?:it|they|each\s+(?:one|[a-z]+)|every\s+[a-z]+|all\s+of\s+them)\s*$|\b(?:meets?|satisf(?:y|ies))\s+(?:all\s+)?(?:the\s+following|these)\s+(?:criteria|requirements|conditions)\s*$/i;

/** Why a list's lead-in says its items are not steps; undefined when it does not. */
export function notStepsLeadIn(lead: string): 'menu' | 'uses' | 'contents' | 'forbidden' | 'conditions' | 'catalogue' | undefined {
  const t = lead.trim().replace(/:\s*$/, '');
  if (t.length > 200) return undefined;
  if (CONDITIONS_LEAD.test(t) || CRITERIA_LEAD.test(t)) return 'conditions';
  // "Follow these steps, in any of the following orders" is rare; a lead-in naming steps or tasks wins.
  if (/\b(?:steps|tasks|actions|duties|checklist)\b/i.test(t)) return undefined;
  if (USES_LEAD.test(t)) return 'uses';
  if (CONTENTS_LEAD.test(t)) return 'contents';
  if (FORBIDS_LEAD.test(t)) return 'forbidden';
  if (MENU_LEAD.test(t)) return 'menu';
  if (CATALOGUE_LEAD.test(t)) return 'catalogue';
  return undefined;
}

/** Headings that hold a catalogue of cases or advice: examples, types, kinds, tips, best practices. */
const CATALOGUE_TITLE = /\b(?:examples?|types|kinds|categories|sorts)\s+of\b|^(?:[\w-]+\s+){0,3}(?:examples|scenarios|use cases)$|^(?:general\s+)?(?:tips|hints|advice|best practices?|good practices?|recommendations|general guidelines|dos and don'?ts|do'?s and don'?ts)\b/i;

export function isCatalogueTitle(title: string): boolean {
  const t = title.trim().replace(/[*_`]/g, '').replace(/:\s*$/, '').replace(/^\d+(?:\.\d+)*[.)]?\s+/, '');
  return t.length <= 80 && CATALOGUE_TITLE.test(t);
}

/** A list item that is only a link to a section of the same page: a table-of-contents entry. */
const TOC_ENTRY = /^\s*(?:[-*+]|\d{1,3}[.)])\s+\[[^\]]{1,120}\]\(#[^)\s]*\)\s*$/;

export function isContentsEntry(raw: string): boolean {
  return TOC_ENTRY.test(raw);
}
