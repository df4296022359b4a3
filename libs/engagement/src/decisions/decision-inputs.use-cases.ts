import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope, phoneSchoolIdsSql } from '@porchlight/contacts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { messageTextsSql } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';
import { insertDecisionInput } from '../data/decisions.repository';
import { loadForChange } from './decision-rows';
import { DecisionInput, DecisionInputView, FamilyWords, Participation } from './decision.types';
import { findSurvey, surveyParticipation } from './survey-inputs';

interface InputRow {
  id: string;
  kind: 'survey' | 'message' | 'note';
  survey_id: string | null;
  message_id: string | null;
  note: string | null;
  source: string | null;
  created_by: string | null;
  created_at: Date;
  body: string | null;
  language: string | null;
  translated_body: string | null;
  translated_language: string | null;
  received_at: Date | null;
  school_ids: string[] | null;
}

/**
 * The family input a decision weighed. A quoted reply is one family (its phone), asked and
 * answered, counted under the reply's language and its children's schools. School-level staff see
 * only the replies of their families (and every note and survey input).
 */
@Injectable()
export class DecisionInputsUseCases {
  constructor(private readonly db: TenantDb) {}

  async add(actor: StaffPrincipal, decisionId: string, input: DecisionInput): Promise<DecisionInputView> {
    return this.db.tx(async (m) => {
      await loadForChange(m, actor, decisionId);
      let id: string;
      if ('surveyId' in input) {
        await findSurvey(m, input.surveyId);
        id = await this.insert(m, actor, decisionId, { kind: 'survey', surveyId: input.surveyId });
      } else if ('messageId' in input) {
        await this.checkReply(m, actor, input.messageId);
        id = await this.insert(m, actor, decisionId, { kind: 'message', messageId: input.messageId });
      } else {
        id = await this.insert(m, actor, decisionId, { kind: 'note', note: input.note, source: input.source });
      }
      const kind = 'surveyId' in input ? 'survey' : 'messageId' in input ? 'message' : 'note';
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'decision.input_added',
        subjectType: 'decision',
        subjectId: decisionId,
        data: {
          inputId: id,
          kind,
          ...('surveyId' in input ? { surveyId: input.surveyId } : {}),
          ...('messageId' in input ? { messageId: input.messageId } : {}),
        },
      });
      const view = (await this.list(m, actor, decisionId)).find((row) => row.id === id);
      if (!view) throw DomainError.notFound('input');
      return view;
    });
  }

  /** The inputs of a decision the actor sees, oldest first, each with its participation and words. */
  async list(m: EntityManager, actor: StaffPrincipal, decisionId: string): Promise<DecisionInputView[]> {
    const scope = FamilyScope.of(actor);
    const params: unknown[] = [decisionId];
    const seen = scope.phoneSql('msg.phone', params);
    const schoolIds = phoneSchoolIdsSql('msg.phone', scope, params);
    const found = await query<InputRow>(
      m,
      `select i.*, case when msg.body_erased_at is null then msg.body end as body, msg.language,
              case when msg.body_erased_at is null then msg.translated_body end as translated_body, msg.translated_language, msg.created_at as received_at,
              ${schoolIds} as school_ids
       from decision_inputs i left join (${messageTextsSql()}) msg on msg.id = i.message_id
       where i.decision_id = $1 and (i.kind <> 'message' or (msg.id is not null and ${seen}))
       order by i.created_at, i.id`,
      params,
    );
    const views: DecisionInputView[] = [];
    for (const row of found) {
      const base = {
        id: row.id,
        kind: row.kind,
        surveyId: row.survey_id,
        messageId: row.message_id,
        note: row.note,
        source: row.source,
        createdBy: row.created_by,
        createdAt: row.created_at.toISOString(),
      };
      if (row.kind === 'survey' && row.survey_id) views.push({ ...base, ...(await surveyParticipation(m, row.survey_id, scope)) });
      else if (row.kind === 'message') views.push({ ...base, participation: oneFamily(row), said: [words(row)] });
      else views.push({ ...base, participation: null, said: [] });
    }
    return views;
  }

  /** A reply from one of the actor's families: 404 for anything else they cannot see, 400 for a message that is not a family's. */
  private async checkReply(m: EntityManager, actor: StaffPrincipal, messageId: string): Promise<void> {
    const params: unknown[] = [messageId];
    const seen = FamilyScope.of(actor).phoneSql('msg.phone', params);
    const message = await queryOne<{ direction: string }>(m, `select msg.direction from (${messageTextsSql()}) msg where msg.id = $1 and ${seen}`, params);
    if (!message) throw DomainError.notFound('message');
    if (message.direction !== 'inbound') {
      throw new DomainError('invalid', 'validation failed', [{ field: 'messageId', message: "only a family's reply can be quoted as input" }]);
    }
  }

  private async insert(
    m: EntityManager,
    actor: StaffPrincipal,
    decisionId: string,
    input: { kind: 'survey' | 'message' | 'note'; surveyId?: string; messageId?: string; note?: string; source?: string },
  ): Promise<string> {
    const id = await insertDecisionInput(m, {
      tenantId: actor.tenantId,
      decisionId,
      kind: input.kind,
      surveyId: input.surveyId ?? null,
      messageId: input.messageId ?? null,
      note: input.note ?? null,
      source: input.source ?? null,
      createdBy: actor.userId,
    });
    if (!id) throw new DomainError('conflict', `this ${input.kind === 'survey' ? 'survey' : 'reply'} is already an input of the decision`);
    return id;
  }
}

function oneFamily(row: InputRow): Participation {
  return {
    asked: 1,
    answered: 1,
    byLanguage: [{ language: row.language, asked: 1, answered: 1 }],
    bySchool: (row.school_ids ?? []).map((schoolId) => ({ schoolId, asked: 1, answered: 1 })),
  };
}

function words(row: InputRow): FamilyWords {
  return {
    body: row.body,
    language: row.language,
    translatedBody: row.translated_body,
    translatedLanguage: row.translated_language,
    receivedAt: (row.received_at ?? row.created_at).toISOString(),
  };
}
