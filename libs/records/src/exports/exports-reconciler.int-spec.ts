import { JobName, jobId, QueueName, StaffPrincipal } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import { createTenantFixture, TenantFixture, useIntegration } from '@porchlight/testing';
import { BuildExportUseCase } from './build-export.use-case';
import { ExportsReconciler } from './exports-reconciler';
import { ExportsUseCases } from './exports.use-cases';

describe('District exports when Redis loses their job (Postgres and Redis)', () => {
  const spec = useIntegration('export-reconcile', { poolSize: 3 });
  let a: TenantFixture;
  const admin = (f: TenantFixture): StaffPrincipal => ({ userId: f.adminId, tenantId: f.tenantId, role: 'district_admin', schoolIds: [], language: 'en' });

  beforeAll(() => {
    a = spec.fixture;
  });

  const inTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId: a.tenantId, correlationId: 'spec' }, work);
  const age = (id: string) => spec.db.txFor(a.tenantId, (m) => m.query(`update exports set updated_at = now() - interval '10 minutes' where id = $1`, [id]));

  it('enqueues a queued export again under the same job id once its job is gone, and only then', async () => {
    const { id } = await inTenant(() => new ExportsUseCases(spec.db, spec.jobs).start(admin(a)));
    await age(id);
    const reconciler = new ExportsReconciler(spec.db, spec.jobs, { staleAfterSeconds: 60 });
    // The job is still there: nothing to do.
    expect(await inTenant(() => reconciler.sweepTenant(a.tenantId))).toBe(0);

    await spec.jobs.queue(QueueName.Contacts).obliterate({ force: true });
    expect(await spec.jobs.existing(QueueName.Contacts, [jobId.buildExport(id)])).toEqual(new Set());
    expect(await inTenant(() => reconciler.sweepTenant(a.tenantId))).toBe(1);
    const job = await spec.jobs.queue(QueueName.Contacts).getJob(jobId.buildExport(id));
    expect(job?.name).toBe(JobName.BuildExport);
    expect(job?.data).toEqual({ tenantId: a.tenantId, correlationId: 'spec', exportId: id });
    expect(await inTenant(() => reconciler.sweepTenant(a.tenantId))).toBe(0);
  });

  it('leaves recent and finished exports alone; a run cut short starts over from nothing', async () => {
    // A district of its own, so the first case's export is not in the way.
    a = await createTenantFixture(spec.db);
    const { id } = await inTenant(() => new ExportsUseCases(spec.db, spec.jobs).start(admin(a)));
    await spec.jobs.queue(QueueName.Contacts).obliterate({ force: true });
    const reconciler = new ExportsReconciler(spec.db, spec.jobs, { staleAfterSeconds: 60 });
    expect(await inTenant(() => reconciler.sweepTenant(a.tenantId))).toBe(0);

    // A worker died mid-build: `running`, a stray chunk stored, and no job any more.
    await spec.db.txFor(a.tenantId, async (m) => {
      await m.query(`update exports set status = 'running', updated_at = now() - interval '10 minutes' where id = $1`, [id]);
      await m.query(`insert into export_chunks (tenant_id, export_id, seq, data) values ($1, $2, 0, 'garbage')`, [a.tenantId, id]);
    });
    expect(await inTenant(() => reconciler.sweepTenant(a.tenantId))).toBe(1);
    await inTenant(() => new BuildExportUseCase(spec.db).execute(id));
    const [row] = await spec.db.txFor(a.tenantId, (m) =>
      m.query(
        `select status, size, (select string_agg(encode(substr(data, 1, 2), 'hex'), '' order by seq) from export_chunks where export_id = $1) as head from exports where id = $1`,
        [id],
      ),
    );
    expect(row.status).toBe('completed');
    // The stored bytes are a zip from the start ("PK"), not what the dead run left.
    expect(row.head.slice(0, 4)).toBe('504b');

    await age(id);
    await spec.jobs.queue(QueueName.Contacts).obliterate({ force: true });
    expect(await inTenant(() => reconciler.sweepTenant(a.tenantId))).toBe(0);
  });
});
