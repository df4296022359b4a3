import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import {
  SurveyCsvUseCase,
  SurveyPreview,
  SurveyResults,
  SurveyResultsUseCase,
  SurveysUseCases,
  SurveyTranslationView,
  SurveyView,
} from '@porchlight/engagement';
import { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Principal } from '../http/auth.guard';
import { Roles } from '../http/roles.guard';
import { SurveyPreviewResponse, SurveyResponse, SurveyResultsResponse, SurveyTranslationResponse } from './survey-responses.dto';
import { CreateSurveyDto, SurveyListQueryDto, SurveyResultsQueryDto, SurveyTranslationDto } from './surveys.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function checkLanguage(language: string): string {
  if (!LANGUAGE.test(language)) {
    throw new BadRequestException({ message: 'validation failed', details: [{ field: 'language', message: 'language must be a BCP 47 tag' }] });
  }
  return language;
}

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('api/v1/surveys')
export class SurveysController {
  constructor(
    private readonly surveys: SurveysUseCases,
    private readonly resultsOf: SurveyResultsUseCase,
    private readonly csvOf: SurveyCsvUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a draft survey: 1–10 questions (choice, yesno, scale, text) to an audience as notices have' })
  @ApiCreatedResponse({ type: SurveyResponse })
  create(@Principal() principal: StaffPrincipal, @Body() dto: CreateSurveyDto): Promise<SurveyView> {
    return this.surveys.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: "The caller's visible surveys, newest first" })
  @ApiOkResponse({ type: [SurveyResponse] })
  list(@Principal() principal: StaffPrincipal, @Query() query: SurveyListQueryDto): Promise<SurveyView[]> {
    return this.surveys.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The survey with its status and where its recipients stand' })
  @ApiOkResponse({ type: SurveyResponse })
  get(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<SurveyView> {
    return this.surveys.get(principal, id);
  }

  @Get(':id/preview')
  @ApiOperation({ summary: 'Recipients per language, suppressed phones, and each language’s texts with their origin, as families will read them' })
  @ApiOkResponse({ type: SurveyPreviewResponse })
  preview(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<SurveyPreview> {
    return this.surveys.preview(principal, id);
  }

  @Put(':id/translations/:language')
  @ApiOperation({ summary: 'A person writes or corrects texts of one language: intro, question texts, option labels (origin human)' })
  @ApiOkResponse({ type: SurveyTranslationResponse })
  putTranslation(
    @Principal() principal: StaffPrincipal,
    @Param('id', uuid) id: string,
    @Param('language') language: string,
    @Body() dto: SurveyTranslationDto,
  ): Promise<SurveyTranslationView> {
    return this.surveys.putTranslation(principal, id, checkLanguage(language), dto);
  }

  @Post(':id/translations/:language/approve')
  @Roles('liaison', 'district_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'A liaison or district admin approves the machine texts of one language; they enter the translation memory' })
  @ApiOkResponse({ type: SurveyTranslationResponse })
  approveTranslation(
    @Principal() principal: StaffPrincipal,
    @Param('id', uuid) id: string,
    @Param('language') language: string,
  ): Promise<SurveyTranslationView> {
    return this.surveys.approveTranslation(principal, id, checkLanguage(language));
  }

  @Post(':id/send')
  @HttpCode(202)
  @ApiOperation({ summary: "Send the survey; 409 when a needed translation is missing and the district's policy is to hold" })
  @ApiAcceptedResponse({ type: SurveyResponse })
  send(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<SurveyView> {
    return this.surveys.send(principal, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the survey: questions not yet sent are not sent; later answers are thanked and not counted' })
  @ApiOkResponse({ type: SurveyResponse })
  close(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<SurveyView> {
    return this.surveys.close(principal, id);
  }

  @Get(':id/results')
  @ApiOperation({ summary: 'Counts per option, means, comments with translations, response rate; by language, school, grade or role' })
  @ApiOkResponse({ type: SurveyResultsResponse })
  results(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Query() query: SurveyResultsQueryDto): Promise<SurveyResults> {
    return this.resultsOf.results(principal, id, query.by);
  }

  @Get(':id/responses.csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'Every response: one row per phone and question with language, school, grade, answer, original text and translation',
    description:
      'Streamed as it is read. Each API process streams a few downloads at once (SURVEY_CSV_DOWNLOADS_AT_ONCE) and cuts short one that takes longer than SURVEY_CSV_MAX_SECONDS (the response then ends without its last chunk).',
  })
  @ApiOkResponse({ description: 'the CSV, UTF-8 with a byte-order mark', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiTooManyRequestsResponse({
    description: 'as many downloads as the API streams at once are under way; try again after Retry-After',
    headers: { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' } } },
  })
  async csv(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Res() res: Response): Promise<void> {
    // A 404, a 429 (too many downloads at once) or any error before the first lines are read is answered as JSON by the error filter.
    const file = await this.csvOf.open(principal, id);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    // Streamed as the lines are read: a failure later, or a client that goes away, cuts the response short (no end chunk) and ends the read.
    await pipeline(file.stream, res).catch(() => undefined);
  }
}
