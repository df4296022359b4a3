import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { countDistrictSchools, Cursor, Page } from '@porchlight/contacts';
import { query, TenantDb } from '@porchlight/database';
import { audit, tenantProfile } from '@porchlight/identity';
import { EntityManager } from 'typeorm';
import { insertDecision, updateDecision } from '../data/decisions.repository';
import { DecisionAccess, DECISION_SELECT, DecisionRow, loadDecision, loadForChange, settleCommunicated, toDecisionView } from './decision-rows';
import { DecisionChanges, DecisionDetail, DecisionFields, DecisionStatus, DecisionView } from './decision.types';
import { DecisionInputsUseCases } from './decision-inputs.use-cases';

const PAGE_SIZE = 50;
/** The fields a change is audited with, before and after. */
const AUDITED: (keyof DecisionView)[] = ['title', 'question', 'language', 'schoolIds', 'status', 'outcome', 'rationale', 'decidedAt'];

/** The decision log: what the district decided, and the family input it weighed (docs/family-voice.md#decision-log). */
@Injectable()
export class DecisionsUseCases {
  constructor(
    private readonly db: TenantDb,
    private readonly inputs: DecisionInputsUseCases,
  ) {}

  async create(actor: StaffPrincipal, fields: DecisionFields): Promise<DecisionView> {
    const schoolIds = [...new Set(fields.schoolIds ?? [])];
    checkNaming(actor, schoolIds);
    return this.db.tx(async (m) => {
      await this.checkSchools(m, schoolIds);
      const status = fields.status ?? 'gathering';
      checkOutcome(status, fields.outcome ?? null);
      const language = fields.language ?? (await tenantProfile(m, actor.tenantId)).defaultLanguage;
      const id = await insertDecision(m, {
        tenantId: actor.tenantId,
        title: fields.title,
        question: fields.question,
        language,
        schoolIds,
        status,
        outcome: fields.outcome ?? null,
        rationale: fields.rationale ?? null,
        decidedAt: fields.decidedAt ?? (status === 'gathering' ? null : new Date().toISOString()),
        createdBy: actor.userId,
      });
      const view = await loadDecision(m, actor, id);
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'decision.created', subjectType: 'decision', subjectId: id, data: pick(view) });
      return view;
    });
  }

  async list(actor: StaffPrincipal, filter: { status?: DecisionStatus; cursor?: string }): Promise<Page<DecisionView>> {
    const after = Cursor.decode(filter.cursor, ['time', 'uuid']);
    if (filter.cursor && !after) throw new DomainError('invalid', 'validation failed', [{ field: 'cursor', message: 'cursor is not one this API gave' }]);
    return this.db.tx(async (m) => {
      await settleCommunicated(m, actor.tenantId);
      const params: unknown[] = [PAGE_SIZE + 1];
      const where = [DecisionAccess.visibleSql(actor, 'd', params)];
      if (filter.status) {
        params.push(filter.status);
        where.push(`d.status = $${String(params.length)}`);
      }
      if (after) {
        params.push(after[0], after[1]);
        where.push(`(d.created_at, d.id) < ($${String(params.length - 1)}::timestamptz, $${String(params.length)}::uuid)`);
      }
      const found = await query<DecisionRow>(m, `${DECISION_SELECT} where ${where.join(' and ')} order by d.created_at desc, d.id desc limit $1`, params);
      const items = found.slice(0, PAGE_SIZE).map(toDecisionView);
      const last = items.at(-1);
      return { items, nextCursor: found.length > PAGE_SIZE && last ? Cursor.encode([last.createdAt, last.id]) : null };
    });
  }

  async get(actor: StaffPrincipal, id: string): Promise<DecisionDetail> {
    return this.db.tx(async (m) => {
      await settleCommunicated(m, actor.tenantId);
      const decision = await loadDecision(m, actor, id);
      return { ...decision, inputs: await this.inputs.list(m, actor, id) };
    });
  }

  async update(actor: StaffPrincipal, id: string, changes: DecisionChanges): Promise<DecisionDetail> {
    return this.db.tx(async (m) => {
      await settleCommunicated(m, actor.tenantId);
      const before = await loadForChange(m, actor, id);
      const schoolIds = changes.schoolIds ? [...new Set(changes.schoolIds)] : before.schoolIds;
      if (changes.schoolIds) {
        // A school admin may not hand a decision to schools that are not theirs, nor to the whole district.
        checkNaming(actor, schoolIds);
        await this.checkSchools(m, schoolIds);
      }
      const status = changes.status ?? before.status;
      const outcome = changes.outcome !== undefined ? changes.outcome : before.outcome;
      checkOutcome(status, outcome);
      const decidedAt =
        changes.decidedAt !== undefined ? changes.decidedAt : status !== 'gathering' && before.decidedAt === null ? new Date().toISOString() : before.decidedAt;
      await updateDecision(m, id, {
        title: changes.title ?? before.title,
        question: changes.question ?? before.question,
        language: changes.language ?? before.language,
        schoolIds,
        status,
        outcome,
        rationale: changes.rationale !== undefined ? changes.rationale : before.rationale,
        decidedAt,
      });
      const after = await loadDecision(m, actor, id);
      const was = pick(before);
      const now = pick(after);
      const changed = AUDITED.filter((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]));
      if (changed.length > 0) {
        await audit(m, actor.tenantId, {
          actorUserId: actor.userId,
          action: 'decision.updated',
          subjectType: 'decision',
          subjectId: id,
          data: { changed, before: Object.fromEntries(changed.map((k) => [k, was[k]])), after: Object.fromEntries(changed.map((k) => [k, now[k]])) },
        });
      }
      return { ...after, inputs: await this.inputs.list(m, actor, id) };
    });
  }

  /** Every school named is one of the district's schools (400 naming `schoolIds` otherwise). */
  private async checkSchools(m: EntityManager, schoolIds: string[]): Promise<void> {
    if (schoolIds.length === 0) return;
    if ((await countDistrictSchools(m, schoolIds)) !== schoolIds.length)
      throw new DomainError('invalid', 'validation failed', [{ field: 'schoolIds', message: 'every school must be one of the district' }]);
  }
}

/**
 * The schools a decision may name: any, for a district admin; for a school admin, at least one and
 * only their own (another school is not there for them: 404, as elsewhere).
 */
function checkNaming(actor: StaffPrincipal, schoolIds: string[]): void {
  if (actor.role === 'district_admin') return;
  if (actor.role !== 'school_admin') throw new DomainError('forbidden', 'only a district admin or a school admin can record or change a decision');
  if (schoolIds.some((id) => !actor.schoolIds.includes(id))) throw DomainError.notFound('school');
  if (schoolIds.length === 0) {
    throw new DomainError('invalid', 'validation failed', [
      { field: 'schoolIds', message: 'a school admin records decisions about their own schools: name at least one' },
    ]);
  }
}

/** A decided or communicated decision says what was decided. */
function checkOutcome(status: DecisionStatus, outcome: string | null): void {
  if (status !== 'gathering' && !outcome?.trim()) {
    throw new DomainError('invalid', 'validation failed', [{ field: 'outcome', message: `a ${status} decision needs its outcome` }]);
  }
}

function pick(view: DecisionView): Partial<Record<keyof DecisionView, unknown>> {
  return Object.fromEntries(AUDITED.map((key) => [key, view[key]]));
}
