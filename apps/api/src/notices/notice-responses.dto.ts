import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_STATUSES, NOTICE_STATUSES, TRANSLATION_ORIGINS, URGENCIES } from '@porchlight/contracts';
import { AudienceDto, NoticeTemplateDto, PollDto } from './notices.dto';

/** Response shapes of the notice routes, for the OpenAPI description (the use-cases return plain objects of these shapes). */

const BY_LANGUAGE = { type: 'object', additionalProperties: { type: 'integer' }, example: { en: 120, es: 64 } } as const;

export class NoticeStatsResponse {
  @ApiProperty() total: number;
  @ApiProperty() pending: number;
  @ApiProperty() queued: number;
  @ApiProperty({ description: 'claimed for the provider or accepted by it, awaiting its status' }) sending: number;
  @ApiProperty() sent: number;
  @ApiProperty() delivered: number;
  @ApiProperty() undelivered: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'stopped before leaving (the notice was canceled)' }) canceled: number;
  @ApiProperty({ description: 'opted out or invalid phones, never sent' }) suppressed: number;
  @ApiProperty({ ...BY_LANGUAGE, description: 'rows per language, suppressed ones aside' }) byLanguage: Record<string, number>;
}

export class QuietHoursWaitResponse {
  @ApiProperty({ description: 'when these families’ sending window opens (ISO 8601 UTC)' }) until: string;
  @ApiProperty() recipients: number;
}

export class QuietHoursEffectResponse {
  @ApiProperty({ description: 'families whose message waits for their sending window (normal notices)' }) waiting: number;
  @ApiProperty({ type: [QuietHoursWaitResponse], description: 'the waits, earliest first' }) waits: QuietHoursWaitResponse[];
  @ApiProperty({ description: 'families an emergency reaches inside their quiet hours' }) overridden: number;
}

export class AudienceSummaryResponse {
  @ApiProperty() all: boolean;
  @ApiProperty() schools: number;
  @ApiProperty({ type: [String] }) grades: string[];
  @ApiProperty() sections: number;
  @ApiProperty() contacts: number;
}

export class NoticeAuthorResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
}

export class NoticeResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty() body: string;
  @ApiProperty() sourceLanguage: string;
  @ApiProperty({ type: AudienceDto }) audience: AudienceDto;
  @ApiProperty({ enum: URGENCIES }) urgency: string;
  @ApiProperty({ enum: NOTICE_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ nullable: true, type: String }) scheduledAt: string | null;
  @ApiProperty({ nullable: true, type: PollDto }) poll: PollDto | null;
  @ApiProperty({ nullable: true, type: NoticeTemplateDto }) template: NoticeTemplateDto | null;
  @ApiProperty() smartEncoding: boolean;
  @ApiProperty({ nullable: true, type: String }) authorUserId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) sendRequestedAt: string | null;
  @ApiProperty({ type: NoticeStatsResponse }) stats: NoticeStatsResponse;
  @ApiProperty({
    type: QuietHoursEffectResponse,
    description: "the caller's families still waiting for their sending window; the quiet-hours override counted at fan-out",
  })
  quietHours: QuietHoursEffectResponse;
}

export class NoticeSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty() body: string;
  @ApiProperty() sourceLanguage: string;
  @ApiProperty({ enum: URGENCIES }) urgency: string;
  @ApiProperty({ enum: NOTICE_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ nullable: true, type: String }) scheduledAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) sendRequestedAt: string | null;
  @ApiProperty({ type: AudienceDto }) audience: AudienceDto;
  @ApiProperty({ type: AudienceSummaryResponse }) audienceSummary: AudienceSummaryResponse;
  @ApiProperty({ type: [String], description: 'the source language, every translated language, every language messages went out in' }) languages: string[];
  @ApiProperty({ nullable: true, type: NoticeAuthorResponse }) author: NoticeAuthorResponse | null;
  @ApiProperty({ type: NoticeStatsResponse }) stats: NoticeStatsResponse;
}

export class NoticePageResponse {
  @ApiProperty({ type: [NoticeSummaryResponse] }) items: NoticeSummaryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class RemovedTextResponse {
  @ApiProperty({ enum: ['retention', 'erasure'] }) reason: string;
  @ApiProperty() at: string;
  @ApiProperty() note: string;
}

export class SmartEncodingResponse {
  @ApiProperty({ enum: [true] }) applied: true;
  @ApiProperty() segmentsWithout: number;
  @ApiProperty({ enum: ['GSM-7', 'UCS-2'] }) encodingWithout: string;
}

export class NoticeTranslationResponse {
  @ApiProperty() language: string;
  @ApiProperty({ nullable: true, type: String }) body: string | null;
  @ApiProperty({ nullable: true, enum: TRANSLATION_ORIGINS }) origin: string | null;
  @ApiProperty({ enum: ['ready', 'needs_review', 'missing'] }) status: string;
  @ApiProperty() segments: number;
  @ApiProperty({ nullable: true, enum: ['GSM-7', 'UCS-2'] }) encoding: string | null;
  @ApiPropertyOptional({ description: 'the engine that wrote a machine translation' }) provider?: string;
  @ApiPropertyOptional({ description: 'why a translation waits for a person' }) reviewReason?: string;
  @ApiPropertyOptional({ description: 'machine output translated back into the source language, when asked for' }) backTranslation?: string;
  @ApiPropertyOptional({
    description: 'an emergency with no translation in this language: a catalog line in the language ("Urgent message from …:") before the source text',
  })
  fallback?: boolean;
  @ApiPropertyOptional({ description: 'why no engine gave a text (shown while the translation is missing)' }) machineError?: string;
  @ApiPropertyOptional({ type: SmartEncodingResponse }) smartEncoding?: SmartEncodingResponse;
}

export class SuppressedResponse {
  @ApiProperty() optedOut: number;
  @ApiProperty() noPhone: number;
  @ApiProperty() invalid: number;
}

export class RecipientsResponse {
  @ApiProperty() total: number;
  @ApiProperty(BY_LANGUAGE) byLanguage: Record<string, number>;
}

export class NoticePreviewResponse {
  @ApiProperty({ type: RecipientsResponse }) recipients: RecipientsResponse;
  @ApiProperty({ type: SuppressedResponse }) suppressed: SuppressedResponse;
  @ApiProperty({ type: [NoticeTranslationResponse] }) translations: NoticeTranslationResponse[];
  @ApiProperty() estimatedSegments: number;
  @ApiProperty({ type: QuietHoursEffectResponse, description: 'what quiet hours would do were the notice sent now (or at its scheduled time)' })
  quietHours: QuietHoursEffectResponse;
}

export class AudienceCountResponse {
  @ApiProperty({ type: RecipientsResponse }) recipients: RecipientsResponse;
  @ApiProperty({ type: SuppressedResponse }) suppressed: SuppressedResponse;
  @ApiProperty({ type: QuietHoursEffectResponse, description: 'what quiet hours would do to a notice of this urgency sent now (or at scheduledAt)' })
  quietHours: QuietHoursEffectResponse;
}

export class NoticeMessageResponse {
  @ApiProperty() id: string;
  @ApiProperty({ type: [String] }) contactIds: string[];
  @ApiProperty({ example: '+16175550100' }) phone: string;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty({ nullable: true, type: String }) body: string | null;
  @ApiPropertyOptional() translatedBody?: string;
  @ApiPropertyOptional() translatedLanguage?: string;
  @ApiPropertyOptional({ type: RemovedTextResponse }) bodyRemoved?: RemovedTextResponse;
  @ApiProperty({ enum: MESSAGE_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: Number }) errorCode: number | null;
  @ApiProperty({ nullable: true, type: String }) errorMessage: string | null;
  @ApiProperty({ nullable: true, type: String }) providerSid: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the message waits for the family’s sending window (quiet hours) until then' }) sendAfter:
    string | null;
  @ApiProperty() updatedAt: string;
}

export class NoticeMessagePageResponse {
  @ApiProperty({ type: [NoticeMessageResponse] }) items: NoticeMessageResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class NoticeReplyResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) conversationId: string | null;
  @ApiProperty({ type: [String] }) contactIds: string[];
  @ApiProperty() phone: string;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty({ nullable: true, type: String }) body: string | null;
  @ApiPropertyOptional() translatedBody?: string;
  @ApiPropertyOptional() translatedLanguage?: string;
  @ApiPropertyOptional({ type: RemovedTextResponse }) bodyRemoved?: RemovedTextResponse;
  @ApiProperty() createdAt: string;
}

export class NoticeReplyPageResponse {
  @ApiProperty({ type: [NoticeReplyResponse] }) items: NoticeReplyResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
