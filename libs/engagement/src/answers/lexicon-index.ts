import { EntryIndex, Meaning } from './entry-index';
import { AnswerLanguage, answerLanguages, LanguageLexicon, LEXICONS } from './lexicon';
import { unitize } from './units';

export interface LexiconIndex {
  languages: readonly AnswerLanguage[];
  index: EntryIndex;
  /** Every key the reader knows (answer words, fillers, common words): never read as a typo. */
  known: ReadonlySet<string>;
  /** The common words of the languages read, which a label's distinctive words may not be. */
  common: ReadonlySet<string>;
}

const cache = new Map<string, LexiconIndex>();

/** The answer words of the district's languages (and English), built once per set of languages. */
export function lexiconIndex(districtLanguages: readonly string[]): LexiconIndex {
  const languages = answerLanguages(districtLanguages);
  const cacheKey = languages.join(',');
  let built = cache.get(cacheKey);
  if (!built) {
    built = build(languages);
    cache.set(cacheKey, built);
  }
  return built;
}

export function joinedKey(phrase: string): string {
  return unitize(phrase)
    .map((unit) => unit.key)
    .join('');
}

function build(languages: readonly AnswerLanguage[]): LexiconIndex {
  const commonBy = new Map(languages.map((language) => [language, new Set(LEXICONS[language].common.map(joinedKey))]));
  const index = new EntryIndex();
  for (const language of languages) {
    const lexicon = LEXICONS[language];
    const weakWords = new Set((lexicon.weak ?? []).map(joinedKey));
    const add = (phrases: readonly string[], meaning: Meaning) => {
      for (const phrase of phrases) {
        const units = unitize(phrase);
        const joined = units.map((unit) => unit.key).join('');
        const weak = meaning.role !== 'filler' && (weakWords.has(joined) || /^[a-z]$/.test(joined) || isCommonElsewhere(joined, language, commonBy));
        index.add(units, meaning, language, weak, meaning.role === 'filler' ? {} : { typos: 6, endings: true });
      }
    };
    for (const [meaning, phrases] of lexiconEntries(lexicon)) add(phrases, meaning);
  }
  const common = new Set([...commonBy.values()].flatMap((words) => [...words]));
  const known = new Set(common);
  for (const entries of index.entries()) for (const entry of entries) known.add(entry.joined);
  return { languages, index, known, common };
}

/** "de" is two in Haitian Creole and an everyday word in Spanish, French and Portuguese. */
function isCommonElsewhere(joined: string, language: AnswerLanguage, commonBy: Map<AnswerLanguage, Set<string>>): boolean {
  for (const [other, words] of commonBy) if (other !== language && words.has(joined)) return true;
  return false;
}

function lexiconEntries(lexicon: LanguageLexicon): Array<[Meaning, readonly string[]]> {
  const list: Array<[Meaning, readonly string[]]> = [];
  for (const [value, words] of Object.entries(lexicon.numbers)) list.push([{ role: 'number', value: Number(value) }, words ?? []]);
  for (const [position, words] of Object.entries(lexicon.ordinals)) list.push([{ role: 'ordinal', position: Number(position) }, words ?? []]);
  list.push(
    [{ role: 'last' }, lexicon.last],
    [{ role: 'yes' }, lexicon.yes],
    [{ role: 'no' }, lexicon.no],
    [{ role: 'unsure' }, lexicon.unsure],
    [{ role: 'several' }, lexicon.several],
    [{ role: 'negator' }, lexicon.negators],
    [{ role: 'filler' }, lexicon.fillers],
    [{ role: 'outOf' }, lexicon.outOf],
    [{ role: 'unit' }, lexicon.units],
  );
  return list;
}
