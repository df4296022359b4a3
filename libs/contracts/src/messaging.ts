export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const NOTICE_STATUSES = ['draft', 'translating', 'sending', 'sent', 'failed', 'canceled'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/**
 * Outbound message lifecycle. `pending`: row written, no job yet; `queued`: delivery job enqueued;
 * `sending`: claimed by a worker (and, once `providerSid` is set, accepted by the provider);
 * then the provider's own verdicts. Status only moves forward.
 */
export const MESSAGE_STATUSES = [
  'pending',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'suppressed',
  'received',
  /** Stopped before it left: its notice was canceled. Final. */
  'canceled',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const FINAL_MESSAGE_STATUSES: readonly MessageStatus[] = ['delivered', 'undelivered', 'failed', 'suppressed', 'canceled'];

export type MessageDirection = 'outbound' | 'inbound';
export type MessageKind = 'notice' | 'reply' | 'system' | 'inbound' | 'survey';

export const TRANSLATION_ORIGINS = ['source', 'catalog', 'memory', 'machine', 'human'] as const;
export type TranslationOrigin = (typeof TRANSLATION_ORIGINS)[number];
export type TranslationStatus = 'ready' | 'needs_review' | 'missing';

export interface Audience {
  all?: boolean;
  schoolIds?: string[];
  grades?: string[];
  sectionIds?: string[];
  contactIds?: string[];
}
