/** One candidate language for a text, with the detector's score in [0, 1]. */
export interface LanguageCandidate {
  /** A BCP 47 code: the project's code for the languages Porchlight knows, the detector's otherwise. */
  language: string;
  score: number;
}

export interface DetectedLanguage {
  /** The language chosen, or null when the text has nothing to go on (digits, emoji, "ok"). */
  language: string | null;
  /** How sure: the winning candidate's score, 1 when the script alone decides. */
  confidence: number;
  /** What decided: the detector, the family's preferred language, or the script of the text. */
  basis: 'detector' | 'preferred' | 'script' | 'none';
  candidates: LanguageCandidate[];
}

export interface DetectOptions {
  /** The family's preferred language (BCP 47), used as a prior when the text is ambiguous. */
  preferred?: string | null;
}

/** Port: which language a short inbound message is written in. Offline: no network call. */
export interface LanguageDetector {
  readonly name: string;
  detect(text: string, options?: DetectOptions): DetectedLanguage;
}
