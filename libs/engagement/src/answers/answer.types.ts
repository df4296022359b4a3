/**
 * What the answer reader takes and gives. A survey question as the parser needs it, the district's
 * languages, and the reading of one SMS reply.
 */

/** One option of a `choice` question: its key ("1", "2", or "a", "b") and its label per language. */
export interface AnswerOption {
  key: string;
  /** BCP 47 → the label in that language: the survey's source language and each translation. */
  labels: Readonly<Record<string, string>>;
}

export type AnswerQuestion =
  | { kind: 'choice'; options: readonly AnswerOption[] }
  /** `numbered`: the question was sent as "1 = yes, 2 = no", so a bare 1 or 2 answers it. */
  | { kind: 'yesno'; numbered?: boolean }
  | { kind: 'scale'; min: number; max: number }
  | { kind: 'text' };

export type QuestionKind = AnswerQuestion['kind'];

export interface AnswerContext {
  /**
   * The district's languages (BCP 47). Their number, yes/no and ordinal words are read, and
   * English's always; words of other languages are not, so that "de" (two in Haitian Creole)
   * or "la" ("no" in Arabic written in Latin letters) do not get in the way where nobody means them.
   */
  languages: readonly string[];
}

/** What recognised the answer: a digit, an option key, an option's label, a word, an emoji. */
export type MatchedBy = 'number' | 'key' | 'label' | 'word' | 'emoji';

/**
 * Why nothing was recognised, so the caller can word its second ask ("reply a number from 1 to 5"):
 * - `empty`: no text (a picture, only spaces);
 * - `no_match`: nothing in the reply names an option, a yes or a no, or a value;
 * - `ambiguous`: two different options or values are named ("1 or 2", "both", "yes no");
 * - `out_of_range`: a number that is not an option or lies outside the scale ("7" for 1–5);
 * - `negated`: the only thing named is negated ("not 2");
 * - `unsure`: "maybe", "no sé", "不知道" — the family does not know yet.
 */
export type UnrecognisedReason = 'empty' | 'no_match' | 'ambiguous' | 'out_of_range' | 'negated' | 'unsure';

interface Recognised {
  kind: 'answer';
  /** The reply exactly as received: the caller stores it with the answer. */
  text: string;
  /**
   * 0–1, how sure the reading is: a bare digit is 1, a misspelt label or a word among many
   * unknown ones less. A ranking for review screens, not a probability.
   */
  confidence: number;
  matchedBy: MatchedBy;
  /** The language of the word or label that decided, when only one language spells it so. */
  language?: string;
}

export interface ChoiceAnswer extends Recognised {
  optionKey: string;
}

export interface YesNoAnswer extends Recognised {
  boolean: boolean;
}

export interface ScaleAnswer extends Recognised {
  value: number;
}

export interface UnrecognisedAnswer {
  kind: 'unrecognised';
  text: string;
  reason: UnrecognisedReason;
}

/** The reply to a `text` question: kept as it is, to be language-detected and translated. */
export interface TextAnswer {
  kind: 'text';
  text: string;
}

export type ParsedAnswer = ChoiceAnswer | YesNoAnswer | ScaleAnswer | UnrecognisedAnswer | TextAnswer;
