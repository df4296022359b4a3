import type { components } from './schema';

/** The API's answers and bodies as its OpenAPI description types them (`schema.d.ts`). */
export type Schemas = components['schemas'];

export type Role = Schemas['StaffUserView']['role'];
export type NoticeStats = Schemas['NoticeStatsResponse'];
export type Audience = Schemas['AudienceDto'];
export type Urgency = Schemas['NoticeResponse']['urgency'];
export type Notice = Schemas['NoticeResponse'];
/** A row of `GET /api/v1/notices`. */
export type NoticeSummary = Schemas['NoticeSummaryResponse'];
export type NoticeTranslation = Schemas['NoticeTranslationResponse'];
export type NoticePreview = Schemas['NoticePreviewResponse'];
export type NoticeMessage = Schemas['NoticeMessageResponse'];
export type NoticeReply = Schemas['NoticeReplyResponse'];
export type ConversationSummary = Schemas['ConversationSummaryResponse'];
/** A row of `GET /api/v1/conversations`: a summary with the start of its latest message. */
export type ConversationListItem = Schemas['ConversationListItemResponse'];
export type ConversationMessage = Schemas['ConversationMessageResponse'];
export type Conversation = Schemas['ConversationResponse'];

export type Me = Schemas['StaffUserView'];
export type StaffUser = Schemas['StaffUserView'];
export type Contact = Schemas['ContactResponse'];
export type School = Schemas['SchoolResponse'];
export type ImportResult = Schemas['ImportResponse'];
export type Settings = Schemas['TenantSettingsResponse'];
export type GlossaryTerm = Schemas['GlossaryEntryResponse'];
