import { toProjectLanguage } from '../languages';
import { DetectedLanguage, DetectOptions, LanguageCandidate } from './language-detector';
import { chineseVariant, dominantScript, LANGUAGE_SCRIPT } from './script';

/** ă, đ, ơ, ư and the stacked tone marks (U+1EA0–U+1EF9) are written in Vietnamese alone. */
const VIETNAMESE_LETTERS = /[ăĂđĐơƠưƯ\u1EA0-\u1EF9]/u;

/** When the family's preferred language wins over the detector's first choice. */
export interface PriorPolicy {
  /** The preferred language wins when it is among the detector's first `topK` candidates… */
  topK: number;
  /** …with at least this fraction of the first candidate's score. */
  minRelativeScore: number;
  /** The preferred language also wins when the first candidate scores below this. */
  lowConfidence: number;
}

/**
 * Turns a statistical detector's candidates into one language. The script decides first (Hangul is
 * Korean, Han characters are Chinese, simplified or traditional by the characters used, letters only
 * Vietnamese has are Vietnamese); then the
 * detector's candidates, dropping those written in another script; then, when the family's
 * preferred language is written in the text's script and the detector is unsure or ranks it close
 * to the top, the preferred language.
 */
export function chooseLanguage(
  text: string,
  rawCandidates: LanguageCandidate[],
  options: DetectOptions = {},
  policy: PriorPolicy | null = null,
): DetectedLanguage {
  const script = dominantScript(text);
  const preferred = options.preferred ? toProjectLanguage(options.preferred) : null;
  if (script === 'none') {
    return preferred ? { language: preferred, confidence: 0, basis: 'preferred', candidates: [] } : { language: null, confidence: 0, basis: 'none', candidates: [] };
  }
  if (script === 'hangul') return { language: 'ko', confidence: 1, basis: 'script', candidates: [{ language: 'ko', score: 1 }] };
  if (script === 'han') {
    const language = chineseVariant(text);
    return { language, confidence: 1, basis: 'script', candidates: [{ language, score: 1 }] };
  }
  if (script === 'latin' && VIETNAMESE_LETTERS.test(text)) return { language: 'vi', confidence: 1, basis: 'script', candidates: [{ language: 'vi', score: 1 }] };
  if (script === 'kana') return { language: 'ja', confidence: 1, basis: 'script', candidates: [{ language: 'ja', score: 1 }] };

  const candidates = rawCandidates
    .map((c) => ({ language: c.language === 'zh' ? chineseVariant(text) : c.language, score: c.score }))
    .filter((c) => (LANGUAGE_SCRIPT[c.language] ?? script) === script)
    .sort((a, b) => b.score - a.score);
  const top = candidates[0];
  if (policy && preferred && LANGUAGE_SCRIPT[preferred] === script && top?.language !== preferred) {
    const rank = candidates.findIndex((c) => c.language === preferred);
    const close = rank >= 0 && rank < policy.topK && candidates[rank].score >= top.score * policy.minRelativeScore;
    if (!top || close || top.score < policy.lowConfidence) {
      return { language: preferred, confidence: rank >= 0 ? candidates[rank].score : 0, basis: 'preferred', candidates };
    }
  }
  if (!top) return { language: null, confidence: 0, basis: 'none', candidates };
  return { language: top.language, confidence: top.score, basis: 'detector', candidates };
}
