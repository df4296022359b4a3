import { Injectable } from '@nestjs/common';
import { Audience, DomainError, StaffPrincipal } from '@porchlight/contracts';
import { FamilyScope } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { TenantContext } from '@porchlight/tenancy';
import { templateCatalog } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
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
      await this.checkAudience(m, scope, input.audience);
      const [row] = await m.query(
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
      .check(input.template.key, input.template.variables ?? {}, input.sourceLanguage)
      .map((problem) => (problem.field === 'language' ? { ...problem, field: 'sourceLanguage' } : problem));
    if (problems.length > 0) throw new DomainError('invalid', 'validation failed', problems);
    const [{ timezone }] = await m.query(`select timezone from tenants where id = $1`, [actor.tenantId]);
    return templateCatalog.render(input.template.key, input.sourceLanguage, input.template.variables, timezone);
  }

  /** Every id in the audience names something the author sees: families and sections of other schools are unknown ids. */
  private async checkAudience(m: EntityManager, scope: FamilyScope, audience: Audience): Promise<void> {
    const problems: { field: string; message: string }[] = [];
    const check = async (field: string, from: string, visible: (params: unknown[]) => string, ids: string[] | undefined) => {
      if (!ids || ids.length === 0) return;
      const params: unknown[] = [ids];
      const [{ count }] = await m.query(`select count(*)::int as count from ${from} where t.id = any($1::uuid[]) and ${visible(params)}`, params);
      if (count !== new Set(ids).size) problems.push({ field: `audience.${field}`, message: `unknown id in ${field}` });
    };
    await check('schoolIds', 'schools t', (params) => scope.schoolSql('t.id', params), audience.schoolIds);
    await check('contactIds', 'contacts t', (params) => scope.contactSql('t', params), audience.contactIds);
    await check('sectionIds', 'sections t', (params) => scope.schoolSql('t.school_id', params), audience.sectionIds);
    const empty =
      !audience.all && !['schoolIds', 'grades', 'sectionIds', 'contactIds'].some((k) => (audience[k as keyof Audience] as unknown[] | undefined)?.length);
    if (empty) problems.push({ field: 'audience', message: 'name at least one of all, schoolIds, grades, sectionIds, contactIds' });
    if (problems.length > 0) throw new DomainError('invalid', 'validation failed', problems);
  }
}
