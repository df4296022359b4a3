import { Logger } from '@nestjs/common';
import { JobName } from '@porchlight/contracts';
import { rows, TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { SmsProviders } from './sms-providers';
import { TenantSmsCache } from './tenant-sms-cache';
import { STATUS_MAP } from './twilio-webhooks.use-cases';

/** How far before the claim the provider's clock may be when we look for the message. */
const CLOCK_SKEW_MS = 60_000;

/** A row still `sending` without a SID, as the resolver reads it. */
interface ClaimedRow {
  id: string;
  phone: string;
  body: string;
  claimed_at: Date;
  claimed: string;
  attempts: number;
  provider_sid_history: string[];
}

/**
 * The one window that remains: the provider accepted a message and the worker died before the SID
 * was stored. Such a row stays `sending` without a SID; before anything is sent again, the message
 * is looked up at the provider (same phone, same text, since the claim). Found: its SID is stored
 * and callbacks take it from there. Not found: it was never sent, and goes back to the queue.
 */
export class ResolveMessageUseCase {
  private readonly logger = new Logger(ResolveMessageUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly credentials: TenantSmsCache,
    private readonly providers: SmsProviders,
    private readonly jobs: JobProducer,
  ) {}

  async execute(messageId: string): Promise<'found' | 'requeued' | 'skipped'> {
    const tenantId = TenantContext.tenantId();
    const claimed = await this.db.tx((m) =>
      m.query<ClaimedRow[]>(
        `select id, phone, body, claimed_at, claimed_at::text as claimed, attempts, provider_sid_history from messages
         where id = $1 and status = 'sending' and provider_sid is null`,
        [messageId],
      ),
    );
    const row = claimed.at(0);
    if (!row) return 'skipped';
    const sms = await this.credentials.forSending(tenantId);
    const since = new Date(new Date(row.claimed_at).getTime() - CLOCK_SKEW_MS);
    const sent = (await this.providers.for(sms).findSent(row.phone, since)).filter((m) => m.body === row.body && !row.provider_sid_history.includes(m.sid));
    // A send another row already owns (the same text to the same phone, from another notice) is not this one's.
    const owned = new Set(
      sent.length === 0
        ? []
        : (
            await this.db.tx((m) =>
              m.query(
                `select provider_sid as sid from messages where provider_sid = any($1::text[])
                 union select h as sid from messages, unnest(provider_sid_history) h where provider_sid_history && $1::text[] and h = any($1::text[])`,
                [sent.map((m) => m.sid)],
              ),
            )
          ).map((r: { sid: string }) => r.sid),
    );
    const match = sent.find((m) => !owned.has(m.sid));
    if (match) {
      await this.db.tx((m) =>
        m.query(
          `update messages set provider_sid = $2,
             status = case when message_status_rank(status) < message_status_rank($3) then $3 else status end, updated_at = now()
           where id = $1 and status = 'sending' and provider_sid is null`,
          [messageId, match.sid, STATUS_MAP[match.status] ?? 'sending'],
        ),
      );
      this.logger.warn({ msg: 'found an unrecorded send at the provider', messageId, providerSid: match.sid });
      return 'found';
    }
    const released = await this.db.tx((m) =>
      rows(
        m,
        `update messages set status = 'queued', updated_at = now()
         where id = $1 and status = 'sending' and provider_sid is null and claimed_at::text = $2 returning id`,
        // Compared as text: a JavaScript Date would drop the microseconds and never match.
        [messageId, row.claimed],
      ),
    );
    if (released.length === 0) return 'skipped';
    await this.jobs.add({ name: JobName.SendMessage, tenantId, messageId, generation: row.attempts });
    this.logger.warn({ msg: 'claimed message never reached the provider; sending again', messageId });
    return 'requeued';
  }
}
