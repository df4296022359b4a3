import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TRANSLATION_ORIGINS } from '@porchlight/contracts';
import { QUESTION_KINDS, SURVEY_STATUSES } from '@porchlight/engagement';
import { AudienceDto } from '../notices/notices.dto';
import { RecipientsResponse, SuppressedResponse } from '../notices/notice-responses.dto';
import { SurveyQuestionDto, SurveyReminderDto } from './surveys.dto';

/** Response shapes of the survey routes, for the OpenAPI description (the use-cases return plain objects of these shapes). */

const TRANSLATION_STATUSES = ['ready', 'needs_review', 'missing'];
const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class SurveyStatsResponse {
  @ApiProperty() recipients: number;
  @ApiProperty() asking: number;
  @ApiProperty() waiting: number;
  @ApiProperty() done: number;
  @ApiProperty() stopped: number;
  @ApiProperty() suppressed: number;
}

export class SurveyResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() sourceLanguage: string;
  @ApiProperty({ type: AudienceDto }) audience: AudienceDto;
  @ApiProperty({ nullable: true, type: String }) intro: string | null;
  @ApiProperty({ nullable: true, type: String }) closesAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'when a survey sent for later opens; null: as soon as it is ready' }) scheduledAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionId: string | null;
  @ApiProperty({ nullable: true, type: SurveyReminderDto }) reminder: SurveyReminderDto | null;
  @ApiProperty({ type: [SurveyQuestionDto] }) questions: SurveyQuestionDto[];
  @ApiProperty({ enum: SURVEY_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ nullable: true, type: String }) authorUserId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) sendRequestedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) openedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ type: SurveyStatsResponse, description: 'where the recipients the caller sees stand' }) stats: SurveyStatsResponse;
}

export class SurveyUnitResponse {
  @ApiProperty({ description: '`intro`, `q.<key>` or `q.<key>.o.<option>`', example: 'q.time' }) unit: string;
  @ApiProperty({ nullable: true, type: String }) body: string | null;
  @ApiProperty({ nullable: true, enum: TRANSLATION_ORIGINS }) origin: string | null;
  @ApiProperty({ enum: TRANSLATION_STATUSES }) status: string;
  @ApiPropertyOptional({ description: 'the engine that wrote a machine translation' }) provider?: string;
  @ApiPropertyOptional({ description: 'why a translation waits for a person' }) reviewReason?: string;
}

export class SurveyQuestionTextResponse {
  @ApiProperty() key: string;
  @ApiProperty({ nullable: true, type: String }) body: string | null;
  @ApiProperty() segments: number;
}

export class SurveyTranslationResponse {
  @ApiProperty() language: string;
  @ApiProperty({ nullable: true, type: String, description: 'the first message a family reading this language receives (intro and first question)' })
  body: string | null;
  @ApiProperty({ nullable: true, enum: TRANSLATION_ORIGINS, description: 'the least settled origin among the texts' }) origin: string | null;
  @ApiProperty({ enum: TRANSLATION_STATUSES }) status: string;
  @ApiProperty() segments: number;
  @ApiProperty({ nullable: true, enum: ['GSM-7', 'UCS-2'] }) encoding: string | null;
  @ApiProperty({ type: [SurveyQuestionTextResponse], description: 'each question as it is sent in this language' }) questions: SurveyQuestionTextResponse[];
  @ApiProperty({ type: [SurveyUnitResponse] }) units: SurveyUnitResponse[];
}

export class SurveyPreviewResponse {
  @ApiProperty({ type: RecipientsResponse }) recipients: RecipientsResponse;
  @ApiProperty({ type: SuppressedResponse }) suppressed: SuppressedResponse;
  @ApiProperty({ type: [SurveyTranslationResponse] }) translations: SurveyTranslationResponse[];
  @ApiProperty({ description: 'every question to every recipient, in segments (reminders and asks again not counted)' }) estimatedSegments: number;
}

export class SurveyCommentResponse {
  @ApiProperty({ nullable: true, type: String }) body: string | null;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty({ nullable: true, type: String }) translatedBody: string | null;
  @ApiProperty() createdAt: string;
}

export class QuestionResultResponse {
  @ApiProperty() key: string;
  @ApiProperty({ enum: QUESTION_KINDS }) kind: string;
  @ApiProperty({ description: 'phones whose latest answer to this question counts' }) answered: number;
  @ApiProperty({ ...COUNTS, description: 'answers per option (yes/no, scale value), 0 for an option nobody chose' }) counts: Record<string, number>;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'scale questions only; null before any answer' }) mean?: number | null;
  @ApiProperty({ type: [SurveyCommentResponse], description: 'newest first, at most 200 (the CSV has them all)' }) comments: SurveyCommentResponse[];
}

export class GroupResultResponse {
  @ApiProperty({ description: 'the language, school id, grade or role (`none` when unknown)' }) group: string;
  @ApiPropertyOptional({ description: "a school's name, for by=school" }) label?: string;
  @ApiProperty() sent: number;
  @ApiProperty() responded: number;
  @ApiProperty() responseRate: number;
  @ApiProperty({ type: 'object', additionalProperties: COUNTS, description: 'answers per option, per question key' }) counts: Record<
    string,
    Record<string, number>
  >;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true }, description: 'scale means per question key' }) means: Record<
    string,
    number | null
  >;
}

export class SurveyResultsResponse {
  @ApiProperty({ enum: SURVEY_STATUSES }) status: string;
  @ApiProperty() sent: number;
  @ApiProperty() delivered: number;
  @ApiProperty() responded: number;
  @ApiProperty() responseRate: number;
  @ApiProperty({ type: [QuestionResultResponse] }) questions: QuestionResultResponse[];
  @ApiProperty({ type: [GroupResultResponse], description: 'empty unless `by` is given' }) groups: GroupResultResponse[];
}
