import { jobId, QueueName } from '@porchlight/contracts';
import { randomHex, useIntegration } from '@porchlight/testing';
import { TenantContext } from '@porchlight/tenancy';
import { InboundBatcher, InboundText } from './inbound-batcher';

describe('families’ replies group-committed per tenant (Postgres and Redis)', () => {
  const spec = useIntegration('inbound-batcher', { poolSize: 3 });

  let n = 0;
  const texts = (count: number, phone?: string): InboundText[] =>
    Array.from({ length: count }, () => {
      n += 1;
      return { sid: `SM${randomHex(16)}`, from: phone ?? `+1617556${String(n).padStart(4, '0')}`, body: `reply ${String(n)}` };
    });
  const rows = (sids: string[]) =>
    spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const found: { id: string; provider_sid: string; phone: string; body: string; status: string }[] = await m.query(
        `select id, provider_sid, phone, body, status from messages where direction = 'inbound' and provider_sid = any($1) order by created_at, id`,
        [sids],
      );
      return found;
    });
  /** The ProcessInbound jobs in Redis for these rows, with the correlation id each carries. */
  const queued = async (ids: string[]) => {
    const queue = spec.jobs.queue(QueueName.Inbound);
    const jobs = await Promise.all(ids.map((id) => queue.getJob(jobId.processInbound(id))));
    return jobs.map((job) => (job ? { id: job.id, data: job.data as unknown } : undefined));
  };
  /** `receive` as a request would call it, in that request's scope. */
  const receive = (batcher: InboundBatcher, text: InboundText, correlationId = `corr-${text.sid}`) =>
    TenantContext.run({ correlationId }, () => batcher.receive(spec.fixture.tenantId, text));

  it('writes a lone reply at once, and the replies that arrive while it is written in one next statement and one addBulk', async () => {
    const [first, ...rest] = texts(41);
    const batcher = new InboundBatcher(spec.db, spec.jobs);
    const statements = jest.spyOn(spec.db, 'call');
    const enqueued = jest.spyOn(spec.jobs, 'addBulk');
    let answers: Awaited<ReturnType<InboundBatcher['receive']>>[];
    try {
      const lone = receive(batcher, first);
      expect(statements).toHaveBeenCalledTimes(1);
      const together = rest.map((text) => receive(batcher, text));
      expect(statements).toHaveBeenCalledTimes(1);
      answers = [await lone, ...(await Promise.all(together))];
      expect(statements).toHaveBeenCalledTimes(2);
      expect(enqueued.mock.calls.map(([requests]) => requests.length)).toEqual([1, 40]);
    } finally {
      statements.mockRestore();
      enqueued.mockRestore();
    }
    const stored = await rows([first, ...rest].map((text) => text.sid));
    expect(stored.map(({ provider_sid, phone, body, status }) => ({ sid: provider_sid, from: phone, body, status }))).toEqual(
      [first, ...rest].map((text) => ({ ...text, status: 'received' })),
    );
    expect(answers).toEqual(stored.map((row) => ({ messageId: row.id, duplicate: false })));
    // Each row's job is in Redis under its row's id, carrying the correlation id of its own request.
    expect(await queued(stored.map((row) => row.id))).toEqual(
      stored.map((row) => ({
        id: jobId.processInbound(row.id),
        data: { tenantId: spec.fixture.tenantId, correlationId: `corr-${row.provider_sid}`, messageId: row.id },
      })),
    );
  });

  it('stores a MessageSid once, with one job, when it comes twice in one batch or again in a later one', async () => {
    const [a, b, c] = texts(3);
    const batcher = new InboundBatcher(spec.db, spec.jobs);
    const enqueued = jest.spyOn(spec.jobs, 'addBulk');
    let answers: Awaited<ReturnType<InboundBatcher['receive']>>[];
    try {
      // a alone, then a again, b twice and c while a is written; then all three once more.
      const lone = receive(batcher, a);
      const meanwhile = [a, b, b, c].map((text) => receive(batcher, text));
      answers = [await lone, ...(await Promise.all(meanwhile))];
      answers.push(...(await Promise.all([a, b, c].map((text) => receive(batcher, text)))));
      expect(enqueued.mock.calls.map(([requests]) => requests.map((request) => request.name))).toEqual([
        ['inbound.process'],
        ['inbound.process', 'inbound.process'],
      ]);
    } finally {
      enqueued.mockRestore();
    }
    const stored = await rows([a.sid, b.sid, c.sid]);
    expect(stored.map((row) => row.provider_sid)).toEqual([a.sid, b.sid, c.sid]);
    const [idA, idB, idC] = stored.map((row) => row.id);
    expect(answers).toEqual([
      { messageId: idA, duplicate: false },
      { duplicate: true },
      { messageId: idB, duplicate: false },
      { duplicate: true },
      { messageId: idC, duplicate: false },
      { duplicate: true },
      { duplicate: true },
      { duplicate: true },
    ]);
    expect((await queued([idA, idB, idC])).map((job) => job?.id)).toEqual([idA, idB, idC].map((id) => jobId.processInbound(id)));
  });

  it('keeps a family’s texts in the order they came when they share a statement', async () => {
    const sequence = texts(6, '+16175570001');
    const batcher = new InboundBatcher(spec.db, spec.jobs);
    const [lone, ...meanwhile] = sequence.map((text) => receive(batcher, text));
    await Promise.all([lone, ...meanwhile]);
    const phone = sequence[0].from;
    const thread = await spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const found: { provider_sid: string }[] = await m.query(
        `select provider_sid from messages where direction = 'inbound' and phone = $1 and provider_sid = any($2) order by created_at, id`,
        [phone, sequence.map((text) => text.sid)],
      );
      return found.map((row) => row.provider_sid);
    });
    expect(thread).toEqual(sequence.map((text) => text.sid));
  });

  it('answers no request of a batch whose jobs could not be queued, and the rows it committed wait for the reconciler', async () => {
    const [lone, ...meanwhile] = texts(4);
    const batcher = new InboundBatcher(spec.db, spec.jobs);
    const addBulk = spec.jobs.addBulk.bind(spec.jobs);
    const enqueued = jest.spyOn(spec.jobs, 'addBulk').mockImplementation(async (requests) => {
      // The lone reply's job goes in; the batch after it meets a Redis that is not there.
      if (requests.length > 1) throw new Error('Stream isn’t writeable and enableOfflineQueue options is false');
      await addBulk(requests);
    });
    try {
      const first = receive(batcher, lone);
      const failed = meanwhile.map((text) => receive(batcher, text));
      expect(await first).toMatchObject({ duplicate: false });
      for (const answer of failed) await expect(answer).rejects.toThrow('enableOfflineQueue');
    } finally {
      enqueued.mockRestore();
    }
    const stored = await rows(meanwhile.map((text) => text.sid));
    expect(stored.map((row) => row.status)).toEqual(['received', 'received', 'received']);
    expect(await queued(stored.map((row) => row.id))).toEqual([undefined, undefined, undefined]);
  });
});
