import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { normalizePhone } from '@porchlight/sms';
import type { CountryCode } from 'libphonenumber-js';
import { EntityManager } from 'typeorm';
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

const SELECT = `
  select c.*,
    coalesce((select array_agg(cs.student_id order by cs.student_id) from contact_students cs where cs.contact_id = c.id), '{}') as student_ids,
    exists (select 1 from phones p where p.tenant_id = c.tenant_id and p.phone = c.phone and p.opted_out_at is not null) as opted_out
  from contacts c`;

const toContact = (r: any): Contact => ({
  id: r.id,
  givenName: r.given_name,
  familyName: r.family_name,
  phone: r.phone,
  email: r.email,
  language: r.language,
  languageSource: r.language_source,
  role: r.role,
  consent: r.consent,
  sourcedId: r.source_id,
  studentIds: r.student_ids,
  optedOut: r.opted_out,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Family members: who they are, the one phone that reaches them, the language they read. */
export class ContactsUseCases {
  constructor(private readonly db: TenantDb) {}

  async create(actor: StaffPrincipal, input: CreateContactInput): Promise<Contact> {
    return this.db.tx(async (m) => {
      const phone = await this.normalise(m, actor.tenantId, input.phone);
      await this.checkStudents(m, actor, input.studentIds ?? []);
      let row: { id: string };
      try {
        [row] = await m.query(
          `insert into contacts (tenant_id, given_name, family_name, phone, email, language, language_source, phone_source, source_id)
           values ($1, $2, $3, $4, $5, $6, 'staff', 'staff', $7) returning id`,
          [actor.tenantId, input.givenName ?? null, input.familyName ?? null, phone, input.email ?? null, input.language, input.sourcedId ?? null],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new DomainError('conflict', `a contact with sourcedId "${input.sourcedId}" already exists`);
        throw error;
      }
      await this.link(m, actor.tenantId, row.id, input.studentIds ?? []);
      return this.load(m, actor, row.id);
    });
  }

  async list(
    actor: StaffPrincipal,
    filter: { schoolId?: string; language?: string; q?: string; cursor?: string; limit?: number },
  ): Promise<Page<Contact>> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const after = Cursor.decode(filter.cursor, ['uuid']);
    const params: unknown[] = [];
    const where = ['c.erased_at is null'];
    const add = (value: unknown) => params.push(value);
    where.push(FamilyScope.of(actor).contactSql('c', params));
    if (filter.schoolId) where.push(FamilyScope.schools([filter.schoolId]).contactSql('c', params));
    if (filter.language) {
      add(filter.language);
      where.push(`c.language = $${params.length}`);
    }
    if (filter.q) {
      add(`%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      const p = `$${params.length}`;
      where.push(`(c.given_name ilike ${p} or c.family_name ilike ${p} or (c.given_name || ' ' || c.family_name) ilike ${p} or c.phone like ${p} or c.email ilike ${p})`);
    }
    if (after) {
      add(after[0]);
      where.push(`c.id > $${params.length}::uuid`);
    }
    add(limit + 1);
    return this.db.tx(async (m) => {
      const rows = await m.query(`${SELECT} where ${where.join(' and ')} order by c.id limit $${params.length}`, params);
      return pageOf(rows.map(toContact), limit, (c) => [c.id]);
    });
  }

  get(actor: StaffPrincipal, id: string): Promise<Contact> {
    return this.db.tx((m) => this.load(m, actor, id));
  }

  async update(actor: StaffPrincipal, id: string, input: UpdateContactInput): Promise<Contact> {
    return this.db.tx(async (m) => {
      const before = await this.load(m, actor, id);
      const phone = input.phone !== undefined ? await this.normalise(m, actor.tenantId, input.phone) : before.phone;
      await m.query(
        `update contacts set given_name = $2, family_name = $3, phone = $4, email = $5, language = $6,
           language_source = case when $6 <> language then 'staff' else language_source end,
           phone_source = case when $4 is distinct from phone then 'staff' else phone_source end, updated_at = now()
         where id = $1`,
        [
          id,
          input.givenName ?? before.givenName,
          input.familyName ?? before.familyName,
          phone,
          input.email ?? before.email,
          input.language ?? before.language,
        ],
      );
      if (input.studentIds) {
        await this.checkStudents(m, actor, input.studentIds);
        // Links to children of schools the caller does not see are not theirs to remove.
        const params: unknown[] = [id];
        await m.query(
          `delete from contact_students cs using students s
           where s.id = cs.student_id and cs.contact_id = $1 and ${FamilyScope.of(actor).schoolSql('s.school_id', params)}`,
          params,
        );
        await this.link(m, actor.tenantId, id, input.studentIds);
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
   * Erases a person's personal data: names, phone, email and links go; the row stays, anonymous,
   * so counts of who was reached remain true. Messages that reached only this person lose their
   * phone and text (the family's words in translation too), and say they were erased. A district
   * admin's action (403 for others who see the family, 404 for the rest).
   */
  async erase(actor: StaffPrincipal, id: string): Promise<void> {
    await this.db.tx(async (m) => {
      const contact = await this.load(m, actor, id);
      if (actor.role !== 'district_admin') throw new DomainError('forbidden', "only a district admin can erase a family member's data");
      await m.query(
        `update contacts set given_name = null, family_name = null, phone = null, email = null, source_id = null,
           erased_at = now(), updated_at = now() where id = $1`,
        [id],
      );
      await m.query(`delete from contact_students where contact_id = $1`, [id]);
      if (contact.phone) {
        const [shared] = await m.query(`select 1 from contacts where phone = $1 and id <> $2 and erased_at is null limit 1`, [contact.phone, id]);
        if (!shared) {
          await m.query(
            `update messages set phone = 'erased', body = '', translated_body = case when translated_body is null then null else '' end,
               body_erased_at = coalesce(body_erased_at, now()), body_erased_by = coalesce(body_erased_by, 'erasure'), updated_at = now()
             where phone = $1`,
            [contact.phone],
          );
          await m.query(`delete from conversations where phone = $1`, [contact.phone]);
        }
      }
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'contact.erased', subjectType: 'contact', subjectId: id });
    });
  }

  private async load(m: EntityManager, actor: StaffPrincipal, id: string): Promise<Contact> {
    const params: unknown[] = [id];
    const [row] = await m.query(`${SELECT} where c.id = $1 and c.erased_at is null and ${FamilyScope.of(actor).contactSql('c', params)}`, params);
    if (!row) throw DomainError.notFound('contact');
    return toContact(row);
  }

  private async normalise(m: EntityManager, tenantId: string, input: string): Promise<string> {
    const [{ country }] = await m.query(`select country from tenants where id = $1`, [tenantId]);
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
    const params: unknown[] = [studentIds];
    const [{ count }] = await m.query(
      `select count(*)::int as count from students where id = any($1::uuid[]) and ${scope.schoolSql('school_id', params)}`,
      params,
    );
    if (count !== new Set(studentIds).size) {
      throw new DomainError('invalid', 'validation failed', [{ field: 'studentIds', message: 'unknown student id' }]);
    }
  }

  private async link(m: EntityManager, tenantId: string, contactId: string, studentIds: string[]): Promise<void> {
    if (studentIds.length === 0) return;
    await m.query(
      `insert into contact_students (tenant_id, contact_id, student_id) select $1, $2, unnest($3::uuid[]) on conflict do nothing`,
      [tenantId, contactId, [...new Set(studentIds)]],
    );
  }
}
