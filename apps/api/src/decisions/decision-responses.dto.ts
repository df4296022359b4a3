import { ApiProperty } from '@nestjs/swagger';
import { DECISION_STATUSES, LOOP_AUDIENCES } from '@porchlight/engagement';

/** Response shapes of `/api/v1/decisions`, for the OpenAPI description and the portal's typed client. */

export class LanguageParticipationResponse {
  @ApiProperty({ nullable: true, type: String, description: 'BCP 47; null: not known' }) language: string | null;
  @ApiProperty() asked: number;
  @ApiProperty() answered: number;
}

export class SchoolParticipationResponse {
  @ApiProperty() schoolId: string;
  @ApiProperty() asked: number;
  @ApiProperty() answered: number;
}

export class ParticipationResponse {
  @ApiProperty({ description: 'families (phones) asked' }) asked: number;
  @ApiProperty({ description: 'of those, families who answered' }) answered: number;
  @ApiProperty({ type: [LanguageParticipationResponse] }) byLanguage: LanguageParticipationResponse[];
  @ApiProperty({ type: [SchoolParticipationResponse] }) bySchool: SchoolParticipationResponse[];
}

export class FamilyWordsResponse {
  @ApiProperty({ nullable: true, type: String, description: 'as the family wrote it; null once removed by retention or erasure' }) body: string | null;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty({ nullable: true, type: String, description: "in the reader's language" }) translatedBody: string | null;
  @ApiProperty({ nullable: true, type: String }) translatedLanguage: string | null;
  @ApiProperty() receivedAt: string;
}

export class DecisionInputResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['survey', 'message', 'note'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) surveyId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'a quoted reply' }) messageId: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String, description: "where a note comes from: 'a meeting', 'a call'" }) source: string | null;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: ParticipationResponse, description: 'null for a note' }) participation: ParticipationResponse | null;
  @ApiProperty({ type: [FamilyWordsResponse] }) said: FamilyWordsResponse[];
}

export class DecisionLoopResponse {
  @ApiProperty({ description: 'the "you said, we did" notice' }) noticeId: string;
  @ApiProperty({ enum: LOOP_AUDIENCES }) audience: string;
  @ApiProperty({ description: 'the notice’s status (draft, translating, sending, sent, failed)' }) noticeStatus: string;
  @ApiProperty({ description: 'families the notice was written to; before it is sent, those its audience names' }) families: number;
  @ApiProperty({ description: 'of those, families whose message was delivered' }) reached: number;
}

export class DecisionResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() question: string;
  @ApiProperty({ description: 'the language its texts are written in' }) language: string;
  @ApiProperty({ type: [String], description: 'empty: district-wide' }) schoolIds: string[];
  @ApiProperty({ enum: DECISION_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) rationale: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) communicatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: DecisionLoopResponse }) loop: DecisionLoopResponse | null;
}

export class DecisionDetailResponse extends DecisionResponse {
  @ApiProperty({ type: [DecisionInputResponse] }) inputs: DecisionInputResponse[];
}

export class DecisionPageResponse {
  @ApiProperty({ type: [DecisionResponse] }) items: DecisionResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
