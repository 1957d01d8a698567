/**
 * Role names as people write them: "Customer Success Manager (CSM)", "CSMs", "the customer success
 * managers". Everything that compares roles (parser, unknown-role, completion, rename) goes through here.
 */

/** Words that do not take a plural `s` off (their `s` is not a plural). */
const NOT_PLURAL = new Set([
  'sales',
  'success',
  'business',
  'process',
  'analytics',
  'logistics',
  'operations',
  'ops',
  'services',
  'status',
  'relations',
  'affairs',
  'resources',
  'communications',
  'systems',
  'its',
  'us',
]);

export function singularise(word: string): string {
  const lower = word.toLowerCase();
  if (NOT_PLURAL.has(lower) || lower.length < 3) return word;
  if (/ies$/i.test(word) && word.length > 4) return word.slice(0, -3) + (word.endsWith('IES') ? 'Y' : 'y');
  if (/(ss|us|is)$/i.test(word)) return word;
  if (/(ch|sh|x)es$/i.test(word)) return word.slice(0, -2);
  if (/s$/.test(word)) return word.slice(0, -1);
  if (/S$/.test(word) && /[a-z]/.test(word)) return word.slice(0, -1);
  return word;
}

/** Acronyms are compared case-insensitively and without a plural `s` ("CSMs" = "CSM"). */
export function normaliseAcronym(acronym: string): string {
  const a = acronym.trim();
  const stripped = /^[A-Z0-9&]{2,}s$/.test(a) ? a.slice(0, -1) : a;
  return stripped.toLowerCase();
}

/**
 * The comparable form of a role name: lower case, no leading article, no parenthetical, singular last word.
 * "The Customer Success Managers" → "customer success manager".
 */
export function normaliseRole(name: string): string {
  let s = name
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[*_`"“”’']/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(the|a|an|our|your)\s+/i, '')
    .replace(/[.,;:]+$/, '');
  const words = s.split(' ');
  if (words.length === 1 && /^[A-Z0-9&]{2,}s?$/.test(words[0]!)) return normaliseAcronym(words[0]!);
  const last = words.length - 1;
  if (last >= 0) words[last] = singularise(words[last]!);
  s = words.join(' ');
  return s.toLowerCase();
}

export interface NameAndAcronym {
  name: string;
  acronym?: string;
  /** Offset of the name within the input. */
  nameStart: number;
  nameEnd: number;
}

const ACRONYM_IN_PARENS = /\(\s*([A-Z][A-Za-z0-9&]{1,9})\s*\)/;

/** "Customer Success Manager (CSM)" → name + acronym; a parenthesised person ("(Jared)") is dropped. */
export function splitNameAndAcronym(text: string): NameAndAcronym {
  const m = ACRONYM_IN_PARENS.exec(text);
  let acronym: string | undefined;
  let cut = text.length;
  if (m && /^[A-Z0-9&]{2,}s?$/.test(m[1]!)) {
    acronym = m[1]!.replace(/s$/, '');
    cut = m.index;
  } else {
    const paren = text.indexOf('(');
    if (paren > 0) cut = paren;
  }
  let start = 0;
  while (start < cut && /\s/.test(text[start]!)) start++;
  let end = cut;
  while (end > start && /[\s.,;:]/.test(text[end - 1]!)) end--;
  const result: NameAndAcronym = { name: text.slice(start, end), nameStart: start, nameEnd: end };
  if (acronym) result.acronym = acronym;
  return result;
}

/** Every normalised spelling of a role. */
export function roleAliases(name: string, acronym?: string, extra: string[] = []): string[] {
  const set = new Set<string>();
  const n = normaliseRole(name);
  if (n) set.add(n);
  if (acronym) set.add(normaliseAcronym(acronym));
  for (const e of extra) {
    const x = normaliseRole(e);
    if (x) set.add(x);
  }
  return [...set];
}

/** Last words that make a phrase a role, team or party rather than a thing. */
const ROLE_NOUNS = new Set(
  (
    'manager representative rep executive team lead leader engineer specialist director officer analyst administrator ' +
    'admin coordinator agent consultant owner sponsor champion customer client architect developer staff department ' +
    'desk group committee board head vp president ceo cto cfo coo ciso cso legal finance leadership support partner ' +
    'reviewer approver auditor trainer instructor facilitator steward operator technician associate advisor member ' +
    'personnel counsel hr it ops operations sales marketing procurement security compliance contact driver ' +
    'stakeholder user sponsor buyer vendor supplier contractor professional expert liaison planner scheduler ' +
    'buddy mentor mentee onboardee employee hire starter supervisor commander responder maintainer captain scribe ' +
    'requester requestor assignee investigator researcher scientist oncall on-call dri nurse physician clinician ' +
    'newbie joiner newcomer coach recruiter interviewer organiser organizer editor writer author tester pm tpm sre secretary'
  ).split(' '),
);

const ROLE_FIRST_WORDS = new Set(['vp', 'head', 'chief', 'director', 'senior', 'lead', 'svp', 'evp']);

export function looksLikeRoleName(name: string): boolean {
  const words = name
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 7) return false;
  const last = singularise(words[words.length - 1]!).toLowerCase();
  if (ROLE_NOUNS.has(last)) return true;
  if (ROLE_FIRST_WORDS.has(words[0]!.toLowerCase())) return true;
  return words.length === 1 && /^[A-Z]{2,6}s?$/.test(words[0]!);
}

/** Descriptions that say the thing defined is a person or a group. */
export function describesAParty(description: string): boolean {
  return /^(the |an? |any )?(primary |main |dedicated |assigned )?(person|individual|team|role|representative|group|point of contact|owner|department|people|staff|employee)\b/i.test(
    description.trim(),
  ) || /\bresponsible for\b/i.test(description);
}

/** Levenshtein distance with an early exit once `max` is exceeded; O(n·m) on short role names only. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Owner values that only hold the place of an owner: "TBD", "[OWNER]", "To be assigned", "?", "N/A". */
export function isPlaceholderOwner(name: string): boolean {
  const t = name.trim().replace(/[.!]+$/, '');
  return (
    t === '' ||
    /^[?\-–—_]+$/.test(t) ||
    /^\[[^\]]*\]$/.test(t) ||
    /^\{\{.*\}\}$/.test(t) ||
    /^(tbd|tbc|tba|n\/?a|none|unassigned|unknown|owner|someone|to be (assigned|determined|confirmed|decided)|pending|xxx+)$/i.test(t)
  );
}
