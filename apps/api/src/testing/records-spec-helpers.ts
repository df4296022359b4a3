import { INestApplication } from '@nestjs/common';
import { ApiEnv, loadEnv } from '@porchlight/config';
import { Role } from '@porchlight/contracts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { AccessTokens } from '@porchlight/identity';
import { randomHex, TEST_DATABASE_URL, TEST_REDIS_URL, TEST_SECRETS_KEY, TenantFixture } from '@porchlight/testing';
import IORedis from 'ioredis';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createApiApp } from '../bootstrap';

/** The API in-process on a free port, with its own queue prefix. */
export async function startApi(prefix: string): Promise<{ app: INestApplication; base: string; stop: () => Promise<void> }> {
  const env = loadEnv(ApiEnv, {
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    SECRETS_KEY: TEST_SECRETS_KEY,
    PLATFORM_ADMIN_TOKEN: randomHex(16),
    LOG_LEVEL: 'error',
  });
  const app = await createApiApp(env);
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const stop = async () => {
    await app.close();
    const redis = new IORedis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  };
  return { app, base, stop };
}

/** A staff member of the fixture's district, and an access token for them. */
export async function staffToken(db: TenantDb, fixture: TenantFixture, role: Role, userId?: string): Promise<{ userId: string; token: string }> {
  const id =
    userId ??
    (await db.txFor(fixture.tenantId, async (m) => {
      const [user] = await query<{ id: string }>(m, `insert into users (tenant_id, email, password_hash, role) values ($1, $2, 'x', $3) returning id`, [
        fixture.tenantId,
        `${role}-${randomHex(4)}@fixture.test`,
        role,
      ]);
      return user.id;
    }));
  const token = await new AccessTokens(TEST_SECRETS_KEY, 3600).issue({ userId: id, tenantId: fixture.tenantId, role, schoolIds: [], language: 'en' });
  return { userId: id, token };
}

/** The people and texts of a records spec, keyed so assertions can name them. */
export interface Household {
  schoolId: string;
  studentId: string;
  /** The person whose record is asked for. */
  contactId: string;
  /** Another guardian on the same phone (another family's roster). */
  sharingContactId: string;
  /** A family with its own phone. */
  otherContactId: string;
  phone: string;
  otherPhone: string;
  noticeMessageId: string;
  replyId: string;
  otherMessageId: string;
  conversationId: string;
}

/**
 * One district's families: a parent and a second guardian (of another child) who share a phone,
 * and another family on its own phone; a notice reached both phones, both answered, and the
 * shared phone opted out and back in.
 */
export async function seedHousehold(db: TenantDb, fixture: TenantFixture, phone: string, otherPhone: string, tag: string): Promise<Household> {
  return db.txFor(fixture.tenantId, async (m) => {
    const one = async (sql: string, params: unknown[]) => {
      const row = await queryOne<{ id: string }>(m, sql, params);
      if (!row) throw new Error(`no row from: ${sql}`);
      return row.id;
    };
    const t = fixture.tenantId;
    const schoolId = await one(`insert into schools (tenant_id, name) values ($1, $2) returning id`, [t, `${tag} Elementary`]);
    const studentId = await one(`insert into students (tenant_id, school_id, given_name, family_name, grade) values ($1, $2, 'Ana', $3, '04') returning id`, [
      t,
      schoolId,
      `${tag}-Kid`,
    ]);
    const otherStudentId = await one(
      `insert into students (tenant_id, school_id, given_name, family_name, grade) values ($1, $2, 'Leo', $3, '02') returning id`,
      [t, schoolId, `${tag}-OtherKid`],
    );
    const contact = (given: string, family: string, number: string, language: string) =>
      one(`insert into contacts (tenant_id, given_name, family_name, phone, email, language) values ($1, $2, $3, $4, $5, $6) returning id`, [
        t,
        given,
        family,
        number,
        `${given.toLowerCase()}@${tag.toLowerCase()}.test`,
        language,
      ]);
    const contactId = await contact('Maria', `${tag}-Parent`, phone, 'es');
    const sharingContactId = await contact('Rosa', `${tag}-Grandma`, phone, 'es');
    const otherContactId = await contact('Otto', `${tag}-Neighbour`, otherPhone, 'en');
    await query(m, `insert into contact_students (tenant_id, contact_id, student_id) values ($1, $2, $3), ($1, $4, $5), ($1, $6, $5)`, [
      t,
      contactId,
      studentId,
      sharingContactId,
      otherStudentId,
      otherContactId,
    ]);
    const noticeId = await one(
      `insert into notices (tenant_id, author_user_id, title, body, source_language, audience, urgency, status) values ($1, $2, 'Picture day', $3, 'en', '{"all": true}', 'normal', 'sent') returning id`,
      [t, fixture.adminId, `${tag} picture day is Friday`],
    );
    const message = (sql: string, params: unknown[]) => one(`insert into messages ${sql} returning id`, params);
    const noticeMessageId = await message(
      `(tenant_id, notice_id, direction, kind, phone, contact_ids, language, body, status) values ($1, $2, 'outbound', 'notice', $3, $4, 'es', $5, 'delivered')`,
      [t, noticeId, phone, [contactId, sharingContactId], `${tag} el día de fotos es el viernes`],
    );
    const replyId = await message(
      `(tenant_id, direction, kind, phone, contact_ids, language, body, translated_body, translated_language, status, processed_at)
       values ($1, 'inbound', 'inbound', $2, $3, 'es', $4, $5, 'en', 'received', now())`,
      [t, phone, [contactId, sharingContactId], `${tag} gracias, allí estaremos`, `${tag} thanks, we will be there`],
    );
    const otherMessageId = await message(
      `(tenant_id, notice_id, direction, kind, phone, contact_ids, language, body, status) values ($1, $2, 'outbound', 'notice', $3, $4, 'en', $5, 'delivered')`,
      [t, noticeId, otherPhone, [otherContactId], `${tag} picture day for the neighbours`],
    );
    await message(
      `(tenant_id, direction, kind, phone, contact_ids, language, body, status, processed_at) values ($1, 'inbound', 'inbound', $2, $3, 'en', $4, 'received', now())`,
      [t, otherPhone, [otherContactId], `${tag} neighbour private answer`],
    );
    await query(m, `insert into phones (tenant_id, phone, opted_out_at) values ($1, $2, null), ($1, $3, now())`, [t, phone, otherPhone]);
    await query(
      m,
      `insert into consent_events (tenant_id, phone, action, source, created_at) values
         ($1, $2, 'opt_out', 'keyword', now() - interval '2 days'), ($1, $2, 'opt_in', 'keyword', now() - interval '1 day'), ($1, $3, 'opt_out', 'keyword', now())`,
      [t, phone, otherPhone],
    );
    const conversationId = await one(`insert into conversations (tenant_id, phone, contact_id, school_id) values ($1, $2, $3, $4) returning id`, [
      t,
      phone,
      contactId,
      schoolId,
    ]);
    await query(m, `insert into conversations (tenant_id, phone, contact_id, school_id) values ($1, $2, $3, $4)`, [t, otherPhone, otherContactId, schoolId]);
    await query(
      m,
      `insert into audit_log (tenant_id, action, subject_type, subject_id) values ($1, 'contact.updated', 'contact', $2), ($1, 'contact.updated', 'contact', $3)`,
      [t, contactId, otherContactId],
    );
    return {
      schoolId,
      studentId,
      contactId,
      sharingContactId,
      otherContactId,
      phone,
      otherPhone,
      noticeMessageId,
      replyId,
      otherMessageId,
      conversationId,
    };
  });
}

/** What the specs read of the OpenAPI document: each path's operations and their responses, and the response schemas. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

/** The keys of an answer are the documented properties of its schema: every required one, and no other. */
export function expectDocumentedKeys(docs: OpenApiDocument, schema: string, answer: object): void {
  const documented = docs.components.schemas[schema];
  const keys = Object.keys(answer);
  expect({ schema, missing: (documented.required ?? []).filter((key) => !keys.includes(key)) }).toEqual({ schema, missing: [] });
  expect({ schema, undocumented: keys.filter((key) => !(key in (documented.properties ?? {}))) }).toEqual({ schema, undocumented: [] });
}
