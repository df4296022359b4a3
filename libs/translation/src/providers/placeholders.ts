/**
 * Keeping what must not be translated intact through machine translation: variables
 * (`{{firstName}}`, `{date}`), links, phone numbers and glossary terms (a school's name, "PTA",
 * or a term with a fixed translation) become numbered tokens `⟦1⟧` that engines copy through
 * untouched, and come back afterwards. A token the engine dropped, duplicated or invented means
 * the translation needs a person's review.
 */
export interface GlossaryTerm {
  /** The term as written in the source text (matched whole, case-insensitively). */
  source: string;
  /** Its fixed translation in the target language; the source term itself when absent. */
  target?: string;
}

export interface ProtectedText {
  text: string;
  /** Token number n (1-based) stands for `replacements[n - 1]`. */
  replacements: string[];
}

export interface RestoredText {
  text: string;
  /** Every token came back exactly once and no unknown one appeared. */
  intact: boolean;
  missing: number[];
}

/** Variables in braces, links, e-mail addresses and phone numbers. */
export const DEFAULT_VARIABLES = /\{\{\s*[\w.]+\s*\}\}|\{[\w.]+\}|https?:\/\/[^\s]+|[\w.+-]+@[\w-]+\.[\w.]+|\+?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function protectPlaceholders(text: string, options: { terms?: GlossaryTerm[]; variables?: RegExp } = {}): ProtectedText {
  const replacements: string[] = [];
  const token = (replacement: string) => {
    replacements.push(replacement);
    return `⟦${String(replacements.length)}⟧`;
  };
  const variables = new RegExp((options.variables ?? DEFAULT_VARIABLES).source, 'gu');
  let result = text.replace(variables, (match) => token(match));
  const terms = [...(options.terms ?? [])].filter((t) => t.source.trim()).sort((a, b) => b.source.length - a.source.length);
  for (const term of terms) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term.source)}(?![\\p{L}\\p{N}])`, 'giu');
    result = result.replace(pattern, (match) => token(term.target ?? match));
  }
  return { text: result, replacements };
}

/** Puts the replacements back; engines sometimes add spaces inside the brackets, which is tolerated. */
export function restorePlaceholders(translated: string, protectedText: ProtectedText): RestoredText {
  const seen = new Map<number, number>();
  const unknown: string[] = [];
  const text = translated.replace(/⟦\s*(\d+)\s*⟧/g, (match, digits: string) => {
    const n = Number(digits);
    const replacement = n >= 1 ? protectedText.replacements.at(n - 1) : undefined;
    if (replacement === undefined) {
      unknown.push(match);
      return match;
    }
    seen.set(n, (seen.get(n) ?? 0) + 1);
    return replacement;
  });
  const missing = protectedText.replacements.map((_, i) => i + 1).filter((n) => !seen.has(n));
  const duplicated = [...seen.values()].some((count) => count > 1);
  return { text, intact: missing.length === 0 && !duplicated && unknown.length === 0 && !/[⟦⟧]/.test(text), missing };
}
