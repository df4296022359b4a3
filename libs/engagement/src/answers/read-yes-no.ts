import { decide, Decision, Vote, voteFrom } from './decide';
import { Candidate } from './entry-index';
import { Unit } from './units';

/**
 * Yes or no: the words of every district language, 👍/👎 and ✅/❌, and, when the question was
 * sent numbered, 1 and 2. A yes right after a negation ("not yes", "no sí", "不去", "안 가요")
 * is a no; a negation alone ("we don't") is a no with less confidence; "maybe", "no sé" and
 * "不知道" are no answer at all, whatever else the reply says.
 */
export function readYesNo(units: readonly Unit[], candidates: readonly Candidate[], numbered: boolean): Decision {
  const votes = candidates.map((candidate) => yesNoVote(candidate, numbered)).filter((vote): vote is Vote => !!vote);
  return decide(units, votes, {
    severalIsAmbiguous: false,
    unsureVoids: true,
    negate: (vote) => (vote.target === 'yes' ? { ...vote, target: 'no', confidence: 0.7 } : undefined),
    negativeTarget: 'no',
    negationAlone: { target: 'no', confidence: 0.6, by: 'word' },
  });
}

function yesNoVote(candidate: Candidate, numbered: boolean): Vote | undefined {
  const { meaning } = candidate;
  const vote = (role: Vote['role'], extra: Partial<Vote> = {}) => voteFrom(candidate, role, extra);
  switch (meaning.role) {
    case 'yes':
    case 'no':
      return vote('target', { target: meaning.role, ...(candidate.source === 'reply' ? { by: 'emoji', confidence: 0.9 } : {}) });
    case 'number':
      if (!numbered || candidate.source !== 'reply') return vote('unknown');
      if (meaning.value === 1 || meaning.value === 2) {
        return vote('target', { target: meaning.value === 1 ? 'yes' : 'no', by: 'number', confidence: 1 });
      }
      return vote('outOfRange');
    case 'unsure':
    case 'negator':
      return vote(meaning.role);
    case 'ordinal':
    case 'last':
    case 'option':
      return vote('unknown');
    case 'letter':
      return undefined;
    default:
      return vote('neutral');
  }
}
