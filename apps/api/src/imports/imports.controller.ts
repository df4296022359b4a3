import { Controller, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ImportKind, ImportsUseCases, ImportView } from '@porchlight/contacts';
import { StaffPrincipal } from '@porchlight/contracts';
import { Request } from 'express';
import { Principal } from '../http/auth.guard';
import { Roles } from '../http/roles.guard';
import { MAX_IMPORT_BYTES } from '../tokens';
import { ImportResponse, ImportStartedResponse } from './import-responses.dto';
import { readMultipart } from './multipart';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

const filesBody = (description: string) => ({
  schema: {
    type: 'object',
    properties: {
      files: { type: 'array', items: { type: 'string', format: 'binary' }, description },
      languageColumn: {
        type: 'string',
        description: 'users.csv/demographics.csv column with the home language (default metadata.homeLanguage, metadata.language, metadata.preferredLanguage)',
      },
    },
  },
});

@ApiTags('roster')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsUseCases,
    @Inject(MAX_IMPORT_BYTES) private readonly maxBytes: number,
  ) {}

  @Post('oneroster')
  @Roles('district_admin')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody(filesBody('the bundle’s CSV files, known by file name (orgs.csv, users.csv, …), or one zip holding them'))
  @ApiOperation({ summary: 'Import a OneRoster 1.1 CSV bundle (district admin); runs as a job, follow it with GET /imports/:id' })
  @ApiAcceptedResponse({ type: ImportStartedResponse })
  oneRoster(@Principal() principal: StaffPrincipal, @Req() req: Request): Promise<{ id: string }> {
    return this.start(principal, 'oneroster', req);
  }

  @Post('csv')
  @Roles('district_admin')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody(filesBody('one CSV, a row per student–guardian pair'))
  @ApiOperation({ summary: 'Import a plain roster CSV (district admin); runs as a job, follow it with GET /imports/:id' })
  @ApiAcceptedResponse({ type: ImportStartedResponse })
  csv(@Principal() principal: StaffPrincipal, @Req() req: Request): Promise<{ id: string }> {
    return this.start(principal, 'csv', req);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An import: status, counts, rejected rows with reasons, warnings and progress' })
  @ApiOkResponse({ type: ImportResponse })
  get(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<ImportView> {
    return this.imports.get(principal, id);
  }

  /** `@Roles` has refused other callers before this reads a possibly large upload. */
  private async start(principal: StaffPrincipal, kind: ImportKind, req: Request): Promise<{ id: string }> {
    const upload = await readMultipart(req, this.maxBytes);
    try {
      const column = upload.fields.languageColumn?.trim();
      return await this.imports.start(principal, kind, upload.files, column ? { languageColumns: [column] } : {});
    } finally {
      await upload.cleanup();
    }
  }
}
