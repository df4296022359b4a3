import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { loadNotice } from './notice-reader';
import { NoticeView } from './notice-views';

/** The notice as the caller sees it: its status, the counts and quiet-hours effect of their families (404 unless they may open it). */
@Injectable()
export class GetNoticeUseCase {
  constructor(private readonly db: TenantDb) {}

  execute(actor: StaffPrincipal, id: string): Promise<NoticeView> {
    return this.db.tx((m) => loadNotice(m, actor, id));
  }
}
