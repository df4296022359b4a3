import { Logger } from '@nestjs/common';
import { Audience, DomainError, JobName, jobId, noticePriority, priorityOption, MessageStatus, StaffPrincipal, TranslationOrigin, TranslationStatus, Urgency } from '@porchlight/contracts';
import { audienceCountsSql, AudienceCounts, Cursor, FamilyScope, Page, pageOf, toAudienceCounts } from '@porchlight/contacts';
import { rows, TenantDb } from '@porchlight/database';
import { audit } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { measureSms, smartenToGsm } from '@porchlight/sms';
import { TenantContext } from '@porchlight/tenancy';
import { catalogTranslations, NoticeTemplate, recallTranslations, rememberTranslation, reviewRequired, templateCatalog, TenantTranslator, translationFailureText } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { messageText } from './message-text';
import { noticeAudience } from './notice-visibility';
import { checkSender, loadNotice, noticeCounts } from './notices/notice-reader';
import { CreateNoticeInput, NoticeMessageView, NoticePreview, NoticeReplyView, NoticeTranslationView, NoticeView } from './notices/notice-views';

export class NoticesUseCases {
  private readonly logger = new Logger(NoticesUseCases.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    private readonly translator: TenantTranslator | null = null,
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

  async preview(actor: StaffPrincipal, id: string, options: { backTranslate?: boolean } = {}): Promise<NoticePreview> {
    const preview = await this.db.tx(async (m) => {
      const notice = await loadNotice(m, actor, id);
      const counts = await noticeCounts(m, actor, notice, FamilyScope.of(actor));
      const translations = await this.translations(m, notice, Object.keys(counts.byLanguage));
      const segmentsByLanguage = new Map(translations.map((t) => [t.language, t.segments]));
      const estimatedSegments = Object.entries(counts.byLanguage).reduce(
        (sum, [language, n]) => sum + n * (segmentsByLanguage.get(language) || segmentsByLanguage.get(notice.sourceLanguage) || 0),
        0,
      );
      return {
        sourceLanguage: notice.sourceLanguage,
        preview: { recipients: { total: counts.total, byLanguage: counts.byLanguage }, suppressed: counts.suppressed, translations, estimatedSegments },
      };
    });
    if (options.backTranslate) await this.backTranslate(preview.preview.translations, preview.sourceLanguage);
    return preview.preview;
  }

  /** Machine output read back in the source language, so a reviewer who does not read the target can judge it. */
  private async backTranslate(translations: NoticeTranslationView[], sourceLanguage: string): Promise<void> {
    if (!this.translator) return;
    for (const view of translations) {
      if (view.origin !== 'machine' || !view.body) continue;
      try {
        view.backTranslation = (await this.translator.translate(view.body, view.language, sourceLanguage)).text;
      } catch (error) {
        this.logger.warn({ msg: 'back-translation failed', language: view.language, reason: translationFailureText(error) });
      }
    }
  }

  /**
   * A liaison or a district admin accepts a machine translation that waits for review: it becomes
   * ready, and enters the district's translation memory for the next notice with the same text.
   */
  async approveTranslation(actor: StaffPrincipal, id: string, language: string): Promise<NoticeTranslationView> {
    return this.db.tx(async (m) => {
      // A notice the caller cannot open is 404 whatever their role; one they can, 403 unless they may approve.
      const notice = await loadNotice(m, actor, id);
      if (actor.role !== 'liaison' && actor.role !== 'district_admin') throw new DomainError('forbidden', 'only a liaison or a district admin approves translations');
      if (notice.status !== 'draft') throw new DomainError('conflict', 'the notice has been sent; its translations can no longer change');
      let [row] = await rows<{ body: string }>(
        m,
        `update notice_translations set status = 'ready', review_reason = null, updated_by = $3, updated_at = now()
         where notice_id = $1 and language = $2 returning body`,
        [id, language, actor.userId],
      );
      if (!row) {
        // Not stored yet: what the catalog (or the memory) proposes for a draft is approved as it stands.
        const proposed = (await this.translations(m, notice, [language])).find((view) => view.language === language);
        if (!proposed?.body || (proposed.origin !== 'catalog' && proposed.origin !== 'memory')) throw DomainError.notFound('translation');
        await m.query(
          `insert into notice_translations (tenant_id, notice_id, language, body, origin, status, updated_by) values ($1, $2, $3, $4, $5, 'ready', $6)`,
          [actor.tenantId, id, language, proposed.body, proposed.origin, actor.userId],
        );
        row = { body: proposed.body };
      }
      await rememberTranslation(m, actor.tenantId, { sourceLanguage: notice.sourceLanguage, sourceText: notice.body, language, body: row.body, approvedBy: actor.userId });
      await audit(m, actor.tenantId, { actorUserId: actor.userId, action: 'notice.translation_approved', subjectType: 'notice', subjectId: id, data: { language } });
      return (await this.translations(m, notice, [language])).find((view) => view.language === language)!;
    });
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
      return (await this.translations(m, notice, [language])).find((view) => view.language === language)!;
    });
  }

  /**
   * Sends a draft: every language the audience needs must be ready unless the district's policy
   * is to send the source text; then the translation app takes over.
   */
  async send(actor: StaffPrincipal, id: string): Promise<NoticeView> {
    const view = await this.db.tx(async (m) => {
      const [locked] = await m.query(`select status from notices where id = $1 for update`, [id]);
      const notice = await loadNotice(m, actor, id);
      if (locked.status !== 'draft') throw new DomainError('conflict', `the notice is already ${locked.status}`);
      await checkSender(m, actor, notice, 'sends');
      const counts = await noticeCounts(m, actor, notice);
      const [{ translation }] = await m.query(`select translation from tenants where id = $1`, [actor.tenantId]);
      const translations = await this.translations(m, notice, Object.keys(counts.byLanguage));
      const toReview = translations.filter((t) => t.status === 'needs_review').map((t) => t.language);
      if (toReview.length > 0) {
        throw new DomainError('conflict', `translations to review before sending: ${toReview.join(', ')}`, { reviewLanguages: toReview });
      }
      // Languages still missing are the translation app's to fill when an engine is configured.
      const missing = translations.filter((t) => t.status === 'missing').map((t) => t.language);
      const machine = missing.length > 0 && this.translator !== null && (await this.translator.configured(m));
      if (missing.length > 0 && !machine && translation.untranslatedPolicy !== 'send_source') {
        throw new DomainError('conflict', `translations needed before sending: ${missing.join(', ')}`, { missingLanguages: missing });
      }
      await m.query(
        `update notices set status = 'translating', status_reason = null, send_requested_at = now(), correlation_id = coalesce($2, correlation_id), updated_at = now() where id = $1`,
        [id, TenantContext.correlationId() ?? null],
      );
      await audit(m, actor.tenantId, {
        actorUserId: actor.userId,
        action: 'notice.send',
        subjectType: 'notice',
        subjectId: id,
        data: { urgency: notice.urgency, recipients: counts.total, languages: counts.byLanguage },
      });
      return loadNotice(m, actor, id);
    });
    this.logger.log({ msg: 'notice send requested', noticeId: id, urgency: view.urgency });
    await this.jobs.enqueue(
      { name: JobName.TranslateNotice, data: { tenantId: actor.tenantId, correlationId: TenantContext.correlationId() ?? id, noticeId: id } },
      { jobId: jobId.translateNotice(id), ...priorityOption(noticePriority(view.urgency)) },
    );
    return view;
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

  private async translations(m: EntityManager, notice: NoticeView, languages: string[]): Promise<NoticeTranslationView[]> {
    const stored = await m.query(`select language, body, origin, status, provider, review_reason from notice_translations where notice_id = $1`, [notice.id]);
    const byLanguage = new Map<string, any>(stored.map((r: any) => [r.language, r]));
    const wanted = [notice.sourceLanguage, ...[...new Set(languages)].filter((l) => l !== notice.sourceLanguage).sort()];
    // What the catalog, then the memory, would give a language nobody has translated yet (stored when the notice is sent).
    const untranslated = wanted.filter((l) => l !== notice.sourceLanguage && !byLanguage.has(l));
    const catalog = new Map<string, { body: string; origin: 'catalog'; status: TranslationStatus; review_reason: string | null }>();
    if (notice.template && untranslated.length > 0) {
      const [tenant] = await m.query(`select t.timezone, t.translation from notices n join tenants t on t.id = n.tenant_id where n.id = $1`, [notice.id]);
      const review = reviewRequired(tenant.translation, notice.urgency);
      for (const [language, body] of catalogTranslations(notice.template, untranslated, tenant.timezone)) {
        catalog.set(language, { body, origin: 'catalog', status: review ? 'needs_review' : 'ready', review_reason: review ? `the district reviews translations of ${notice.urgency} notices` : null });
      }
    }
    const memory = await recallTranslations(m, { language: notice.sourceLanguage, text: notice.body }, untranslated.filter((l) => !catalog.has(l)));
    return wanted.map((language): NoticeTranslationView => {
      const remembered = memory.get(language);
      const row =
        language === notice.sourceLanguage
          ? { body: notice.body, origin: 'source', status: 'ready' }
          : byLanguage.get(language) ?? catalog.get(language) ?? (remembered !== undefined ? { body: remembered, origin: 'memory', status: 'ready' } : undefined);
      if (!row) return { language, body: null, origin: null, status: 'missing' as const, segments: 0, encoding: null };
      const measured = measureSms(row.body);
      const view: NoticeTranslationView = {
        language,
        body: row.body,
        origin: row.origin,
        status: row.status,
        segments: measured.segments,
        encoding: measured.encoding,
        ...(row.provider ? { provider: row.provider } : {}),
        ...(row.review_reason ? { reviewReason: row.review_reason } : {}),
      };
      if (!notice.smartEncoding) return view;
      const smart = smartenToGsm(row.body);
      if (!smart.replaced) return view;
      const after = measureSms(smart.text);
      return {
        ...view,
        body: smart.text,
        segments: after.segments,
        encoding: after.encoding,
        smartEncoding: { applied: true as const, segmentsWithout: measured.segments, encodingWithout: measured.encoding },
      };
    });
  }
}
