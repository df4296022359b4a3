import { createTenantFixture, useIntegration } from '@porchlight/testing';
import { StatusBatcher } from './status-batcher';

describe('status callbacks group-committed per tenant (Postgres)', () => {
  const spec = useIntegration('status-batcher', { poolSize: 3 });

  let n = 0;
  const outbound = async (count: number) =>
    spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const rows: { id: string; provider_sid: string }[] = await m.query(
        `insert into messages (tenant_id, direction, kind, phone, body, status, provider_sid)
         select $1, 'outbound', 'notice', '+1617555' || lpad((i + $2)::text, 4, '0'), 'x', 'sending', 'SM' || md5((i + $2)::text)
         from generate_series(1, $3) i returning id, provider_sid`,
        [spec.fixture.tenantId, n, count],
      );
      n += count;
      return rows;
    });
  const statuses = async (ids: string[]) =>
    spec.db.txFor(spec.fixture.tenantId, async (m) => {
      const rows: { status: string }[] = await m.query(`select status from messages where id = any($1::uuid[])`, [ids]);
      return rows.map((row) => row.status);
    });

  it('writes a lone callback at once, and the callbacks that arrive while it is written together in one next statement', async () => {
    const [first, ...rest] = await outbound(41);
    const batcher = new StatusBatcher(spec.db);
    const statements = jest.spyOn(spec.db, 'call');
    const transactions = jest.spyOn(spec.db, 'txFor');
    try {
      const lone = batcher.apply(spec.fixture.tenantId, first.id, first.provider_sid, 'sent');
      expect(statements).toHaveBeenCalledTimes(1);
      const together = rest.map((message) => batcher.apply(spec.fixture.tenantId, message.id, message.provider_sid, 'delivered'));
      expect(statements).toHaveBeenCalledTimes(1);
      expect(await lone).toBe(true);
      expect(await Promise.all(together)).toEqual(rest.map(() => true));
      expect(statements).toHaveBeenCalledTimes(2);
      // Notice messages only: one round trip per batch, no transaction around it.
      expect(transactions).not.toHaveBeenCalled();
    } finally {
      statements.mockRestore();
      transactions.mockRestore();
    }
    expect(await statuses([first.id])).toEqual(['sent']);
    expect(await statuses(rest.map((message) => message.id))).toEqual(rest.map(() => 'delivered'));
  });

  it('keeps a batch to its size, the furthest status per message, and answers false for what did not move', async () => {
    const messages = await outbound(5);
    const batcher = new StatusBatcher(spec.db, null, 2);
    const statements = jest.spyOn(spec.db, 'call');
    try {
      const answers = await Promise.all([
        ...messages.map((message) => batcher.apply(spec.fixture.tenantId, message.id, message.provider_sid, 'delivered')),
        batcher.apply(spec.fixture.tenantId, messages[4].id, messages[4].provider_sid, 'sent'),
        batcher.apply(spec.fixture.tenantId, messages[0].id, 'SM-another-attempt', 'failed'),
      ]);
      // 1 at once, then 2 + 2 + 2 of the 6 that waited.
      expect(statements).toHaveBeenCalledTimes(4);
      expect(answers).toEqual([true, true, true, true, true, false, false]);
    } finally {
      statements.mockRestore();
    }
    expect(await statuses(messages.map((message) => message.id))).toEqual(messages.map(() => 'delivered'));
  });

  it("never touches another district's message, whatever ids a batch names", async () => {
    const [theirs] = await outbound(1);
    const other = await createTenantFixture(spec.db);
    const batcher = new StatusBatcher(spec.db);
    expect(await batcher.apply(other.tenantId, theirs.id, theirs.provider_sid, 'delivered')).toBe(false);
    expect(await statuses([theirs.id])).toEqual(['sending']);
  });
});
