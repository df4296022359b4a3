import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { templateCatalog, TemplateSummary } from '@porchlight/translation';
import { TemplateSummaryResponse } from './template-responses.dto';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/v1/templates')
export class TemplatesController {
  @Get()
  @ApiOperation({ summary: 'The catalog of common notices: key, title, variables, languages, and which texts wait for a native speaker’s review' })
  @ApiOkResponse({ type: [TemplateSummaryResponse] })
  list(): TemplateSummary[] {
    return templateCatalog.list();
  }
}
