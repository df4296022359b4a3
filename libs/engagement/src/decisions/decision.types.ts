export const DECISION_STATUSES = ['gathering', 'decided', 'communicated'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const LOOP_AUDIENCES = ['respondents', 'asked'] as const;
export type LoopAudience = (typeof LOOP_AUDIENCES)[number];

export interface DecisionFields {
  title: string;
  question: string;
  /** The language title, question, outcome and rationale are written in; default: the district's. */
  language?: string;
  /** The schools the decision is about; empty: the whole district. */
  schoolIds?: string[];
  status?: DecisionStatus;
  outcome?: string | null;
  rationale?: string | null;
  decidedAt?: string | null;
}

export type DecisionChanges = Partial<DecisionFields>;

/** Who took part, for one input: families (phones) asked and those who answered, by language and school. */
export interface Participation {
  asked: number;
  answered: number;
  byLanguage: { language: string | null; asked: number; answered: number }[];
  bySchool: { schoolId: string; asked: number; answered: number }[];
}

/** What a family said, as received, with its translation for staff. */
export interface FamilyWords {
  body: string | null;
  language: string | null;
  translatedBody: string | null;
  translatedLanguage: string | null;
  receivedAt: string;
}

export interface DecisionInputView {
  id: string;
  kind: 'survey' | 'message' | 'note';
  surveyId: string | null;
  messageId: string | null;
  note: string | null;
  source: string | null;
  createdBy: string | null;
  createdAt: string;
  /** Null for a note, and for a survey until survey participation is wired in. */
  participation: Participation | null;
  said: FamilyWords[];
}

export interface LoopView {
  noticeId: string;
  audience: LoopAudience;
  /** The notice's status (`draft`, `translating`, `sending`, `sent`, `failed`). */
  noticeStatus: string;
  /** Families (phones) the notice was written to; before it is sent, those its audience names. */
  families: number;
  /** Of those, families whose message was delivered. */
  reached: number;
}

export interface DecisionView {
  id: string;
  title: string;
  question: string;
  language: string;
  schoolIds: string[];
  status: DecisionStatus;
  outcome: string | null;
  rationale: string | null;
  decidedAt: string | null;
  communicatedAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  loop: LoopView | null;
}

export interface DecisionDetail extends DecisionView {
  inputs: DecisionInputView[];
}

export type DecisionInput = { surveyId: string } | { messageId: string } | { note: string; source: string };
