import { Injectable } from '@nestjs/common';
import { DomainError, StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope } from '@porchlight/contacts';
import { queryOne, TenantDb } from '@porchlight/database';
import { tenantForMessaging } from '@porchlight/identity';
import { TenantContext } from '@porchlight/tenancy';
import { templateCatalog } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { checkAudience } from './audience-check';
import { loadNotice } from './notice-reader';
import { CreateNoticeInput, NoticeView } from './notice-views';

/** Writes a draft: its text (or a catalog template rendered in the source language) and an audience of what the author sees. */
@Injectable()
export class CreateNoticeUseCase {
  constructor(private readonly db: TenantDb) {}

  async execute(actor: StaffPrincipal, input: CreateNoticeInput): Promise<NoticeView> {
    const scope = FamilyScope.of(actor);
    // Staff limited to some schools may say "all" (all of *their* families); other schools do not exist for them.
    if ((input.audience.schoolIds ?? []).some((id) => !scope.seesSchool(id))) throw DomainError.notFound('school');
    return this.db.tx(async (m) => {
      const body = await this.sourceText(m, actor, input);
      await checkAudience(m, scope, input.audience);
      const row = await queryOne<{ id: string }>(
        m,
        `insert into notices (tenant_id, author_user_id, title, body, source_language, audience, urgency, scheduled_at, poll, correlation_id, smart_encoding,
           template_key, template_variables)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
        [
          actor.tenantId,
          actor.userId,
          input.title ?? null,
          body,
          input.sourceLanguage,
          JSON.stringify(input.audience),
          input.urgency,
          input.scheduledAt ?? null,
          input.poll ? JSON.stringify(input.poll) : null,
          TenantContext.correlationId() ?? null,
          input.smartEncoding ?? true,
          input.template?.key ?? null,
          input.template ? JSON.stringify(input.template.variables) : null,
        ],
      );
      if (!row) throw new Error('the notice was not written');
      return loadNotice(m, actor, row.id);
    });
  }

  /** The body as given, or the template rendered in the source language (dates in the district's time zone). */
  private async sourceText(m: EntityManager, actor: StaffPrincipal, input: CreateNoticeInput): Promise<string> {
    if (!input.template) {
      if (!input.body) throw new DomainError('invalid', 'validation failed', [{ field: 'body', message: 'give a body or a template' }]);
      return input.body;
    }
    const problems = templateCatalog
      .check(input.template.key, input.template.variables, input.sourceLanguage)
      .map((problem) => (problem.field === 'language' ? { ...problem, field: 'sourceLanguage' } : problem));
    if (problems.length > 0) throw new DomainError('invalid', 'validation failed', problems);
    const { timezone } = await tenantForMessaging(m, actor.tenantId);
    return templateCatalog.render(input.template.key, input.sourceLanguage, input.template.variables, timezone);
  }
}
