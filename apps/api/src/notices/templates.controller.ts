import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { templateCatalog, TemplateSummary } from '@porchlight/translation';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/v1/templates')
export class TemplatesController {
  @Get()
  @ApiOperation({ summary: 'The catalog of common notices: key, title, variables, languages, and which texts wait for a native speaker’s review' })
  list(): TemplateSummary[] {
    return templateCatalog.list();
  }
}
