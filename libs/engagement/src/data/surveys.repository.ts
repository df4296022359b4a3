import { query, queryOne } from '@porchlight/database';
import { EntityManager, IsNull, Not } from 'typeorm';
import { SurveyEntity } from './survey.entity';

/** Reads and writes of `surveys` by key, on the tenant-scoped manager of `TenantDb.tx`. */

/**
 * The survey (row-level security hides another district's); `lock` holds it for update until the
 * transaction ends. (`TenantDb.tx` begins its transaction itself, so TypeORM's own lock option,
 * which asks the query runner whether a transaction is open, is not used.)
 */
export async function findSurvey(m: EntityManager, id: string, lock = false): Promise<SurveyEntity | null> {
  if (lock) await query(m, `select id from surveys where id = $1 for update`, [id]);
  return m.findOne(SurveyEntity, { where: { id } });
}

/** The survey, which must exist (a row its caller has just read or written). */
export async function getSurvey(m: EntityManager, id: string): Promise<SurveyEntity> {
  return m.findOneOrFail(SurveyEntity, { where: { id } });
}

export type NewSurvey = Pick<
  SurveyEntity,
  | 'tenantId'
  | 'authorUserId'
  | 'title'
  | 'sourceLanguage'
  | 'audience'
  | 'intro'
  | 'questions'
  | 'closesAt'
  | 'scheduledAt'
  | 'decisionId'
  | 'reminderAfterSeconds'
  | 'correlationId'
>;

/** Writes a draft; returns its id. */
export async function insertSurvey(m: EntityManager, survey: NewSurvey): Promise<string> {
  const result = await m.createQueryBuilder().insert().into(SurveyEntity).values(survey).execute();
  const [row] = result.identifiers as { id: string }[];
  return row.id;
}

/** The newest surveys (at most 200), of one status or any. */
export function recentSurveys(m: EntityManager, status?: SurveyEntity['status']): Promise<SurveyEntity[]> {
  return m.find(SurveyEntity, { where: status ? { status } : {}, order: { createdAt: 'DESC', id: 'ASC' }, take: 200 });
}

/** Open surveys with a reminder. */
export function surveysWithReminder(m: EntityManager): Promise<SurveyEntity[]> {
  return m.find(SurveyEntity, { where: { status: 'open', reminderAfterSeconds: Not(IsNull()) } });
}

/** How long until the survey's `scheduledAt` on the database's clock (0 when it has none or it has passed). */
export async function msUntilScheduled(m: EntityManager, id: string): Promise<number> {
  const row = await queryOne<{ delay_ms: number | null }>(
    m,
    `select greatest(0, floor(extract(epoch from (scheduled_at - now())) * 1000))::int as delay_ms from surveys where id = $1`,
    [id],
  );
  return row?.delay_ms ?? 0;
}

/**
 * Surveys whose `closesAt` has passed (on the database's clock): open ones, and sent ones not yet
 * opened (a fan-out job lost for longer than the survey was to run: it must not open late).
 */
export async function surveysDue(m: EntityManager): Promise<string[]> {
  const found = await query<{ id: string }>(m, `select id from surveys where status in ('open', 'translating') and closes_at <= now()`);
  return found.map((row) => row.id);
}

/** A sent survey waiting for a job: its preparation (`prepared` false) or its fan-out, `delay_ms` until its `scheduledAt`. */
export interface SurveyAwaitingJob {
  id: string;
  prepared: boolean;
  delay_ms: number;
}

/**
 * Sent surveys not yet opened (`translating`) that have waited at least `graceSeconds` for their
 * job since it was asked for: preparation since `send_requested_at`, fan-out since `prepared_at`.
 * Closed surveys are never among them (they are `closed`, not `translating`).
 */
export function surveysAwaitingJobs(m: EntityManager, graceSeconds: number): Promise<SurveyAwaitingJob[]> {
  return query<SurveyAwaitingJob>(
    m,
    `select id, prepared_at is not null as prepared,
       greatest(0, floor(extract(epoch from (scheduled_at - now())) * 1000))::int as delay_ms
     from surveys
     where status = 'translating'
       and coalesce(prepared_at, send_requested_at, updated_at) < now() - make_interval(secs => $1)
     order by id limit 5000`,
    [graceSeconds],
  );
}

type SurveyChanges = Partial<Pick<SurveyEntity, 'status' | 'statusReason' | 'correlationId'>> & {
  sendRequestedAt?: () => string;
  preparedAt?: (() => string) | null;
  openedAt?: () => string;
  closedAt?: () => string;
};

/** Changes a survey's state; `updated_at` is now. */
export async function updateSurvey(m: EntityManager, id: string, changes: SurveyChanges): Promise<void> {
  await m.update(SurveyEntity, { id }, { ...changes, updatedAt: () => 'now()' });
}

/** Closes the survey unless it is closed; false when it already was. */
export async function markSurveyClosed(m: EntityManager, id: string): Promise<boolean> {
  const result = await m
    .createQueryBuilder()
    .update(SurveyEntity)
    .set({ status: 'closed', closedAt: () => 'now()', statusReason: null, updatedAt: () => 'now()' })
    .where(`id = :id and status <> 'closed'`, { id })
    .execute();
  return (result.affected ?? 0) > 0;
}
