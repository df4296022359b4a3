import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { ContactRecord, ContactRecordUseCase, ExportsUseCases, ExportView } from '@porchlight/records';
import { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Principal } from '../http/auth.guard';
import { ContactRecordResponse, ExportResponse, ExportStartedResponse } from './records-responses.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

const DISTRICT_ADMINS = { status: 403, description: 'the caller is not a district admin' };

/** Records requests: one family member's record, and district exports downloaded once. */
@ApiTags('records')
@ApiBearerAuth()
@Controller('api/v1')
export class RecordsController {
  constructor(
    private readonly records: ContactRecordUseCase,
    private readonly exports: ExportsUseCases,
  ) {}

  @Get('contacts/:id/export')
  @ApiOperation({
    summary: 'Everything held about one family member, as a JSON download (district admin; audited as contact.exported)',
    description:
      'Profile, students with school and grade, phones and their opt-out state, the consent ledger, every message to and from ' +
      'the phone (both directions, with status, language, translation and times), conversations and audit entries about the ' +
      'person. Messages belong to a phone: on a shared phone the record shows what was sent to and from that phone for others ' +
      'too, flagged alsoForOthers, without their ids or details.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: ContactRecordResponse, description: 'the record, with Content-Disposition: attachment' })
  @ApiResponse(DISTRICT_ADMINS)
  @ApiResponse({ status: 404, description: 'no such family member in the district (or erased)' })
  async exportContact(
    @Principal() principal: StaffPrincipal,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ContactRecord> {
    const record = await this.records.export(principal, id);
    res.setHeader('Content-Disposition', `attachment; filename="contact-${id}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    return record;
  }

  @Post('exports')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Export the district as a zip of CSVs (district admin; audited as export.requested); runs as a job, follow it with GET /exports/:id',
  })
  @ApiAcceptedResponse({ type: ExportStartedResponse, description: 'the export, queued' })
  @ApiResponse(DISTRICT_ADMINS)
  start(@Principal() principal: StaffPrincipal): Promise<{ id: string }> {
    return this.exports.start(principal);
  }

  @Get('exports/:id')
  @ApiOperation({
    summary: 'An export requested by the caller: status (queued, running, completed, failed), rows per file, size, whether it waits for its download',
  })
  @ApiOkResponse({ type: ExportResponse })
  @ApiResponse(DISTRICT_ADMINS)
  @ApiResponse({ status: 404, description: 'no such export of the caller' })
  get(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<ExportView> {
    return this.exports.get(principal, id);
  }

  @Get('exports/:id/download')
  @ApiOperation({
    summary: 'Download a completed export, once, by its requester (audited as export.downloaded); the stored zip is deleted as the download ends',
  })
  @ApiProduces('application/zip')
  @ApiResponse({ status: 200, description: 'the zip, with Content-Disposition: attachment', schema: { type: 'string', format: 'binary' } })
  @ApiResponse(DISTRICT_ADMINS)
  @ApiResponse({ status: 404, description: 'no such export of the caller' })
  @ApiResponse({ status: 409, description: 'the export is not built yet' })
  @ApiResponse({ status: 410, description: 'already downloaded, expired, or failed: ask for a new export' })
  async download(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Res() res: Response): Promise<void> {
    const file = await this.exports.download(principal, id);
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    // A client that goes away mid-download closes the stream too; the zip is deleted either way.
    await pipeline(file.stream, res).catch(() => undefined);
  }
}
