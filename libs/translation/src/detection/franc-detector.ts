// franc is published as an ES module only. This CommonJS project loads it with require(), which
// Node runs for ES modules without top-level await from 20.19 on (hence "engines"); jest
// transforms it to CommonJS (jest.config.js).
import { francAll } from 'franc';
import { PROJECT_LANGUAGES } from '../languages';
import { chooseLanguage, PriorPolicy } from './choose-language';
import { DetectedLanguage, DetectOptions, LanguageCandidate, LanguageDetector } from './language-detector';

/** franc's ISO 639-3 codes for the project languages (it has one model for written Chinese). */
const FRANC_CODES: Record<string, string> = {
  en: 'eng',
  es: 'spa',
  vi: 'vie',
  'zh-Hans': 'cmn',
  'zh-Hant': 'cmn',
  ar: 'arb',
  so: 'som',
  ht: 'hat',
  pt: 'por',
  ru: 'rus',
  ko: 'kor',
  tl: 'tgl',
  fr: 'fra',
};
const FROM_FRANC: Record<string, string> = Object.fromEntries(
  Object.entries(FRANC_CODES).map(([project, franc]) => [franc, project.startsWith('zh') ? 'zh' : project]),
);

/**
 * Measured on tests/fixtures/language-detection (docs/translation.md): the family's preferred
 * language wins when it is franc's second choice with at least 85% of the first one's score.
 */
export const FRANC_PRIOR: PriorPolicy = { topK: 2, minRelativeScore: 0.85, lowConfidence: 0 };

/** franc's candidates, in project codes where franc's language is one; `only` restricts its models. */
export function francCandidates(text: string, only?: readonly string[]): LanguageCandidate[] {
  const restrict = only ? [...new Set(only.map((l) => FRANC_CODES[l]).filter((l): l is string => !!l))] : undefined;
  return francAll(text, { minLength: 1, ...(restrict ? { only: restrict } : {}) })
    .filter(([code]) => code !== 'und')
    .slice(0, 10)
    .map(([code, score]) => ({ language: FROM_FRANC[code] ?? code, score }));
}

/**
 * Offline detection with franc's trigram models (MIT, pure JavaScript), restricted to the district's
 * languages: on short replies, choosing among a dozen languages rather than franc's 400 is what
 * makes it accurate (91% against 65% on the labelled set).
 */
export class FrancLanguageDetector implements LanguageDetector {
  readonly name = 'franc';
  private readonly languages: readonly string[];

  constructor(options: { languages?: readonly string[]; prior?: PriorPolicy | null } = {}) {
    this.languages = options.languages?.length ? [...new Set(['en', ...options.languages])] : PROJECT_LANGUAGES;
    this.prior = options.prior === undefined ? FRANC_PRIOR : options.prior;
  }

  private readonly prior: PriorPolicy | null;

  detect(text: string, options: DetectOptions = {}): DetectedLanguage {
    return chooseLanguage(text, francCandidates(text, this.languages), options, this.prior);
  }
}
