export const KEYWORD_LANGUAGES = ['en', 'es', 'vi', 'zh-Hans', 'zh-Hant', 'ar', 'so', 'ht', 'pt', 'fr', 'ru', 'ko', 'tl'] as const;

export type KeywordLanguage = (typeof KEYWORD_LANGUAGES)[number];

export interface LanguageKeywords {
  optOut: readonly string[];
  /**
   * CTIA and Twilio count YES as an opt-in keyword, and its translations here follow suit.
   * An opt-in only changes anything for a phone that is opted out; for a subscribed phone
   * "yes" is an ordinary reply and must be delivered to staff as such.
   */
  optIn: readonly string[];
  help: readonly string[];
  /** Words that may precede or follow a keyword without changing it ("please stop"). */
  polite: readonly string[];
  /** Language names written in this language: requested language → names. */
  languageNames: Readonly<Partial<Record<KeywordLanguage, readonly string[]>>>;
}
