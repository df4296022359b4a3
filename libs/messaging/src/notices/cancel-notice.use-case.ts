import { Injectable, Logger } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { checkSender, loadNotice } from './notice-reader';
import { NoticeView } from './notice-views';

/**
 * Stops what of a notice has not left yet. Before fan-out (translating, or waiting for its
 * scheduled time) the notice simply never fans out; after, every message still `pending` or
 * `queued` becomes `canceled` in one guarded statement. Delivery claims only `pending`/`queued`
 * rows, so a job already in Redis for a canceled row finds nothing to send; a message already
 * claimed (`sending`) has left and keeps its course. The notice becomes `canceled`; its stats
 * count the stopped rows as `canceled`. 409 when nothing is left to stop: a draft (never sent)
 * or a notice whose every message has left.
 */
@Injectable()
export class CancelNoticeUseCase {
  private readonly logger = new Logger(CancelNoticeUseCase.name);

  constructor(private readonly db: TenantDb) {}

  async execute(actor: StaffPrincipal, id: string): Promise<NoticeView> {
    const result = await this.db.tx(async (m) => {
      // The same lock fan-out takes: a notice is canceled before its fan-out or after it, never during.
      const locked = await queryOne<{ status: string; fanned_out_at: Date | null }>(m, `select status, fanned_out_at from notices where id = $1 for update`, [
        id,
      ]);
      const notice = await loadNotice(m, actor, id);
      await checkSender(m, actor, notice, 'cancels');
      if (!locked) throw DomainError.notFound('notice');
      if (locked.status === 'draft') throw new DomainError('conflict', 'the notice has not been sent: there is nothing to cancel');
      if (locked.status !== 'translating' && locked.status !== 'sending')
        throw new DomainError('conflict', `the notice is ${notice.status}: there is nothing left to cancel`);
      const stopped = await queryOne<{ canceled: number }>(
        m,
        `with stopped as (
           update messages set status = 'canceled', error_message = 'the notice was canceled', updated_at = now()
           where notice_id = $1 and status in ('pending', 'queued') and provider_sid is null returning 1)
         select count(*)::int as canceled from stopped`,
        [id],
      );
      const canceled = stopped?.canceled ?? 0;
      if (locked.fanned_out_at && canceled === 0) throw new DomainError('conflict', 'every message of the notice has left: there is nothing left to cancel');
      await query(m, `update notices set status = 'canceled', canceled_at = now(), canceled_by = $2, updated_at = now() where id = $1`, [id, actor.userId]);
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'notice.canceled',
        subjectType: 'notice',
        subjectId: id,
        data: { canceledMessages: canceled },
      });
      return { view: await loadNotice(m, actor, id), canceled };
    });
    this.logger.log({ msg: 'notice canceled', noticeId: id, canceledMessages: result.canceled });
    return result.view;
  }
}
