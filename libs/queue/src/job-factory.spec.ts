import { JobName } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';
import { buildJob } from './job-factory';

const tenantId = '00000000-0000-0000-0000-00000000000a';
const id = '00000000-0000-0000-0000-0000000000b1';

describe('buildJob', () => {
  it('gives each job its deterministic id, its payload and only the options it needs', () => {
    expect(buildJob({ name: JobName.TranslateNotice, tenantId, noticeId: id, urgency: 'urgent' })).toEqual({
      job: { name: 'notice.translate', data: { tenantId, correlationId: id, noticeId: id } },
      options: { jobId: `notice-translate-${id}`, priority: 1 },
    });
    expect(buildJob({ name: JobName.FanOutNotice, tenantId, noticeId: id, urgency: 'normal', delayMs: 5000 })).toEqual({
      job: { name: 'notice.fan-out', data: { tenantId, correlationId: id, noticeId: id } },
      options: { jobId: `notice-fanout-${id}`, priority: 1000, delay: 5000 },
    });
    expect(buildJob({ name: JobName.ResolveMessage, tenantId, messageId: id, claimedAt: '1733600000', delayMs: 10_000 }).options).toEqual({
      jobId: `msg-resolve-${id}-1733600000`,
      delay: 10_000,
    });
    expect(buildJob({ name: JobName.ProcessInbound, tenantId, messageId: id }).options).toEqual({ jobId: `inbound-${id}` });
    expect(buildJob({ name: JobName.TranslateReply, tenantId, messageId: id }).options).toEqual({ jobId: `reply-translate-${id}` });
    expect(buildJob({ name: JobName.ImportRoster, tenantId, importId: id })).toEqual({
      job: { name: 'roster.import', data: { tenantId, correlationId: id, importId: id } },
      options: { jobId: `roster-import-${id}` },
    });
    expect(buildJob({ name: JobName.BuildExport, tenantId, exportId: id }).options).toEqual({ jobId: `export-build-${id}` });
  });

  it('gives message.send a priority from its urgency and place, none for an emergency or a message without urgency', () => {
    const send = (extra: object) => buildJob({ name: JobName.SendMessage, tenantId, messageId: id, ...extra }).options;
    expect(send({})).toEqual({ jobId: `msg-${id}` });
    expect(send({ urgency: 'emergency', position: 5000 })).toEqual({ jobId: `msg-${id}` });
    expect(send({ urgency: 'urgent' })).toEqual({ jobId: `msg-${id}`, priority: 1 });
    expect(send({ urgency: 'normal', position: 250, delayMs: 60_000 })).toEqual({ jobId: `msg-${id}`, priority: 1002, delay: 60_000 });
    expect(send({ generation: 2, delayMs: 0 })).toEqual({ jobId: `msg-${id}-r2` });
    expect(buildJob({ name: JobName.SendMessage, tenantId, messageId: id, triesBefore: 1 }).job.data).toEqual({
      tenantId,
      correlationId: id,
      messageId: id,
      triesBefore: 1,
    });
  });

  it('names a batch by its notice and its first and last message, and ranks it as the message of its place in the broadcast', () => {
    const [a, b, c] = ['00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000c2', '00000000-0000-0000-0000-0000000000c3'];
    const batch = (urgency: 'emergency' | 'urgent' | 'normal', position: number, delayMs?: number) =>
      buildJob({ name: JobName.SendBatch, tenantId, noticeId: id, messageIds: [a, b, c], urgency, position, delayMs });
    expect(batch('normal', 300, 5000)).toEqual({
      job: { name: 'message.send-batch', data: { tenantId, correlationId: id, noticeId: id, messageIds: [a, b, c] } },
      options: { jobId: `batch-${id}-${a}-${c}`, priority: 1003, delay: 5000 },
    });
    expect(batch('emergency', 300).options).toEqual({ jobId: `batch-${id}-${a}-${c}` });
    expect(batch('urgent', 0).options).toEqual({ jobId: `batch-${id}-${a}-${c}`, priority: 1 });
  });

  it('carries the correlation id of the work that asked for the job, else the row it is about', () => {
    const inContext = TenantContext.run({ tenantId, correlationId: 'corr-1' }, () => buildJob({ name: JobName.ProcessInbound, tenantId, messageId: id }));
    expect(inContext.job.data).toEqual({ tenantId, correlationId: 'corr-1', messageId: id });
    expect(buildJob({ name: JobName.ProcessInbound, tenantId, messageId: id }).job.data).toEqual({ tenantId, correlationId: id, messageId: id });
    // A batch enqueued for many requests names each one's own.
    const named = TenantContext.run({ tenantId, correlationId: 'corr-1' }, () =>
      buildJob({ name: JobName.ProcessInbound, tenantId, messageId: id, correlationId: 'corr-2' }),
    );
    expect(named.job.data).toEqual({ tenantId, correlationId: 'corr-2', messageId: id });
  });
});
