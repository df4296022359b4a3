import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { StaffPrincipal } from '@porchlight/contracts';
import { StaffLifecycleUseCases, StaffUser, UsersUseCases } from '@porchlight/identity';
import { Principal } from '../http/auth.guard';
import { StaffUserView, UpdateUserDto } from './users.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND });

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UsersUseCases,
    private readonly lifecycle: StaffLifecycleUseCases,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'A staff member of the district' })
  @ApiOkResponse({ type: StaffUserView })
  @ApiNotFoundResponse({ description: 'no such staff member in this district' })
  get(@Param('id', uuid) id: string): Promise<StaffUser> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a staff member: name, role, schools, language, active',
    description:
      'District admins change anything; anyone may change their own name and language. A new role or schools hold from the ' +
      'staff member’s next request; `active: false` deactivates as DELETE does. Audited as `user.updated` (role and schools ' +
      'before and after), `user.deactivated`, `user.reactivated`.',
  })
  @ApiOkResponse({ type: StaffUserView })
  @ApiForbiddenResponse({ description: 'a field only a district admin may change, or another staff member' })
  @ApiNotFoundResponse({ description: 'no such staff member in this district' })
  @ApiConflictResponse({ description: 'the change would leave the district without an active district admin' })
  update(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string, @Body() dto: UpdateUserDto): Promise<StaffUser> {
    return this.lifecycle.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deactivate a staff member (district admins)',
    description: 'The row and its history stay; the staff member can no longer sign in and every token they hold stops working at once.',
  })
  @ApiNoContentResponse({ description: 'deactivated (or already inactive)' })
  @ApiForbiddenResponse({ description: 'not a district admin' })
  @ApiNotFoundResponse({ description: 'no such staff member in this district' })
  @ApiConflictResponse({ description: 'the last active district admin' })
  deactivate(@Principal() principal: StaffPrincipal, @Param('id', uuid) id: string): Promise<void> {
    return this.lifecycle.deactivate(principal, id);
  }
}
