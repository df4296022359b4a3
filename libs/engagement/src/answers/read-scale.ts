import { decide, Decision, Vote, voteFrom, voteWeight } from './decide';
import { Candidate } from './entry-index';
import { Unit } from './units';

/**
 * A value on a scale: a number in digits or words, in range ("4", "cuatro", "四", "넷"); "4/5",
 * "4 out of 5", "4 de 5", "4 sur 5" when the second number is the top of the scale (another top,
 * "8/10" on 1–5, is not converted: out of range); "5 stars"; a row of ⭐ with no number, counted.
 * Two values ("3 or 4", "3-4", "3.5") are ambiguous.
 */
export function readScale(units: readonly Unit[], candidates: readonly Candidate[], scale: { min: number; max: number }): Decision {
  const inRange = (value: number) => Number.isInteger(value) && value >= scale.min && value <= scale.max;
  const votes = candidates.map((candidate) => scaleVote(candidate, inRange)).filter((vote): vote is Vote => !!vote);
  votes.push(...fractions(candidates, scale.max, inRange), ...stars(units, candidates, inRange));
  return decide(units, votes, { severalIsAmbiguous: false, unsureVoids: false, negate: () => undefined });
}

function scaleVote(candidate: Candidate, inRange: (value: number) => boolean): Vote | undefined {
  const { meaning } = candidate;
  const fromReply = candidate.source === 'reply';
  const vote = (role: Vote['role'], extra: Partial<Vote> = {}) => voteFrom(candidate, role, extra);
  switch (meaning.role) {
    case 'number': {
      if (meaning.value > 100) return vote('unknown');
      const extra: Partial<Vote> = fromReply ? { by: 'number', confidence: 1 } : {};
      return inRange(meaning.value) ? vote('target', { target: String(meaning.value), ...extra }) : vote('outOfRange', extra);
    }
    case 'ordinal':
    case 'last':
    case 'option':
      return vote('unknown');
    case 'letter':
      return undefined;
    case 'unsure':
    case 'negator':
      return vote(meaning.role);
    default:
      return vote('neutral');
  }
}

/** "4/5", "4 out of 5", "cuatro de cinco": a value over the top of the scale. */
function fractions(candidates: readonly Candidate[], max: number, inRange: (value: number) => boolean): Vote[] {
  const numbers = candidates.filter((candidate) => candidate.meaning.role === 'number');
  const ofs = candidates.filter((candidate) => candidate.meaning.role === 'outOf');
  const votes: Vote[] = [];
  for (const value of numbers) {
    for (const of of ofs.filter((candidate) => candidate.start === value.end)) {
      for (const top of numbers.filter((candidate) => candidate.start === of.end)) {
        const numerator = (value.meaning as { value: number }).value;
        const denominator = (top.meaning as { value: number }).value;
        const role = denominator === max && inRange(numerator) ? 'target' : 'outOfRange';
        const chars = value.chars + of.chars + top.chars;
        votes.push({
          start: value.start,
          end: top.end,
          role,
          target: String(numerator),
          weak: false,
          confidence: value.source === 'reply' ? 1 : 0.95,
          by: value.source === 'reply' ? 'number' : 'word',
          languages: [...value.languages, ...top.languages],
          weight: voteWeight(chars, 1, role, 2),
        });
      }
    }
  }
  return votes;
}

/** ⭐⭐⭐⭐ with no number beside: as many as there are. */
function stars(units: readonly Unit[], candidates: readonly Candidate[], inRange: (value: number) => boolean): Vote[] {
  if (candidates.some((candidate) => candidate.meaning.role === 'number')) return [];
  const positions = units.flatMap((unit, index) => (unit.emoji === 'star' ? [index] : []));
  if (positions.length === 0) return [];
  const count = positions.length;
  const role = inRange(count) ? 'target' : 'outOfRange';
  return [
    {
      start: positions[0],
      end: positions[count - 1] + 1,
      role,
      target: String(count),
      weak: false,
      confidence: 0.9,
      by: 'emoji',
      languages: [],
      weight: voteWeight(count, 1, role, 2),
    },
  ];
}
