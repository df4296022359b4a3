import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope, liveContactsSql } from '@porchlight/contacts';
import { query, TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { CreateNoticeUseCase, messageTextsSql, NoticeView } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';
import { decisionSurveyIds, setLoopNotice } from '../data/decisions.repository';
import { loadForChange, settleCommunicated } from './decision-rows';
import { LoopAudience } from './decision.types';
import { surveyFamilies } from './survey-inputs';

export interface CloseTheLoopInput {
  body: string;
  sourceLanguage: string;
  audience?: LoopAudience;
  title?: string;
}

/**
 * "You said, we did": from a decided decision, a draft notice to the families who gave input
 * (`respondents`, the default) or to all who were asked (`asked`), written through the notices'
 * own creation, so it is translated, reviewed and sent like any notice. The decision keeps the
 * notice and becomes `communicated` once it is sent.
 */
@Injectable()
export class CloseTheLoopUseCase {
  constructor(
    private readonly db: TenantDb,
    private readonly createNotice: CreateNoticeUseCase,
  ) {}

  async execute(actor: StaffPrincipal, decisionId: string, input: CloseTheLoopInput): Promise<NoticeView> {
    const audience = input.audience ?? 'respondents';
    const { title, contactIds } = await this.db.tx(async (m) => {
      await settleCommunicated(m, actor.tenantId);
      const decision = await loadForChange(m, actor, decisionId);
      if (decision.status === 'gathering') throw new DomainError('conflict', 'record the outcome first: the decision is still gathering input');
      if (decision.status === 'communicated') throw new DomainError('conflict', 'the decision has already been communicated');
      if (decision.loop && decision.loop.noticeStatus === 'draft') {
        throw new DomainError('conflict', `a "you said, we did" notice is already drafted: ${decision.loop.noticeId}`);
      }
      return { title: decision.title, contactIds: await this.families(m, actor, decisionId, audience) };
    });
    if (contactIds.length === 0)
      throw new DomainError('conflict', 'no family in your scope gave input to this decision: quote their replies or attach a survey first');
    const notice = await this.createNotice.execute(actor, {
      title: input.title ?? title,
      body: input.body,
      sourceLanguage: input.sourceLanguage,
      audience: { contactIds },
      urgency: 'normal',
    });
    await this.db.tx(async (m) => {
      await setLoopNotice(m, decisionId, notice.id, audience);
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'decision.loop_drafted',
        subjectType: 'decision',
        subjectId: decisionId,
        data: { noticeId: notice.id, audience, families: contactIds.length },
      });
    });
    return notice;
  }

  /**
   * The live family members, with a phone, of the families who gave input: a quoted reply's phone
   * (asked and answered alike) and, through the survey seam, a survey's respondents or audience.
   * Only the actor's families: a notice reaches nobody else.
   */
  private async families(m: EntityManager, actor: StaffPrincipal, decisionId: string, audience: LoopAudience): Promise<string[]> {
    const scope = FamilyScope.of(actor);
    const params: unknown[] = [decisionId];
    const inScope = scope.contactSql('c', params);
    const replied = await query<{ id: string }>(
      m,
      `select distinct c.id from decision_inputs i join (${messageTextsSql()}) msg on msg.id = i.message_id
       join (${liveContactsSql()}) c on c.phone = msg.phone
       where i.decision_id = $1 and i.kind = 'message' and ${inScope}`,
      params,
    );
    const families = new Set(replied.map((row) => row.id));
    for (const surveyId of await decisionSurveyIds(m, decisionId)) for (const id of await surveyFamilies(m, surveyId, audience, scope)) families.add(id);
    return [...families];
  }
}
