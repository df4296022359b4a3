import { lexiconIndex } from '../lexicon-index';
import { ANSWER_LANGUAGES, answerLanguages, LEXICONS } from '.';

describe('answer lexicons', () => {
  it.each(ANSWER_LANGUAGES)('%s has the numbers 1–10, the ordinals 1–10, yes, no and maybe', (language) => {
    const lexicon = LEXICONS[language];
    for (let n = 1; n <= 10; n += 1) {
      expect({ n, number: (lexicon.numbers[n] ?? []).length > 0 }).toEqual({ n, number: true });
      expect({ n, ordinal: (lexicon.ordinals[n] ?? []).length > 0 }).toEqual({ n, ordinal: true });
    }
    expect(lexicon.yes.length).toBeGreaterThan(0);
    expect(lexicon.no.length).toBeGreaterThan(0);
    expect(lexicon.unsure.length).toBeGreaterThan(0);
  });

  it('gives a word two different answer meanings only where both are weak or one is a position', () => {
    // Each of these was looked at: "k" is "ok" in English and "không" in Vietnamese (both weak, so
    // read as ambiguous); "una" is one in Spanish and first in Tagalog (the same option); "um" is
    // one in Portuguese and a weak "ừm" in Vietnamese.
    const reviewed = ['k', 'una', 'um'];
    const answers = new Set(['number', 'ordinal', 'last', 'yes', 'no', 'unsure', 'several']);
    const { index } = lexiconIndex([...ANSWER_LANGUAGES]);
    const clashes: string[] = [];
    for (const entries of index.entries()) {
      const meanings = new Set(entries.filter((entry) => answers.has(entry.meaning.role)).map((entry) => JSON.stringify(entry.meaning)));
      if (meanings.size > 1) clashes.push(entries[0].joined);
    }
    expect(clashes.sort()).toEqual(reviewed.sort());
  });

  it('reads a district’s languages and English, whatever the spelling of their tags', () => {
    expect(answerLanguages(['es-MX', 'zh-TW', 'zh', 'fil', 'de'])).toEqual(['en', 'es', 'zh-Hans', 'zh-Hant', 'tl']);
  });
});
