import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes of the import routes, for the OpenAPI description. */

export class ImportStartedResponse {
  @ApiProperty({ description: 'the import, to follow with GET /api/v1/imports/{id}' }) id: string;
}

export class ImportCountsResponse {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() rejected: number;
  @ApiProperty() deleted: number;
}

export class RowIssueResponse {
  @ApiProperty({ example: 'users.csv' }) file: string;
  @ApiProperty() row: number;
  @ApiProperty() field: string;
  @ApiProperty() message: string;
}

const integer = { type: 'integer' as const };
const FILE_PROGRESS = {
  type: 'object' as const,
  properties: {
    created: integer,
    updated: integer,
    unchanged: integer,
    rejected: integer,
    deleted: integer,
    rowsRead: integer,
    skipped: integer,
  },
  required: ['created', 'updated', 'unchanged', 'rejected', 'deleted', 'rowsRead', 'skipped'],
};

export class ImportProgressResponse {
  @ApiPropertyOptional() phase?: string;
  @ApiPropertyOptional() rowsRead?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: FILE_PROGRESS, description: 'counts per file, by file name' }) files?: Record<
    string,
    Record<string, number>
  >;
  @ApiPropertyOptional({ description: 'row issues past those listed' }) issuesNotListed?: number;
}

export class ImportResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['oneroster', 'csv'] }) kind: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: string;
  @ApiProperty({ type: ImportCountsResponse }) counts: ImportCountsResponse;
  @ApiProperty({ type: [RowIssueResponse], description: 'rejected rows with reasons' }) errors: RowIssueResponse[];
  @ApiProperty({ type: [RowIssueResponse], description: 'rows taken with a caveat' }) warnings: RowIssueResponse[];
  @ApiProperty({ type: ImportProgressResponse, description: 'how far the import got (`{}` while queued)' }) progress: ImportProgressResponse;
  @ApiProperty({ nullable: true, type: String }) failure: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}
