import { Inject, Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { audit, tenantLocale } from '@porchlight/identity';
import { normalizePhone } from '@porchlight/sms';
import type { CountryCode } from 'libphonenumber-js';
import { EntityManager, QueryFailedError } from 'typeorm';
import { CONTACTS_OPTIONS, ContactsOptions } from './contacts.options';
import {
  ContactRow,
  contactsSeen,
  eraseContactRow,
  findContact,
  findContactSeen,
  insertContact,
  linkStudents,
  phoneOfAnotherContact,
  unlinkStudentsSeen,
  updateContact,
} from './data/contacts.repository';
import { countStudentsSeen } from './data/roster.repository';
import { Cursor, Page, pageOf } from './paging';
import { FamilyScope } from './visibility';

export interface Contact {
  id: string;
  givenName: string | null;
  familyName: string | null;
  phone: string | null;
  email: string | null;
  language: string;
  languageSource: string;
  /** Where the phone came from: `roster` (an import) or `staff`. */
  phoneSource: string;
  /** parent, guardian or relative (from the roster); null when entered by hand. */
  role: string | null;
  consent: string;
  sourcedId: string | null;
  studentIds: string[];
  optedOut: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateContactInput {
  givenName?: string;
  familyName?: string;
  phone: string;
  email?: string;
  language: string;
  studentIds?: string[];
  sourcedId?: string;
}

export type UpdateContactInput = Partial<Pick<CreateContactInput, 'givenName' | 'familyName' | 'phone' | 'email' | 'language' | 'studentIds'>>;

/** What erasing a family member left for the domains that keep their messages to do. */
export interface ContactErasure {
  /** The phone the family member had, unless another live family member still has it. */
  phoneNobodyHas: string | null;
}

const toContact = (r: ContactRow, optedOut: ReadonlySet<string>): Contact => ({
  id: r.id,
  givenName: r.given_name,
  familyName: r.family_name,
  phone: r.phone,
  email: r.email,
  language: r.language,
  languageSource: r.language_source,
  phoneSource: r.phone_source,
  role: r.role,
  consent: r.consent,
  sourcedId: r.source_id,
  studentIds: r.student_ids,
  optedOut: r.phone !== null && optedOut.has(r.phone),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const isUniqueViolation = (error: unknown) => error instanceof QueryFailedError && (error.driverError as { code?: unknown }).code === '23505';

/** Family members: who they are, the one phone that reaches them, the language they read. */
@Injectable()
export class ContactsUseCases {
  constructor(
    private readonly db: TenantDb,
    @Inject(CONTACTS_OPTIONS) private readonly options: ContactsOptions,
  ) {}

  async create(actor: StaffPrincipal, input: CreateContactInput): Promise<Contact> {
    return this.db.tx(async (m) => {
      const phone = await this.normalise(m, actor.tenantId, input.phone);
      await this.checkStudents(m, actor, input.studentIds ?? []);
      let id: string;
      try {
        id = await insertContact(m, {
          tenantId: actor.tenantId,
          givenName: input.givenName ?? null,
          familyName: input.familyName ?? null,
          phone,
          email: input.email ?? null,
          language: input.language,
          languageSource: 'staff',
          phoneSource: 'staff',
          sourceId: input.sourcedId ?? null,
        });
      } catch (error: unknown) {
        if (isUniqueViolation(error)) throw new DomainError('conflict', `a contact with sourcedId "${input.sourcedId ?? ''}" already exists`);
        throw error;
      }
      await linkStudents(m, actor.tenantId, id, input.studentIds ?? []);
      return this.load(m, actor, id);
    });
  }

  async list(actor: StaffPrincipal, filter: { schoolId?: string; language?: string; q?: string; cursor?: string; limit?: number }): Promise<Page<Contact>> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const after = Cursor.decode(filter.cursor, ['uuid'])?.[0];
    return this.db.tx(async (m) => {
      const found = await contactsSeen(m, FamilyScope.of(actor), { ...filter, after }, limit + 1);
      const optedOut = await this.optedOut(m, found);
      return pageOf(
        found.map((row) => toContact(row, optedOut)),
        limit,
        (c) => [c.id],
      );
    });
  }

  get(actor: StaffPrincipal, id: string): Promise<Contact> {
    return this.db.tx((m) => this.load(m, actor, id));
  }

  async update(actor: StaffPrincipal, id: string, input: UpdateContactInput): Promise<Contact> {
    return this.db.tx(async (m) => {
      await this.load(m, actor, id);
      const before = await findContact(m, id);
      if (!before) throw DomainError.notFound('contact');
      const phone = input.phone !== undefined ? await this.normalise(m, actor.tenantId, input.phone) : before.phone;
      const language = input.language ?? before.language;
      await updateContact(m, id, {
        givenName: input.givenName ?? before.givenName,
        familyName: input.familyName ?? before.familyName,
        phone,
        email: input.email ?? before.email,
        language,
        languageSource: language !== before.language ? 'staff' : before.languageSource,
        phoneSource: phone !== before.phone ? 'staff' : before.phoneSource,
      });
      if (input.studentIds) {
        await this.checkStudents(m, actor, input.studentIds);
        await unlinkStudentsSeen(m, FamilyScope.of(actor), id);
        await linkStudents(m, actor.tenantId, id, input.studentIds);
      }
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'contact.updated',
        subjectType: 'contact',
        subjectId: id,
        data: { fields: Object.keys(input) },
      });
      return this.load(m, actor, id);
    });
  }

  /**
   * Contacts' part of erasing a person's personal data, in the caller's transaction: names, phone,
   * email and links go; the row stays, anonymous, so counts of who was reached remain true. A
   * district admin's action (403 for others who see the family, 404 for the rest). The messages
   * that reached only this person are messaging's: the caller erases them with what this returns.
   */
  async erase(m: EntityManager, actor: StaffPrincipal, id: string): Promise<ContactErasure> {
    const contact = await this.load(m, actor, id);
    if (actor.role !== 'district_admin') throw new DomainError('forbidden', "only a district admin can erase a family member's data");
    await eraseContactRow(m, id);
    const shared = contact.phone !== null && (await phoneOfAnotherContact(m, contact.phone, id));
    await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'contact.erased', subjectType: 'contact', subjectId: id });
    return { phoneNobodyHas: shared ? null : contact.phone };
  }

  private async load(m: EntityManager, actor: StaffPrincipal, id: string): Promise<Contact> {
    const row = await findContactSeen(m, FamilyScope.of(actor), id);
    if (!row) throw DomainError.notFound('contact');
    return toContact(row, await this.optedOut(m, [row]));
  }

  private optedOut(m: EntityManager, rows: ContactRow[]): Promise<ReadonlySet<string>> {
    const phones = rows.flatMap((r) => (r.phone === null ? [] : [r.phone]));
    return phones.length === 0 ? Promise.resolve(new Set<string>()) : this.options.optOuts.optedOut(m, phones);
  }

  private async normalise(m: EntityManager, tenantId: string, input: string): Promise<string> {
    const { country } = await tenantLocale(m, tenantId);
    const result = normalizePhone(input, country as CountryCode);
    if (!result.ok) throw new DomainError('invalid', 'validation failed', [{ field: 'phone', message: result.reason }]);
    return result.e164;
  }

  /**
   * Children the caller may link: students of schools they see. A school-level user links at least
   * one, so the family member stays one of theirs (and can be read back).
   */
  private async checkStudents(m: EntityManager, actor: StaffPrincipal, studentIds: string[]): Promise<void> {
    const scope = FamilyScope.of(actor);
    if (studentIds.length === 0) {
      if (scope.districtWide) return;
      throw new DomainError('invalid', 'validation failed', [{ field: 'studentIds', message: 'name at least one student of your schools' }]);
    }
    if ((await countStudentsSeen(m, scope, studentIds)) !== new Set(studentIds).size) {
      throw new DomainError('invalid', 'validation failed', [{ field: 'studentIds', message: 'unknown student id' }]);
    }
  }
}
