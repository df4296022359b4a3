import { Audience, TranslationOrigin, TranslationStatus } from '@porchlight/contracts';

export const QUESTION_KINDS = ['choice', 'yesno', 'scale', 'text'] as const;
export type SurveyQuestionKind = (typeof QUESTION_KINDS)[number];

export const SURVEY_STATUSES = ['draft', 'translating', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export interface SurveyQuestion {
  key: string;
  text: string;
  kind: SurveyQuestionKind;
  options?: { key: string; label: string }[];
  scale?: { min: number; max: number };
}

export interface CreateSurveyInput {
  title: string;
  sourceLanguage: string;
  audience: Audience;
  intro?: string;
  closesAt?: string;
  /** When the survey opens (ISO 8601 with its offset, in the future); as soon as it is ready when absent. */
  scheduledAt?: string;
  decisionId?: string;
  /** One reminder to phones that have not answered, this many hours after their first question. */
  reminder?: { afterHours: number };
  questions: SurveyQuestion[];
}

/** A person's texts for one language: any of the intro, question texts and option labels. */
export interface SurveyTranslationInput {
  intro?: string;
  questions?: { key: string; text?: string; options?: { key: string; label: string }[] }[];
}

export interface SurveyView {
  id: string;
  title: string;
  sourceLanguage: string;
  audience: Audience;
  intro: string | null;
  closesAt: string | null;
  /** When a survey sent for later opens; null: as soon as its texts are ready. */
  scheduledAt: string | null;
  decisionId: string | null;
  reminder: { afterHours: number } | null;
  questions: SurveyQuestion[];
  status: SurveyStatus;
  statusReason: string | null;
  authorUserId: string | null;
  createdAt: string;
  sendRequestedAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  stats: { recipients: number; asking: number; waiting: number; done: number; stopped: number; suppressed: number };
}

/** One text of a survey in one language: `intro`, `q.<key>` or `q.<key>.o.<option>`. */
export interface SurveyUnitView {
  unit: string;
  body: string | null;
  origin: TranslationOrigin | null;
  status: TranslationStatus;
  provider?: string;
  reviewReason?: string;
}

export interface SurveyTranslationView {
  language: string;
  /** The first message a family reading this language receives (intro and first question). */
  body: string | null;
  /** The least settled origin among the texts (machine before memory before catalog before human). */
  origin: TranslationOrigin | null;
  status: TranslationStatus;
  segments: number;
  encoding: 'GSM-7' | 'UCS-2' | null;
  /** Each question as it is sent in this language. */
  questions: { key: string; body: string | null; segments: number }[];
  units: SurveyUnitView[];
}

export interface SurveyPreview {
  recipients: { total: number; byLanguage: Record<string, number> };
  suppressed: { optedOut: number; invalid: number; noPhone: number };
  translations: SurveyTranslationView[];
  /** Every question to every recipient, in segments (reminders and asks again not counted). */
  estimatedSegments: number;
}
