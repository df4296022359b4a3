/**
 * A reply cut into the pieces the reader compares: words, numbers, single CJK characters (Chinese
 * and Korean are written without spaces, or with spaces anywhere), emoji and slashes, each marked
 * when punctuation follows it. Lexicon entries and option labels go through the same cutting, so
 * "SÍ!!", "si" and "siii", or "２", "٢" and "2️⃣", compare equal.
 */
export type UnitType = 'word' | 'number' | 'cjk' | 'emoji' | 'slash';
export type EmojiMeaning = 'yes' | 'no' | 'star' | 'other';

export interface Unit {
  type: UnitType;
  /** Lower case, accents folded (Latin, Greek, Cyrillic), a repeated letter written once. */
  key: string;
  /** Lower case, accents kept. */
  exact: string;
  /** For numbers. */
  value?: number;
  /** A number written as an ordinal: "2nd", "2º", "2e", "2do". */
  ordinal?: boolean;
  emoji?: EmojiMeaning;
  /** Sentence punctuation (a comma, a full stop, "!") follows. */
  breakAfter: boolean;
  /**
   * A Korean syllable inside a word. Korean puts spaces between words, so an answer word starts
   * one: 두 is "two" in "두 번째" but not in "두고" ("leaving"). Particles and endings attach.
   */
  midWord?: boolean;
}

const CJK = String.raw`\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}`;
const TOKEN = new RegExp(
  [
    // Arabic typed in Latin letters writes some letters as digits: "na3am", "tab3an".
    String.raw`([a-z]+\d+[a-z]+)`,
    String.raw`(\d+)([a-z\u00c0-\u024f]*)`,
    `([${CJK}])`,
    String.raw`([[\p{L}\p{M}]--[${CJK}]]+)`,
    String.raw`(\p{Extended_Pictographic}|[★☆])`,
    '(/)',
    String.raw`([,.!?;:…、，。！？；：،؟\n])`,
  ].join('|'),
  'gv',
);

const HANGUL = /\p{Script=Hangul}/u;
const ORDINAL_SUFFIX = /^(st|nd|rd|th|o|a|do|da|ro|ra|er|ero|era|re|ere|e|eme|em|ieme|nd|nde|to|ta|vo|va|mo|ma|no|na|yem|iem)$/;
const EMOJI: Readonly<Record<string, EmojiMeaning>> = {
  '👍': 'yes',
  '✅': 'yes',
  '✔': 'yes',
  '☑': 'yes',
  '👌': 'yes',
  '🆗': 'yes',
  '🙆': 'yes',
  '👎': 'no',
  '❌': 'no',
  '✖': 'no',
  '❎': 'no',
  '🚫': 'no',
  '🙅': 'no',
  '⛔': 'no',
  '⭐': 'star',
  '🌟': 'star',
  '★': 'star',
};

/** Letters that carry a diacritic but have no Unicode decomposition (as in the keyword reader). */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
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
};
const FOLDABLE = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const MARK = /\p{M}/u;
const ASCII = /^\p{ASCII}*$/u;

export function unitize(text: string): Unit[] {
  const units: Unit[] = [];
  let end = -1;
  for (const match of normalize(text).matchAll(TOKEN)) {
    const attached = match.index === end;
    end = match.index + match[0].length;
    // A group that did not take part in the match is undefined, which RegExpMatchArray's type leaves out.
    const groups: readonly (string | undefined)[] = match;
    const [, arabizi, digits, suffix, cjk, letters, emoji, slash, punctuation] = groups;
    const word = arabizi ?? letters;
    if (punctuation !== undefined) {
      if (units.length > 0) units[units.length - 1].breakAfter = true;
    } else if (digits !== undefined) {
      units.push(number(digits, suffix));
    } else if (cjk !== undefined) {
      // 네네, 好好, ㅇㅇ: a character typed again says the same thing once.
      const previous = units.at(-1);
      if (previous?.type === 'cjk' && previous.exact === cjk && !previous.breakAfter) continue;
      const midWord = attached && HANGUL.test(cjk) && previous?.type === 'cjk' && HANGUL.test(previous.exact);
      units.push({ type: 'cjk', key: cjk, exact: cjk, breakAfter: false, ...(midWord ? { midWord } : {}) });
    } else if (word !== undefined) {
      const exact = word.normalize('NFC');
      units.push({ type: 'word', key: withoutArticle(squeeze(fold(exact))), exact, breakAfter: false });
    } else if (emoji !== undefined) {
      units.push({ type: 'emoji', key: emoji, exact: emoji, emoji: EMOJI[emoji] ?? 'other', breakAfter: false });
    } else if (slash !== undefined) {
      units.push({ type: 'slash', key: '/', exact: '/', breakAfter: false });
    }
  }
  return units;
}

function number(digits: string, suffix: string | undefined): Unit {
  const value = Number(digits);
  if (!suffix) return { type: 'number', key: digits, exact: digits, value, breakAfter: false };
  const folded = fold(suffix);
  if (ORDINAL_SUFFIX.test(folded)) return { type: 'number', key: digits, exact: digits, value, ordinal: true, breakAfter: false };
  // "3pm", "2kids": a number glued to a word is not a bare answer.
  return { type: 'word', key: `${digits}${squeeze(folded)}`, exact: `${digits}${suffix}`, breakAfter: false };
}

/**
 * Width (ＳＩ, ２), Arabic-Indic and Persian digits, keycaps (2️⃣), skin tones and variation
 * selectors, case, apostrophes (a space: "l'option", "don't" → "don t", which still compares
 * equal to "dont"), Arabic spelling variants (short vowels, tatweel, hamza seats, ى, ة) and ё.
 */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/🔟/gu, ' 10 ')
    .replace(/([0-9#*])\ufe0f?\u20e3/g, ' $1 ')
    .replace(/[\u{1f3fb}-\u{1f3ff}\u2640\u2642]|\ufe0e|\ufe0f|\u200d/gu, '')
    .toLowerCase()
    .replace(/['‘’ʼ`´]/g, ' ')
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/[ىی]/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/ё/g, 'е');
}

/** Drops accents from Latin, Greek and Cyrillic letters (é → e, ệ → e, đ → d); other scripts stay. */
export function fold(text: string): string {
  if (ASCII.test(text)) return text;
  let folded = '';
  let previousFoldable = false;
  for (const char of text.normalize('NFKD')) {
    if (MARK.test(char)) {
      if (!previousFoldable) folded += char;
      continue;
    }
    previousFoldable = FOLDABLE.test(char);
    folded += UNDECOMPOSABLE[char] ?? char;
  }
  return folded.normalize('NFC');
}

/** Arabic's article (and "and the") joined to the word: الصباح and صباح compare equal. */
function withoutArticle(word: string): string {
  return word.replace(/^(?:وال|ال)(?=[\u0621-\u064a]{2})/, '');
}

/** "yesss" → "yes", "siii" → "si", "nooo" → "no"; entries are squeezed alike ("cool" → "col"). */
function squeeze(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}
