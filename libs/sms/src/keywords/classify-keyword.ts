import { KEYWORD_LANGUAGES, KEYWORD_TABLE, KeywordLanguage } from './keyword-table';
import { canonicalLanguageTag } from './language-tag';
import { cleanKeywordText, foldDiacritics } from './normalize-keyword-text';

export type KeywordKind = 'opt_out' | 'opt_in' | 'help' | 'language' | 'none';

export interface KeywordClassification {
  kind: KeywordKind;
  /**
   * BCP 47 of the language the keyword was written in, when only one language uses it.
   * "PARAR" is Spanish and Portuguese and "STOP" English and French, so those leave it unset
   * and the reply should go out in the contact's preferred language; 停止 is 'zh' (both scripts).
   */
  language?: string;
  /** For kind 'language': the language the family asked for. */
  requestedLanguage?: string;
}

type Kind = Exclude<KeywordKind, 'none'>;
interface Entry {
  kind: Kind;
  language: KeywordLanguage;
  requestedLanguage?: KeywordLanguage;
}
interface Index {
  /** Keyed by the cleaned text, accents kept. */
  exact: Map<string, Entry[]>;
  /** Keyed by the cleaned text with Latin/Cyrillic accents folded. */
  folded: Map<string, Entry[]>;
  politeExact: string[];
  politeFolded: string[];
}

/** Longer texts are conversation, not keywords; the longest phrase in the table is far shorter. */
const MAX_KEYWORD_LENGTH = 60;
/** The same before cleaning, with room for emoji, punctuation and spaces around the words. */
const MAX_RAW_LENGTH = 200;
const LANGUAGE_COMMAND = /^(?:lang|language|idioma|langue|lingua|ngon ngu|язык|언어|语言|語言) (.+)$/u;
const HAN = /\p{Script=Han}/u;

const NONE: KeywordClassification = { kind: 'none' };
const index = buildIndex();

/**
 * Recognises a whole inbound message as a compliance keyword (STOP, START, HELP and their
 * equivalents in the district languages) or a language choice ("Español", "LANG vi"). Only the
 * whole message counts, give or take case, accents, punctuation, emoji and polite words:
 * "Stop!!", "Parar por favor" and "dung" are keywords, "the bus didn't stop" is not.
 *
 * Accents must be right or absent: "dung" matches DỪNG, but "Đúng" ("correct") does not.
 */
export function classifyKeyword(text: string): KeywordClassification {
  if (text.length > MAX_RAW_LENGTH) return NONE;
  const cleaned = cleanKeywordText(text);
  if (cleaned.length === 0 || cleaned.length > MAX_KEYWORD_LENGTH) return NONE;
  const folded = foldDiacritics(cleaned);
  const hasAccents = folded !== cleaned;
  const [table, polite, message] = hasAccents ? [index.exact, index.politeExact, cleaned] : [index.folded, index.politeFolded, folded];

  for (const candidate of withoutPoliteWords(message, polite)) {
    const entries = table.get(candidate);
    if (entries) return classification(entries);
  }
  return languageCommand(folded) ?? NONE;
}

function classification(entries: Entry[]): KeywordClassification {
  const { kind, requestedLanguage } = entries[0];
  const languages = new Set(entries.map((entry) => entry.language));
  const primaries = new Set([...languages].map((language) => language.split('-')[0]));
  const language = languages.size === 1 ? entries[0].language : primaries.size === 1 ? [...primaries][0] : undefined;
  return {
    kind,
    ...(language ? { language } : {}),
    ...(requestedLanguage ? { requestedLanguage } : {}),
  };
}

/** "LANG es", "language zh-Hant", "idioma español". */
function languageCommand(folded: string): KeywordClassification | undefined {
  const match = LANGUAGE_COMMAND.exec(folded);
  if (!match) return undefined;
  const named = index.folded.get(match[1])?.find((entry) => entry.kind === 'language');
  if (named?.requestedLanguage) return { kind: 'language', requestedLanguage: named.requestedLanguage };
  const code = match[1].replace(/ /g, '-');
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8}){0,3}$/.test(code)) return undefined;
  const requestedLanguage = canonicalLanguageTag(code);
  return requestedLanguage ? { kind: 'language', requestedLanguage } : undefined;
}

/** The message, then the message with polite words peeled off either end, one at a time. */
function withoutPoliteWords(message: string, polite: readonly string[]): string[] {
  const candidates = [message];
  let current = message;
  for (let peeled = 0; peeled < 4; peeled += 1) {
    const next = peelOne(current, polite);
    if (next === undefined) break;
    candidates.push(next);
    current = next;
  }
  return candidates;
}

function peelOne(message: string, polite: readonly string[]): string | undefined {
  for (const word of polite) {
    const glued = HAN.test(word);
    const prefix = glued ? word : `${word} `;
    const suffix = glued ? word : ` ${word}`;
    if (message.length > prefix.length && message.startsWith(prefix)) return message.slice(prefix.length).trim();
    if (message.length > suffix.length && message.endsWith(suffix)) return message.slice(0, -suffix.length).trim();
  }
  return undefined;
}

function buildIndex(): Index {
  const built: Index = { exact: new Map(), folded: new Map(), politeExact: [], politeFolded: [] };
  const polite = new Set<string>();
  for (const language of KEYWORD_LANGUAGES) {
    const table = KEYWORD_TABLE[language];
    const add = (phrase: string, entry: Entry): void => {
      const cleaned = cleanKeywordText(phrase);
      addEntry(built.exact, cleaned, entry, phrase);
      addEntry(built.folded, foldDiacritics(cleaned), entry, phrase);
    };
    for (const phrase of table.optOut) add(phrase, { kind: 'opt_out', language });
    for (const phrase of table.optIn) add(phrase, { kind: 'opt_in', language });
    for (const phrase of table.help) add(phrase, { kind: 'help', language });
    for (const [requestedLanguage, names] of Object.entries(table.languageNames)) {
      for (const name of names) {
        add(name, { kind: 'language', language, requestedLanguage: requestedLanguage as KeywordLanguage });
      }
    }
    table.polite.forEach((word) => polite.add(cleanKeywordText(word)));
  }
  // Longest first, so "thank you" is peeled before a shorter word could be.
  built.politeExact = [...polite].sort((a, b) => b.length - a.length);
  built.politeFolded = [...new Set(built.politeExact.map(foldDiacritics))].sort((a, b) => b.length - a.length);
  return built;
}

function addEntry(map: Map<string, Entry[]>, key: string, entry: Entry, phrase: string): void {
  const existing = map.get(key) ?? [];
  const clash = existing.find((other) => other.kind !== entry.kind || other.requestedLanguage !== entry.requestedLanguage);
  if (clash) {
    throw new Error(
      `Keyword table: "${phrase}" (${entry.language} ${entry.kind}) reads as "${key}", ` +
        `already ${clash.language} ${clash.kind}${clash.requestedLanguage ? ` ${clash.requestedLanguage}` : ''}`,
    );
  }
  if (!existing.some((other) => other.language === entry.language)) existing.push(entry);
  map.set(key, existing);
}
