import { JobName, jobId, QueueName } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import { addFamilies, createNoticeFixture, createTenantFixture, randomHex, TEST_REDIS_URL, useIntegration } from '@porchlight/testing';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { buildJob } from '@porchlight/queue';
import { Reconciler, SWEEP_PAGE } from './reconciler';

describe('Reconciler (Postgres and Redis)', () => {
  const spec = useIntegration('reconciler', { poolSize: 3 });
  let reconciler: Reconciler;

  beforeAll(async () => {
    await addFamilies(spec.db, spec.fixture.tenantId, [{ phone: '+16175557001', language: 'en' }]);
    reconciler = new Reconciler(spec.db, spec.jobs, { staleAfterSeconds: 30, sendingStaleAfterSeconds: 120, statusStaleAfterSeconds: 900 }, null);
  });

  /** An outbound row of a fanned-out notice, last touched `ageSeconds` ago. */
  const row = async (status: string, ageSeconds: number, extra = '') => {
    const noticeId = await createNoticeFixture(spec.db, spec.fixture);
    return spec.db.txFor(spec.fixture.tenantId, async (m) => {
      await m.query(`update notices set status = 'sending', fanned_out_at = now() where id = $1`, [noticeId]);
      const [r] = await m.query(
        `insert into messages (tenant_id, notice_id, direction, kind, phone, body, status, updated_at${extra ? ', claimed_at' : ''})
         values ($1, $2, 'outbound', 'notice', '+16175557001', 'Hello', $3, now() - make_interval(secs => $4)${extra ? `, ${extra}` : ''}) returning id`,
        [spec.fixture.tenantId, noticeId, status, ageSeconds],
      );
      return { id: r.id as string, noticeId };
    });
  };
  const delivery = () => spec.jobs.queue(QueueName.Delivery);
  // The test database holds other specs' tenants too: sweep this one only.
  const sweep = () => TenantContext.run({ tenantId: spec.fixture.tenantId, correlationId: 'spec' }, () => reconciler.sweepTenant(spec.fixture.tenantId));

  it('re-enqueues a queued message whose job is gone, under the same job id, and only once', async () => {
    const { id } = await row('queued', 60);
    expect(await sweep()).toEqual({ messages: 1, inbound: 0, replies: 0, notices: 0, unresolved: 0, statuses: 0 });
    expect((await delivery().getJob(jobId.sendMessage(id)))?.name).toBe(JobName.SendMessage);
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update messages set updated_at = now() - interval '1 minute' where id = $1`, [id]));
    expect(await sweep()).toEqual({ messages: 0, inbound: 0, replies: 0, notices: 0, unresolved: 0, statuses: 0 });
  });

  it('leaves a queued message to the batch job it waits in while that job lives, and re-enqueues it alone once it is gone', async () => {
    const { id, noticeId } = await row('queued', 60);
    const batch = buildJob({
      name: JobName.SendBatch,
      tenantId: spec.fixture.tenantId,
      noticeId,
      messageIds: [id],
      urgency: 'normal',
      position: 0,
      delayMs: 60_000,
    });
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update messages set batch_job_id = $2 where id = $1`, [id, batch.options.jobId]));
    await spec.jobs.enqueueBulk([batch]);
    expect(await sweep()).toMatchObject({ messages: 0 });
    expect(await delivery().getJob(jobId.sendMessage(id))).toBeUndefined();
    await delivery().remove(batch.options.jobId);
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update messages set updated_at = now() - interval '1 minute' where id = $1`, [id]));
    expect(await sweep()).toMatchObject({ messages: 1 });
    expect((await delivery().getJob(jobId.sendMessage(id)))?.name).toBe(JobName.SendMessage);
  });

  describe('a large backlog of waiting messages', () => {
    /** A district of its own with `count` messages of one notice queued a minute ago, in batch job `batchJobId` if given. */
    const backlog = async (count: number, batchJobId: string | null) => {
      const fixture = await createTenantFixture(spec.db);
      const noticeId = await createNoticeFixture(spec.db, fixture);
      await spec.db.txFor(fixture.tenantId, async (m) => {
        await m.query(`update notices set status = 'sending', fanned_out_at = now() where id = $1`, [noticeId]);
        await m.query(
          `insert into messages (tenant_id, notice_id, direction, kind, phone, body, status, batch_job_id, updated_at)
           select $1, $2, 'outbound', 'notice', '+1617' || lpad(i::text, 7, '0'), 'Hello', 'queued', $4, now() - interval '1 minute'
           from generate_series(1, $3) i`,
          [fixture.tenantId, noticeId, count, batchJobId],
        );
      });
      return { tenantId: fixture.tenantId, noticeId };
    };
    const sweepOf = (tenantId: string) => TenantContext.run({ tenantId, correlationId: 'spec' }, () => reconciler.sweepTenant(tenantId));
    const stamped = (tenantId: string) =>
      spec.db.txFor(tenantId, async (m) => {
        const [{ n }] = await m.query(`select count(*)::int as n from messages where updated_at > now() - interval '30 seconds'`);
        return n as number;
      });

    it('looks at one page of a healthy backlog per sweep: messages waiting in a live batch job are not all checked and stamped', async () => {
      const batch = buildJob({
        name: JobName.SendBatch,
        tenantId: spec.fixture.tenantId,
        noticeId: randomHex(8),
        messageIds: [],
        urgency: 'normal',
        position: 0,
        delayMs: 600_000,
      });
      const { tenantId } = await backlog(SWEEP_PAGE + 500, batch.options.jobId);
      await spec.jobs.enqueueBulk([batch]);
      try {
        expect(await sweepOf(tenantId)).toMatchObject({ messages: 0 });
        expect(await stamped(tenantId)).toBe(SWEEP_PAGE);
      } finally {
        await delivery().remove(batch.options.jobId);
      }
    });

    it('goes on page after page while it finds lost messages, so a lost backlog is enqueued again in one sweep', async () => {
      const { tenantId } = await backlog(SWEEP_PAGE + 500, null);
      expect(await sweepOf(tenantId)).toMatchObject({ messages: SWEEP_PAGE + 500 });
      expect(await stamped(tenantId)).toBe(SWEEP_PAGE + 500);
      expect(await sweepOf(tenantId)).toMatchObject({ messages: 0 });
    });
  });

  it('leaves recent work alone', async () => {
    const { id } = await row('queued', 1);
    await sweep();
    expect(await delivery().getJob(jobId.sendMessage(id))).toBeUndefined();
  });

  it('revives a message whose job failed for good while the row was still waiting', async () => {
    const { id } = await row('queued', 60);
    // A job that failed for good (say a database outage outlasted its attempts) with its row still queued.
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const failing = new Worker(
      QueueName.Delivery,
      async () => {
        throw new UnrecoverableError('database unavailable');
      },
      { connection, prefix: spec.prefix, autorun: false },
    );
    const failed = new Promise((resolve) => failing.on('failed', (job) => job?.id === jobId.sendMessage(id) && resolve(job)));
    await spec.jobs.enqueue(
      { name: JobName.SendMessage, data: { tenantId: spec.fixture.tenantId, correlationId: 'spec', messageId: id } },
      { jobId: jobId.sendMessage(id) },
    );
    void failing.run();
    await failed;
    await failing.close();
    connection.disconnect();
    expect(await (await Job.fromId(delivery(), jobId.sendMessage(id)))?.getState()).toBe('failed');
    await spec.db.txFor(spec.fixture.tenantId, (m) => m.query(`update messages set updated_at = now() - interval '1 minute' where id = $1`, [id]));
    await sweep();
    const revived = await Job.fromId(delivery(), jobId.sendMessage(id));
    expect(await revived?.getState()).not.toBe('failed');
  });

  it('does not race a notice that is still fanning out', async () => {
    const { id, noticeId } = await row('pending', 60);
    await spec.jobs.enqueue(
      { name: JobName.FanOutNotice, data: { tenantId: spec.fixture.tenantId, correlationId: 'spec', noticeId } },
      { jobId: jobId.fanOutNotice(noticeId) },
    );
    await sweep();
    expect(await delivery().getJob(jobId.sendMessage(id))).toBeUndefined();
  });

  it('hands a message claimed long ago without a provider SID to message.resolve', async () => {
    const { id } = await row('sending', 600, `now() - interval '10 minutes'`);
    const report = await sweep();
    expect(report.unresolved).toBeGreaterThanOrEqual(1);
    const [{ claimed }] = await spec.db.txFor(spec.fixture.tenantId, (m) =>
      m.query(`select extract(epoch from claimed_at)::bigint::text as claimed from messages where id = $1`, [id]),
    );
    expect((await delivery().getJob(jobId.resolveMessage(id, claimed)))?.name).toBe(JobName.ResolveMessage);
  });

  it('asks again for the translation of a family reply whose job Redis lost', async () => {
    const id = await spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const [r] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status, provider_sid, processed_at, language, translate_requested_at)
         values ($1, 'inbound', 'inbound', '+16175557001', 'mi hijo esta enfermo', 'received', $2, now(), 'es', now() - interval '5 minutes') returning id`,
        [spec.fixture.tenantId, `SM${randomHex(16)}`],
      );
      return r.id as string;
    });
    expect(await sweep()).toMatchObject({ replies: 1 });
    expect((await spec.jobs.queue(QueueName.Translation).getJob(jobId.translateReply(id)))?.name).toBe(JobName.TranslateReply);
    expect(await sweep()).toMatchObject({ replies: 0 });
  });
});
