import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@porchlight/contracts';
import { PublicDecisionsUseCase } from '@porchlight/engagement';
import { Public } from '@porchlight/tenancy';
import { Response } from 'express';
import { PUBLIC_STYLESHEET, renderNotFound, renderPublicDecisions } from './public-page.html';

/** Pages for families, with no login: nothing personal on them, no script in them. */
@ApiTags('public')
@Controller('p')
export class PublicController {
  constructor(private readonly decisions: PublicDecisionsUseCase) {}

  @Get('decisions.css')
  @Public()
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  stylesheet(): string {
    return PUBLIC_STYLESHEET;
  }

  @Get(':tenantSlug/decisions')
  @Public()
  @ApiOperation({ summary: 'The district\'s communicated decisions ("you said, we did") in the family\'s language, as a plain accessible web page' })
  @ApiParam({ name: 'tenantSlug', description: "the district's slug" })
  @ApiQuery({ name: 'lang', required: false, description: "a language the district speaks (BCP 47); default: the district's" })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'text/html' })
  @ApiResponse({ status: 404, description: 'no such district: a text/html page that says so' })
  async page(@Param('tenantSlug') slug: string, @Query('lang') lang: unknown, @Res() res: Response): Promise<void> {
    res.type('html').setHeader('Cache-Control', 'public, max-age=300');
    try {
      const page = await this.decisions.execute(slug, typeof lang === 'string' ? lang : undefined);
      res.status(200).send(renderPublicDecisions(page));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'not_found') throw error;
      res.status(404).send(renderNotFound());
    }
  }
}
