import { ApiProperty } from '@nestjs/swagger';

/** Response shape of the template catalog, for the OpenAPI description. */

export class TemplateVariableResponse {
  @ApiProperty({ example: 'school' }) name: string;
  @ApiProperty({ enum: ['text', 'date', 'time', 'minutes', 'url'] }) kind: string;
  @ApiProperty() description: string;
}

const REVIEW = {
  type: 'object' as const,
  properties: {
    status: { type: 'string' as const, enum: ['source', 'machine_drafted', 'reviewed'] },
    reviewer: { type: 'string' as const, enum: ['none', 'native speaker'] },
  },
  required: ['status', 'reviewer'],
};

export class TemplateSummaryResponse {
  @ApiProperty({ example: 'school_closure_weather' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [TemplateVariableResponse] }) variables: TemplateVariableResponse[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: REVIEW,
    description: 'per language other than English: whether its text still waits for a native speaker’s review (machine_drafted)',
  })
  review: Record<string, { status: string; reviewer: string }>;
}
