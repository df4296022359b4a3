import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { ContactRecord, ContactRecordUseCase } from '@porchlight/records';
import { Response } from 'express';
import { Principal } from '../http/auth.guard';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

const DISTRICT_ADMINS = { status: 403, description: 'the caller is not a district admin' };

/** Records requests: one family member's record, and district exports downloaded once. */
@ApiTags('records')
@ApiBearerAuth()
@Controller('api/v1')
export class RecordsController {
  constructor(private readonly records: ContactRecordUseCase) {}

  @Get('contacts/:id/export')
  @ApiOperation({
    summary: "Everything held about one family member, as a JSON download (district admin; audited as contact.exported)",
    description:
      'Profile, students with school and grade, phones and their opt-out state, the consent ledger, every message to and from ' +
      'the phone (both directions, with status, language, translation and times), conversations and audit entries about the ' +
      'person. Messages belong to a phone: on a shared phone the record shows what was sent to and from that phone for others ' +
      'too, flagged alsoForOthers, without their ids or details.',
  })
  @ApiProduces('application/json')
  @ApiResponse({ status: 200, description: 'the record, with Content-Disposition: attachment' })
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
}
