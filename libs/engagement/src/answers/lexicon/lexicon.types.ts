/**
 * The words one language answers with. Write them as people spell them, with accents; the reader
 * compares them the way it compares replies (case, accents, repeated letters, spacing and
 * punctuation aside), so "Sí", "si" and "siii" are one entry. Phrases are fine ("claro que sí",
 * "不知道"); the longest phrase found in a reply wins over the words inside it.
 */
export interface LanguageLexicon {
  /** Cardinal numbers by value, 0–10. */
  numbers: Readonly<Partial<Record<number, readonly string[]>>>;
  /** Ordinals by position, 1–10: "second", "segunda", "第二", "두 번째". */
  ordinals: Readonly<Partial<Record<number, readonly string[]>>>;
  /** "The last one". */
  last: readonly string[];
  yes: readonly string[];
  no: readonly string[];
  /** "Maybe", "I don't know": the family has not decided, whatever else it says. */
  unsure: readonly string[];
  /** "Both", "all of them": more than one option. */
  several: readonly string[];
  /** Words that turn what follows into its opposite: "not", "pas", "не", "不". */
  negators: readonly string[];
  /**
   * Words around an answer that do not change it: polite words, greetings, "I think", "option",
   * "number", articles, particles. A reply made only of these and answer words is a clean answer.
   */
  fillers: readonly string[];
  /** Words that say "of" between a value and the top of the scale: "4 out of 5", "4 de 5". */
  outOf: readonly string[];
  /** Stars and points: "5 stars", "4 puntos". */
  units: readonly string[];
  /**
   * Frequent words of the language. Another language's answer word spelt the same way ("de" is
   * two in Haitian Creole and "of" in Spanish) only counts when it is the whole reply.
   */
  common: readonly string[];
  /** Answer words of this language that are also ordinary words in it ("năm" is five and year). */
  weak?: readonly string[];
}
