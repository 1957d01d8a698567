/**
 * The roles a document itself names, beyond the fixed word list of core/roles.ts. A title no list can foresee
 * ("the warden", "the Fix Lead", "EiC") is learnt from how the document uses it:
 *
 * | the document says                                   | learnt           |
 * |-----------------------------------------------------|------------------|
 * | The quartermaster is responsible for the stores.    | quartermaster    |
 * | The warden must lock … ; later: the warden should … | warden           |
 * | DoC will assign … ; later: DoC assigns a reviewer.  | DoC              |
 * | The Gate Keeper will unlock the east door. (once)   | —                |
 * | Owner: Night Steward                                | Night Steward    |
 * | The report will be filed.                           | — (passive)      |
 * | The script is responsible for retries.              | — (a thing)      |
 * | Before the fair, the steward will  (then a list)    | steward          |
 *
 * The result only helps read step sentences and headings (`isDeclaredRole` during recognition); it is not the
 * document's declared roles (SopDocument.roles), which the unknown-role rule compares owners against.
 * One bounded regex pass per line: linear in the document.
 */
import { TextMemo } from '../incremental/textMemo';
import { normaliseRole } from '../roles';
import type { LineInfo } from './lines';
import { isImperative } from './shapes/signals';
import { readField } from './text';

const NP = "([A-Za-z][\\w'’-]*(?:\\s+[A-Za-z][\\w'’-]*){0,3}?)";
const LEAD = '(?:^|[.;:!?]\\s+|,\\s+|\\b(?:then|and|but|that|so)\\s+)(?:the\\s+|each\\s+|every\\s+|an?\\s+|our\\s+|your\\s+)?';
/** "X is responsible for", "X are accountable for", "X is in charge of": only a party answers for something. */
const ANSWERS_FOR = new RegExp(`${LEAD}${NP}\\s+(?:is|are)\\s+(?:(?:primarily|ultimately|also|solely|jointly)\\s+)?(?:responsible|accountable|in charge)\\b`, 'gi');
/** "X will/shall/must/should <verb>": a party when the verb is an action (not "be", not "pass"). */
const MODAL = new RegExp(`${LEAD}${NP}\\s+(?:will|shall|must|should)\\s+(?:(?:also|then|now|first|always|immediately)\\s+)?([a-z][\\w-]*)(\\s+\\S+)?`, 'gi');
/**
 * "Before the fair, the steward will" ending a paragraph, the list after it saying what: a modal with nothing
 * after it hands its subject every item of that list, so the subject is a party (like "is responsible for").
 */
const MODAL_LEAD_IN = new RegExp(`${LEAD}${NP}\\s+(?:will|shall|must|should|needs? to|is expected to|are expected to)\\s*:?\\s*$`, 'gi');
/** "DoC assigns a reviewer", "The Fix Lead opens the ticket": a capitalised name, then an action in the -s form. */
const ACTS = new RegExp(`${LEAD}${NP}\\s+([a-z]{3,}s)\\s+(\\S+)`, 'g');

/** Words that name things, places or abstractions, never a party. */
const THINGS = new Set(
  (
    'process procedure step steps task tasks system service script tool bot document documentation report form file ' +
    'files list page section table it this that these those there they we you he she one who which what release ' +
    'build change changes branch code test tests pipeline job server database data policy plan schedule meeting ' +
    'call issue issues ticket tickets request requests project product application app feature version repository ' +
    'repo template checklist email message notice review information content work everything something nothing ' +
    'anything everyone anyone someone nobody people all both each either neither result results output input ' +
    'decision process time date deadline incident event alert'
  ).split(' '),
);

/** An abstraction or an activity: "Documentation", "Testing", "Security posture". */
const ABSTRACT_END = /(?:ing|ion|ment|ness|ity|ance|ence|ics|ure|ism)$/i;

/** Longer than any role name: a longer phrase is not looked at (and a hostile 100 kB Owner line stays linear). */
const MAX_NAME = 120;

/** `articled`: an article stood before the phrase ("the host"), so it is a noun even when a verb is spelt alike. */
function candidate(phrase: string, articled = false): string | undefined {
  if (phrase.length > MAX_NAME) return undefined;
  // "Then DoC assigns …": a connector before the name is not part of it.
  const np = phrase.trim().replace(/^(?:then|and|but|so|that|also|now)\s+/i, '');
  const words = np.split(/\s+/);
  if (!words.length || words.length > 4) return undefined;
  const last = words[words.length - 1]!;
  if (words.some((w) => THINGS.has(w.toLowerCase())) || ABSTRACT_END.test(last) || /ly$/i.test(last)) return undefined;
  if (!articled && isImperative(np)) return undefined;
  return np.trim();
}

/** "Gate Keeper", "DoC", "TEiC", "PostHog": a name that is capitalised for itself, not for opening a sentence. */
function ownCapitals(np: string, atSentenceStart: boolean): boolean {
  const words = np.split(/\s+/);
  if (words.some((w) => /^[A-Za-z]+$/.test(w) && /[a-z]/.test(w) && /[A-Z]/.test(w.slice(1)))) return true; // EiC, PostHog
  if (words.every((w) => /^[A-Z0-9]{2,6}s?$/.test(w))) return true; // acronyms
  const capitalised = words.every((w) => /^[A-Z]/.test(w) || /^(?:of|and|for|the|on|to|&)$/.test(w));
  return capitalised && (words.length > 1 || !atSentenceStart);
}

/**
 * The normalised names of roles the document names by using them as parties. Strong evidence (answers for
 * something, an Owner label) is enough once; a modal duty ("will open") or, for a name capitalised for itself,
 * a present-tense action ("DoC assigns") counts once, and a name needs two such uses: a product named once
 * as doing something ("Acmebot will retry") is not a party.
 */
export function learnRoleVocabulary(lines: LineInfo[]): Set<string> {
  const learnt = new Set<string>();
  const seen = new Map<string, number>();
  const add = (name: string): void => {
    const n = normaliseRole(name);
    if (!n) return;
    learnt.add(n);
    // "the release shepherd" … "the shepherd": the last word alone names the same party later on.
    const words = n.split(' ');
    const head = words[words.length - 1]!;
    if (words.length > 1 && head.length >= 5 && !THINGS.has(head)) learnt.add(head);
  };
  const weak = (name: string): void => {
    const n = normaliseRole(name);
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    if (count >= 2) add(name);
  };
  // A paragraph wrapped over several lines is read as one text ("the desk clerk is / responsible for …").
  let para = '';
  const flush = (): void => {
    if (para) readText(para);
    para = '';
  };
  const readText = (text: string): void => {
    for (const [strong, name] of partiesMemo(text)) {
      if (strong) add(name);
      else weak(name);
    }
  };
  for (const info of lines) {
    if (info.block !== 'text' && info.block !== 'heading') {
      flush();
      continue;
    }
    const field = readField(info);
    if (field && field.label === 'owner' && field.value && field.value.length <= MAX_NAME && field.value.split(/\s+/).length <= 4 && !/[,;/]|\band\b|\bor\b/.test(field.value)) {
      const c = candidate(field.value.replace(/[.]+$/, ''));
      if (c) add(c);
    }
    const prose = info.block === 'text' && info.itemDepth === 0 && info.listDepth === 0 && !info.raw.trimStart().startsWith('|');
    if (!prose) {
      flush();
      readText(info.text.slice(0, 600));
    } else if (para.length < 2000) para += (para ? ' ' : '') + info.text.slice(0, 600);
  }
  flush();
  return learnt;
}

/** A party a text names: strong evidence (answers for something) or one weak use (a duty, an action). */
type Party = readonly [strong: boolean, name: string];

/**
 * The parties of a text depend on that text alone, so the language server, which reads a document again after
 * every edit, finds them once per paragraph (core/incremental/textMemo.ts). Off until the language server turns it
 * on, as the paragraph timing memo: `sopls lint` reads each file once.
 */
const PARTIES = new TextMemo<readonly Party[]>(4096, 2700, (parties) => parties);
PARTIES.bypass = true;

/** The memo of parties per text: turned on by the language server, counted and cleared by tests. */
export function rolePartiesMemo(): TextMemo<readonly Party[]> {
  return PARTIES;
}

function partiesMemo(text: string): readonly Party[] {
  if (PARTIES.bypass) return partiesOf(text);
  // The key is a new string (a text is often a slice of the whole document, which a key would keep alive), and
  // the names are read from it, not from `text`, for the same reason.
  const key = `\u0000${text}`;
  return PARTIES.get(key, () => partiesOf(key.slice(1)));
}

/** The parties `text` names, in the order learnRoleVocabulary counts them. */
function partiesOf(text: string): Party[] {
  const out: Party[] = [];
  // Only the paragraph's end can dangle: a bounded tail keeps the unanchored start linear.
  const tail = text.slice(-200);
  for (const m of tail.matchAll(MODAL_LEAD_IN)) {
    const before = m[0].slice(0, m[0].indexOf(m[1]!));
    const c = candidate(m[1]!, /\b(?:the|each|every|an?|our|your)\s+$/i.test(before));
    if (c) out.push([true, c]);
  }
  for (const m of text.matchAll(ANSWERS_FOR)) {
    const c = candidate(m[1]!);
    if (c) out.push([true, c]);
  }
  for (const m of text.matchAll(MODAL)) {
    const verb = m[2]!;
    if (/^(?:be|not|have|had|been|get|need|also)$/i.test(verb) || !isImperative(`${verb}${m[3] ?? ' it'}`)) continue;
    const c = candidate(m[1]!);
    if (c) out.push([false, c]);
  }
  for (const m of text.matchAll(ACTS)) {
    const np = m[1]!;
    const base = m[2]!.replace(/(?:es|s)$/, '');
    if (!isImperative(`${base} ${m[3]!}`) && !isImperative(`${m[2]!.slice(0, -1)} ${m[3]!}`)) continue;
    const c = candidate(np);
    // A present-tense action only teaches a name capitalised for itself: "Branch merges …" would not do.
    if (c && ownCapitals(c, m.index === 0 || /^[.;:!?]/.test(m[0])) && !/^[A-Z][a-z]+$/.test(c)) out.push([false, c]);
  }
  return out;
}
