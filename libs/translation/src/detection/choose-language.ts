import { toProjectLanguage } from '../languages';
import { DetectedLanguage, DetectOptions, LanguageCandidate } from './language-detector';
import { chineseVariant, dominantScript, LANGUAGE_SCRIPT, Script } from './script';

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

const decided = (language: string): DetectedLanguage => ({ language, confidence: 1, basis: 'script', candidates: [{ language, score: 1 }] });

/**
 * What the text's script decides before any statistics: Hangul is Korean; Han characters are Chinese,
 * simplified or traditional by the characters used (the family's preferred form when they do not
 * tell); letters only Vietnamese has are Vietnamese; kana is Japanese; a text without letters is in
 * the family's preferred language, or in none. Null when statistics must decide.
 */
export function decideByScript(text: string, preferred: string | null): DetectedLanguage | null {
  const script = dominantScript(text);
  if (script === 'none') {
    return preferred
      ? { language: preferred, confidence: 0, basis: 'preferred', candidates: [] }
      : { language: null, confidence: 0, basis: 'none', candidates: [] };
  }
  if (script === 'hangul') return decided('ko');
  if (script === 'han') return decided(chineseVariant(text, preferred === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans'));
  if (script === 'latin' && VIETNAMESE_LETTERS.test(text)) return decided('vi');
  if (script === 'kana') return decided('ja');
  return null;
}

/** A detector's candidates written in `script`, in project codes ("zh" as the text's form), best first. */
export function candidatesInScript(text: string, candidates: LanguageCandidate[], script: Script): LanguageCandidate[] {
  return candidates
    .map((c) => ({ language: c.language === 'zh' ? chineseVariant(text) : c.language, score: c.score }))
    .filter((c) => (LANGUAGE_SCRIPT[c.language] ?? script) === script)
    .sort((a, b) => b.score - a.score);
}

/**
 * Turns a statistical detector's candidates into one language. The script decides first
 * (`decideByScript`); then the detector's candidates, dropping those written in another script;
 * then, when the family's preferred language is written in the text's script and the detector is
 * unsure or ranks it close to the top, the preferred language.
 */
export function chooseLanguage(
  text: string,
  rawCandidates: LanguageCandidate[],
  options: DetectOptions = {},
  policy: PriorPolicy | null = null,
): DetectedLanguage {
  const preferred = options.preferred ? toProjectLanguage(options.preferred) : null;
  const byScript = decideByScript(text, preferred);
  if (byScript) return byScript;

  const script = dominantScript(text);
  const candidates = candidatesInScript(text, rawCandidates, script);
  const top = candidates.at(0);
  if (policy && preferred && LANGUAGE_SCRIPT[preferred] === script && top?.language !== preferred) {
    const rank = candidates.findIndex((c) => c.language === preferred);
    const close = top !== undefined && rank >= 0 && rank < policy.topK && candidates[rank].score >= top.score * policy.minRelativeScore;
    if (!top || close || top.score < policy.lowConfidence) {
      return { language: preferred, confidence: rank >= 0 ? candidates[rank].score : 0, basis: 'preferred', candidates };
    }
  }
  if (!top) return { language: null, confidence: 0, basis: 'none', candidates };
  return { language: top.language, confidence: top.score, basis: 'detector', candidates };
}
