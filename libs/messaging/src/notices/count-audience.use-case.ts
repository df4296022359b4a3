import { Injectable } from '@nestjs/common';
import { Audience, DomainError, StaffPrincipal, Urgency } from '@porchlight/contracts';
import { audienceCountsSql, AudienceCounts, FamilyScope, toAudienceCounts } from '@porchlight/contacts';
import { queryOne, TenantDb } from '@porchlight/database';
import { noticeAudience } from '../notice-visibility';
import { checkAudience } from './audience-check';
import { plannedQuietHours, QuietHoursEffect } from './quiet-hours-effect';

export interface AudienceCountInput {
  audience: Audience;
  /** Quiet hours hold normal notices; urgent ones and emergencies override them. */
  urgency?: Urgency;
  /** When the notice would go (now when absent). */
  scheduledAt?: string;
}

/** Who an audience reaches, before any draft exists. */
export interface AudienceCountView {
  recipients: { total: number; byLanguage: Record<string, number> };
  suppressed: AudienceCounts['suppressed'];
  quietHours: QuietHoursEffect;
}

/**
 * The numbers a composer shows while the audience is being chosen: the phones an audience reaches
 * per language, the suppressed, and what quiet hours would do — checked and counted exactly as the preview of a
 * draft by this author counts them, over the families the caller sees, writing nothing.
 */
@Injectable()
export class CountAudienceUseCase {
  constructor(private readonly db: TenantDb) {}

  async execute(actor: StaffPrincipal, input: AudienceCountInput): Promise<AudienceCountView> {
    const reader = FamilyScope.of(actor);
    if ((input.audience.schoolIds ?? []).some((id) => !reader.seesSchool(id))) throw DomainError.notFound('school');
    return this.db.tx(async (m) => {
      await checkAudience(m, reader, input.audience);
      const q = await noticeAudience(m, actor.tenantId, { audience: input.audience, authorUserId: actor.userId }, reader);
      const row = await queryOne<Parameters<typeof toAudienceCounts>[0]>(m, audienceCountsSql(q), q.params);
      if (!row) throw new Error('audience counts gave no row');
      const counts = toAudienceCounts(row);
      const quietHours = await plannedQuietHours(m, q, { urgency: input.urgency ?? 'normal', scheduledAt: input.scheduledAt ?? null });
      return { recipients: { total: counts.total, byLanguage: counts.byLanguage }, suppressed: counts.suppressed, quietHours };
    });
  }
}
