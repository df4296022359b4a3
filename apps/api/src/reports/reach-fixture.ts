import { query, queryOne, TenantDb } from '@porchlight/database';
import { EntityManager } from 'typeorm';

/**
 * A district built for the reach report, its messages placed in two weeks: last week (the
 * "bulk" languages) and this week (the special families). Every expected figure of the spec is
 * counted by hand from this list.
 *
 * School A (North), this week:
 * - s1 (A, 01) and s2 (B, 02), siblings on one phone P1 (Alice, en, parent): delivered; replied.
 * - s3 (A, 01): two guardians sharing phone P2 (Bob, en, parent; Carla, es, guardian): delivered; texted HELP.
 * - s4 (A, 01): phone P3 (Dan, en, parent): delivered; texted STOP (so the phone is opted out now).
 * - s5 (A, 01): a guardian without a phone (Eve, en).
 * - s8 (A, 01): phone P5 (Gus, en): the message failed; replied anyway (not reached, so not heard).
 * School B (South):
 * - s6 (B, 02): no family member on file.
 * - s7 (B, 02): phone P4 (Fay, en): delivered and replied 200 days ago, outside the window.
 * - last week, grade 03, each student its own phone and guardian: 20 Somali families (2 replied),
 *   2 Vietnamese (none replied), 20 Arabic (16 replied).
 */
export interface ReachDistrict {
  schools: { a: string; b: string };
  phones: { p1: string; p2: string; p3: string; p5: string };
}

export const BULK: { language: string; families: number; replied: number }[] = [
  { language: 'so', families: 20, replied: 2 },
  { language: 'vi', families: 2, replied: 0 },
  { language: 'ar', families: 20, replied: 16 },
];

/** The id of the row an `insert ... returning id` wrote. */
async function insertedId(m: EntityManager, sql: string, params: unknown[]): Promise<string> {
  const row = await queryOne<{ id: string }>(m, sql, params);
  if (!row) throw new Error('the insert wrote no row');
  return row.id;
}

export async function buildReachDistrict(db: TenantDb, tenantId: string, phonePrefix: string, lastWeek: Date): Promise<ReachDistrict> {
  const phone = (n: number) => `${phonePrefix}${String(n).padStart(3, '0')}`;
  const phones = { p1: phone(1), p2: phone(2), p3: phone(3), p4: phone(4), p5: phone(5) };
  return db.txFor(tenantId, async (m) => {
    const school = async (name: string) => await insertedId(m, `insert into schools (tenant_id, name) values ($1, $2) returning id`, [tenantId, name]);
    const schools = { a: await school('North Elementary'), b: await school('South Middle') };
    const student = async (schoolId: string, grade: string) =>
      insertedId(m, `insert into students (tenant_id, school_id, given_name, family_name, grade) values ($1, $2, 'Kid', 'Reach', $3) returning id`, [
        tenantId,
        schoolId,
        grade,
      ]);
    const guardian = async (phoneNumber: string | null, language: string, role: string | null, children: string[]) => {
      const contactId = await insertedId(
        m,
        `insert into contacts (tenant_id, phone, language, role, given_name) values ($1, $2, $3, $4, 'Parent') returning id`,
        [tenantId, phoneNumber, language, role],
      );
      for (const child of children)
        await query(m, `insert into contact_students (tenant_id, contact_id, student_id) values ($1, $2, $3)`, [tenantId, contactId, child]);
    };
    const s1 = await student(schools.a, '01');
    const s2 = await student(schools.b, '02');
    await guardian(phones.p1, 'en', 'parent', [s1, s2]);
    const s3 = await student(schools.a, '01');
    await guardian(phones.p2, 'en', 'parent', [s3]);
    await guardian(phones.p2, 'es', 'guardian', [s3]);
    await guardian(phones.p3, 'en', 'parent', [await student(schools.a, '01')]);
    await guardian(null, 'en', 'parent', [await student(schools.a, '01')]);
    await guardian(phones.p5, 'en', 'parent', [await student(schools.a, '01')]);
    await student(schools.b, '02');
    await guardian(phones.p4, 'en', 'parent', [await student(schools.b, '02')]);

    const now = new Date();
    for (const p of [phones.p1, phones.p2, phones.p3]) await outbound(m, tenantId, p, 'delivered', now);
    await outbound(m, tenantId, phones.p5, 'failed', now);
    const longAgo = new Date(now.getTime() - 200 * 86_400_000);
    await outbound(m, tenantId, phones.p4, 'delivered', longAgo);
    await inboundReply(m, tenantId, phones.p4, longAgo);

    let n = 100;
    for (const group of BULK) {
      for (let i = 0; i < group.families; i++) {
        const p = phone(n++);
        await guardian(p, group.language, 'parent', [await student(schools.b, '03')]);
        await outbound(m, tenantId, p, 'delivered', lastWeek);
        if (i < group.replied) await inboundReply(m, tenantId, p, new Date(lastWeek.getTime() + 3_600_000));
      }
    }
    return { schools, phones };
  });
}

async function outbound(m: EntityManager, tenantId: string, phone: string, status: string, at: Date): Promise<void> {
  await query(
    m,
    `insert into messages (tenant_id, direction, kind, phone, body, status, created_at, updated_at) values ($1, 'outbound', 'reply', $2, 'Hello', $3, $4, $4)`,
    [tenantId, phone, status, at],
  );
}

/** A reply the delivery app has already processed and threaded. */
async function inboundReply(m: EntityManager, tenantId: string, phone: string, at: Date): Promise<void> {
  await query(
    m,
    `insert into messages (tenant_id, direction, kind, phone, body, status, processed_at, intent, created_at, updated_at)
     values ($1, 'inbound', 'inbound', $2, 'Thank you', 'received', $3, 'reply', $3, $3)`,
    [tenantId, phone, at],
  );
}
