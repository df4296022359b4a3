import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { Page } from '@porchlight/contacts';
import { Assignee, ConversationMessage, ConversationsUseCases, ConversationSummary, ConversationThreads, ConversationView } from '@porchlight/messaging';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Principal } from '../http/auth.guard';
import {
  AssigneeResponse,
  ConversationMessageResponse,
  ConversationPageResponse,
  ConversationResponse,
  ConversationSummaryResponse,
} from './conversation-responses.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

export class ConversationQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ description: "threads of families with a child in this school (within the caller's)" })
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ enum: ['me', 'none'], description: '`me`: assigned to the caller; `none`: in a shared inbox, assigned to nobody' })
  @IsOptional()
  @IsIn(['me', 'none'])
  assigned?: 'me' | 'none';

  @ApiPropertyOptional({
    enum: ['mine'],
    description: "`mine`: threads held for one of the caller's own schools (the thread's `schoolId`); a district admin has none",
  })
  @IsOptional()
  @IsIn(['mine'])
  school?: 'mine';

  @ApiPropertyOptional({ description: "the thread of this family member's phone" })
  @IsOptional()
  @IsUUID()
  contactId?: string;

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
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: "the staff member who takes the thread; null gives it back to the school's shared inbox",
  })
  @IsUUID('all', { message: 'userId must be a UUID or null' })
  @ValidateIf((_, value) => value !== null)
  userId: string | null;
}

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/v1/conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsUseCases,
    private readonly threads: ConversationThreads,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Threads visible to the caller, most recent first',
    description: "Every filter narrows within the caller's families: another district's or another school's thread never appears.",
  })
  @ApiOkResponse({ type: ConversationPageResponse })
  list(@Principal() principal: StaffPrincipal, @Query() query: ConversationQueryDto): Promise<Page<ConversationSummary>> {
    return this.threads.list(principal, query);
  }

  @Get(':id/assignees')
  @ApiOperation({ summary: "The district's active staff who see this thread's family: whom it can be handed to" })
  @ApiOkResponse({ type: [AssigneeResponse] })
  @ApiNotFoundResponse({ description: 'no such thread among the caller’s families' })
  assignees(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<Assignee[]> {
    return this.threads.assignees(principal, id);
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
  @ApiNotFoundResponse({ description: 'no such thread among the caller’s families, or no such staff member in the district' })
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
