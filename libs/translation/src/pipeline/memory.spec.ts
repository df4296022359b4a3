import { PROJECT_LANGUAGES } from '../languages';
import { languageConfirmation } from '../detection/language-confirmation';
import { reviewRequired } from '../notice-texts';
import { normaliseSource, sourceHash } from './memory';

describe('translation memory keys', () => {
  it('ignore spacing and Unicode composition, but not case or punctuation', () => {
    const text = 'School closes at 12:30 on Friday.';
    expect(sourceHash(`  School  closes at\n12:30 on Friday. `)).toBe(sourceHash(text));
    expect(sourceHash('Café'.normalize('NFD'))).toBe(sourceHash('Café'));
    expect(sourceHash(text.toUpperCase())).not.toBe(sourceHash(text));
    expect(sourceHash('School closes at 12:30 on Friday')).not.toBe(sourceHash(text));
    expect(normaliseSource(' a \t b ')).toBe('a b');
  });
});

describe('review and confirmations', () => {
  it('reviews the urgencies the district names, or all of them', () => {
    expect(reviewRequired({ requireReviewFor: ['emergency'] }, 'emergency')).toBe(true);
    expect(reviewRequired({ requireReviewFor: ['emergency'] }, 'normal')).toBe(false);
    expect(reviewRequired({ requireReviewFor: ['all'] }, 'normal')).toBe(true);
    expect(reviewRequired({}, 'emergency')).toBe(false);
    expect(reviewRequired(null, 'urgent')).toBe(false);
  });

  it('confirms a language choice in every project language, each text different', () => {
    const texts = PROJECT_LANGUAGES.map((language) => languageConfirmation(language));
    expect(new Set(texts).size).toBe(PROJECT_LANGUAGES.length);
    expect(languageConfirmation('es-MX')).toBe(languageConfirmation('es'));
    expect(languageConfirmation('xx')).toBe(languageConfirmation('en'));
  });
});
