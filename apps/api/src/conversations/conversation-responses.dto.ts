import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_STATUSES, ROLES } from '@porchlight/contracts';
import { RemovedTextResponse } from '../notices/notice-responses.dto';

/** Response shapes of the conversation routes, for the OpenAPI description. */

export class ConversationContactResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) givenName: string | null;
  @ApiProperty({ nullable: true, type: String }) familyName: string | null;
  @ApiProperty() language: string;
}

export class ConversationSummaryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: '+16175550100' }) phone: string;
  @ApiProperty({ nullable: true, type: ConversationContactResponse }) contact: ConversationContactResponse | null;
  @ApiProperty({ nullable: true, type: String, description: "null: the shared inbox of the family's school" }) assignedUserId: string | null;
  @ApiProperty({
    description: 'a person assigned the thread (kept); otherwise each family reply routes it to the author of the latest notice or answer the family received',
  })
  assignedManually: boolean;
  @ApiProperty({ nullable: true, type: String }) schoolId: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the family's last replies were all in this language, not the one on file" }) suggestedLanguage:
    string | null;
  @ApiProperty() unreadCount: number;
  @ApiProperty() lastMessageAt: string;
}

export class ConversationLastMessageResponse {
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction: string;
  @ApiProperty({ nullable: true, type: String, description: 'the start of the text (null once it was removed)' }) body: string | null;
  @ApiProperty() createdAt: string;
}

/** A row of the list: the summary with the start of the thread's latest message. */
export class ConversationListItemResponse extends ConversationSummaryResponse {
  @ApiProperty({ nullable: true, type: ConversationLastMessageResponse, description: "the thread's latest message, cut to its start" })
  lastMessage: ConversationLastMessageResponse | null;
}

export class ConversationPageResponse {
  @ApiProperty({ type: [ConversationListItemResponse] }) items: ConversationListItemResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ConversationMessageResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['outbound', 'inbound'] }) direction: string;
  @ApiProperty({ enum: ['notice', 'reply', 'system', 'inbound'] }) kind: string;
  @ApiProperty({ nullable: true, type: String, description: 'as sent or received' }) body: string | null;
  @ApiPropertyOptional({ description: 'the staff side: a reply translated for staff, or a staff answer as written' }) translatedBody?: string;
  @ApiPropertyOptional() translatedLanguage?: string;
  @ApiPropertyOptional({ type: RemovedTextResponse }) bodyRemoved?: RemovedTextResponse;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiPropertyOptional({ enum: MESSAGE_STATUSES, description: 'outbound only' }) status?: string;
  @ApiProperty({ nullable: true, type: String }) noticeId: string | null;
  @ApiProperty({ nullable: true, type: String }) authorUserId: string | null;
  @ApiPropertyOptional({
    description: 'why the text was not translated: a family reply no engine could translate for staff, or a staff answer sent as written (sendUntranslated)',
  })
  untranslated?: string;
  @ApiProperty() createdAt: string;
}

export class ConversationResponse extends ConversationSummaryResponse {
  @ApiProperty({ type: [ConversationMessageResponse] }) messages: ConversationMessageResponse[];
}

export class AssigneeResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: string;
}
