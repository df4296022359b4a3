import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { Page } from '@porchlight/contacts';
import {
  CloseTheLoopUseCase,
  DecisionDetail,
  DecisionInput,
  DecisionInputsUseCases,
  DecisionInputView,
  DecisionsUseCases,
  DecisionView,
} from '@porchlight/engagement';
import { NoticeView } from '@porchlight/messaging';
import { Principal } from '../http/auth.guard';
import { Roles } from '../http/roles.guard';
import { NoticeResponse } from '../notices/notice-responses.dto';
import { DecisionDetailResponse, DecisionInputResponse, DecisionPageResponse, DecisionResponse } from './decision-responses.dto';
import { CloseTheLoopDto, CreateDecisionDto, DecisionInputDto, DecisionsQueryDto, UpdateDecisionDto } from './decisions.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });
const CHANGERS = ['district_admin', 'school_admin'] as const;

/** The decision log (docs/family-voice.md#decision-log): every role reads, district and school admins write. */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('api/v1/decisions')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsUseCases,
    private readonly inputs: DecisionInputsUseCases,
    private readonly loop: CloseTheLoopUseCase,
  ) {}

  @Post()
  @Roles(...CHANGERS)
  @ApiOperation({ summary: 'Record a decision (district admin; school admin for their own schools)' })
  @ApiCreatedResponse({ type: DecisionResponse })
  create(@Principal() principal: StaffPrincipal, @Body() dto: CreateDecisionDto): Promise<DecisionView> {
    return this.decisions.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: "The decision log, newest first: district-wide decisions and those about the caller's schools" })
  @ApiOkResponse({ type: DecisionPageResponse })
  list(@Principal() principal: StaffPrincipal, @Query() query: DecisionsQueryDto): Promise<Page<DecisionView>> {
    return this.decisions.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A decision with its inputs, their participation (asked, answered, by language and school) and what families said' })
  @ApiOkResponse({ type: DecisionDetailResponse })
  get(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<DecisionDetail> {
    return this.decisions.get(principal, id);
  }

  @Patch(':id')
  @Roles(...CHANGERS)
  @ApiOperation({ summary: 'Change a decision: its texts, schools, status, outcome, rationale, decidedAt (audited, before and after)' })
  @ApiOkResponse({ type: DecisionDetailResponse })
  update(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Body() dto: UpdateDecisionDto): Promise<DecisionDetail> {
    return this.decisions.update(principal, id, dto);
  }

  @Post(':id/inputs')
  @Roles(...CHANGERS)
  @ApiOperation({ summary: 'Attach family input: { surveyId }, { messageId } (a reply, quoted) or { note, source } (a meeting, a call)' })
  @ApiCreatedResponse({ type: DecisionInputResponse })
  @ApiResponse({ status: 400, description: 'not exactly one kind of input; a message that is not a reply; surveys not available on this server' })
  @ApiResponse({ status: 404, description: "no such decision, survey or reply among the caller's families" })
  @ApiResponse({ status: 409, description: 'the survey or reply is already an input' })
  addInput(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Body() dto: DecisionInputDto): Promise<DecisionInputView> {
    return this.inputs.add(principal, id, oneInput(dto));
  }

  @Post(':id/close-the-loop')
  @Roles(...CHANGERS)
  @HttpCode(201)
  @ApiOperation({
    summary: '"You said, we did": a draft notice to the families who gave input (respondents) or all who were asked',
    description: 'Translated, reviewed and sent as any notice (`/api/v1/notices/:id/...`); the decision becomes `communicated` when it is sent.',
  })
  @ApiCreatedResponse({ type: NoticeResponse, description: 'the drafted notice' })
  @ApiResponse({ status: 409, description: 'the decision is still gathering, already communicated, has a drafted notice, or no family gave input' })
  closeTheLoop(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Body() dto: CloseTheLoopDto): Promise<NoticeView> {
    return this.loop.execute(principal, id, dto);
  }
}

function oneInput(dto: DecisionInputDto): DecisionInput {
  const given = [dto.surveyId !== undefined, dto.messageId !== undefined, dto.note !== undefined].filter(Boolean).length;
  if (given !== 1) {
    const message = 'give exactly one of surveyId, messageId, or note with its source';
    throw new BadRequestException({ message: 'validation failed', details: ['surveyId', 'messageId', 'note'].map((field) => ({ field, message })) });
  }
  if (dto.surveyId) return { surveyId: dto.surveyId };
  if (dto.messageId) return { messageId: dto.messageId };
  if (dto.source === undefined)
    throw new BadRequestException({
      message: 'validation failed',
      details: [{ field: 'source', message: 'source must say where the note comes from (a meeting, a call)' }],
    });
  return { note: dto.note as string, source: dto.source };
}
