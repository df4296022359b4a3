import { randomUUID } from 'node:crypto';
import * as argon2 from 'argon2';
import { TenantDb } from '../../database/src/tenant-db';
import { SecretBox } from '../../identity/src/secret-box';
import { randomAccountSid, randomHex } from './test-env';

export const TEST_SECRETS_KEY = 'test-secrets-key-0123456789abcdefghijklmnopqrstuv';

export interface TenantFixture {
  tenantId: string;
  adminId: string;
  accountSid: string;
  authToken: string;
}

/**
 * A tenant with a district admin, written straight to the database as the application role.
 * Unless a spec asks for quiet hours, the fixture district keeps none (window 00:00-00:00), so a
 * spec about something else behaves the same at whatever hour it runs.
 */
export async function createTenantFixture(
  db: TenantDb,
  options: { untranslatedPolicy?: 'hold' | 'send_source'; quietHours?: { start: string; end: string }; timezone?: string } = {},
): Promise<TenantFixture> {
  const tenantId = randomUUID();
  const accountSid = randomAccountSid();
  const authToken = randomHex(16);
  const adminId = await db.txFor(tenantId, async (m) => {
    await m.query(
      `insert into tenants (id, slug, name, timezone, country, default_language, languages, sms_provider, sms_account_sid,
         sms_auth_token_enc, sms_from_number, translation, quiet_hours_start, quiet_hours_end)
       values ($1, $2, 'Fixture District', $6, 'US', 'en', '{en,es,vi}', 'sandbox', $3, $4, '+16175550100', $5, $7, $8)`,
      [
        tenantId,
        `t-${randomHex(6)}`,
        accountSid,
        new SecretBox(TEST_SECRETS_KEY).seal(authToken),
        JSON.stringify({ provider: 'none', untranslatedPolicy: options.untranslatedPolicy ?? 'hold' }),
        options.timezone ?? 'America/Chicago',
        options.quietHours?.start ?? '00:00',
        options.quietHours?.end ?? '00:00',
      ],
    );
    const [admin] = await m.query(
      `insert into users (tenant_id, email, password_hash, role) values ($1, 'admin@fixture.test', 'x', 'district_admin') returning id`,
      [tenantId],
    );
    return admin.id as string;
  });
  return { tenantId, adminId, accountSid, authToken };
}

/** A school with one student per given contact, and the contacts linked to them. */
export async function addFamilies(
  db: TenantDb,
  tenantId: string,
  families: { phone: string | null; language: string; grade?: string }[],
): Promise<{ schoolId: string; contactIds: string[] }> {
  return db.txFor(tenantId, async (m) => {
    const [school] = await m.query(`insert into schools (tenant_id, name) values ($1, 'Fixture School') returning id`, [tenantId]);
    const contactIds: string[] = [];
    for (const family of families) {
      const [student] = await m.query(
        `insert into students (tenant_id, school_id, given_name, family_name, grade) values ($1, $2, 'Kid', 'Fixture', $3) returning id`,
        [tenantId, school.id, family.grade ?? '03'],
      );
      const [contact] = await m.query(`insert into contacts (tenant_id, phone, language, given_name) values ($1, $2, $3, 'Parent') returning id`, [
        tenantId,
        family.phone,
        family.language,
      ]);
      await m.query(`insert into contact_students (tenant_id, contact_id, student_id) values ($1, $2, $3)`, [tenantId, contact.id, student.id]);
      contactIds.push(contact.id);
    }
    return { schoolId: school.id, contactIds };
  });
}

/** A notice ready for fan-out (status `translating`), with the given translations. */
export async function createNoticeFixture(
  db: TenantDb,
  fixture: TenantFixture,
  options: { body?: string; audience?: object; urgency?: string; translations?: Record<string, string> } = {},
): Promise<string> {
  return db.txFor(fixture.tenantId, async (m) => {
    const [notice] = await m.query(
      `insert into notices (tenant_id, author_user_id, body, source_language, audience, urgency, status)
       values ($1, $2, $3, 'en', $4, $5, 'translating') returning id`,
      [fixture.tenantId, fixture.adminId, options.body ?? 'Hello families', JSON.stringify(options.audience ?? { all: true }), options.urgency ?? 'normal'],
    );
    for (const [language, body] of Object.entries(options.translations ?? {})) {
      await m.query(`insert into notice_translations (tenant_id, notice_id, language, body, origin, status) values ($1, $2, $3, $4, 'human', 'ready')`, [
        fixture.tenantId,
        notice.id,
        language,
        body,
      ]);
    }
    return notice.id as string;
  });
}

/**
 * Many families at once, set-based (for chaos tests and benchmarks): one school, and per phone one
 * student and one contact linked to it, the languages assigned round-robin.
 */
export async function addManyFamilies(db: TenantDb, tenantId: string, phones: string[], languages: string[] = ['en']): Promise<void> {
  await db.txFor(tenantId, async (m) => {
    const [school] = await m.query(`insert into schools (tenant_id, name) values ($1, 'Bulk Elementary') returning id`, [tenantId]);
    await m.query(
      `with input as (
         select phone, ($4::text[])[1 + (ordinality - 1) % cardinality($4::text[])] as language, ordinality
         from unnest($3::text[]) with ordinality as p(phone)
       ),
       kids as (
         insert into students (tenant_id, school_id, given_name, family_name, grade, source_id)
         select $1, $2, 'Kid', 'Bulk', '03', 'bulk-student-' || phone from input returning id, source_id
       ),
       parents as (
         insert into contacts (tenant_id, phone, language, given_name, source_id)
         select $1, phone, language, 'Parent', 'bulk-contact-' || phone from input returning id, source_id
       )
       insert into contact_students (tenant_id, contact_id, student_id)
       select $1, parents.id, kids.id from parents join kids on substr(kids.source_id, 14) = substr(parents.source_id, 14)`,
      [tenantId, school.id, phones, languages],
    );
  });
}

/** An inbound SMS as the webhook stores it (not yet processed); returns its id. */
export async function storeInbound(db: TenantDb, tenantId: string, phone: string, body: string): Promise<string> {
  return db.txFor(tenantId, async (m) => {
    const [row] = await m.query(
      `insert into messages (tenant_id, direction, kind, phone, body, status, provider_sid) values ($1, 'inbound', 'inbound', $2, $3, 'received', $4) returning id`,
      [tenantId, phone, body, `SM${randomHex(16)}`],
    );
    return row.id as string;
  });
}

/**
 * A staff member written straight to the database, with an argon2id hash when a password is given
 * (sign-in works) or an unusable one otherwise. Every request reads role and schools from this row.
 */
export async function addStaffUser(
  db: TenantDb,
  tenantId: string,
  user: { email?: string; role: 'district_admin' | 'school_admin' | 'staff' | 'liaison'; schoolIds?: string[]; password?: string; language?: string },
): Promise<string> {
  const hash = user.password ? await argon2.hash(user.password, { type: argon2.argon2id }) : 'x';
  return db.txFor(tenantId, async (m) => {
    const [row] = await m.query(
      `insert into users (tenant_id, email, password_hash, name, role, school_ids, language) values ($1, $2, $3, 'Fixture Staff', $4, $5, $6) returning id`,
      [tenantId, user.email ?? `staff-${randomHex(4)}@fixture.test`, hash, user.role, user.schoolIds ?? [], user.language ?? 'en'],
    );
    return row.id as string;
  });
}
