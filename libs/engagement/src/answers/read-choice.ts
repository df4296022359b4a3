import { AnswerOption } from './answer.types';
import { decide, Decision, Vote, voteFrom } from './decide';
import { Candidate } from './entry-index';
import { LabelIndex } from './label-index';
import { Unit } from './units';

/** Numbers past this are not option numbers: years, phone numbers, times. */
const LARGEST_NUMBER = 100;

/**
 * A choice: a number or key, an ordinal ("the second one", "segunda", "第二"), "the last", a label
 * or a word only one label has, in any language, or a yes/no when one label is the yes (or no).
 * Two different options named, or "both", is ambiguous.
 */
export function readChoice(units: readonly Unit[], candidates: readonly Candidate[], options: readonly AnswerOption[], labels: LabelIndex): Decision {
  const votes = candidates.map((candidate) => choiceVote(candidate, options, labels)).filter((vote): vote is Vote => !!vote);
  return decide(units, votes, { severalIsAmbiguous: true, unsureVoids: false, negate: () => undefined });
}

function choiceVote(candidate: Candidate, options: readonly AnswerOption[], labels: LabelIndex): Vote | undefined {
  const { meaning } = candidate;
  const fromReply = candidate.source === 'reply';
  const vote = (role: Vote['role'], extra: Partial<Vote> = {}, bonus = 0) => voteFrom(candidate, role, extra, bonus);
  const named = (key: string | undefined, extra: Partial<Vote>): Vote =>
    key === undefined ? vote('outOfRange', extra) : vote('target', { target: key, ...extra });
  const atPosition = (position: number) => options[position - 1]?.key;

  switch (meaning.role) {
    case 'number': {
      if (meaning.value > LARGEST_NUMBER) return vote('unknown');
      const key = labels.numericKeys ? options.find((option) => Number(option.key) === meaning.value)?.key : atPosition(meaning.value);
      return named(key, fromReply ? { by: 'number', confidence: 1 } : {});
    }
    case 'ordinal':
      return named(atPosition(meaning.position), fromReply ? { by: 'number', confidence: 0.95 } : {});
    case 'last':
      return named(options[options.length - 1].key, {});
    case 'letter': {
      const letter = String.fromCharCode(96 + meaning.position);
      const key = labels.letterKeys ? options.find((option) => option.key.trim().toLowerCase() === letter)?.key : atPosition(meaning.position);
      return key === undefined ? vote('neutral') : vote('target', { target: key, by: 'key', confidence: 0.7 });
    }
    case 'option': {
      if (meaning.by === 'key') return vote('target', { target: meaning.key, by: 'key', confidence: candidate.weak ? 0.8 : 0.95 });
      const confidence = (meaning.partial ? 0.8 : 0.97) * candidate.similarity;
      return vote('target', { target: meaning.key, by: 'label', confidence }, meaning.partial ? 0.25 : 0.75);
    }
    case 'yes':
    case 'no': {
      const key = labels.polarity[meaning.role];
      if (key === undefined) return vote('neutral');
      return vote('target', { target: key, ...(fromReply ? { by: 'emoji', confidence: 0.9 } : {}) });
    }
    case 'unsure':
    case 'several':
    case 'negator':
      return vote(meaning.role);
    default:
      return vote('neutral');
  }
}
