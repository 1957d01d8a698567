/**
 * Words that tell a procedure from prose: imperative verbs, procedure-like section titles, time and phase
 * headings, role headings. Every test here looks at one short string (a title, a list item's first words),
 * with anchored or bounded patterns, so recognition stays linear in the document.
 */
import { looksLikeRoleName, normaliseRole } from '../../roles';
import { headingParty } from '../roleHeadings';
import { isCatalogueTitle } from './notSteps';

/** Verbs an instruction starts with. Base forms only: "Check", not "Checks" or "Checking". */
const VERBS = new Set(
  (
    'accept access acknowledge activate add adjust advise agree alert allocate analyse analyze announce answer apply ' +
    'approve archive arrange ask assess assign attach attend audit authorise authorize back backup book brief build ' +
    'bump calculate call cancel capture carry categorise categorize change check choose circulate clarify classify ' +
    'clean clear click clone close collect comment commit communicate compare compile complete compose configure ' +
    'confirm connect consider consult contact contain continue coordinate copy correct create cut deactivate debrief ' +
    'decide declare decommission define delegate delete deliver deploy describe designate destroy detach determine ' +
    'develop disable disconnect discuss dispatch dispose distribute document download draft drain edit email enable ' +
    'engage ensure enter erase escalate establish estimate evaluate examine execute exit expire explain export ' +
    'extract fetch file fill finalise finalize find fix flag follow forward freeze gather generate get give go grant ' +
    'greet handle hand identify implement import inform initiate insert inspect install instruct introduce invite ' +
    'investigate invoke isolate issue join keep kick label launch lead learn let link list load lock log login look ' +
    'maintain make manage mark measure meet merge migrate monitor move name navigate note notify obtain offer ' +
    'onboard open order organise organize package page pass paste pause perform pick ping place plan point populate ' +
    'post prepare present press preserve print prioritise prioritize proceed process produce promote propose ' +
    'protect provide provision publish pull purge push put query queue raise re-run read reboot receive record ' +
    'recover redeploy reduce refer refresh register reject release reload remind remove rename renew reopen repeat ' +
    'replace reply report request require rerun reset resolve respond restart restore resume retain retire retrieve ' +
    'return review revert revise revoke roll rotate run save scan schedule scope secure select send set setup share ' +
    'ship shut sign snapshot sort specify spin start stop store submit summarise summarize supply suspend switch ' +
    'sync synchronise synchronize take tag talk teardown tell terminate test thank track train transfer transition ' +
    'triage trigger troubleshoot turn type unblock unfreeze uninstall unlock unpack update upgrade upload use ' +
    'validate verify visit wait walk warn watch wipe withdraw write ' +
    'be become stay avoid do have inventory lower raise mix pipette vortex discard dilute heat cool thaw wash dry ' +
    'weigh autoclave sterilise sterilize incubate inoculate centrifuge resuspend aliquot streak transfer pour ' +
    'rinse shake spin stir seal unseal prepare plate harvest freeze measure dispense fix stain mount observe ' +
    'grab compile accept attend help support assist participate answer escalate hand own drive chase nudge ' +
    'celebrate welcome introduce onboard offboard shadow pair sync prep coordinate facilitate host moderate ' +
    'draft finalize finalise circulate sign countersign file close reopen label comment mention merge rebase ' +
    'cherry-pick backport cut bump branch tag build test lint publish announce email tweet blog post ' +
    'remember make sure double-check re-check recheck reach arrange swap cover join leave include solicit ' +
    'exclude mention thaw wrap tidy jot reassure work recruit'
  ).split(' '),
);

/** Words before the verb that keep an instruction an instruction: "Do not …", "Always …", "Then …". */
const VERB_PREFIX = /^(?:(?:or|and|but|so|just|simply|please|then|next|finally|first|firstly|secondly|lastly|also|always|never|immediately|optionally|now|do not|don't|do|manually|eventually|afterwards|additionally|again|carefully|quickly|promptly|once again)\b[\s,]+)+/i;

/** "If the build fails, roll back" / "When paged, acknowledge": a condition, then an instruction. */
const CONDITIONAL = /^(?:if|when|once|after|before|upon|while|in case|where|at|on|in|during|for|with|within|by|as soon as|as part of)\b[^,]{1,120},\s*(.*)$/i;

function firstWord(text: string): string {
  const m = /^[^A-Za-z]{0,6}([A-Za-z][A-Za-z'-]*)/.exec(text);
  return m ? m[1]!.toLowerCase() : '';
}

/** "Access: restricted", "Bit.ly: …": a label and its value, a field rather than an instruction. */
const FIELD_START = /^[^\s:]+(?:\s[^\s:]+)?\s*:\s/;

/**
 * Words that start a noun phrase or a clause, never an instruction, even before "the" ("All the files …",
 * "Only the owner …").
 */
const NOT_VERB = new Set(
  ('all both half only even just about like what which when where how why who whose whether not also such quite ' +
    'rather nearly almost once while after before during since until unless if then there here this that these ' +
    'those it its our their your my his her each every any some no none most many much more less few several ' +
    'one two three four five first last next new old other another same so as at by for from in into of on onto ' +
    'over per to under up upon via with within without and or but nor yet i we you they he she')
    .split(' '),
);

/** The words an object starts with: a bare verb before one of them is an instruction ("Worry less", no; "Reassure the client", yes). */
const OBJECT_START = /^(?:the|a|an|your|their|our|his|her|its|this|that|these|those|any|all|each|every|it|them|him|us|me|yourself|yourselves|themselves|everyone|everything|someone|something)\b/i;

/**
 * Whether a line reads as an instruction: it starts with an imperative verb (after a condition, perhaps). A word
 * the verb list lacks still counts when its form is a bare verb followed by its object ("Reassure the caller").
 */
export function isImperative(text: string): boolean {
  const t = text.slice(0, 300).replace(VERB_PREFIX, '');
  if (FIELD_START.test(t)) return false;
  if (verbFirst(t)) return true;
  // "You should page the lead", "You may need to restart it": an instruction addressed to the reader.
  const you = YOU_MODAL.exec(t);
  if (you) return verbFirst(t.slice(you[0].length));
  // "To add a reviewer, use …": the purpose, then the instruction.
  const purpose = /^to\s+[a-z]+\b[^,.;:]{0,80},\s*/i.exec(t);
  if (purpose) return verbFirst(t.slice(purpose[0].length));
  const cond = CONDITIONAL.exec(t);
  if (cond) return verbFirst(cond[1]!.replace(VERB_PREFIX, ''));
  return false;
}

/** "Selecting a buddy", "Confirming access": an activity named by its verb's -ing form. */
export function isActivity(text: string): boolean {
  const word = firstWord(text.replace(VERB_PREFIX, ''));
  if (!word.endsWith('ing') || word.length < 6) return false;
  const stem = word.slice(0, -3);
  // select-ing, creat(e)-ing, plan(n)-ing
  return VERBS.has(stem) || VERBS.has(stem + 'e') || (/(.)\1$/.test(stem) && VERBS.has(stem.slice(0, -1)));
}

const YOU_MODAL = /^you\s+(?:may\s+|might\s+|will\s+|also\s+)?(?:should|must|need to|needs to|have to|will need to|can|could)\s+(?:also\s+|then\s+|now\s+|first\s+)?/i;

function verbFirst(t: string): boolean {
  const word = firstWord(t);
  // "List of open PRs", "Change of owner": a verb's form followed by "of" is a noun.
  if (VERBS.has(word)) return !/^[^A-Za-z]{0,6}[A-Za-z][A-Za-z'-]*\s+of\b/i.test(t);
  const m = /^[^A-Za-z]{0,6}([A-Za-z][a-z'-]*)\s+(\S+)/.exec(t);
  if (!m || NOT_VERB.has(word) || word.length < 3) return false;
  // Bare forms only: not "Checks", "Checked", "Checking", "Quickly".
  if (/(?:s|ed|ing|ly|ion|ment|ness|ity|ous|ive|ful|less|able|ible|ary|ory|ic)$/.test(word)) return false;
  return OBJECT_START.test(m[2]!);
}

/** Titles of sections that hold a procedure. Strong ones make any numbered list in them a list of steps. */
const STRONG_PROCEDURE = /\b(procedures?|process(?:es)?|steps?|step[- ]by[- ]step|how[- ]to|runbooks?|playbooks?|checklists?|instructions|workflow|to-?dos?|what to do|action items|actions|tasks)\b/i;
const WEAK_PROCEDURE = /\b(rollout|roll-?back|response|remediation|mitigation|recovery|escalation|triage|onboarding|offboarding|deployment|release|setup|set-up|installation|preparation|handover|handoff|cutover|migration|verification|validation|cleanup|clean-up|follow-?up|closure|investigation|containment|eradication|communication|charter|rota|on-?call)\b/i;

/** Titles whose lists are never steps: contents, references, glossaries, history, background. */
const NOT_PROCEDURE = /^(?:\d+(?:\.\d+)*[.)]?\s+)?(table of contents|contents|toc|references?|related( documents| links| pages| resources)?|see also|resources|links|useful links|further reading|glossary|definitions?|terms|terminology|acronyms|faqs?|frequently asked questions|revision history|change ?log|version history|document history|document control|appendix.*|acknowledge?ments|license|licence|credits|authors|contributors|background|overview|introduction|purpose|scope|summary|examples?|sample.*|templates?|metrics|kpis|success metrics|objectives?|goals?|principles|policy|policies|requirements|prerequisites|assumptions|out of scope|notes?|tools|tooling|contacts|contact (?:details|information|info|list|us|points?|persons?)|key contacts|communication channels|severity levels?|definitions and acronyms|agenda|attendees|participants)\s*:?$/i;

export function procedureStrength(title: string): 'strong' | 'weak' | 'none' {
  if (STRONG_PROCEDURE.test(title)) return 'strong';
  if (WEAK_PROCEDURE.test(title)) return 'weak';
  return 'none';
}

/** "Membership criteria", "Eligibility requirements": conditions to meet, not things to do in order. */
const CONDITIONS_TITLE = /^[\w\s/&-]{0,40}\b(?:criteria|requirements|eligibility)\s*:?$/i;

/** "Appendix B: Swapping shifts": the appendix's own title says what it holds; a bare "Appendix A" is reference. */
const APPENDIX_PREFIX = /^appendix(?:\s+[a-z0-9]{1,4})?\s*[:.–—-]\s*(?=\S)/i;

export function isNonProcedureTitle(title: string): boolean {
  const t = title.trim().replace(/[*_`]/g, '').replace(APPENDIX_PREFIX, '');
  return NOT_PROCEDURE.test(t) || CONDITIONS_TITLE.test(t) || isCatalogueTitle(t);
}

const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const UNIT = '(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|quarters?|years?)';

/** Headings that name a time, a phase or a stage: the steps under them form a group. */
const GROUP_TITLE = new RegExp(
  [
    `^(?:phase|stage|part|wave|sprint|milestone|round)\\s+(?:[0-9]{1,3}|[ivx]{1,5}|[a-e]|one|two|three|four|five|six)\\b`,
    `^(?:day|days|week|weeks|month|months|hour|hours|quarter|year)\\s*[-–+]?\\s*[0-9]{1,4}\\b`,
    `^(?:t|d)\\s*[-–+−]\\s*[0-9]{1,4}`,
    `^t[- ]?minus\\b`,
    `^(?:t|d)[- ]?(?:zero|0)\\b`,
    `^(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th|next)\\s+(?:[0-9]{1,3}\\s+)?${UNIT}`,
    `^(?:the\\s+)?(?:day|week|night|morning|afternoon|evening)\\s+(?:before|of|after)\\b`,
    `^(?:before|after|during|prior to|on|within|by|at|upon|following|once)(?:\\s*/\\s*(?:before|after|during))?\\s+.{1,80}$`,
    `^${WEEKDAY}\\b`,
    `^(?:pre|post)[- ]?(?:release|launch|incident|deploy(?:ment)?|migration|event|meeting|call|go-live|cutover|start|arrival|onboarding|hire|mortem|review|freeze|rollout|change|implementation)\\b`,
    `^(?:daily|weekly|bi-?weekly|fortnightly|monthly|quarterly|annually|annual|yearly|ongoing|immediate(?:ly)?|recurring)\\b`,
    `^[0-9]{1,4}\\s*[-–]\\s*[0-9]{1,4}\\s*${UNIT}\\b`,
    `^[0-9]{1,4}\\s+${UNIT}\\s+(?:before|after|prior|out|from|in)\\b`,
    `^(?:in\\s+the\\s+)?first\\s+[0-9]{1,4}\\s+${UNIT}`,
    `\\b(?:phase|stage)$`,
    `^(?:on|the)\\s+(?:release|launch|start|go-live|cutover|first)\\s+day\\b`,
    `^(?:release|launch|go-live|start|cutover)\\s+day\\b`,
  ].join('|'),
  'i',
);

export function isGroupTitle(title: string): boolean {
  const t = title.trim().replace(/[*_`]/g, '').replace(/^\d+(?:\.\d+)*[.)]?\s+/, '');
  return t.length <= 90 && GROUP_TITLE.test(t);
}

/** The time a group heading names, when its title starts with one ("Week 1", "T-2 weeks", "Day 0"). */
const TIME_PREFIX = new RegExp(
  [
    `^(?:day|days|week|weeks|month|months|hour|hours)\\s*[-–+]?\\s*[0-9]{1,4}(?:\\s*(?:-|–|to)\\s*[-–]?[0-9]{1,4})?`,
    `^(?:t|d)\\s*[-–+−]\\s*[0-9]{1,4}(?:\\s*${UNIT})?`,
    `^[0-9]{1,4}\\s*[-–]\\s*[0-9]{1,4}\\s*${UNIT}`,
    `^[0-9]{1,4}\\s+${UNIT}\\s+(?:before|after|prior to)\\s+[a-z][a-z -]{0,40}`,
    `^(?:first|second|third|1st|2nd|3rd)\\s+(?:[0-9]{1,3}\\s+)?${UNIT}`,
    `^${WEEKDAY}`,
    `^(?:before|after|prior to|within)\\s+.{1,60}$`,
  ].join('|'),
  'i',
);

export function timePrefix(title: string): string | undefined {
  const m = TIME_PREFIX.exec(title);
  return m ? m[0].replace(/[\s:.,–—-]+$/, '') : undefined;
}

const ROLE_PREFIX = /^(?:(?:steps|tasks|actions|duties|responsibilities|checklist|instructions|guidance|to-?dos?)\s+(?:for|of)\s+|for\s+)(?:the\s+|an?\s+)?(.{2,60})$/i;
const ROLE_SUFFIX = /^(?:the\s+)?(.{2,60}?)(?:'s|’s)?\s+(steps|tasks|actions|duties|responsibilities|responsiblities|responsibilites|commitments|obligations|checklist|instructions|to-?dos?|guidelines|expectations|playbook|runbook|cadences|routines|rituals|processes)$/i;

/**
 * The role a heading or label names when it holds that role's steps: "Steps for the on-call lead",
 * "Release manager actions", "Incident Commander". `isRole` decides on the bare name (declared or role-like).
 */
export function roleOfTitle(title: string, isRole: (name: string) => boolean, bareNameAllowed: boolean): string | undefined {
  const t = title.trim().replace(/[*_`]/g, '').replace(/:$/, '').replace(/^\d+(?:\.\d+)*[.)]?\s+/, '').trim();
  if (t.length > 80) return undefined;
  const prefix = ROLE_PREFIX.exec(t);
  if (prefix) {
    const name = prefix[1]!.trim();
    // "Steps for Deputy": the words say a party follows; "For more information" does not.
    const explicit = !/^for\s/i.test(t);
    if (isRole(name) || looksLikeRoleName(name)) return name;
    if (explicit && name.split(/\s+/).length <= 5 && !isImperative(name)) return headingParty(name, '', () => true);
    return undefined;
  }
  const suffix = ROLE_SUFFIX.exec(t);
  if (suffix) {
    const name = suffix[1]!.trim();
    if (isRole(name) || looksLikeRoleName(name) || personNoun(name)) return name;
    // "IR team triage duties", "Acme commitments" (core/parse/roleHeadings.ts).
    const heading = headingParty(name, suffix[2]!, (n) => isRole(n) || ((looksLikeRoleName(n) || personNoun(n)) && !isImperative(n)));
    if (heading) return heading;
    // "Release shepherd responsibilities", "Steward duties": only a party has duties, whatever its title.
    if (/(?:responsibilit(?:y|ies)|duties)$/i.test(t) && name.split(/\s+/).length <= 3 && !/\b(?:the|a|an|your|our|their|my)\b|ing$/i.test(name)) return name;
    // "Newbie onboarding checklist": the party, then the activity.
    const party = name.replace(/\s+[a-z-]+ing$/i, '');
    if (party !== name && (isRole(party) || looksLikeRoleName(party) || personNoun(party))) return party;
    return undefined;
  }
  // "QBRs (Quarterly Business Reviews)": an acronym the parenthesis spells out as a thing, not a party.
  const expansion = /^[^()]+\(([^()]+)\)$/.exec(t);
  if (expansion && !isRole(t) && !looksLikeRoleName(expansion[1]!)) return undefined;
  // "Onboarding of new employees", "Training for supervisors": an activity whose object is a party.
  if (/^[A-Za-z]+(?:ing|ion|ment)\s+(?:of|for)\s/i.test(t)) return undefined;
  if (bareNameAllowed && (isRole(t) || (looksLikeRoleName(t) && titleCase(t) && !isImperative(t) && t.split(/\s+/).length <= 5))) return t;
  return undefined;
}

/** Departments: "HR tasks" in a new starter's checklist are the starter's tasks about HR, not HR's. */
export function isDepartment(name: string): boolean {
  return /^(hr|it|admin|administration|finance|legal|security|facilities|payroll|training|benefits|people ops|operations|ops)$/i.test(name.trim());
}

/** "Onboardee", "Reviewer", "Maintainer": a last word that names a person by what they do. */
export function personNoun(name: string): boolean {
  const words = name.split(/\s+/);
  const last = words[words.length - 1]!.toLowerCase();
  return words.length <= 3 && /(ee|er|or|ist|ian)s?$/.test(last) && !/^(other|order|folder|server|number|member|manager|after|under|over|error|user|character|register|header|footer|docker|cluster|container|browser|computer|paper|letter|power|water|border|sector|factor|monitor|vendor|director)$/.test(last.replace(/s$/, '')) || /^(member|manager|user|vendor|director)s?$/.test(last);
}

/** "Incident Commander", "VP of Sales": every word capitalised but the connectors. */
function titleCase(t: string): boolean {
  return t.split(/\s+/).every((w) => /^[A-Z0-9(]/.test(w) || /^(of|and|for|the|&|to|on|-)$/.test(w));
}

/** Whether `name` is a plausible owner: a declared role, or a name that reads as a role, team or party. */
export function plausibleOwner(name: string, isDeclared: (name: string) => boolean): boolean {
  const n = name.trim();
  if (!n || n.length > 60 || normaliseRole(n) === '') return false;
  if (isDeclared(n)) return true;
  if (/^(you|we|they|it|this|that|all|everyone|anyone|someone)$/i.test(n)) return false;
  return looksLikeRoleName(n);
}
