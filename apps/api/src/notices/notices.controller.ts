import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { Page } from '@porchlight/contacts';
import {
  ApproveTranslationUseCase,
  AudienceCountView,
  CancelNoticeUseCase,
  CountAudienceUseCase,
  CreateNoticeUseCase,
  GetNoticeUseCase,
  ListNoticeMessagesUseCase,
  ListNoticeRepliesUseCase,
  ListNoticesUseCase,
  NoticeMessageView,
  NoticePreview,
  NoticeReplyView,
  NoticeSummary,
  NoticeTranslationView,
  NoticeView,
  PreviewNoticeUseCase,
  PutTranslationUseCase,
  SendNoticeUseCase,
} from '@porchlight/messaging';
import { Principal } from '../http/auth.guard';
import { Roles } from '../http/roles.guard';
import {
  AudienceCountResponse,
  NoticeMessagePageResponse,
  NoticePageResponse,
  NoticePreviewResponse,
  NoticeReplyPageResponse,
  NoticeResponse,
  NoticeTranslationResponse,
} from './notice-responses.dto';
import { AudienceCountDto, CreateNoticeDto, ListNoticesQueryDto, MessagesQueryDto, PreviewQueryDto, RepliesQueryDto, TranslationDto } from './notices.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function checkLanguage(language: string): string {
  if (!LANGUAGE.test(language)) {
    throw new BadRequestException({ message: 'validation failed', details: [{ field: 'language', message: 'language must be a BCP 47 tag' }] });
  }
  return language;
}

@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/v1/notices')
export class NoticesController {
  constructor(
    private readonly createNotice: CreateNoticeUseCase,
    private readonly getNotice: GetNoticeUseCase,
    private readonly listNotices: ListNoticesUseCase,
    private readonly cancelNotice: CancelNoticeUseCase,
    private readonly previewNotice: PreviewNoticeUseCase,
    private readonly putText: PutTranslationUseCase,
    private readonly approve: ApproveTranslationUseCase,
    private readonly sendNotice: SendNoticeUseCase,
    private readonly noticeMessages: ListNoticeMessagesUseCase,
    private readonly noticeReplies: ListNoticeRepliesUseCase,
    private readonly countAudience: CountAudienceUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: "The caller's visible notices, newest first, each with its status, stats, audience, languages and author" })
  @ApiOkResponse({ type: NoticePageResponse })
  list(@Principal() principal: StaffPrincipal, @Query() query: ListNoticesQueryDto): Promise<Page<NoticeSummary>> {
    return this.listNotices.execute(principal, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a draft notice' })
  @ApiCreatedResponse({ type: NoticeResponse })
  create(@Principal() principal: StaffPrincipal, @Body() dto: CreateNoticeDto): Promise<NoticeView> {
    return this.createNotice.execute(principal, dto);
  }

  @Post('audience-count')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Count an audience before any draft exists: phones per language, the suppressed, and who quiet hours would hold (writes nothing)',
  })
  @ApiOkResponse({ type: AudienceCountResponse })
  count(@Principal() principal: StaffPrincipal, @Body() dto: AudienceCountDto): Promise<AudienceCountView> {
    return this.countAudience.execute(principal, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The notice with its status and delivery stats' })
  @ApiOkResponse({ type: NoticeResponse })
  get(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<NoticeView> {
    return this.getNotice.execute(principal, id);
  }

  @Get(':id/preview')
  @ApiOperation({ summary: 'Recipients per language, suppressed phones, each translation with its origin, segments and encoding' })
  @ApiOkResponse({ type: NoticePreviewResponse })
  @ApiQuery({ name: 'backTranslate', required: false, type: Boolean, description: 'translate machine output back into the source language' })
  preview(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Query() query: PreviewQueryDto): Promise<NoticePreview> {
    return this.previewNotice.execute(principal, id, { backTranslate: query.backTranslate === true });
  }

  @Put(':id/translations/:language')
  @ApiOperation({ summary: 'A person writes or corrects one translation (origin human)' })
  @ApiOkResponse({ type: NoticeTranslationResponse })
  putTranslation(
    @Principal() principal: StaffPrincipal,
    @Param('id', uuid) id: string,
    @Param('language') language: string,
    @Body() dto: TranslationDto,
  ): Promise<NoticeTranslationView> {
    return this.putText.execute(principal, id, checkLanguage(language), dto.body);
  }

  @Post(':id/translations/:language/approve')
  @Roles('liaison', 'district_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'A liaison or district admin approves a translation waiting for review; it enters the translation memory' })
  @ApiOkResponse({ type: NoticeTranslationResponse })
  approveTranslation(
    @Principal() principal: StaffPrincipal,
    @Param('id', uuid) id: string,
    @Param('language') language: string,
  ): Promise<NoticeTranslationView> {
    return this.approve.execute(principal, id, checkLanguage(language));
  }

  @Post(':id/send')
  @HttpCode(202)
  @ApiOperation({ summary: "Send the notice; 409 when a needed translation is missing and the district's policy is to hold" })
  @ApiResponse({ status: 202, type: NoticeResponse, description: 'the notice, now translating' })
  send(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<NoticeView> {
    return this.sendNotice.execute(principal, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop what has not left yet: waiting messages become canceled; 409 when nothing is left to stop' })
  @ApiOkResponse({ type: NoticeResponse })
  cancel(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<NoticeView> {
    return this.cancelNotice.execute(principal, id);
  }

  @Get(':id/replies')
  @ApiOperation({ summary: 'Family replies to this notice, with their language and translation for staff' })
  @ApiOkResponse({ type: NoticeReplyPageResponse })
  replies(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Query() query: RepliesQueryDto): Promise<Page<NoticeReplyView>> {
    return this.noticeReplies.execute(principal, id, query);
  }

  @Get(':id/messages')
  @ApiOperation({ summary: 'One row per recipient phone' })
  @ApiOkResponse({ type: NoticeMessagePageResponse })
  messages(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Query() query: MessagesQueryDto): Promise<Page<NoticeMessageView>> {
    return this.noticeMessages.execute(principal, id, query);
  }
}
