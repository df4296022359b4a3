import { Audience, MessageStatus, TranslationOrigin, TranslationStatus, Urgency } from '@porchlight/contracts';
import { AudienceCounts } from '@porchlight/contacts';
import { NoticeTemplate } from '@porchlight/translation';
import { MessageText } from '../message-text';
import { NoticeStats } from '../notice-visibility';
import { QuietHoursEffect } from './quiet-hours-effect';

export type { NoticeStats } from '../notice-visibility';

export interface CreateNoticeInput {
  title?: string;
  /** The source text; with a template, the template rendered in the source language replaces it. */
  body?: string;
  /** A catalog template and its variables: the body in the source language, and every language the catalog has. */
  template?: NoticeTemplate;
  sourceLanguage: string;
  audience: Audience;
  urgency: Urgency;
  scheduledAt?: string;
  poll?: { question?: string; options: { key: string; label: string }[] };
  /** Replace look-alikes (curly quotes, long dashes) that alone force UCS-2; on unless turned off. */
  smartEncoding?: boolean;
}

export interface NoticeTranslationView {
  language: string;
  body: string | null;
  origin: TranslationOrigin | null;
  status: TranslationStatus;
  segments: number;
  encoding: 'GSM-7' | 'UCS-2' | null;
  /** The engine that wrote a machine translation. */
  provider?: string;
  /** Why a translation waits for a person (review required, a placeholder lost). */
  reviewReason?: string;
  /** An emergency nobody translated into this language: the catalog's "Urgent message from <district>:" in it, then the source text. */
  fallback?: boolean;
  /** Why no engine gave a text, while the translation is missing (our words). */
  machineError?: string;
  /** Machine output translated back into the source language, when asked for. */
  backTranslation?: string;
  /**
   * Present when smart encoding changed the text: `body`, `segments` and `encoding` describe what
   * will be sent; these say what the text as written would have cost.
   */
  smartEncoding?: { applied: true; segmentsWithout: number; encodingWithout: 'GSM-7' | 'UCS-2' };
}

export interface NoticePreview {
  recipients: { total: number; byLanguage: Record<string, number> };
  suppressed: AudienceCounts['suppressed'];
  translations: NoticeTranslationView[];
  estimatedSegments: number;
  /** What quiet hours would do were the notice sent now (or at its scheduled time). */
  quietHours: QuietHoursEffect;
}

export interface NoticeView {
  id: string;
  title: string | null;
  body: string;
  sourceLanguage: string;
  audience: Audience;
  urgency: Urgency;
  status: string;
  statusReason: string | null;
  scheduledAt: string | null;
  poll: CreateNoticeInput['poll'] | null;
  /** The catalog template the notice was written from. */
  template: NoticeTemplate | null;
  smartEncoding: boolean;
  authorUserId: string | null;
  createdAt: string;
  sendRequestedAt: string | null;
  stats: NoticeStats;
  /** Of the caller's families: who still waits for their sending window; the quiet-hours override counted at fan-out. */
  quietHours: QuietHoursEffect;
}

export interface NoticeMessageView extends MessageText {
  id: string;
  contactIds: string[];
  phone: string;
  language: string | null;
  status: MessageStatus;
  errorCode: number | null;
  errorMessage: string | null;
  providerSid: string | null;
  /** Held for the family's sending window (quiet hours) until then. */
  sendAfter: string | null;
  updatedAt: string;
}

export interface NoticeReplyView extends MessageText {
  id: string;
  conversationId: string | null;
  contactIds: string[];
  phone: string;
  language: string | null;
  createdAt: string;
}

/** One notice in the list: what a table row shows. */
export interface NoticeSummary {
  id: string;
  title: string | null;
  body: string;
  sourceLanguage: string;
  urgency: Urgency;
  status: string;
  statusReason: string | null;
  scheduledAt: string | null;
  createdAt: string;
  sendRequestedAt: string | null;
  audience: Audience;
  audienceSummary: { all: boolean; schools: number; grades: string[]; sections: number; contacts: number };
  /** The source language, every language with a translation, and every language messages went out in. */
  languages: string[];
  author: { id: string; name: string | null; email: string | null } | null;
  stats: NoticeStats;
}
