import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { GlossaryEntry, GlossaryUseCases } from '@porchlight/translation';
import { IsObject, IsOptional, IsString, Length } from 'class-validator';
import { Principal } from '../http/auth.guard';
import { Roles } from '../http/roles.guard';
import { IsLanguageMap } from '../http/validators';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

export class GlossaryTermDto {
  @ApiProperty({ description: 'kept as written by machine translation, unless a fixed translation is given', example: 'Lincoln Elementary' })
  @IsString()
  @Length(1, 200)
  term: string;

  @ApiPropertyOptional({ description: 'fixed translation per language', example: { es: 'Asociación de Padres' } })
  @IsOptional()
  @IsObject()
  @IsLanguageMap()
  translations?: Record<string, string>;
}

export class GlossaryEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Lincoln Elementary' }) term: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { es: 'Asociación de Padres' },
    description: 'a fixed translation per language; a language without one keeps the term as written',
  })
  translations: Record<string, string>;
  @ApiProperty() createdAt: string;
}

@ApiTags('glossary')
@ApiBearerAuth()
@Controller('api/v1/glossary')
export class GlossaryController {
  constructor(private readonly glossary: GlossaryUseCases) {}

  @Get()
  @ApiOperation({ summary: "The district's glossary" })
  @ApiOkResponse({ type: [GlossaryEntryResponse] })
  list(): Promise<GlossaryEntry[]> {
    return this.glossary.list();
  }

  @Post()
  @Roles('district_admin')
  @ApiOperation({ summary: 'District admin adds a term (409 when it is already there)' })
  @ApiCreatedResponse({ type: GlossaryEntryResponse })
  add(@Principal() principal: StaffPrincipal, @Body() dto: GlossaryTermDto): Promise<GlossaryEntry> {
    return this.glossary.add(principal, dto);
  }

  @Delete(':id')
  @Roles('district_admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'District admin removes a term' })
  async remove(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<void> {
    await this.glossary.remove(principal, id);
  }
}
