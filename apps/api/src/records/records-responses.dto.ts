import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_STATUSES } from '@porchlight/contracts';
import { EXPORT_COUNT_KEYS } from '@porchlight/records';
import { RemovedTextResponse } from '../notices/notice-responses.dto';

/** Response shapes of the records routes, for the OpenAPI description. */

export class RecordDistrictResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class RecordContactResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) givenName: string | null;
  @ApiProperty({ nullable: true, type: String }) familyName: string | null;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty() phoneSource: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() language: string;
  @ApiProperty() languageSource: string;
  @ApiProperty() consent: string;
  @ApiProperty({ nullable: true, type: String }) timeZone: string | null;
  @ApiProperty({ nullable: true, type: String }) sourcedId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class RecordSchoolResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class RecordStudentResponse {
  @ApiProperty() id: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty({ nullable: true, type: String }) sourcedId: string | null;
  @ApiProperty({ type: RecordSchoolResponse }) school: RecordSchoolResponse;
}

export class RecordPhoneResponse {
  @ApiProperty() phone: string;
  @ApiProperty({ description: 'the phone on file now' }) current: boolean;
  @ApiProperty() optedOut: boolean;
  @ApiProperty({ nullable: true, type: String }) optedOutAt: string | null;
  @ApiProperty({ nullable: true, type: String }) invalidReason: string | null;
  @ApiProperty({ description: 'how many other family members of the district have this phone on file' }) sharedWithOthers: number;
}

export class RecordConsentEventResponse {
  @ApiProperty() id: string;
  @ApiProperty() phone: string;
  @ApiProperty() action: string;
  @ApiProperty() source: string;
  @ApiProperty({ nullable: true, type: String }) messageId: string | null;
  @ApiProperty() createdAt: string;
}

export class RecordConversationResponse {
  @ApiProperty() id: string;
  @ApiProperty() phone: string;
  @ApiProperty({ nullable: true, type: String }) assignedUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) schoolId: string | null;
  @ApiProperty() unreadCount: number;
  @ApiProperty({ nullable: true, type: String }) suggestedLanguage: string | null;
  @ApiProperty() lastMessageAt: string;
  @ApiProperty() createdAt: string;
}

export class RecordMessageResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['outbound', 'inbound'] }) direction: string;
  @ApiProperty() kind: string;
  @ApiProperty() phone: string;
  @ApiProperty({ nullable: true, type: String }) noticeId: string | null;
  @ApiProperty({ nullable: true, type: String }) noticeTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) conversationId: string | null;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null once the text was removed (see bodyRemoved)' }) body: string | null;
  @ApiPropertyOptional() translatedBody?: string;
  @ApiPropertyOptional() translatedLanguage?: string;
  @ApiPropertyOptional({ type: RemovedTextResponse }) bodyRemoved?: RemovedTextResponse;
  @ApiProperty({ enum: MESSAGE_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: Number }) errorCode: number | null;
  @ApiProperty({ nullable: true, type: String }) authorUserId: string | null;
  @ApiProperty({ description: 'the message also concerned other family members on the same phone (their ids are not shown)' }) alsoForOthers: boolean;
  @ApiProperty({ nullable: true, type: String }) sendAfter: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class RecordAuditEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'contact.exported' }) action: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) subjectType: string | null;
  @ApiProperty({ nullable: true, type: String }) subjectId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'what the entry records, by action' }) data: Record<string, unknown>;
  @ApiProperty() createdAt: string;
}

export class ContactRecordResponse {
  @ApiProperty() exportedAt: string;
  @ApiProperty({ type: RecordDistrictResponse }) district: RecordDistrictResponse;
  @ApiProperty({ type: RecordContactResponse }) contact: RecordContactResponse;
  @ApiProperty({ type: [RecordStudentResponse] }) students: RecordStudentResponse[];
  @ApiProperty({ type: [RecordPhoneResponse] }) phones: RecordPhoneResponse[];
  @ApiProperty({ type: [RecordConsentEventResponse] }) consentEvents: RecordConsentEventResponse[];
  @ApiProperty({ type: [RecordConversationResponse] }) conversations: RecordConversationResponse[];
  @ApiProperty({ type: [RecordMessageResponse], description: 'every message to and from the phone, both directions' }) messages: RecordMessageResponse[];
  @ApiProperty({ type: [RecordAuditEntryResponse] }) audit: RecordAuditEntryResponse[];
}

export class ExportStartedResponse {
  @ApiProperty({ description: 'the export, to follow with GET /api/v1/exports/{id}' }) id: string;
}

const EXPORT_COUNTS = {
  type: 'object' as const,
  properties: Object.fromEntries(EXPORT_COUNT_KEYS.map((key) => [key, { type: 'integer' as const }])),
};

export class ExportResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ ...EXPORT_COUNTS, description: 'rows per file, once completed' }) counts: Partial<Record<string, number>>;
  @ApiProperty({ description: 'bytes of the zip, once completed' }) size: number;
  @ApiProperty({ nullable: true, type: String }) failure: string | null;
  @ApiProperty({ description: 'the zip waits for its one download' }) available: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) downloadedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'when the zip is deleted if nobody downloads it' }) expiresAt: string | null;
}
