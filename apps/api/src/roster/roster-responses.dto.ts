import { ApiProperty } from '@nestjs/swagger';

/** Response shapes of the school, student and family routes, for the OpenAPI description. */

export class SchoolResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String, description: 'the OneRoster sourcedId, for schools from an import' }) sourcedId: string | null;
}

export class StudentResponse {
  @ApiProperty() id: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty() schoolId: string;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty({ nullable: true, type: String }) sourcedId: string | null;
}

export class ContactResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) givenName: string | null;
  @ApiProperty({ nullable: true, type: String }) familyName: string | null;
  @ApiProperty({ nullable: true, type: String, example: '+16175550100' }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ example: 'es' }) language: string;
  @ApiProperty({ description: 'where the language came from (the roster, staff, the family)' }) languageSource: string;
  @ApiProperty({ enum: ['roster', 'staff'], description: 'where the phone came from: an import, or staff' }) phoneSource: string;
  @ApiProperty({ nullable: true, type: String, description: 'parent, guardian or relative (from the roster); null when entered by hand' }) role: string | null;
  @ApiProperty() consent: string;
  @ApiProperty({ nullable: true, type: String }) sourcedId: string | null;
  @ApiProperty({ type: [String] }) studentIds: string[];
  @ApiProperty() optedOut: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ContactPageResponse {
  @ApiProperty({ type: [ContactResponse] }) items: ContactResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ConsentHistoryEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['opt_out', 'opt_in'] }) action: string;
  @ApiProperty({
    enum: ['keyword', 'provider', 'staff', 'import'],
    description: 'how it came: the family texted a keyword (SMS), the carrier reported an opt-out, staff, or a roster import',
  })
  source: string;
  @ApiProperty({ nullable: true, type: String, description: 'for a keyword, the word the family texted (null once the text was removed)', example: 'STOP' })
  keyword: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the message behind the change: the family's text, or the send the carrier refused" })
  messageId: string | null;
  @ApiProperty() createdAt: string;
}

export class ConsentHistoryResponse {
  @ApiProperty({ nullable: true, type: String, description: 'the phone the history is of (consent belongs to a phone)' }) phone: string | null;
  @ApiProperty({ description: 'the phone is opted out now' }) optedOut: boolean;
  @ApiProperty({ type: [ConsentHistoryEntryResponse] }) items: ConsentHistoryEntryResponse[];
}
