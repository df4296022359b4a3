import { StaffPrincipal } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import { TenantFixture, useIntegration } from '@porchlight/testing';
import iconv from 'iconv-lite';
import { createReadStream, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { audienceContactsQuery, audienceCountsSql, toAudienceCounts } from '../audience';
import { FamilyScope } from '../visibility';
import { ImportsUseCases, ImportView, UploadedFile } from './imports.use-cases';
import { RunImportUseCase } from './run-import.use-case';
import { ContactsUseCases } from '../contacts.use-cases';

const BUNDLE = resolve(__dirname, '../../../../tests/fixtures/oneroster');
const bundle = (): UploadedFile[] => readdirSync(BUNDLE).map((name) => ({ name, open: () => createReadStream(join(BUNDLE, name)) }));
const inline = (name: string, content: string | Buffer): UploadedFile => ({ name, open: () => Readable.from([Buffer.from(content)]) });

describe('roster import (Postgres and Redis)', () => {
  const spec = useIntegration('roster-import', { poolSize: 3, extraTenants: 1 });
  let a: TenantFixture;
  let b: TenantFixture;
  const admin = (f: TenantFixture): StaffPrincipal => ({ userId: f.adminId, tenantId: f.tenantId, role: 'district_admin', schoolIds: [], language: 'en' });

  beforeAll(() => {
    [a, b] = [spec.fixture, spec.tenants[0]];
  });

  async function runImport(f: TenantFixture, kind: 'oneroster' | 'csv', files: UploadedFile[]): Promise<ImportView> {
    const imports = new ImportsUseCases(spec.db, spec.jobs);
    const { id } = await TenantContext.run({ tenantId: f.tenantId, correlationId: 'spec' }, () => imports.start(admin(f), kind, files));
    await TenantContext.run({ tenantId: f.tenantId, correlationId: 'spec' }, () => new RunImportUseCase(spec.db).execute(id));
    return TenantContext.run({ tenantId: f.tenantId }, () => imports.get(admin(f), id));
  }

  const query = (f: TenantFixture, sql: string, params: unknown[] = []) => spec.db.txFor(f.tenantId, (m) => m.query(sql, params));

  it('imports the bundle: exactly the right families, links and row errors', async () => {
    // Tenant B already has someone with a sourcedId tenant A's bundle uses: A's import must not touch it.
    await query(b, `insert into contacts (tenant_id, source_id, given_name, phone, language) values ($1, 'par-1', 'Other', '+12015550188', 'en')`, [
      b.tenantId,
    ]);

    const result = await runImport(a, 'oneroster', bundle());
    expect(result.status).toBe('completed');
    expect(result.counts).toEqual({ created: 28, updated: 0, unchanged: 2, rejected: 4, deleted: 0 });
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { file: 'users.csv', row: 6, field: 'givenName', message: 'givenName is required' },
        { file: 'users.csv', row: 14, field: 'sms', message: '"555-12": too short' },
        { file: 'enrollments.csv', row: 8, field: 'classSourcedId', message: 'unknown class "class-art-9"' },
        { file: 'enrollments.csv', row: 9, field: 'userSourcedId', message: 'unknown student "stu-5"' },
      ]),
    );
    expect(result.errors).toHaveLength(4);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        { file: 'users.csv', row: 18, field: 'metadata.homelanguage', message: expect.stringContaining('"Elvish" is not a language') },
        { file: 'users.csv', row: 19, field: 'agentSourcedIds', message: 'unknown user "stu-404"' },
      ]),
    );

    const schools = await query(a, `select source_id, name, kind from schools order by source_id`);
    expect(schools).toEqual([
      { source_id: 'org-district', name: 'Riverside Unified School District', kind: 'district' },
      { source_id: 'org-lincoln', name: 'Lincoln Elementary', kind: 'school' },
      { source_id: 'org-roosevelt', name: 'Roosevelt Middle School, Upper Campus', kind: 'school' },
    ]);
    const students = await query(
      a,
      `select s.source_id, s.given_name, s.family_name, s.grade, sc.source_id as school from students s join schools sc on sc.id = s.school_id order by s.source_id`,
    );
    expect(students).toEqual([
      { source_id: 'stu-1', given_name: 'Ana', family_name: 'García', grade: '03', school: 'org-lincoln' },
      { source_id: 'stu-2', given_name: 'Luis', family_name: 'García', grade: '07', school: 'org-roosevelt' },
      { source_id: 'stu-3', given_name: 'Bảo', family_name: 'Nguyễn', grade: '03', school: 'org-lincoln' },
      { source_id: 'stu-4', given_name: '小明', family_name: '王', grade: '07', school: 'org-roosevelt' },
      { source_id: 'stu-7', given_name: 'Liam', family_name: "O'Brien, Jr.", grade: '03', school: 'org-lincoln' },
      { source_id: 'stu-8', given_name: 'Samuel', family_name: 'Jean-Baptiste', grade: '03', school: 'org-lincoln' },
    ]);
    const contacts = await query(
      a,
      `select source_id, given_name, family_name, phone, email, role, language, language_source from contacts order by source_id`,
    );
    expect(contacts).toEqual([
      {
        source_id: 'par-1',
        given_name: 'María',
        family_name: 'García',
        phone: '+12015550101',
        email: 'maria.garcia@example.com',
        role: 'parent',
        language: 'es',
        language_source: 'roster',
      },
      {
        source_id: 'par-10',
        given_name: 'Sam',
        family_name: 'Rivera',
        phone: '+12015550106',
        email: null,
        role: 'parent',
        language: 'en',
        language_source: 'roster',
      },
      // No language of his own: his child's. Same phone as par-1, in another format.
      {
        source_id: 'par-2',
        given_name: 'José',
        family_name: 'García',
        phone: '+12015550101',
        email: null,
        role: 'parent',
        language: 'es',
        language_source: 'roster',
      },
      {
        source_id: 'par-3',
        given_name: 'Lan',
        family_name: 'Nguyễn',
        phone: '+12015550102',
        email: null,
        role: 'guardian',
        language: 'vi',
        language_source: 'roster',
      },
      {
        source_id: 'par-4',
        given_name: '芳',
        family_name: '王',
        phone: '+12015550103',
        email: null,
        role: 'guardian',
        language: 'zh-Hans',
        language_source: 'roster',
      },
      {
        source_id: 'par-7',
        given_name: 'Marie',
        family_name: 'Jean-Baptiste',
        phone: '+12015550104',
        email: null,
        role: 'parent',
        language: 'ht',
        language_source: 'roster',
      },
      {
        source_id: 'par-8',
        given_name: 'فاطمة',
        family_name: 'الحسن',
        phone: '+12015550105',
        email: null,
        role: 'relative',
        language: 'ar',
        language_source: 'roster',
      },
      {
        source_id: 'par-9',
        given_name: 'Pat',
        family_name: 'Jean-Baptiste',
        phone: '+12015550107',
        email: null,
        role: 'guardian',
        language: 'en',
        language_source: 'roster',
      },
    ]);
    const links = await query(
      a,
      `select c.source_id as contact, s.source_id as student from contact_students cs
       join contacts c on c.id = cs.contact_id join students s on s.id = cs.student_id order by 1, 2`,
    );
    expect(links.map((l: { contact: string; student: string }) => `${l.contact}>${l.student}`)).toEqual([
      'par-1>stu-1',
      'par-1>stu-2',
      'par-2>stu-2',
      'par-3>stu-3',
      'par-4>stu-4',
      'par-7>stu-8',
      'par-8>stu-3',
      'par-9>stu-8',
    ]);
    const sections = await query(a, `select source_id, title, grades, cardinality(session_ids) as terms from sections order by source_id`);
    expect(sections).toEqual([
      { source_id: 'class-3a', title: 'Homeroom 3A, Room 12', grades: ['03'], terms: 1 },
      { source_id: 'class-math7-2', title: 'Math 7 Accelerated - Period 2', grades: ['07'], terms: 1 },
    ]);
    const enrollments = await query(a, `select e.source_id, s.source_id as student from enrollments e join students s on s.id = e.student_id order by 1`);
    expect(enrollments.map((e: { source_id: string }) => e.source_id)).toEqual(['enr-1', 'enr-2', 'enr-3', 'enr-4', 'enr-5']);
    expect(await query(a, `select count(*)::int as n from academic_sessions`)).toEqual([{ n: 2 }]);
    expect(await query(a, `select count(*)::int as n from courses`)).toEqual([{ n: 2 }]);

    // Tenant B's row with the same sourcedId is untouched, and B sees nothing of A's.
    expect(await query(b, `select source_id, given_name, phone from contacts`)).toEqual([{ source_id: 'par-1', given_name: 'Other', phone: '+12015550188' }]);
    expect(await query(b, `select count(*)::int as n from students`)).toEqual([{ n: 0 }]);
  });

  it('changes nothing when the same bundle is imported again', async () => {
    const before = await query(a, `select id, updated_at from contacts order by id`);
    const result = await runImport(a, 'oneroster', bundle());
    expect(result.status).toBe('completed');
    expect(result.counts).toEqual({ created: 0, updated: 0, unchanged: 30, rejected: 4, deleted: 0 });
    expect(await query(a, `select id, updated_at from contacts order by id`)).toEqual(before);
    expect(await query(a, `select count(*)::int as n from contact_students`)).toEqual([{ n: 8 }]);
  });

  it('keeps a language the family chose; updates and removes what the SIS changed', async () => {
    await query(a, `update contacts set language = 'pt', language_source = 'family' where source_id = 'par-3'`);
    const users = [
      'sourcedId,status,role,givenName,familyName,orgSourcedIds,sms,agentSourcedIds,grades,metadata.homeLanguage',
      'par-3,active,guardian,Lan,Nguyen-Tran,org-lincoln,2015550102,stu-3,,vi',
      'par-2,tobedeleted,parent,José,García,org-roosevelt,,,,',
      'stu-3,active,student,Bảo,Nguyễn,org-lincoln,,par-3,04,vie',
    ].join('\n');
    const result = await runImport(a, 'oneroster', [inline('users.csv', users)]);
    expect(result.counts).toEqual({ created: 0, updated: 2, unchanged: 0, rejected: 0, deleted: 1 });
    expect(await query(a, `select family_name, language from contacts where source_id = 'par-3'`)).toEqual([{ family_name: 'Nguyen-Tran', language: 'pt' }]);
    expect(await query(a, `select grade from students where source_id = 'stu-3'`)).toEqual([{ grade: '04' }]);
    // Removed: no name, phone or link left; the anonymous row stays.
    expect(await query(a, `select count(*)::int as n from contacts where source_id = 'par-2'`)).toEqual([{ n: 0 }]);
    expect(await query(a, `select count(*)::int as n from contacts where erased_at is not null and phone is null and given_name is null`)).toEqual([{ n: 1 }]);
    // par-8 is still linked to stu-3: this users.csv did not list par-8, so that link is not its to remove.
    expect(
      await query(
        a,
        `select c.source_id from contact_students cs join contacts c on c.id = cs.contact_id join students s on s.id = cs.student_id where s.source_id = 'stu-3' order by 1`,
      ),
    ).toEqual([{ source_id: 'par-3' }, { source_id: 'par-8' }]);
  });

  it('reaches families through class sections, as a union with the other parts, one phone once', async () => {
    const id = async (table: string, sid: string) => (await query(a, `select id from ${table} where source_id = $1`, [sid]))[0].id as string;
    const counts = async (audience: object) => {
      const q = audienceContactsQuery({ tenantId: a.tenantId, audience, defaultLanguage: 'en', scope: FamilyScope.district });
      // No phone here is suppressed (that is messaging's to say): every chosen phone counts.
      const ctes = `${q.ctes}, audience_phones as (select phone, language, false as opted_out, false as invalid from audience_chosen)`;
      const [row] = await query(a, audienceCountsSql({ ctes, params: q.params }), q.params);
      return toAudienceCounts(row);
    };
    const homeroom = await id('sections', 'class-3a');
    // Homeroom 3A: Ana (María), Bảo (Lan, who now reads Portuguese, and Fatima), Samuel (Marie and Pat).
    expect((await counts({ sectionIds: [homeroom] })).byLanguage).toEqual({ es: 1, pt: 1, ar: 1, ht: 1, en: 1 });
    const withContact = await counts({ sectionIds: [homeroom], contactIds: [await id('contacts', 'par-4')] });
    expect(withContact.total).toBe(6);
    // Roosevelt adds Luis (María again: the same phone) and Xiaoming (Fang, already in): still six phones.
    const withSchool = await counts({ sectionIds: [homeroom], contactIds: [await id('contacts', 'par-4')], schoolIds: [await id('schools', 'org-roosevelt')] });
    expect(withSchool).toEqual(withContact);
    expect((await counts({ sectionIds: [await id('sections', 'class-math7-2')] })).byLanguage).toEqual({ es: 1, 'zh-Hans': 1 });
  });

  it('reads a plain CSV saved as Windows-1252, with header synonyms', async () => {
    const csv = [
      'Student Number,Student Name,School,Grade Level,Parent Name,Cell Phone,Home Language,Relationship',
      '9001,"Muñoz, José",Escuela Nueva,K,Inés Muñoz,(201) 555-0131,Español,Mother',
      '9002,"Muñoz, Zoë",Escuela Nueva,2,Inés Muñoz,201-555-0131,spa,Mother',
      '9003,Chloé Lefèvre,Escuela Nueva,1,Benoît Lefèvre,2015550132,Français,Father',
      '9004,No Phone,Escuela Nueva,1,Nobody,,en,Guardian',
    ].join('\r\n');
    const encoded = iconv.encode(csv, 'win1252');
    expect(encoded.includes(Buffer.from('ñ', 'utf8'))).toBe(false);
    const result = await runImport(b, 'csv', [inline('families.csv', encoded)]);
    expect(result.status).toBe('completed');
    expect(result.counts).toEqual({ created: 5, updated: 0, unchanged: 0, rejected: 1, deleted: 0 });
    expect(result.errors).toEqual([{ file: 'families.csv', row: 5, field: 'cell phone', message: 'phone is required' }]);
    const families = await query(
      b,
      `select c.given_name, c.family_name, c.phone, c.language, c.role, array_agg(s.given_name || ' ' || s.family_name order by s.source_id) as children
       from contacts c join contact_students cs on cs.contact_id = c.id join students s on s.id = cs.student_id
       group by c.id order by c.given_name`,
    );
    expect(families).toEqual([
      { given_name: 'Benoît', family_name: 'Lefèvre', phone: '+12015550132', language: 'fr', role: 'parent', children: ['Chloé Lefèvre'] },
      { given_name: 'Inés', family_name: 'Muñoz', phone: '+12015550131', language: 'es', role: 'parent', children: ['José Muñoz', 'Zoë Muñoz'] },
    ]);
    const again = await runImport(b, 'csv', [inline('families.csv', encoded)]);
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 5, rejected: 1, deleted: 0 });
  });

  it('refuses a file that is neither UTF-8 nor Windows-1252, and stores nothing', async () => {
    const imports = new ImportsUseCases(spec.db, spec.jobs);
    const garbage = inline('users.csv', Buffer.from([0x73, 0x6f, 0x75, 0x72, 0x81, 0x0a]));
    await expect(TenantContext.run({ tenantId: a.tenantId }, () => imports.start(admin(a), 'oneroster', [garbage]))).rejects.toMatchObject({
      code: 'invalid',
      message: 'users.csv: the file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8',
    });
    const utf16 = inline('users.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('sourcedId', 'utf16le')]));
    await expect(TenantContext.run({ tenantId: a.tenantId }, () => imports.start(admin(a), 'oneroster', [utf16]))).rejects.toMatchObject({ code: 'invalid' });
    expect(await query(a, `select count(*)::int as n from imports where status = 'queued'`)).toEqual([{ n: 0 }]);
  });

  it('shows an import only to its own tenant, and only a district admin may start one', async () => {
    const mine = await runImport(a, 'oneroster', [inline('orgs.csv', 'sourcedId,name,type\norg-x,X School,school\n')]);
    const imports = new ImportsUseCases(spec.db, spec.jobs);
    await expect(TenantContext.run({ tenantId: b.tenantId }, () => imports.get(admin(b), mine.id))).rejects.toMatchObject({ code: 'not_found' });
    const staff: StaffPrincipal = { ...admin(a), role: 'staff' };
    await expect(TenantContext.run({ tenantId: a.tenantId }, () => imports.start(staff, 'oneroster', bundle()))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('keeps a phone staff corrected by hand, and still takes the SIS phone of everyone else', async () => {
    // Opt-outs are messaging's (a lib above this one); this spec asks nothing of them.
    const contacts = new ContactsUseCases(spec.db, { optOuts: { optedOut: () => Promise.resolve(new Set<string>()) } });
    const [par7] = await query(a, `select id from contacts where source_id = 'par-7'`);
    await TenantContext.run({ tenantId: a.tenantId }, () => contacts.update(admin(a), par7.id, { phone: '(201) 555-0190' }));
    expect(await query(a, `select phone, phone_source from contacts where source_id = 'par-7'`)).toEqual([{ phone: '+12015550190', phone_source: 'staff' }]);
    const users = [
      'sourcedId,status,role,givenName,familyName,orgSourcedIds,sms,agentSourcedIds,grades,metadata.homeLanguage',
      'par-7,active,parent,Marie,Jean-Baptiste,org-lincoln,201 555 0104,stu-8,,Haitian Creole',
      'par-1,active,parent,María,García,org-lincoln,(201) 555-0111,stu-1,,Español',
    ].join('\n');
    const result = await runImport(a, 'oneroster', [inline('users.csv', users)]);
    expect(result.status).toBe('completed');
    expect(await query(a, `select source_id, phone from contacts where source_id in ('par-1', 'par-7') order by source_id`)).toEqual([
      { source_id: 'par-1', phone: '+12015550111' },
      { source_id: 'par-7', phone: '+12015550190' },
    ]);
  });

  it('marks an import failed, with the reason, when its job gives up', async () => {
    const imports = new ImportsUseCases(spec.db, spec.jobs);
    const { id } = await TenantContext.run({ tenantId: a.tenantId }, () => imports.start(admin(a), 'oneroster', bundle()));
    await TenantContext.run({ tenantId: a.tenantId }, () => new RunImportUseCase(spec.db).giveUp(id, 'connection terminated'));
    const view = await TenantContext.run({ tenantId: a.tenantId }, () => imports.get(admin(a), id));
    expect(view.status).toBe('failed');
    expect(JSON.stringify(view)).toContain('the import stopped after several tries: connection terminated');
  });
});
