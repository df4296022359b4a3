/**
 * How an inbound message is reduced before it is compared with the keyword table. Every table
 * entry goes through the same functions, so the table can be written naturally ("Arrêter",
 * "Tiếng Việt", "إلغاء") and still match what families actually type.
 */

/** Letters that carry a diacritic but have no Unicode decomposition. */
const UNDECOMPOSABLE_LETTERS: Readonly<Record<string, string>> = {
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
  þ: 'th',
  Đ: 'D',
  Ð: 'D',
  Ł: 'L',
  Ø: 'O',
  Æ: 'AE',
  Œ: 'OE',
  Ħ: 'H',
  Þ: 'TH',
};
const FOLDABLE_SCRIPT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const COMBINING_MARK = /\p{M}/u;

/**
 * Case, width, punctuation and spacing: NFKC (fullwidth ＳＴＯＰ → stop), locale-independent
 * lowercase, apostrophes dropped (don't → dont), every other run of punctuation, symbols and
 * emoji turned into one space, and a word repeated ("stop stop stop") kept once. Arabic spelling
 * variants are unified here too: vowel marks and tatweel go, a hamza-carrying alef inside or
 * at the start of a word becomes a plain alef (at the end it is kept: ابدأ "start" is not
 * أبدا "never"), ى → ي and ة → ه. Russian ё → е. Accents are kept: see {@link foldDiacritics}.
 */
export function cleanKeywordText(text: string): string {
  const cleaned = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['‘’ʼ`´]/g, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ](?=\p{L})/gu, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.replace(/^(.+?)(?: \1)+$/u, '$1');
}

/**
 * Drops accents from Latin, Greek and Cyrillic letters (é → e, ệ → e, đ → d, й → и) and leaves
 * every other script as it is: Hangul syllables recompose, kana keep their voicing marks, Han
 * and Arabic are untouched (Arabic was already unified by {@link cleanKeywordText}).
 */
export function foldDiacritics(cleaned: string): string {
  let folded = '';
  let previousIsFoldable = false;
  for (const char of cleaned.normalize('NFKD')) {
    if (COMBINING_MARK.test(char)) {
      if (!previousIsFoldable) folded += char;
      continue;
    }
    previousIsFoldable = FOLDABLE_SCRIPT.test(char);
    folded += UNDECOMPOSABLE_LETTERS[char] ?? char;
  }
  return folded.normalize('NFC');
}
