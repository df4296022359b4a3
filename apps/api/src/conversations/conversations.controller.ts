import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { Page } from '@porchlight/contacts';
import { ConversationMessage, ConversationsUseCases, ConversationSummary, ConversationView } from '@porchlight/messaging';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Principal } from '../http/auth.guard';
import { ConversationMessageResponse, ConversationPageResponse, ConversationResponse, ConversationSummaryResponse } from './conversation-responses.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

export class ConversationQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ReplyDto {
  @ApiProperty({ description: "in the staff member's language" })
  @IsString()
  @Length(1, 1600)
  body: string;

  @ApiPropertyOptional({ description: "send it as written when nothing can translate it into the family's language (otherwise 409)" })
  @IsOptional()
  @IsBoolean()
  sendUntranslated?: boolean;
}

export class AssignDto {
  @ApiProperty({ nullable: true, description: "the staff member who takes the thread; null gives it back to the school's shared inbox" })
  @IsUUID('all', { message: 'userId must be a UUID or null' })
  @ValidateIf((_, value) => value !== null)
  userId: string | null;
}

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/v1/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsUseCases) {}

  @Get()
  @ApiOperation({ summary: 'Threads visible to the caller, most recent first' })
  @ApiOkResponse({ type: ConversationPageResponse })
  list(@Principal() principal: StaffPrincipal, @Query() query: ConversationQueryDto): Promise<Page<ConversationSummary>> {
    return this.conversations.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One thread, both directions' })
  @ApiOkResponse({ type: ConversationResponse })
  show(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<ConversationView> {
    return this.conversations.show(principal, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({ summary: "Hand the thread to another staff member, or back to the school's shared inbox" })
  @ApiOkResponse({ type: ConversationSummaryResponse })
  assign(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Body() dto: AssignDto): Promise<ConversationSummary> {
    return this.conversations.assign(principal, id, dto.userId);
  }

  @Post(':id/messages')
  @ApiOperation({
    summary:
      "A staff reply in the staff member's language, translated into the family's and sent in the same thread: 409 when nothing can translate it into the family's language unless sendUntranslated, 503 while the engines fail",
  })
  @ApiCreatedResponse({ type: ConversationMessageResponse })
  reply(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Body() dto: ReplyDto): Promise<ConversationMessage> {
    return this.conversations.reply(principal, id, dto.body, { sendUntranslated: dto.sendUntranslated === true });
  }
}
