/**
 * Who does a step, wherever the document says it: a label, a role in parentheses on the step line, a leading
 * bold role, a sentence whose subject is a role. Inherited owners (section, table, RACI) are applied by the
 * recogniser; this file reads what one step's own lines say.
 */
import { makeRange, type Owner, type OwnerSource, type Range } from '../../model';
import { isPlaceholderOwner, looksLikeRoleName } from '../../roles';
import type { LineInfo } from '../lines';
import { forEachParty } from '../roles';
import { rangeOf } from '../text';
import { isImperative, personNoun, plausibleOwner } from './signals';

const INLINE_LABEL = /(?:^|[\s(—–-])(owner|owners|responsible|who|assignee|dri|performed by|done by|accountable|action owner)\s*:\s*([^;|()\n]{2,80})/i;
const NOT_A_PARTY_START = /^(typically|usually|normally|often|ideally|preferably|possibly|from|with|by|for|to|in|on|at|via|or|and|as|such|like|including|excluding|not|no)\b/i;
const PAREN = /\(([^()]{2,60})\)/g;
const TIMING_LIKE = /\d|\b(optional|required|if|when|e\.g|i\.e|see|via|minutes?|hours?|days?|weeks?|ongoing|daily|weekly|monthly|asap|immediately|recommended|mandatory|etc)\b/i;
const SENTENCE_SUBJECT = /^(?:[Tt]he\s+|[Aa]n?\s+|[Yy]our\s+)?([A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*){0,4}?)(?:\s*\([^()]{1,60}\))?\s+(?:[a-z]{3,}ly\s+)?(must|should|shall|will|can|may|needs to|has to|is to|is expected to|are expected to|is responsible for|are responsible for|is required to|are required to|then|also|now|[a-z]{3,}(?:es|s))\b/;
/** "Team leads notified that …", "Checked in with team leads": a noun phrase and a participle, not a subject and its verb. */
const NOT_A_SUBJECT = /^(?:[a-z]+ed|[a-z]+ing)$/i;
/** "If a scaled customer, the CE tags …": the subject after a leading condition. */
const AFTER_CONDITION = /^(?:if|when|once|after|before|upon|during|for|in case of|at|on|with|within|by|in)\b(?:[^,()]|\([^()]{0,80}\)){1,100},\s*/i;
/** "… is assigned on the account by TA leadership": the agent of a passive sentence. */
const BY_AGENT = /(?<!\bas\s+[a-z]+\s+)(?<!\b(?:directed|requested|instructed|advised|agreed|required|specified|defined|described|provided|sent|given|raised|reported|submitted|caused|triggered)\s+)\bby\s+(?:the\s+|an?\s+)?([A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*){0,3}?)(?=\s*[,.;)]|\s*$)/;

export interface OwnerReader {
  isDeclaredRole(name: string): boolean;
}

/** Owners from a value that lists parties ("IC and Scribe", "Finance / Legal"), ranges inside `valueRange`. */
export function ownersFromValue(value: string, valueRange: Range, source: OwnerSource, reader: OwnerReader): Owner[] {
  // "Release Manager. Announce the release": the owner ends with its sentence.
  const clean = value.trim().replace(/\.\s.*$/, '').replace(/[.;,]+$/, '');
  if (!clean) return [];
  if (reader.isDeclaredRole(clean)) return [{ name: clean, range: valueRange, source }];
  if (isPlaceholderOwner(clean)) return [{ name: clean, range: valueRange, placeholder: true, source }];
  const out: Owner[] = [];
  forEachParty(clean, (part, offset) => {
    const name = part.replace(/[.;,]+$/, '');
    if (!name) return;
    const a = valueRange.start.character + offset;
    out.push({ name, range: makeRange(valueRange.start.line, a, valueRange.start.line, a + name.length), source });
  });
  return out;
}

/**
 * `| Participants | Night Steward |` in a two-column table of facts under a step (Participants / Input / Output):
 * the row that says who takes part names who does the step. Read from the raw line, cell by cell.
 */
const KEY_VALUE_ROW = /^(\s*\|\s*)(participants|owners?|responsible(?: party| role)?|who|performed by|actors?|roles?|assignee|lead)(\s*\|\s*)([^|]{2,120}?)\s*\|?\s*$/i;

export function ownersFromKeyValueRow(info: LineInfo, reader: OwnerReader): Owner[] {
  if (info.block !== 'text' || info.raw.length > 400) return [];
  const m = KEY_VALUE_ROW.exec(info.raw);
  if (!m) return [];
  const value = m[4]!.replace(/[*_`]/g, '').trim();
  if (!value || !plausibleOwner(value, reader.isDeclaredRole) && !allParties(value, reader)) return [];
  const a = m[1]!.length + m[2]!.length + m[3]!.length;
  return ownersFromValue(value, makeRange(info.line, a, info.line, a + m[4]!.length), 'table', reader);
}

/** Owners written on the step's own line, after `textStart` in the visible text. */
export function ownersOnLine(info: LineInfo, textStart: number, reader: OwnerReader): Owner[] {
  const text = info.text;
  const own = text.slice(textStart);
  const label = INLINE_LABEL.exec(own);
  if (label) {
    const value = label[2]!.replace(/[\s.]+$/, '');
    const at = textStart + label.index + label[0].indexOf(label[2]!, label[0].indexOf(':'));
    return ownersFromValue(value, rangeOf(info, at, at + value.length), 'label', reader);
  }
  // "**Incident Commander**: page the responders" — a bold role that labels the instruction.
  if (info.strongEnd !== undefined && info.strongEnd > textStart) {
    const strong = text.slice(textStart, info.strongEnd).replace(/:$/, '').trim();
    const after = text.slice(info.strongEnd);
    if (/^\s*:/.test(after) || text[info.strongEnd - 1] === ':') {
      if (strong.split(/\s+/).length <= 5 && plausibleOwner(strong, reader.isDeclaredRole)) {
        const a = textStart + text.slice(textStart).indexOf(strong);
        return ownersFromValue(strong, rangeOf(info, a, a + strong.length), 'label', reader);
      }
    }
  }
  // A bold lead ("**Kickoff:** …") is a title; the bold rule above reads the ones that name a party.
  const bold = (info.strongEnd !== undefined && info.strongEnd > textStart) || /^\s*(?:[-*+]|\d+[.)])?\s*(?:\[[ xX]\]\s*)?(?:\*\*|__)/.test(info.raw);
  const prefixed = bold ? [] : ownersFromPrefix(own, (a, b) => rangeOf(info, textStart + a, textStart + b), reader);
  if (prefixed.length) return prefixed;
  // "[Release Lead] Cut the release": a bracketed role before the instruction.
  const bracket = /^\s*\[([^\[\]]{2,40})\]\s+\S/.exec(own);
  if (bracket && !info.linkSpans?.some(([a]) => a === textStart + bracket.index + bracket[0].indexOf('[') + 1) && (plausibleOwner(bracket[1]!, reader.isDeclaredRole) || partyList(bracket[1]!, reader))) {
    const a = textStart + bracket.index + bracket[0].indexOf(bracket[1]!);
    return ownersFromValue(bracket[1]!, rangeOf(info, a, a + bracket[1]!.length), 'parenthesis', reader);
  }
  PAREN.lastIndex = 0;
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = PAREN.exec(own)) && seen++ < 8) {
    // "(Supervisors only)": the party, limited.
    const inner = m[1]!.trim().replace(/\s+only$/i, '');
    if (TIMING_LIKE.test(inner) || NOT_A_PARTY_START.test(inner)) continue;
    if (!plausibleOwner(inner, reader.isDeclaredRole) && !allParties(inner, reader)) continue;
    // "Initiate Field Safety Corrective Action (FSCA)": an acronym spelling out the words before it names what
    // they name; it is a party only when those words are one ("Incident Commander (IC)").
    if (abbreviates(inner, own.slice(0, m.index), own.slice(m.index + m[0].length)) && !reader.isDeclaredRole(inner)) continue;
    const a = textStart + m.index + 1 + (m[1]!.length - m[1]!.trimStart().length);
    return ownersFromValue(inner, rangeOf(info, a, a + inner.length), 'parenthesis', reader);
  }
  return [];
}

/**
 * Whether `acronym` is the initials of the words that end `before` ("Field Safety Corrective Action" → FSCA) and
 * those words name no party, even with the word `after` the parenthesis ("Incident Response (IR) team" is one).
 */
function abbreviates(acronym: string, before: string, after: string): boolean {
  if (!/^[A-Z]{2,6}s?$/.test(acronym)) return false;
  const letters = acronym.replace(/s$/, '');
  const words = before.trim().split(/\s+/).slice(-letters.length - 2).filter((w) => /^[A-Za-z]/.test(w) && !/^(?:of|and|for|the|&|to|on|in)$/i.test(w));
  const initials = words.slice(-letters.length).map((w) => w[0]!.toUpperCase()).join('');
  if (initials !== letters) return false;
  const expansion = words.slice(-letters.length).join(' ');
  const next = /^\s*([A-Za-z]+)/.exec(after)?.[1] ?? '';
  const party = (n: string): boolean => looksLikeRoleName(n) || personNoun(n);
  return !party(expansion) && !(next && party(`${expansion} ${next}`));
}

/**
 * "Warden: lock the side gate", "QA — rerun the suite", "Steward - collect the keys": a party named before the
 * instruction, as its label. The name must read as a party (declared, role-like, or an acronym before an
 * instruction): "Note: …", "Yellow / Red: …" name none.
 */
const PREFIX = /^\s*(?:-\s+)?([A-Z][\w&/.'’-]*(?:\s+[A-Za-z][\w&/.'’-]*){0,3}?)\s*(?::|\s[—–-])\s+(?=\S)/;

export function ownersFromPrefix(text: string, range: (a: number, b: number) => Range, reader: OwnerReader, inCell = false): Owner[] {
  const m = PREFIX.exec(text);
  if (!m) return [];
  const name = m[1]!;
  const rest = text.slice(m[0].length);
  const acronym = /^[A-Z][A-Za-z]{0,2}[A-Z]s?$/.test(name);
  const party = reader.isDeclaredRole(name) || (!acronym && plausibleOwner(name, reader.isDeclaredRole) && !isImperative(name)) || (acronym && (inCell || isImperative(rest)));
  if (!party || /^(?:note|tip|warning|example|step|phase|stage|day|week|todo|result|output|input|status)$/i.test(name)) return [];
  const a = m.index + m[0].indexOf(name);
  // Written beside the step's text like `[Warden] Lock the gate`: a parenthesis, not an Owner field.
  return ownersFromValue(name, range(a, a + name.length), 'parenthesis', reader);
}

/**
 * A table cell holding several lines (`<br>`), some led by a party ("Yellow: <br> - AE: renew the contract"):
 * the party when every led line names the same one. In a cell of steps an acronym before a colon is a party
 * even before a noun phrase ("PM: sign-off recorded").
 */
export function ownersInCell(text: string, range: (a: number, b: number) => Range, reader: OwnerReader): Owner[] {
  const found: Owner[] = [];
  const re = /(?:^|<br\s*\/?>)/gi;
  let m: RegExpExecArray | null;
  let guard = 0;
  while ((m = re.exec(text)) && guard++ < 20) {
    const at = m.index + m[0].length;
    const o = ownersFromPrefix(text.slice(at, at + 200), (a, b) => range(at + a, at + b), reader, true);
    found.push(...o);
    if (m[0].length === 0) re.lastIndex++;
  }
  const names = new Set(found.map((o) => o.name.toLowerCase()));
  return names.size === 1 ? [found[0]!] : [];
}

/**
 * "[Ops, QA, design] sign-off": a bracketed list of short names, at least one of them a party, before the
 * step's text. Words of time or condition ("[Optional, weekly]") make it something else.
 */
function partyList(value: string, reader: OwnerReader): boolean {
  if (!/,/.test(value) || TIMING_LIKE.test(value)) return false;
  let parties = 0;
  let short = true;
  forEachParty(value, (part) => {
    if (part.split(/\s+/).length > 2 || !/^[A-Za-z]/.test(part)) short = false;
    if (plausibleOwner(part, reader.isDeclaredRole)) parties++;
  }, 6);
  return short && parties > 0;
}

function allParties(value: string, reader: OwnerReader): boolean {
  let all = true;
  let count = 0;
  forEachParty(value, (part) => {
    count++;
    if (!plausibleOwner(part, reader.isDeclaredRole)) all = false;
  }, 6);
  return count > 1 && all;
}

/** "The release manager tags the build": the subject is the owner when it is a role. */
export function ownerFromSentence(info: LineInfo, textStart: number, reader: OwnerReader): Owner | undefined {
  const cond = AFTER_CONDITION.exec(info.text.slice(textStart, textStart + 200));
  const from = textStart + (cond ? cond[0].length : 0);
  return (
    readerRole(info, textStart, reader) ??
    subjectOwner(info, from, reader) ??
    (cond ? subjectOwner(info, textStart, reader) : undefined) ??
    pluralSubjectOwner(info, from, reader) ??
    agentOwner(info, textStart, reader)
  );
}

/**
 * "Once you are the treasurer, open the ledger", "If you are selected as a marshal …", "As the duty nurse,
 * check …": the sentence says which role the reader holds, so the instruction is that role's.
 */
const YOU_ARE = /\byou(?:'re|’re| are)\s+(?:now\s+)?(?:(?:selected|assigned|chosen|appointed|nominated|named|acting|serving|working)\s+as\s+)?(?:the|an?)\s+([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?)(?=\s*[,.;:)]|\s+(?:you|then|for|on|of|and|or)\b|\s*$)/i;
const AS_THE_ROLE = /^as\s+(?:the|an?)\s+([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?),\s/i;

function readerRole(info: LineInfo, textStart: number, reader: OwnerReader): Owner | undefined {
  const own = info.text.slice(textStart, textStart + 240);
  const sentence = /^[^.!?]*/.exec(own)![0];
  const m = AS_THE_ROLE.exec(sentence) ?? YOU_ARE.exec(sentence);
  if (!m || !isParty(m[1]!, reader)) return undefined;
  const a = textStart + m.index + m[0].lastIndexOf(m[1]!);
  return { name: m[1]!, range: rangeOf(info, a, a + m[1]!.length), source: 'sentence' };
}

/** "Supervisors schedule the reviews", "Stewards then lock the hall": a plural role, then an instruction. */
const PLURAL_SUBJECT = /^(?:all\s+|the\s+)?((?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z][\w-]*[a-rt-z]s)\s+(?:(?:must|should|shall|will|can|may|need to|have to|are expected to|are required to|then|also|now|usually|always)\s+)*(?=[a-z])/;

function pluralSubjectOwner(info: LineInfo, textStart: number, reader: OwnerReader): Owner | undefined {
  const own = info.text.slice(textStart, textStart + 200);
  const m = PLURAL_SUBJECT.exec(own);
  if (!m) return undefined;
  const subject = m[1]!;
  if (!plausibleOwner(subject, reader.isDeclaredRole) || isImperative(subject) || /^(?:users|customers|clients|members|people)$/i.test(subject)) return undefined;
  const rest = own.slice(m[0].length);
  if (!isImperative(rest) || /^be\b/.test(rest)) return undefined;
  const a = textStart + m.index + m[0].indexOf(subject);
  return { name: subject, range: rangeOf(info, a, a + subject.length), source: 'sentence' };
}

/**
 * "… editors should use their judgment to:", "Things a new starter should remember to do": a role that a
 * clause says must, should or will do what follows. Returns the role as written, with its range.
 */
const CLAUSE = /(?:^|[,.;:]\s+|\bthat\s+|\bwhich\s+)(?:the\s+|a\s+|an\s+|each\s+|every\s+|all\s+)?([A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*){0,3}?)\s+(?:should|must|shall|will|needs? to|has to|have to|is expected to|are expected to|is responsible for|are responsible for|is responsible to|are responsible to)\s/gi;

const APPLIES_TO = /\b(?:these|the following|this|the above|all)\s+(?:steps|tasks|instructions|actions|items|checklists?|process|procedure)\s+(?:apply|applies|are|is)\s+(?:to|for)\s+(?:all\s+|any\s+|every\s+|the\s+)?([A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*){0,3}?)(?=\s*[:.,;]|\s*$)/i;
/** "These steps are carried out by the duty officer", "The following is done by Facilities:". */
const DONE_BY = /\b(?:these|the following|this|the above|all|each of these|the)\s+(?:steps|tasks|instructions|actions|items|checks|procedures?|process|activities|duties)\s+(?:are|is|will be|must be|should be|shall be)\s+(?:performed|done|carried out|completed|owned|handled|run|executed|followed)\s+by\s+(?:the\s+|an?\s+|each\s+)?([A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*){0,4}?)(?=\s*[:.,;(]|\s*$)/i;
/**
 * "… a checklist that the duty officer can follow", "the steps each steward should work through": the list
 * the document holds is named as one a party follows, so that party does its steps.
 */
const FOLLOWED_BY = /\b(?:checklist|steps|tasks|instructions|actions|procedure|process|runbook|playbook|guide)\s+(?:that|which)?\s*(?:the\s+|an?\s+|each\s+|every\s+)([A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*){0,3}?)\s+(?:(?:can|could|should|must|will|shall|may|needs? to|has to|is to|is able to)\s+)?(?:follow|use|perform|complete|carry out|run|work through|go through)\b/i;
/** "The duty officer does the following:", "Facilities handles these steps". */
const DOES_WHAT_FOLLOWS = /(?:^|[,.;:]\s+)(?:the\s+|an?\s+|each\s+)?([A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*){0,3}?)\s+(?:then\s+)?(?:does|do|performs|perform|handles|handle|completes|complete|carries out|carry out|owns|own|takes care of|take care of|runs|run|follows|follow)\s+(?:the\s+)?(?:following|these|below|steps below|the steps below)\b/i;

/** A clause about what follows: only then does its subject own the steps after it. */
const ABOUT_WHAT_FOLLOWS = /\b(following|below|these|this (?:list|checklist|page)|things|steps|tasks|checklist|to:\s*$)|:\s*$/i;

export function ownerFromClause(info: LineInfo, reader: OwnerReader, introOnly = false, from = 0, firstClauseOnly = false): Owner | undefined {
  const text = info.text.slice(from, from + 400);
  const applies = APPLIES_TO.exec(text);
  if (applies && plausibleOwner(applies[1]!, reader.isDeclaredRole)) {
    const a = from + applies.index + applies[0].lastIndexOf(applies[1]!);
    return { name: applies[1]!, range: rangeOf(info, a, a + applies[1]!.length), source: 'sentence' };
  }
  for (const re of [DONE_BY, FOLLOWED_BY, DOES_WHAT_FOLLOWS]) {
    const m = re.exec(text);
    if (m && isParty(m[1]!, reader, articled(m)) && !/^(you|we|they|it|this|that|these|those|everyone|anyone)$/i.test(m[1]!)) {
      const a = from + m.index + m[0].lastIndexOf(m[1]!);
      return { name: m[1]!, range: rangeOf(info, a, a + m[1]!.length), source: 'sentence' };
    }
  }
  if (introOnly && !ABOUT_WHAT_FOLLOWS.test(text)) return undefined;
  CLAUSE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let found: Owner | undefined;
  let guard = 0;
  while ((m = CLAUSE.exec(text)) && guard++ < 20) {
    const subject = m[1]!;
    if (/^(you|we|they|it|this|that|these|those|there|he|she|one|anyone|everyone|someone|nobody|people)$/i.test(subject)) continue;
    // "The register shall be signed": a passive clause says what is done to its subject, not who acts.
    if (/^(?:also\s+|then\s+)?be\b/i.test(text.slice(m.index + m[0].length))) continue;
    if (!isParty(subject, reader) || NOT_A_SUBJECT.test(subject.split(/\s+/)[0]!)) continue;
    const a = from + m.index + m[0].indexOf(subject);
    // "When the form arrives, the clerk must file it": only a clause that opens the sentence makes it an action.
    if (firstClauseOnly && !/^(?:(?:if|when|once|after|before|during|upon|while|at|in|on)\b[^.]{0,120},\s*)?(?:the\s+|a\s+|an\s+|each\s+|every\s+|all\s+)?$/i.test(text.slice(0, m.index + m[0].indexOf(subject)).replace(/^\s+/, ''))) return undefined;
    found = { name: subject, range: rangeOf(info, a, a + subject.length), source: 'sentence' };
  }
  return found;
}

/** Whether the line's sentence has a role as its subject ("The VMT replies …"): an action someone does. */
export function hasRoleSubject(info: LineInfo, textStart: number, reader: OwnerReader): boolean {
  const cond = AFTER_CONDITION.exec(info.text.slice(textStart, textStart + 200));
  return !!subjectOwner(info, textStart + (cond ? cond[0].length : 0), reader);
}

/** The agent of a passive sentence on a continuation line of the step ("This is often done by the release team"). */
export function agentOnLine(info: LineInfo, reader: OwnerReader): Owner | undefined {
  return agentOwner(info, 0, reader);
}

function agentOwner(info: LineInfo, textStart: number, reader: OwnerReader): Owner | undefined {
  const sentence = /^[^.!?]{0,240}/.exec(info.text.slice(textStart))![0];
  const m = BY_AGENT.exec(sentence);
  if (!m || !plausibleOwner(m[1]!, reader.isDeclaredRole)) return undefined;
  const a = textStart + m.index + m[0].indexOf(m[1]!);
  return { name: m[1]!, range: rangeOf(info, a, a + m[1]!.length), source: 'sentence' };
}

function titleCased(phrase: string): boolean {
  return phrase.split(/\s+/).every((w) => /^[A-Z0-9]/.test(w) || /^(of|and|for|the|&|to|on|or)$/.test(w));
}

function subjectOwner(info: LineInfo, textStart: number, reader: OwnerReader): Owner | undefined {
  // "If the team thinks …": the subject follows the conjunction.
  const conj = /^(?:if|when|once|after|before|unless|until|while|then)\s+/i.exec(info.text.slice(textStart, textStart + 12));
  if (conj) textStart += conj[0].length;
  const own = info.text.slice(textStart, textStart + 200);
  const m = SENTENCE_SUBJECT.exec(own);
  if (!m) return undefined;
  const subject = m[1]!;
  if (!isNounPhrase(subject, m[2]!, own.slice(m.index + m[0].length))) return undefined;
  const declared = reader.isDeclaredRole(subject);
  // "Work on user requests": a lowercase preposition inside the phrase makes it an instruction and its object.
  if (!declared && /\s(?:on|in|at|for|with|to|from|by|about|into|onto|over|through)\s/.test(subject) && !titleCased(subject)) return undefined;
  if (!declared && !(isParty(subject, reader) && (/^(?:the|an?|each|every)\s/i.test(own) || /^[A-Z]/.test(subject)))) return undefined;
  const a = textStart + m.index + m[0].indexOf(subject);
  return { name: subject, range: rangeOf(info, a, a + subject.length), source: 'sentence' };
}

/**
 * Whether `subject` followed by `verb` reads as a subject and its verb: an instruction ("Monitor user support
 * channels"), a participle ("Checked in with team leads") or a noun phrase the next word shows to be one ("Team
 * leads notified …") is not.
 */
function isNounPhrase(subject: string, verb: string, rest: string): boolean {
  const first = subject.split(/\s+/)[0]!;
  // "Branch Manager does …" is a name even though "branch" is a verb; "Monitor user channels" is an instruction.
  const name = subject.split(/\s+/).every((w) => /^[A-Z0-9]/.test(w) || /^(of|and|for|the|&|to|on|or)$/.test(w));
  if (NOT_A_SUBJECT.test(first) || (!name && isImperative(subject))) return false;
  // "Recruit extra IR Team responders": a plural agent noun continues the noun phrase; it is not the verb.
  if (/(?:er|or|ee|ist|ian)s$/.test(verb) && looksLikeRoleName(verb)) return false;
  // "Team leads notified …", "the author lists should match": a plural noun before a participle or an auxiliary.
  if (/^[a-z]{3,}s$/i.test(verb) && /^\s+(?:[a-z]{3,}ed|should|must|will|shall|can|may|are|were|have|do|need)\b/.test(rest)) return false;
  return true;
}

/** Whether an article stands right before the match's name (`m[1]`): "by the support triager" is a noun phrase. */
function articled(m: RegExpExecArray): boolean {
  return /\b(?:the|an?|each|every)\s+$/i.test(m[0].slice(0, m[0].lastIndexOf(m[1]!)));
}

/**
 * A party, alone or joined with others ("Study Director or designee", "QA and the Data Manager"). `articled`:
 * an article stood before the name, so "support triager" is a person even though "support" is also a verb.
 */
export function isParty(name: string, reader: OwnerReader, articled = false): boolean {
  if (plausibleOwner(name, reader.isDeclaredRole)) return true;
  // "archivists should …": a noun that names people by what they do, as the subject of a duty.
  const words = name.replace(/^the\s+/i, '').split(/\s+/);
  if (words.length <= 3 && words[words.length - 1]!.length >= 5 && (articled || !isImperative(name)) && personNoun(words.join(' '))) return true;
  const parts = name.split(/\s+(?:or|and|&|\/)\s+|\s*\/\s*/);
  return parts.length > 1 && parts.length <= 3 && plausibleOwner(parts[0]!.replace(/^the\s+/i, ''), reader.isDeclaredRole);
}

/**
 * Prose wraps: "… the duty clerk is\nresponsible for …" is one sentence over two source lines. A paragraph's
 * lines are read as one text; owners found there get their range on the line the name stands on.
 */
const COLUMNS = 1_000_000;

function isProse(info: LineInfo | undefined): info is LineInfo {
  return !!info && info.block === 'text' && info.itemDepth === 0 && info.listDepth === 0 && !!info.text && !info.raw.trimStart().startsWith('|');
}

/** Lines `first..last` as one line whose map encodes each character's own line and column. */
function joined(lines: LineInfo[], first: number, last: number): LineInfo {
  let text = '';
  const map: number[] = [];
  for (let i = first; i <= last; i++) {
    const info = lines[i]!;
    if (text) {
      text += ' ';
      map.push(map[map.length - 1] ?? info.line * COLUMNS);
    }
    text += info.text;
    for (let k = 0; k < info.text.length; k++) map.push(info.line * COLUMNS + (info.map[k] ?? 0));
  }
  map.push((map[map.length - 1] ?? first * COLUMNS) + 1);
  return { ...lines[first]!, text, map, strongEnd: undefined, codeSpans: undefined, linkSpans: undefined };
}

function decoded(o: Owner | undefined): Owner | undefined {
  if (!o) return o;
  const { start, end } = o.range;
  const line = Math.floor(start.character / COLUMNS);
  const endLine = Math.floor(end.character / COLUMNS);
  return { ...o, range: makeRange(line, start.character % COLUMNS, endLine, end.character % COLUMNS) };
}

/** Bounds of the paragraph around `line`, at most `max` lines either way. */
function paragraphAround(lines: LineInfo[], line: number, max = 4): [number, number] {
  let first = line;
  let last = line;
  while (first > line - max && isProse(lines[first - 1])) first--;
  while (last < line + max && isProse(lines[last + 1])) last++;
  return [first, last];
}

/** The first paragraph in lines `from..to` that says a party must, should or will act (see ownerFromClause). */
export function ownerInProse(lines: LineInfo[], from: number, to: number, reader: OwnerReader, introOnly = false, stopAtList = false): Owner | undefined {
  for (let i = from; i <= to && i < from + 40; i++) {
    const info = lines[i]!;
    if (stopAtList && (info.block === 'heading' || info.itemDepth > 0 || info.listDepth > 0)) break;
    if (!isProse(info)) continue;
    const [, last] = paragraphAround(lines, i);
    const end = Math.min(last, to);
    const o = end > i ? decoded(ownerFromClause(joined(lines, i, end), reader, introOnly)) : ownerFromClause(info, reader, introOnly);
    if (o) return o;
    i = end;
  }
  return undefined;
}

