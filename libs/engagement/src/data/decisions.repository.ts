import { query } from '@porchlight/database';
import { EntityManager } from 'typeorm';
import { DecisionInputEntity, DecisionInputKind } from './decision-input.entity';
import { DecisionEntity } from './decision.entity';

/** Whether the decision exists in this district (row-level security hides every other). */
export function decisionExists(m: EntityManager, id: string): Promise<boolean> {
  return m.existsBy(DecisionEntity, { id });
}

/** Holds the decision for update until the transaction ends. */
export async function lockDecision(m: EntityManager, id: string): Promise<void> {
  // As a statement: `TenantDb.tx` begins its transaction itself, so TypeORM's lock option would refuse.
  await query(m, `select id from decisions where id = $1 for update`, [id]);
}

export type NewDecision = Pick<
  DecisionEntity,
  'tenantId' | 'title' | 'question' | 'language' | 'schoolIds' | 'status' | 'outcome' | 'rationale' | 'createdBy'
> & {
  decidedAt: string | null;
};

/** Records a decision; returns its id. */
export async function insertDecision(m: EntityManager, decision: NewDecision): Promise<string> {
  const { decidedAt, ...rest } = decision;
  const result = await m
    .createQueryBuilder()
    .insert()
    .into(DecisionEntity)
    .values({ ...rest, decidedAt: decidedAt === null ? null : new Date(decidedAt) })
    .execute();
  const [row] = result.identifiers as { id: string }[];
  return row.id;
}

export type DecisionChangeRow = Pick<DecisionEntity, 'title' | 'question' | 'language' | 'schoolIds' | 'status' | 'outcome' | 'rationale'> & {
  decidedAt: string | null;
};

/** Rewrites a decision's fields; `communicated_at` is kept while communicated (set now when it becomes so) and cleared otherwise. */
export async function updateDecision(m: EntityManager, id: string, fields: DecisionChangeRow): Promise<void> {
  const { decidedAt, ...rest } = fields;
  await m.update(
    DecisionEntity,
    { id },
    {
      ...rest,
      decidedAt: decidedAt === null ? null : new Date(decidedAt),
      communicatedAt: () => (fields.status === 'communicated' ? 'coalesce(communicated_at, now())' : 'null'),
      updatedAt: () => 'now()',
    },
  );
}

/** The decision's "you said, we did" notice and to whom it goes. */
export async function setLoopNotice(m: EntityManager, id: string, noticeId: string, audience: DecisionEntity['loopAudience']): Promise<void> {
  await m.update(DecisionEntity, { id }, { loopNoticeId: noticeId, loopAudience: audience, updatedAt: () => 'now()' });
}

/** Adds an input to a decision; undefined when that survey or reply already is one (a unique index holds it). */
export async function insertDecisionInput(
  m: EntityManager,
  input: {
    tenantId: string;
    decisionId: string;
    kind: DecisionInputKind;
    surveyId: string | null;
    messageId: string | null;
    note: string | null;
    source: string | null;
    createdBy: string;
  },
): Promise<string | undefined> {
  const result = await m.createQueryBuilder().insert().into(DecisionInputEntity).values(input).orIgnore().returning('id').updateEntity(false).execute();
  const [row] = result.raw as ({ id: string } | undefined)[];
  return row?.id;
}

/** The surveys a decision weighed. */
export async function decisionSurveyIds(m: EntityManager, decisionId: string): Promise<string[]> {
  const found = await m.find(DecisionInputEntity, { where: { decisionId, kind: 'survey' }, select: { surveyId: true } });
  return found.flatMap((row) => (row.surveyId ? [row.surveyId] : []));
}
