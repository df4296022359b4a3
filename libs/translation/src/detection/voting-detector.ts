import { PROJECT_LANGUAGES, toProjectLanguage } from '../languages';
import { candidatesInScript, decideByScript } from './choose-language';
import { francCandidates } from './franc-detector';
import { DetectedLanguage, DetectOptions, LanguageDetector } from './language-detector';
import { dominantScript, LANGUAGE_SCRIPT } from './script';
import { lexiconCandidates, meaningfulWords } from './sms-lexicon';

/** The lexicon votes when the text has a word's worth of one language, half a word ahead of the next. */
const LEXICON_MIN_WORDS = 1;
const LEXICON_LEAD = 0.5;

/** The language the lexicon names, or null when it knows too few of the text's words to say. */
export function lexiconBallot(text: string, only: readonly string[]): string | null {
  const candidates = lexiconCandidates(text, only);
  const first = candidates.at(0);
  const second = candidates.at(1);
  if (!first || first.score < LEXICON_MIN_WORDS) return null;
  return second && first.score - second.score < LEXICON_LEAD ? null : first.language;
}

/**
 * One language from ballots (null: no opinion), listed most trusted first, and the family's
 * preferred language: a language named by two ballots; else the preferred language when a ballot
 * names it; else the first ballot's language; else the preferred language.
 */
export function countBallots(ballots: Array<string | null>, preferred: string | null): Omit<DetectedLanguage, 'confidence'> {
  const named = ballots.filter((l): l is string => !!l);
  const votes = new Map<string, number>();
  for (const language of named) votes.set(language, (votes.get(language) ?? 0) + 1);
  const candidates = [...votes].map(([language, n]) => ({ language, score: n / named.length })).sort((a, b) => b.score - a.score);
  const majority = [...votes].find(([, n]) => n >= 2)?.[0];
  if (majority) return { language: majority, basis: 'detector', candidates };
  if (preferred && votes.has(preferred)) return { language: preferred, basis: 'preferred', candidates };
  if (named.length) return { language: named[0], basis: 'detector', candidates };
  return preferred ? { language: preferred, basis: 'preferred', candidates } : { language: null, basis: 'none', candidates };
}

/**
 * Offline detection of a short reply's language among the district's languages and English. The
 * script decides when it can (`decideByScript`); a text whose words belong to no language ("ok",
 * "lol") is in the family's preferred language; otherwise two ballots — the lexicon of the words
 * families text most, then franc's trigrams, both restricted to those languages and to the text's
 * script — are counted by `countBallots`. Chosen over CLD2 and over combinations with it on
 * tests/fixtures/language-detection (docs/translation.md).
 */
export class VotingLanguageDetector implements LanguageDetector {
  readonly name = 'lexicon+franc';
  private readonly languages: readonly string[];

  constructor(options: { languages?: readonly string[] } = {}) {
    this.languages = options.languages?.length ? [...new Set(['en', ...options.languages.map((l) => toProjectLanguage(l) ?? l)])] : PROJECT_LANGUAGES;
  }

  detect(text: string, options: DetectOptions = {}): DetectedLanguage {
    const preferred = options.preferred ? toProjectLanguage(options.preferred) : null;
    const byScript = decideByScript(text, preferred);
    if (byScript) return byScript;
    if (!meaningfulWords(text).length) {
      return preferred
        ? { language: preferred, confidence: 0, basis: 'preferred', candidates: [] }
        : { language: null, confidence: 0, basis: 'none', candidates: [] };
    }

    const script = dominantScript(text);
    const inScript = (language: string | null) => (language && LANGUAGE_SCRIPT[language] === script ? language : null);
    const franc = candidatesInScript(text, francCandidates(text, this.languages), script).at(0);
    const { language, basis, candidates } = countBallots([inScript(lexiconBallot(text, this.languages)), franc?.language ?? null], inScript(preferred));
    return { language, confidence: candidates.find((c) => c.language === language)?.score ?? 0, basis, candidates };
  }
}
