import { DomainError } from '@porchlight/contracts';
import { AnswerContext, AnswerQuestion, MatchedBy, ParsedAnswer } from './answer.types';
import { Decision } from './decide';
import { Candidate, EntryIndex, findCandidates } from './entry-index';
import { labelIndex } from './label-index';
import { lexiconIndex } from './lexicon-index';
import { readChoice } from './read-choice';
import { readScale } from './read-scale';
import { readYesNo } from './read-yes-no';
import { Unit, unitize } from './units';

/** Past this many units (words, numbers, CJK characters) a reply is a comment, not an answer to read. */
const MAX_UNITS = 80;

export interface AnswerParser {
  readonly question: AnswerQuestion;
  /** Reads one reply. Never throws; the reply's text comes back in every result. */
  parse(text: string): ParsedAnswer;
}

/**
 * Reads SMS replies to one survey question. Build it once per question and district (labels and
 * lexicons are indexed here), then call `parse` for each reply.
 *
 * The caller classifies compliance keywords first (`classifyKeyword` in `@porchlight/sms`): an
 * opt-out or a HELP is never an answer, whatever the question. An opt-in word ("YES", "SÍ") only
 * changes anything for an opted-out phone, which gets no survey; for everyone else it is an answer.
 *
 * Throws a DomainError `invalid` for a question that cannot be answered: a choice without options
 * or with two options of the same key, a scale whose min is not below its max.
 */
export function createAnswerParser(question: AnswerQuestion, context: AnswerContext): AnswerParser {
  validate(question);
  if (question.kind === 'text') {
    return { question, parse: (text) => (text.trim() ? { kind: 'text', text } : { kind: 'unrecognised', text, reason: 'empty' }) };
  }
  const lexicon = lexiconIndex(context.languages);
  const labels = question.kind === 'choice' ? labelIndex(question.options, lexicon) : undefined;
  const indexes: EntryIndex[] = labels ? [lexicon.index, labels.index] : [lexicon.index];
  const read = (units: Unit[], candidates: Candidate[]): Decision => {
    switch (question.kind) {
      case 'choice':
        return readChoice(units, candidates, question.options, labels ?? labelIndex(question.options, lexicon));
      case 'yesno':
        return readYesNo(units, candidates, question.numbered === true);
      case 'scale':
        return readScale(units, candidates, question);
    }
  };
  return {
    question,
    parse(text: string): ParsedAnswer {
      if (!text.trim()) return { kind: 'unrecognised', text, reason: 'empty' };
      const units = unitize(text);
      if (units.length === 0 || units.length > MAX_UNITS) return { kind: 'unrecognised', text, reason: 'no_match' };
      const decision = read(units, findCandidates(units, indexes, lexicon.known));
      if ('reason' in decision) return { kind: 'unrecognised', text, reason: decision.reason };
      return answer(question.kind, text, decision);
    },
  };
}

/** One reply, one question: `createAnswerParser(question, context).parse(text)`. */
export function parseAnswer(question: AnswerQuestion, text: string, context: AnswerContext): ParsedAnswer {
  return createAnswerParser(question, context).parse(text);
}

function answer(
  kind: 'choice' | 'yesno' | 'scale',
  text: string,
  decision: { target: string; confidence: number; by: MatchedBy; language?: string },
): ParsedAnswer {
  const { target, confidence, by: matchedBy, language } = decision;
  const common = { kind: 'answer' as const, text, confidence, matchedBy, ...(language ? { language } : {}) };
  if (kind === 'choice') return { ...common, optionKey: target };
  if (kind === 'yesno') return { ...common, boolean: target === 'yes' };
  return { ...common, value: Number(target) };
}

function validate(question: AnswerQuestion): void {
  if (question.kind === 'choice') {
    if (question.options.length === 0) throw new DomainError('invalid', 'A choice question needs at least one option');
    const keys = question.options.map((option) => option.key.trim().toLowerCase());
    if (keys.some((key) => key === '')) throw new DomainError('invalid', 'Every option needs a key');
    if (new Set(keys).size !== keys.length) throw new DomainError('invalid', 'Two options have the same key', { keys });
  }
  if (question.kind === 'scale') {
    const { min, max } = question;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min >= max) {
      throw new DomainError('invalid', 'A scale needs whole numbers with min below max', { min, max });
    }
  }
}
