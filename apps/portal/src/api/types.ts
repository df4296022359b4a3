/** Hand-written shapes of the API's answers the portal reads (see /api/docs-json). */
export type Role = 'district_admin' | 'school_admin' | 'staff' | 'liaison';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Me {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  language: string;
  schoolIds?: string[];
}

export interface NoticeStats {
  total: number;
  pending: number;
  queued: number;
  sending: number;
  sent: number;
  delivered: number;
  undelivered: number;
  failed: number;
  suppressed: number;
  canceled?: number;
  byLanguage: Record<string, number>;
}

export interface Audience {
  all?: boolean;
  schoolIds?: string[];
  grades?: string[];
  sectionIds?: string[];
  contactIds?: string[];
}

export type Urgency = 'normal' | 'urgent' | 'emergency';

export interface Notice {
  id: string;
  title: string | null;
  body: string;
  sourceLanguage: string;
  audience: Audience;
  urgency: Urgency;
  status: string;
  statusReason: string | null;
  authorUserId: string | null;
  createdAt: string;
  sendRequestedAt: string | null;
  stats: NoticeStats;
}

export interface NoticeTranslation {
  language: string;
  body: string | null;
  origin: 'source' | 'catalog' | 'memory' | 'machine' | 'human' | null;
  status: 'ready' | 'needs_review' | 'missing';
  segments: number;
  encoding: 'GSM-7' | 'UCS-2' | null;
  reviewReason?: string;
}

export interface NoticePreview {
  recipients: { total: number; byLanguage: Record<string, number> };
  suppressed: { optedOut: number; invalid: number; noPhone: number };
  translations: NoticeTranslation[];
  estimatedSegments: number;
}

export interface MessageText {
  body: string | null;
  translatedBody?: string;
  translatedLanguage?: string;
}

export interface NoticeMessage extends MessageText {
  id: string;
  phone: string;
  language: string | null;
  status: string;
  errorCode: number | null;
  errorMessage: string | null;
  updatedAt: string;
}

export interface NoticeReply extends MessageText {
  id: string;
  conversationId: string | null;
  phone: string;
  language: string | null;
  createdAt: string;
}

export interface ConversationSummary {
  id: string;
  phone: string;
  contact: { id: string; givenName: string | null; familyName: string | null; language: string } | null;
  assignedUserId: string | null;
  unreadCount: number;
  lastMessageAt: string;
  lastMessage?: { direction: 'inbound' | 'outbound'; body: string | null } | null;
}

export interface ConversationMessage extends MessageText {
  id: string;
  direction: 'inbound' | 'outbound';
  language: string | null;
  status?: string;
  createdAt: string;
}

export interface Conversation extends ConversationSummary {
  messages: ConversationMessage[];
}

export interface Contact {
  id: string;
  givenName: string | null;
  familyName: string | null;
  phone: string | null;
  email: string | null;
  language: string;
  languageSource: string;
  role: string | null;
  consent: string;
  studentIds: string[];
  optedOut: boolean;
}

export interface School {
  id: string;
  name: string;
}

export interface ImportResult {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  counts: { created: number; updated: number; unchanged: number; rejected: number; deleted?: number };
  errors: { file: string; row: number; field: string; message: string }[];
  warnings?: { file: string; row: number; field: string; message: string }[];
}

export interface Settings {
  name: string;
  timezone: string;
  defaultLanguage: string;
  languages: string[];
  quietHours: { start: string; end: string };
  translation?: { provider: string; untranslatedPolicy?: string };
}

export interface GlossaryTerm {
  id: string;
  term: string;
  translations?: Record<string, string>;
}

export interface StaffUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  language: string;
  active: boolean;
}
