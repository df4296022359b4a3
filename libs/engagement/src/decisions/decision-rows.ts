import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope, liveContactsSql } from '@porchlight/contacts';
import { query, queryOne } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { fannedOutNoticesSql, noticeProgressSql } from '@porchlight/messaging';
import { EntityManager } from 'typeorm';
import { lockDecision } from '../data/decisions.repository';
import { DecisionStatus, DecisionView, LoopAudience } from './decision.types';

/**
 * Who sees and who changes a decision (docs/roles.md):
 * - every role reads the district-wide decisions (no schools) and those naming one of its schools;
 * - a district admin creates and changes any decision;
 * - a school admin creates and changes decisions about their own schools only (every school named
 *   is theirs; a district-wide decision is the district's);
 * - staff and liaisons read, and cannot change.
 */
export const DecisionAccess = {
  visibleSql(actor: StaffPrincipal, alias: string, params: unknown[]): string {
    const scope = FamilyScope.of(actor);
    if (scope.districtWide) return 'true';
    params.push(scope.schoolIds);
    return `(cardinality(${alias}.school_ids) = 0 or ${alias}.school_ids && $${String(params.length)}::uuid[])`;
  },

  mayChange(actor: StaffPrincipal, schoolIds: readonly string[]): boolean {
    if (actor.role === 'district_admin') return true;
    if (actor.role !== 'school_admin') return false;
    return schoolIds.length > 0 && schoolIds.every((id) => actor.schoolIds.includes(id));
  },
};

export interface DecisionRow {
  id: string;
  title: string;
  question: string;
  language: string;
  school_ids: string[];
  status: DecisionStatus;
  outcome: string | null;
  rationale: string | null;
  decided_at: Date | null;
  communicated_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  loop_notice_id: string | null;
  loop_audience: LoopAudience | null;
  notice_status: string | null;
  loop_families: string | null;
  loop_reached: string | null;
}

/**
 * Decisions with their "you said, we did" notice as its author follows it: the notice's status
 * (`sent` as the notices API says it), the families it goes to (before fan-out, its family members'
 * distinct phones; after, its messages not suppressed) and those it reached.
 */
export const DECISION_SELECT = `
  select d.*, n.status as notice_status,
         case when n.fanned_out_at is null
              then (select count(distinct c.phone) from (${liveContactsSql()}) c
                    where c.id::text in (select jsonb_array_elements_text(n.audience -> 'contactIds')) and c.phone is not null)
              else n.messaged end as loop_families,
         n.delivered as loop_reached
  from decisions d left join (${noticeProgressSql()}) n on n.id = d.loop_notice_id`;

export function toDecisionView(row: DecisionRow): DecisionView {
  return {
    id: row.id,
    title: row.title,
    question: row.question,
    language: row.language,
    schoolIds: row.school_ids,
    status: row.status,
    outcome: row.outcome,
    rationale: row.rationale,
    decidedAt: row.decided_at?.toISOString() ?? null,
    communicatedAt: row.communicated_at?.toISOString() ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    loop:
      row.loop_notice_id && row.loop_audience
        ? {
            noticeId: row.loop_notice_id,
            audience: row.loop_audience,
            noticeStatus: row.notice_status ?? 'draft',
            families: Number(row.loop_families ?? 0),
            reached: Number(row.loop_reached ?? 0),
          }
        : null,
  };
}

/** The decision if the actor sees it; 404 otherwise (another district's, another school's). */
export async function loadDecision(m: EntityManager, actor: StaffPrincipal, id: string): Promise<DecisionView> {
  const params: unknown[] = [id];
  const visible = DecisionAccess.visibleSql(actor, 'd', params);
  const row = await queryOne<DecisionRow>(m, `${DECISION_SELECT} where d.id = $1 and ${visible}`, params);
  if (!row) throw DomainError.notFound('decision');
  return toDecisionView(row);
}

/** The decision, for a change: 404 when unseen, 403 when seen and not the actor's to change. */
export async function loadForChange(m: EntityManager, actor: StaffPrincipal, id: string): Promise<DecisionView> {
  const decision = await loadDecision(m, actor, id);
  if (!DecisionAccess.mayChange(actor, decision.schoolIds)) {
    throw new DomainError('forbidden', 'only a district admin, or a school admin for decisions about their own schools, can change a decision');
  }
  await lockDecision(m, id);
  return decision;
}

/**
 * Decisions whose "you said, we did" notice has gone out become `communicated`, each written to
 * the audit log. Run before decisions are read, so every reader sees the same state.
 */
export async function settleCommunicated(m: EntityManager, tenantId: string): Promise<void> {
  const settled = await query<{ id: string; notice_id: string }>(
    m,
    `update decisions d set status = 'communicated', communicated_at = n.fanned_out_at, updated_at = now()
     from (${fannedOutNoticesSql()}) n
     where n.id = d.loop_notice_id and d.status = 'decided'
     returning d.id, n.id as notice_id`,
  );
  for (const row of settled) {
    await audit(m, tenantId, { action: 'decision.communicated', subjectType: 'decision', subjectId: row.id, data: { noticeId: row.notice_id } });
  }
}
