import { MatchedBy, UnrecognisedReason } from './answer.types';
import { Candidate } from './entry-index';
import { Unit } from './units';

/** What a reading of a stretch of the reply means for the question asked. */
export type VoteRole = 'target' | 'outOfRange' | 'negator' | 'unsure' | 'several' | 'neutral' | 'unknown';

export interface Vote {
  start: number;
  end: number;
  role: VoteRole;
  /** For `target`: the option key, "yes"/"no", or the scale value. */
  target?: string;
  weak: boolean;
  confidence: number;
  by: MatchedBy;
  languages: readonly string[];
  /** Longer, closer and more specific readings win a stretch over the shorter ones inside it. */
  weight: number;
  /** Read from a misspelling: it does not make the words it covers known. */
  loose?: boolean;
}

export interface DecideRules {
  /** "Both", "all": more than one option named (choice questions). */
  severalIsAmbiguous: boolean;
  /** "Maybe" voids the answer (yes/no) rather than lowering its confidence (choice, scale). */
  unsureVoids: boolean;
  /** A negated target: what it becomes ("not yes" → no), or undefined to drop it. */
  negate(vote: Vote): Vote | undefined;
  /** The target that is itself a negation ("no"), whose negation words still negate what follows. */
  negativeTarget?: string;
  /** What a reply with a negation and nothing else means ("we don't"), if anything. */
  negationAlone?: Pick<Vote, 'target' | 'confidence' | 'by'>;
}

export type Decision = { target: string; confidence: number; by: MatchedBy; language?: string } | { reason: UnrecognisedReason };

const ROLE_BONUS: Readonly<Record<VoteRole, number>> = {
  target: 0.5,
  outOfRange: 0.5,
  unsure: 0.4,
  several: 0.4,
  negator: 0.3,
  neutral: 0,
  unknown: 0,
};

export function voteWeight(chars: number, similarity: number, role: VoteRole, bonus = 0): number {
  return chars * similarity + ROLE_BONUS[role] + bonus;
}

/** A word's vote: 0.95 sure (0.8 for a weak word), less for a misspelling; `extra` overrides. */
export function voteFrom(candidate: Candidate, role: VoteRole, extra: Partial<Vote> = {}, bonus = 0): Vote {
  const { start, end, weak, similarity, languages, chars } = candidate;
  return {
    start,
    end,
    role,
    weak,
    confidence: (weak ? 0.8 : 0.95) * similarity,
    by: 'word',
    languages,
    weight: voteWeight(chars, similarity, role, bonus),
    ...(similarity < 1 ? { loose: true } : {}),
    ...extra,
  };
}

/** Replies longer than this are read only by what they say outside the sentence around it. */
const SHORT_REPLY = 4;
/** A negation with nothing negated is a "no" only in replies this short ("we don't have one"). */
const SHORT_NEGATION = 5;

interface Reading {
  targets: Vote[];
  /** Targets in the middle of a longer sentence ("el bus no pasó hoy"): they only make it ambiguous. */
  buried: Vote[];
  negated: number;
  negators: Vote[];
  unsure: boolean;
  several: boolean;
  outOfRange: boolean;
  contested: boolean;
  allKnown: boolean;
}

/**
 * Picks the readings that do not overlap, heaviest first; then decides. A weak word ("de", "dạ",
 * a bare 二) counts only when no strong target is there and it is the whole reply (every other
 * unit a filler or an answer word) or its first word before punctuation ("Si, voy a ir").
 * A target right after a negation ("not 2", "no sí", "不去") is negated. In a reply of more than
 * four units, a word or label after words the reader does not know is part of a sentence about
 * something else ("孩子下午要看牙医", "the bus did not come this morning"), not an answer; a digit
 * or an emoji is, unless words it does not know surround it.
 */
export function decide(units: readonly Unit[], votes: readonly Vote[], rules: DecideRules): Decision {
  const reading = readVotes(units, votes, rules);
  const { targets, buried, negators } = reading;
  if (rules.severalIsAmbiguous && reading.several) return { reason: 'ambiguous' };
  const distinct = new Set(targets.map((vote) => vote.target));
  if (new Set([...distinct, ...buried.map((vote) => vote.target)]).size > 1 && distinct.size > 0) return { reason: 'ambiguous' };
  if (reading.unsure && (rules.unsureVoids || distinct.size === 0)) return { reason: 'unsure' };
  if (distinct.size === 0) {
    if (reading.negated > 0) return { reason: 'negated' };
    if (reading.outOfRange) return { reason: 'out_of_range' };
    if (reading.contested) return { reason: 'ambiguous' };
    if (negators.length > 0 && rules.negationAlone && units.length <= SHORT_NEGATION) {
      const { target, confidence, by } = rules.negationAlone;
      if (target !== undefined) return { target, confidence, by };
    }
    return { reason: 'no_match' };
  }

  const best = targets.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  let confidence = best.confidence + 0.03 * (targets.length - 1);
  if (!reading.allKnown) confidence *= 0.9;
  if (reading.unsure) confidence *= 0.7;
  if (reading.outOfRange) confidence *= 0.9;
  const language = commonLanguage(targets);
  if (best.target === undefined) return { reason: 'no_match' };
  return {
    target: best.target,
    confidence: Math.round(Math.min(1, confidence) * 100) / 100,
    by: best.by,
    ...(language ? { language } : {}),
  };
}

function readVotes(units: readonly Unit[], votes: readonly Vote[], rules: DecideRules): Reading {
  const selected = selectNonOverlapping(votes.filter((vote) => vote.role !== 'unknown'));
  const accepted = selected.filter((vote) => !contested(vote, votes));
  const known = new Array<boolean>(units.length).fill(false);
  for (const vote of votes) {
    if (vote.role !== 'unknown' && !vote.loose) for (let i = vote.start; i < vote.end; i += 1) known[i] = true;
  }
  const allKnown = known.every(Boolean);
  const first = accepted.filter((vote) => vote.role !== 'neutral').sort((a, b) => a.start - b.start)[0];
  const leading = (vote: Vote) => vote === first && units[vote.end - 1].breakAfter;
  const strongTargets = accepted.some((vote) => vote.role === 'target' && !vote.weak);
  const counts = (vote: Vote) => !vote.weak || ((vote.role !== 'target' || !strongTargets) && (allKnown || leading(vote)));
  // Digits and emoji stand out wherever they are ("I give it a 4"); words only at the start.
  const isBuried = (vote: Vote) =>
    units.length > SHORT_REPLY &&
    known.slice(0, vote.start).includes(false) &&
    (vote.by === 'word' || vote.by === 'label' || known.slice(vote.end).includes(false));

  // A negation inside a longer reading ("no sé", "no problem") negates nothing, unless that
  // reading is itself a no ("dạ không" in "dạ không đi được").
  const insideOther = (negator: Vote) =>
    accepted.some(
      (a) =>
        overlaps(a, negator) &&
        (a.start !== negator.start || a.end !== negator.end) &&
        !(a.role === 'target' && a.target !== undefined && a.target === rules.negativeTarget),
    );
  const negators = votes.filter((vote) => vote.role === 'negator' && !insideOther(vote) && counts(vote) && !isBuried(vote));
  const isNegated = (target: Vote) =>
    negators.some((negator) => {
      if (negator.end > target.start || target.start - negator.end > 1) return false;
      for (let i = negator.end - 1; i < target.start; i += 1) if (units[i].breakAfter) return false;
      return true;
    });

  const reading: Reading = {
    targets: [],
    buried: [],
    negated: 0,
    negators,
    unsure: false,
    several: false,
    outOfRange: false,
    contested: accepted.length < selected.length,
    allKnown,
  };
  for (const vote of accepted) {
    if (!counts(vote)) continue;
    if (vote.role === 'unsure' || vote.role === 'several' || vote.role === 'outOfRange') {
      if (!isBuried(vote)) reading[vote.role] = true;
      continue;
    }
    if (vote.role !== 'target') continue;
    const target = isNegated(vote) ? rules.negate(vote) : vote;
    if (target !== vote) reading.negated += 1;
    if (target) (isBuried(vote) ? reading.buried : reading.targets).push(target);
  }
  return reading;
}

function selectNonOverlapping(votes: readonly Vote[]): Vote[] {
  const sorted = [...votes].sort((a, b) => b.weight - a.weight || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const accepted: Vote[] = [];
  for (const vote of sorted) if (!accepted.some((other) => overlaps(other, vote))) accepted.push(vote);
  return accepted;
}

/** The same word read two ways as heavily: "k" is "ok" in English and "không" in Vietnamese. */
function contested(vote: Vote, votes: readonly Vote[]): boolean {
  return (
    vote.role === 'target' &&
    votes.some(
      (other) =>
        other.role === 'target' && other.target !== vote.target && other.start === vote.start && other.end === vote.end && other.weight === vote.weight,
    )
  );
}

function overlaps(a: Vote, b: Vote): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The one language all the deciding words share, if they name any. */
function commonLanguage(targets: readonly Vote[]): string | undefined {
  let shared: string[] | undefined;
  for (const vote of targets) {
    if (vote.languages.length === 0) continue;
    shared = shared ? shared.filter((language) => vote.languages.includes(language)) : [...vote.languages];
  }
  return shared?.length === 1 ? shared[0] : undefined;
}
