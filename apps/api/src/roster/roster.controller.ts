import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { Contact, ContactsUseCases, Page, RosterUseCases, School, Section, SectionsQuery, Student } from '@porchlight/contacts';
import { ConsentHistoryEntry, ConsentHistoryUseCase } from '@porchlight/messaging';
import { EraseContactUseCase } from '@porchlight/records';
import { Principal } from '../http/auth.guard';
import { Roles } from '../http/roles.guard';
import { ConsentHistoryResponse, ContactPageResponse, ContactResponse, SchoolResponse, StudentResponse } from './roster-responses.dto';
import { SectionPageResponse, SectionQueryDto } from './sections.dto';
import { ContactQueryDto, CreateContactDto, CreateSchoolDto, CreateStudentDto, StudentQueryDto, UpdateContactDto } from './roster.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

@ApiTags('roster')
@ApiBearerAuth()
@Controller('api/v1')
export class RosterController {
  constructor(
    private readonly roster: RosterUseCases,
    private readonly contacts: ContactsUseCases,
    private readonly sections: SectionsQuery,
    private readonly eraseContactUseCase: EraseContactUseCase,
    private readonly consent: ConsentHistoryUseCase,
  ) {}

  @Post('schools')
  @Roles('district_admin')
  @ApiOperation({ summary: 'Add a school' })
  @ApiCreatedResponse({ type: SchoolResponse })
  createSchool(@Principal() principal: StaffPrincipal, @Body() dto: CreateSchoolDto): Promise<School> {
    return this.roster.createSchool(principal, dto);
  }

  @Get('schools')
  @ApiOperation({ summary: 'Schools visible to the caller' })
  @ApiOkResponse({ type: [SchoolResponse] })
  listSchools(@Principal() principal: StaffPrincipal): Promise<School[]> {
    return this.roster.listSchools(principal);
  }

  @Get('sections')
  @ApiOperation({ summary: 'Classes (OneRoster sections) of the caller’s schools, with school, course, grades and enrolled students, by title' })
  @ApiOkResponse({ type: SectionPageResponse })
  listSections(@Principal() principal: StaffPrincipal, @Query() query: SectionQueryDto): Promise<Page<Section>> {
    return this.sections.list(principal, query);
  }

  @Post('students')
  @ApiOperation({ summary: 'Add a student' })
  @ApiCreatedResponse({ type: StudentResponse })
  createStudent(@Principal() principal: StaffPrincipal, @Body() dto: CreateStudentDto): Promise<Student> {
    return this.roster.createStudent(principal, dto);
  }

  @Get('students')
  @ApiOperation({ summary: 'Students visible to the caller (of one school, or one family member’s children, when asked)' })
  @ApiOkResponse({ type: [StudentResponse] })
  listStudents(@Principal() principal: StaffPrincipal, @Query() query: StudentQueryDto): Promise<Student[]> {
    return this.roster.listStudents(principal, query);
  }

  @Post('contacts')
  @ApiOperation({ summary: 'Add a family member; the phone is normalised to E.164 (400 with a reason when it cannot take SMS)' })
  @ApiCreatedResponse({ type: ContactResponse })
  createContact(@Principal() principal: StaffPrincipal, @Body() dto: CreateContactDto): Promise<Contact> {
    return this.contacts.create(principal, dto);
  }

  @Get('contacts')
  @ApiOperation({ summary: 'Family members, filtered and paged by cursor' })
  @ApiOkResponse({ type: ContactPageResponse })
  listContacts(@Principal() principal: StaffPrincipal, @Query() query: ContactQueryDto): Promise<Page<Contact>> {
    return this.contacts.list(principal, query);
  }

  @Get('contacts/:id')
  @ApiOperation({ summary: 'One family member' })
  @ApiOkResponse({ type: ContactResponse })
  getContact(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<Contact> {
    return this.contacts.get(principal, id);
  }

  @Get('contacts/:id/consent')
  @ApiOperation({
    summary:
      "The consent history of a family member's phone, oldest first: each opt-out and opt-in with how it came (a keyword texted, the carrier, staff, an import), the keyword and when",
  })
  @ApiOkResponse({ type: ConsentHistoryResponse })
  @ApiNotFoundResponse({ description: 'no such family member among the caller’s families' })
  contactConsent(
    @Principal() principal: StaffPrincipal,
    @Param('id', uuid) id: string,
  ): Promise<{ phone: string | null; optedOut: boolean; items: ConsentHistoryEntry[] }> {
    return this.consent.execute(principal, id);
  }

  @Patch('contacts/:id')
  @ApiOperation({ summary: 'Change a family member (language, phone, names, children)' })
  @ApiOkResponse({ type: ContactResponse })
  updateContact(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Body() dto: UpdateContactDto): Promise<Contact> {
    return this.contacts.update(principal, id, dto);
  }

  @Delete('contacts/:id')
  @HttpCode(204)
  @ApiOperation({ summary: "Erase a family member's personal data, keeping anonymous counts (district admin; 403 for others who see the family)" })
  async eraseContact(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<void> {
    await this.eraseContactUseCase.execute(principal, id);
  }
}
