import { Logger } from '@nestjs/common';
import { Audience, DomainError, JobName, jobId, noticePriority, priorityOption, StaffPrincipal } from '@porchlight/contracts';
import { Cursor, FamilyScope, Page, pageOf } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { NoticeTexts, rememberTranslation, templateCatalog } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { messageText } from './message-text';
import { checkSender, loadNotice, noticeCounts } from './notices/notice-reader';
import { knownTranslationViews } from './notices/translation-views';
import { CreateNoticeInput, NoticeMessageView, NoticePreview, NoticeReplyView, NoticeTranslationView, NoticeView } from './notices/notice-views';

export class NoticesUseCases {
  private readonly logger = new Logger(NoticesUseCases.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    private readonly texts: NoticeTexts,
  ) {}

  async create(actor: StaffPrincipal, input: CreateNoticeInput): Promise<NoticeView> {
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

  get(actor: StaffPrincipal, id: string): Promise<NoticeView> {
    return this.db.tx((m) => loadNotice(m, actor, id));
  }

  async putTranslation(actor: StaffPrincipal, id: string, language: string, body: string): Promise<NoticeTranslationView> {
    return this.db.tx(async (m) => {
      const notice = await loadNotice(m, actor, id);
      if (language === notice.sourceLanguage) {
        throw new DomainError('invalid', 'validation failed', [{ field: 'language', message: 'this is the notice source language: edit the notice body instead' }]);
      }
      if (notice.status !== 'draft') throw new DomainError('conflict', 'the notice has been sent; its translations can no longer change');
      await m.query(
        `insert into notice_translations (tenant_id, notice_id, language, body, origin, status, updated_by)
         values ($1, $2, $3, $4, 'human', 'ready', $5)
         on conflict (notice_id, language) do update set body = excluded.body, origin = 'human', status = 'ready',
           updated_by = excluded.updated_by, updated_at = now()`,
        [actor.tenantId, id, language, body, actor.userId],
      );
      await m.query(`update notice_translations set review_reason = null, provider = null where notice_id = $1 and language = $2`, [id, language]);
      await rememberTranslation(m, actor.tenantId, { sourceLanguage: notice.sourceLanguage, sourceText: notice.body, language, body, approvedBy: actor.userId });
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'notice.translation_set', subjectType: 'notice', subjectId: id, data: { language } });
      return (await knownTranslationViews(m, this.texts, notice, [language])).find((view) => view.language === language)!;
    });
  }

  async messages(actor: StaffPrincipal, id: string, filter: { status?: string; cursor?: string; limit?: number }): Promise<Page<NoticeMessageView>> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
    const after = Cursor.decode(filter.cursor, ['phone']);
    return this.db.tx(async (m) => {
      await loadNotice(m, actor, id);
      const params: unknown[] = [id, filter.status ?? null, after?.[0] ?? null, limit + 1];
      const rows = await m.query(
        `select * from messages msg where msg.notice_id = $1 and ($2::text is null or msg.status = $2) and ($3::text is null or msg.phone > $3)
           and ${FamilyScope.of(actor).phoneSql('msg.phone', params)}
         order by msg.phone limit $4`,
        params,
      );
      const items = rows.map(
        (r: any): NoticeMessageView => ({
          id: r.id,
          contactIds: r.contact_ids,
          phone: r.phone,
          language: r.language,
          ...messageText(r),
          status: r.status,
          errorCode: r.error_code,
          errorMessage: r.error_message,
          providerSid: r.provider_sid,
          sendAfter: r.send_after ? new Date(r.send_after).toISOString() : null,
          updatedAt: new Date(r.updated_at).toISOString(),
        }),
      );
      return pageOf(items, limit, (item) => [item.phone]);
    });
  }

  /**
   * Family replies to a notice: inbound messages from its recipients whose latest notice, when
   * they wrote, was this one. Each with its detected language and the staff translation.
   */
  async replies(actor: StaffPrincipal, id: string, filter: { cursor?: string; limit?: number }): Promise<Page<NoticeReplyView>> {
    const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
    const after = Cursor.decode(filter.cursor, ['time', 'uuid']);
    return this.db.tx(async (m) => {
      await loadNotice(m, actor, id);
      const params: unknown[] = [id, after?.[0] ?? null, after?.[1] ?? null, limit + 1];
      const found = await m.query(
        `select i.id, i.phone, i.contact_ids, i.body, i.language, i.translated_body, i.translated_language, i.body_erased_at, i.body_erased_by, i.created_at, cv.id as conversation_id
         from messages i
         join lateral (
           select o.notice_id from messages o
           where o.phone = i.phone and o.direction = 'outbound' and o.notice_id is not null and o.created_at <= i.created_at
           order by o.created_at desc limit 1
         ) latest on latest.notice_id = $1
         left join conversations cv on cv.phone = i.phone
         where i.direction = 'inbound' and i.phone in (select phone from messages where notice_id = $1)
           and ($2::timestamptz is null or (i.created_at, i.id) > ($2::timestamptz, $3::uuid))
           and ${FamilyScope.of(actor).phoneSql('i.phone', params)}
         order by i.created_at, i.id limit $4`,
        params,
      );
      const items = found.map(
        (r: any): NoticeReplyView => ({
          id: r.id,
          conversationId: r.conversation_id,
          contactIds: r.contact_ids,
          phone: r.phone,
          ...messageText(r),
          language: r.language,
          createdAt: new Date(r.created_at).toISOString(),
        }),
      );
      return pageOf(items, limit, (item) => [item.createdAt, item.id]);
    });
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
    const empty = !audience.all && !['schoolIds', 'grades', 'sectionIds', 'contactIds'].some((k) => (audience[k as keyof Audience] as unknown[] | undefined)?.length);
    if (empty) problems.push({ field: 'audience', message: 'name at least one of all, schoolIds, grades, sectionIds, contactIds' });
    if (problems.length > 0) throw new DomainError('invalid', 'validation failed', problems);
  }
}
