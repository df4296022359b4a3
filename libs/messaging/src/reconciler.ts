import { Logger } from '@nestjs/common';
import { AnyJob, JobName, jobId, QueueName } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { EnqueueOptions, JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { priorityOption, URGENCY_PRIORITY } from './fan-out.use-case';

export interface ReconcileReport {
  messages: number;
  inbound: number;
  notices: number;
}

/**
 * Postgres is the truth and Redis the transport: this sweep finds work whose job is gone (Redis
 * flushed or restarted, a producer that died between commit and enqueue) and enqueues it again
 * under the same deterministic job id, so work that still has its job is not doubled.
 */
export class Reconciler {
  private readonly logger = new Logger(Reconciler.name);

  constructor(private readonly db: TenantDb, private readonly jobs: JobProducer, private readonly staleAfterSeconds = 30) {}

  async sweep(): Promise<ReconcileReport> {
    const report: ReconcileReport = { messages: 0, inbound: 0, notices: 0 };
    const tenants = await this.db.unscoped<{ tenant_id: string }>(`select tenant_id from tenant_directory`);
    for (const { tenant_id: tenantId } of tenants) {
      await TenantContext.run({ tenantId }, async () => {
        const found = await this.sweepTenant(tenantId);
        report.messages += found.messages;
        report.inbound += found.inbound;
        report.notices += found.notices;
      });
    }
    if (report.messages + report.inbound + report.notices > 0) this.logger.warn({ msg: 'reconciled lost work', ...report });
    return report;
  }

  private async sweepTenant(tenantId: string): Promise<ReconcileReport> {
    const stale = this.staleAfterSeconds;
    const { messages, inbound, notices } = await this.db.tx(async (m) => ({
      messages: (await m.query(
        `select msg.id, msg.status, coalesce(n.urgency, 'urgent') as urgency from messages msg left join notices n on n.id = msg.notice_id
         where msg.tenant_id = $1 and msg.direction = 'outbound' and msg.status in ('pending', 'queued')
           and msg.updated_at < now() - make_interval(secs => $2) limit 20000`,
        [tenantId, stale],
      )) as { id: string; status: string; urgency: keyof typeof URGENCY_PRIORITY }[],
      inbound: (await m.query(
        `select id from messages where tenant_id = $1 and direction = 'inbound' and processed_at is null
           and created_at < now() - make_interval(secs => $2) limit 5000`,
        [tenantId, stale],
      )) as { id: string }[],
      notices: (await m.query(
        `select id, status, urgency from notices where tenant_id = $1
           and ((status = 'translating') or (status = 'sending' and fanned_out_at is null))
           and updated_at < now() - make_interval(secs => $2)`,
        [tenantId, stale],
      )) as { id: string; status: string; urgency: keyof typeof URGENCY_PRIORITY }[],
    }));
    const correlationId = TenantContext.correlationId() ?? 'reconciler';
    const lost: { job: AnyJob; options: EnqueueOptions }[] = [];
    const delivery = this.jobs.queue(QueueName.Delivery);
    for (const message of messages) {
      const id = jobId.sendMessage(message.id);
      if (await delivery.getJob(id)) continue;
      lost.push({
        job: { name: JobName.SendMessage, data: { tenantId, correlationId, messageId: message.id } },
        options: { jobId: id, ...priorityOption(URGENCY_PRIORITY[message.urgency]) },
      });
    }
    for (const message of inbound) {
      const id = jobId.processInbound(message.id);
      if (await this.jobs.queue(QueueName.Inbound).getJob(id)) continue;
      lost.push({ job: { name: JobName.ProcessInbound, data: { tenantId, correlationId, messageId: message.id } }, options: { jobId: id } });
    }
    for (const notice of notices) {
      const translate = notice.status === 'translating';
      const id = translate ? jobId.translateNotice(notice.id) : jobId.fanOutNotice(notice.id);
      const queue = this.jobs.queue(translate ? QueueName.Translation : QueueName.Dispatch);
      if (await queue.getJob(id)) continue;
      lost.push({
        job: { name: translate ? JobName.TranslateNotice : JobName.FanOutNotice, data: { tenantId, correlationId, noticeId: notice.id } },
        options: { jobId: id, ...priorityOption(URGENCY_PRIORITY[notice.urgency]) },
      });
    }
    if (lost.length > 0) await this.jobs.enqueueBulk(lost);
    if (messages.length > 0) {
      await this.db.tx((m) =>
        m.query(`update messages set status = 'queued', updated_at = now() where id = any($1::uuid[]) and status in ('pending', 'queued')`, [
          messages.map((row) => row.id),
        ]),
      );
    }
    return {
      messages: lost.filter((l) => l.job.name === JobName.SendMessage).length,
      inbound: lost.filter((l) => l.job.name === JobName.ProcessInbound).length,
      notices: lost.filter((l) => l.job.name === JobName.TranslateNotice || l.job.name === JobName.FanOutNotice).length,
    };
  }
}
