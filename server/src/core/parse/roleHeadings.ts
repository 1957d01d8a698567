/**
 * The party a role heading names: "Night porter duties", "Steps for the archivist", "Warden inspection tasks",
 * "Acme commitments". The heading's words around the name are read by the caller (signals.roleOfTitle); this
 * module decides what, in the words before or after them, is the party.
 */

/** Words that name what is done or a quality of it, never who does it: "Checklist of tasks", "Key duties". */
const NOT_A_PARTY = new Set(
  (
    'tasks task steps step actions action items item things duties duty activities activity responsibilities ' +
    'checks processes process procedures procedure instructions guidelines general key main additional other ' +
    'shared core specific common daily weekly monthly quarterly annual ongoing optional mandatory required ' +
    'your our my their his her its my initial final first last next previous new current some all each every ' +
    'incident project release data system product service change deployment technical operational legal ' +
    'administrative onboarding offboarding response recovery review these those this that the'
  ).split(' '),
);

/** "Incident response", "Data management", "Testing": an activity or a quality, not who acts. */
const ABSTRACT = /(?:ion|ment|ance|ence|ness|ity|sis|ing|ure|ics)$/i;

/**
 * Words after which a heading names obligations a party has taken on: any name before them is that party
 * ("Acme commitments", "Release shepherd responsibilities"), not only a name that reads as a role.
 */
const DUTY_WORDS = /^(?:responsibilities|responsiblities|responsibilites|duties|commitments|obligations)$/i;

/**
 * The party named by `name` (the words a role heading puts before or after its duty word), or undefined.
 * `isParty` says whether a phrase reads as a role, team or person (declared, role-like or a person noun).
 *
 * | heading                                  | party            |
 * |------------------------------------------|------------------|
 * | Quartermaster responsibilities           | Quartermaster    |
 * | Night porter inspection duties           | Night porter     |
 * | Acme commitments                         | Acme             |
 * | Checklist of tasks                       | —                |
 * | Key responsibilities                     | —                |
 * | Onboarding responsibilities              | —                |
 */
export function headingParty(name: string, dutyWord: string, isParty: (n: string) => boolean): string | undefined {
  const clean = name.trim().replace(/^(?:the|a|an)\s+/i, '');
  const words = clean.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6) return undefined;
  if (words.every((w) => NOT_A_PARTY.has(w.toLowerCase()))) return undefined;
  if (isParty(clean)) return clean;
  // "IR team triage responsibilities": the party, then the activity its duties belong to.
  for (let keep = words.length - 1; keep >= 1 && words.length - keep <= 2; keep--) {
    const head = words.slice(0, keep).join(' ');
    if (isParty(head) && !NOT_A_PARTY.has(words[keep - 1]!.toLowerCase())) return head;
  }
  // "Acme commitments", "Release shepherd responsibilities": only a party takes on duties; a capitalised name
  // of a few words before them is one, unless it names an activity ("Testing duties").
  const last = words[words.length - 1]!;
  if (DUTY_WORDS.test(dutyWord) && words.length <= 3 && /^[A-Z]/.test(words[0]!) && !NOT_A_PARTY.has(last.toLowerCase()) && !ABSTRACT.test(last)) {
    return clean;
  }
  return undefined;
}
