/**
 * Reference resolution: the event text of a timing phrase ("the kickoff meeting", "contract signing",
 * "renewal", "step 3") → a step, the trigger, or a milestone.
 *
 * Matching is on stemmed content words so that "needs assessment" finds "Needs Assessment Process",
 * "kick-off call" finds "Kickoff Call" and "account set up" finds "Account Setup Procedures".
 */
import { tokenize, TokKind } from './tokens';

export type Reference =
  | { kind: 'step'; index: number }
  | { kind: 'trigger'; text: string }
  | { kind: 'milestone'; name: 'renewal' }
  /** The document's own process ("post-onboarding" in an onboarding SOP): measured from the start. */
  | { kind: 'process' };

/** Event phrases that mean "the process starts" in every document. */
export const BUILTIN_TRIGGERS = [
  'contract signing', 'signed contract', 'contract signed', 'contract signature', 'signature', 'signing',
  'start', 'start date', 'customer start date', 'kickoff of the engagement', 'day 0', 'purchase', 'sale',
  'deal close', 'deal closed', 'closed won', 'order', 'order placed', 'contract execution', 'contract start',
  'trigger',
  // Start events of service and operations SOPs, which often have no Trigger section of their own.
  'ticket creation', 'ticket created', 'request logged', 'request received', 'request submitted', 'incident declared',
  'change window opening', 'manager approval', 'kickoff approval', 'receipt of the signed order form', 'signed order form',
];

const RENEWAL_WORDS = new Set(['renewal', 'renew', 'contract end', 'contract expiry', 'expiry', 'expiration', 'contract renewal', 'renewal date', 'term end']);

const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'for', 'to', 'with', 'our', 'their', 'its', 'new', 'customer', 'client', 'customers', 'clients', 'is', 'are', 'was', 'were', 'has', 'have', 'been', 'being', 'be', 'by', 'from', 'on', 'in', 'at', 'between', 'process', 'procedure', 'procedures', 'step', 'stage', 'phase']);

/** Words that name the same kind of event. */
const SYNONYMS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  call: 'meet', meet: 'meet', session: 'meet', kickoff: 'kickoff', onboard: 'onboard', signatur: 'sign', sign: 'sign',
  agreement: 'contract', deal: 'contract', setup: 'setup', configur: 'setup', provision: 'setup', handover: 'handoff',
  golive: 'golive', launch: 'golive', checkin: 'checkin', review: 'review', assess: 'assess', evaluat: 'assess',
  intro: 'introduct', introduct: 'introduct', welcom: 'welcom', train: 'train', contact: 'contact',
});

function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.endsWith("'s")) w = w.slice(0, -2);
  for (const suffix of ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ed', 'es', 's', 'e']) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return SYNONYMS[w] ?? w;
}

/**
 * Content-word stems of an event or title. Hyphenated and split compounds join (`kick-off`, `kick off`,
 * `set up`, `go-live`, `check-in` become one word), so spelling variants meet.
 */
export function eventStems(text: string): string[] {
  const words: string[] = [];
  const toks = tokenize(text);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === TokKind.Punct) continue;
    let w = t.norm;
    // join `kick-off`, `go-live`, `check-in`, `follow-up`
    while (toks[i + 1]?.norm === '-' && !toks[i + 1]!.spaceBefore && toks[i + 2]?.kind === TokKind.Word && !toks[i + 2]!.spaceBefore) {
      w += toks[i + 2]!.norm;
      i += 2;
    }
    const next = toks[i + 1]?.kind === TokKind.Word ? toks[i + 1]!.norm : '';
    if ((w === 'kick' && next === 'off') || (w === 'set' && next === 'up') || (w === 'go' && next === 'live') || (w === 'check' && next === 'in') || (w === 'hand' && next === 'off')) {
      w += next;
      i++;
    }
    if (STOP.has(w)) continue;
    words.push(stem(w));
  }
  return words;
}

export interface Candidate {
  ref: Reference;
  /** Text shown to users: the step title, the trigger phrase, `renewal`. */
  label: string;
  stems: string[];
  /** For steps: excluded from matching (the step itself and its ancestors). */
  stepIndex?: number;
}

function coverage(anchor: string[], target: string[]): number {
  if (anchor.length === 0) return 0;
  let hit = 0;
  for (const a of anchor) if (target.some((t) => t === a || (a.length >= 5 && t.startsWith(a)) || (t.length >= 5 && a.startsWith(t)))) hit++;
  return hit / anchor.length;
}

function levenshtein(a: string, b: string): number {
  if (a.length > 200 || b.length > 200) return Math.abs(a.length - b.length) + 200;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/**
 * levenshtein(a, b) when it is at most `bound`; otherwise some value above `bound`. Every row of the table only
 * grows from its minimum, so once a whole row exceeds the bound the distance does too.
 */
function levenshteinWithin(a: string, b: string, bound: number, row: Int32Array): number {
  if (a.length > 200 || b.length > 200) return Math.abs(a.length - b.length) + 200;
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      const v = Math.min(tmp + 1, row[j - 1]! + 1, diag + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = v;
      if (v < rowMin) rowMin = v;
      diag = tmp;
    }
    if (rowMin > bound) return bound + 1;
  }
  return row[b.length]!;
}

export interface ResolveResult {
  ref?: Reference;
  /** When unresolved: the closest candidate label, for the quick fix. */
  suggestion?: string;
}

export interface Candidates {
  steps: Candidate[];
  triggers: Candidate[];
  processStems: string[];
  stepNumbers: Map<number, number>;
  /** From indexCandidates: lookups that spare comparing every reference with every step. */
  index?: CandidateIndex;
}

/**
 * Where each stem occurs among the step candidates, and the joined stems of every candidate. Built once per
 * timeline; it describes the very arrays it was built from and is ignored for any other.
 */
export interface CandidateIndex {
  steps: readonly Candidate[];
  /** Distinct step stems, sorted, so all stems with a given prefix sit together. */
  vocabulary: string[];
  /** Stem → positions in `steps` (ascending) of the candidates that have it. */
  postings: Map<string, number[]>;
  stepJoined: string[];
  triggers: readonly Candidate[];
  /** Joined stems → the first trigger with exactly those stems. */
  triggerByJoined: Map<string, Candidate>;
  triggerJoined: string[];
}

export function indexCandidates<C extends Candidates>(candidates: C): C & { index: CandidateIndex } {
  const postings = new Map<string, number[]>();
  candidates.steps.forEach((c, pos) => {
    for (const stem of c.stems) {
      const list = postings.get(stem);
      if (!list) postings.set(stem, [pos]);
      else if (list[list.length - 1] !== pos) list.push(pos);
    }
  });
  const triggerByJoined = new Map<string, Candidate>();
  const triggerJoined = candidates.triggers.map((t) => {
    const joined = t.stems.join(' ');
    if (!triggerByJoined.has(joined)) triggerByJoined.set(joined, t);
    return joined;
  });
  const index: CandidateIndex = {
    steps: candidates.steps,
    vocabulary: [...postings.keys()].sort(),
    postings,
    stepJoined: candidates.steps.map((c) => c.stems.join(' ')),
    triggers: candidates.triggers,
    triggerByJoined,
    triggerJoined,
  };
  return { ...candidates, index };
}

/** First position in the sorted array whose value is not below `key`. */
function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether anchor stem `a` matches title stem `t` in the sense of coverage(). */
function stemMatches(a: string, t: string): boolean {
  return t === a || (a.length >= 5 && t.startsWith(a)) || (t.length >= 5 && a.startsWith(t));
}

/**
 * Work done by reference resolution (postings and candidates visited), for the tests that hold it linear in the
 * number of references: a counter, not a clock.
 */
export const resolveWork = { count: 0 };

/** Above this many steps, suggestions for an unresolved reference look only at titles sharing a word with it. */
const SUGGEST_SCAN = 200;

/**
 * The postings lists of the step candidates with a stem that `a` matches in the sense of coverage(): equal, one a
 * prefix of the other with the prefix at least five letters long. The lists are not merged: a stem every title
 * shares (`task`) would cost the whole plan on every reference.
 */
function postingsMatching(index: CandidateIndex, a: string): { lists: number[][]; size: number } {
  const lists: number[][] = [];
  let size = 0;
  const add = (stem: string) => {
    const list = index.postings.get(stem);
    resolveWork.count++;
    if (list) {
      lists.push(list);
      size += list.length;
    }
  };
  add(a);
  if (a.length >= 5) {
    const vocab = index.vocabulary;
    for (let k = lowerBound(vocab, a); k < vocab.length && vocab[k]!.startsWith(a); k++) if (vocab[k] !== a) add(vocab[k]!);
  }
  for (let len = 5; len < a.length; len++) add(a.slice(0, len));
  return { lists, size };
}

/**
 * Positions (ascending) of the step candidates that cover every stem of the anchor. Only the rarest stem's
 * postings are enumerated; each of those candidates is then checked against the other stems on its own words, so
 * the cost is the rarest stem's postings, not the plan.
 */
function coveringSteps(index: CandidateIndex, stems: string[]): number[] {
  const distinct = [...new Set(stems)];
  const matched = distinct.map((a) => ({ a, ...postingsMatching(index, a) })).sort((x, y) => x.size - y.size);
  const rarest = matched[0]!;
  const seen = new Set<number>();
  const out: number[] = [];
  for (const list of rarest.lists) {
    for (const pos of list) {
      resolveWork.count++;
      if (seen.has(pos)) continue;
      seen.add(pos);
      const own = index.steps[pos]!.stems;
      if (matched.every((m) => m === rarest || own.some((t) => stemMatches(m.a, t)))) out.push(pos);
    }
  }
  return out.sort((x, y) => x - y);
}

const COMPLETION_BEFORE = /^(?:the\s+)?(?:(?:successful|full)\s+)?(?:completion|finish|close|closure|conclusion)\s+of\s+(?:the\s+)?/i;
const COMPLETION_AFTER = /\s+(?:completion|(?:is|are|has\s+been|have\s+been|being|was|were)\s+(?:complete|completed|done|finished)|complete|completed|done|finished)$/i;

/** The event text without a wrapper that only says "when it is finished". */
export function withoutCompletion(text: string): string {
  return text.replace(COMPLETION_BEFORE, '').replace(COMPLETION_AFTER, '').trim();
}

export interface ResolveOptions {
  /** False when the caller only wants the reference: an unresolved one then skips the search for a suggestion. */
  suggest?: boolean;
}

/**
 * Resolves an anchor. Order: `step N`; an exact trigger phrase; the renewal milestone; a step title (not
 * the asking step or its ancestors); a fuzzy trigger; the document's own process name.
 */
export function resolveAnchor(text: string, candidates: Candidates, exclude: Set<number>, options: ResolveOptions = {}): ResolveResult {
  const trimmed = text.trim();
  // "completion of X", "X completion", "X is complete": the event is X finishing, which is what "of X" means anyway.
  const core = withoutCompletion(trimmed);
  if (core !== trimmed && core) {
    const r = resolveAnchor(core, candidates, exclude, { suggest: false });
    if (r.ref) return r;
  }
  const stepRef = /^(?:step|steps)\s+(\d{1,4})$/i.exec(trimmed);
  if (stepRef) {
    const index = candidates.stepNumbers.get(Number(stepRef[1]));
    return index !== undefined && !exclude.has(index) ? { ref: { kind: 'step', index } } : {};
  }
  const stems = eventStems(trimmed);
  if (stems.length === 0) return {};
  const joined = stems.join(' ');
  const index = candidates.index;
  const stepIndex = index && index.steps === candidates.steps ? index : undefined;
  const triggerIndex = index && index.triggers === candidates.triggers ? index : undefined;
  if (triggerIndex) {
    const t = triggerIndex.triggerByJoined.get(joined);
    if (t) return { ref: t.ref };
  } else for (const t of candidates.triggers) if (t.stems.join(' ') === joined) return { ref: t.ref };
  const lower = trimmed.toLowerCase().replace(/^the\s+/, '');
  if (RENEWAL_WORDS.has(lower) || (stems.length <= 2 && stems.some((s) => s === 'renewal' || s === 'renew'))) return { ref: { kind: 'milestone', name: 'renewal' } };

  // The step that covers every word of the anchor with the fewest words of its own; the first on a tie.
  let best: { c: Candidate; score: number; extra: number } | undefined;
  const consider = (c: Candidate) => {
    if (c.stepIndex !== undefined && exclude.has(c.stepIndex)) return;
    const score = coverage(stems, c.stems);
    if (score < 1) return;
    const extra = c.stems.length - stems.length;
    if (!best || extra < best.extra) best = { c, score, extra };
  };
  if (stepIndex) for (const pos of coveringSteps(stepIndex, stems)) consider(stepIndex.steps[pos]!);
  else for (const c of candidates.steps) consider(c);
  if (best) return { ref: best.c.ref };
  for (const t of candidates.triggers) if (coverage(stems, t.stems) === 1 || coverage(t.stems, stems) === 1) return { ref: t.ref };
  if (candidates.processStems.length && coverage(stems, candidates.processStems) === 1) return { ref: { kind: 'process' } };
  if (options.suggest === false) return {};

  // Unresolved: suggest the closest label by shared words, then by edit distance.
  let suggestion: string | undefined;
  let bestScore = -Infinity;
  if (stepIndex) {
    // The same choice as below, with the edit distance cut short once the candidate can no longer win.
    const row = new Int32Array(201);
    const limit = Math.max(2, Math.floor(joined.length / 3));
    const visit = (c: Candidate, other: string) => {
      if (c.stepIndex !== undefined && exclude.has(c.stepIndex)) return;
      const shared = coverage(stems, c.stems);
      // Only a distance of at most this can give a score above the best so far (and pass the filter below); the
      // one to spare keeps floating-point rounding from ever cutting off a winner.
      let bound = Math.floor(shared * 100 - bestScore) + 1;
      if (shared === 0) bound = Math.min(bound, limit);
      if (bound < 0) return;
      const distance = levenshteinWithin(joined, other, bound, row);
      if (shared === 0 && distance > limit) return;
      const score = shared * 100 - distance;
      if (score > bestScore) {
        bestScore = score;
        suggestion = c.label;
      }
    };
    if (stepIndex.steps.length <= SUGGEST_SCAN) {
      resolveWork.count += stepIndex.steps.length;
      stepIndex.steps.forEach((c, pos) => visit(c, stepIndex.stepJoined[pos]!));
    }
    else {
      // A large plan: only titles that share a word with the anchor are worth an edit distance, and at most
      // SUGGEST_SCAN of them, so unresolved references cost the same per reference however long the plan is.
      const picked = new Set<number>();
      for (const a of new Set(stems)) {
        for (const list of postingsMatching(stepIndex, a).lists) {
          for (const pos of list) {
            if (picked.size >= SUGGEST_SCAN) break;
            picked.add(pos);
          }
        }
      }
      for (const pos of [...picked].sort((x, y) => x - y)) {
        resolveWork.count++;
        visit(stepIndex.steps[pos]!, stepIndex.stepJoined[pos]!);
      }
    }
    candidates.triggers.forEach((c, pos) => visit(c, triggerIndex ? triggerIndex.triggerJoined[pos]! : c.stems.join(' ')));
  } else {
    for (const c of [...candidates.steps, ...candidates.triggers]) {
      if (c.stepIndex !== undefined && exclude.has(c.stepIndex)) continue;
      const shared = coverage(stems, c.stems);
      const distance = levenshtein(joined, c.stems.join(' '));
      // A suggestion with no word in common and little spelling in common sends people the wrong way.
      if (shared === 0 && distance > Math.max(2, Math.floor(joined.length / 3))) continue;
      const score = shared * 100 - distance;
      if (score > bestScore) {
        bestScore = score;
        suggestion = c.label;
      }
    }
  }
  const out: ResolveResult = {};
  if (suggestion !== undefined) out.suggestion = suggestion;
  return out;
}
