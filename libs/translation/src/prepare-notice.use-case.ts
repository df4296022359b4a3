import { Logger } from '@nestjs/common';
import { JobName, Urgency } from '@porchlight/contracts';
import { audienceCountsSql, audienceQuery, FamilyScope } from '@porchlight/contacts';
import { rows, TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { EntityManager } from 'typeorm';
import { NoticeTextDecision, NoticeTexts, NoticeTextSubject } from './notice-texts';

export { reviewRequired } from './notice-texts';

interface Plan {
  notice: NoticeTextSubject;
  needed: string[];
  decision: NoticeTextDecision;
  machine: boolean;
}

/**
 * Makes sure every language a notice's audience reads has a usable text, then hands the notice to
 * the dispatcher. What each language gets is decided by NoticeTexts, as the preview shows it: a
 * translation a person already wrote on the notice; for a notice written from a catalog template,
 * the catalog's text in that language; the district's translation memory (approved human text of
 * the same source); the district's machine-translation chain, glossary terms protected (output
 * cached, so what the preview showed is what is stored). Each language is translated once per
 * notice, whatever the number of families. Catalog and machine text waits for a person when
 * the district requires review for the notice's urgency, machine output also when a placeholder
 * did not survive: the notice then goes back to draft with the reason. A language still missing follows
 * the district's policy: hold the notice, or send the source — except in an emergency, which is
 * never held for one: the family gets the catalog's "Urgent message from <district>:" in its
 * language, then the source text (stored with `fallback`).
 */
export class PrepareNoticeUseCase {
  private readonly logger = new Logger(PrepareNoticeUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    private readonly texts: NoticeTexts,
  ) {}

  async execute(noticeId: string): Promise<'ready' | 'held' | 'skipped'> {
    const tenantId = TenantContext.tenantId();
    const plan = await this.db.tx((m) => this.plan(m, tenantId, noticeId));
    if (!plan) return 'skipped';

    // Outside any transaction: an engine may take seconds. One call per language, not per family.
    // An emergency is never held for a missing language: the catalog line in it, then the source.
    const decided = await this.texts.emergencyFallback(plan.notice, plan.machine ? await this.texts.machine(plan.notice, plan.decision) : plan.decision);
    const filled = [...decided.texts.values()].filter((text) => !text.stored);
    const failures = [...decided.failures].map(([language, reason]) => `${language} (${reason})`);

    const outcome = await this.db.tx(async (m) => {
      const [notice] = await m.query(
        `select n.status, n.urgency, greatest(0, floor(extract(epoch from (n.scheduled_at - now())) * 1000))::int as delay_ms, t.translation
         from notices n join tenants t on t.id = n.tenant_id where n.id = $1 for update of n`,
        [noticeId],
      );
      if (!notice || notice.status !== 'translating') return { result: 'skipped' as const };
      for (const text of filled) {
        await m.query(
          `insert into notice_translations (tenant_id, notice_id, language, body, origin, status, provider, review_reason, fallback)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (notice_id, language) do nothing`,
          [tenantId, noticeId, text.language, text.body, text.origin, text.status, text.provider ?? null, text.reviewReason ?? null, text.fallback === true],
        );
      }
      const stored: { language: string; status: string }[] = await m.query(
        `select language, status from notice_translations where notice_id = $1 and language = any($2::text[])`,
        [noticeId, plan.needed],
      );
      const status = new Map(stored.map((r) => [r.language, r.status]));
      const toReview = plan.needed.filter((language) => status.get(language) === 'needs_review');
      const missing = plan.needed.filter((language) => !status.has(language));
      const hold = async (reason: string) => {
        await rows(m, `update notices set status = 'draft', status_reason = $2, updated_at = now() where id = $1`, [noticeId, reason]);
        return { result: 'held' as const, reason };
      };
      if (toReview.length > 0) return hold(`translations to review before sending: ${toReview.join(', ')}`);
      if (missing.length > 0 && notice.translation.untranslatedPolicy !== 'send_source') {
        return hold(`translations needed before sending: ${missing.join(', ')}${failures.length ? `; machine translation failed: ${failures.join('; ')}` : ''}`);
      }
      return { result: 'ready' as const, urgency: notice.urgency as Urgency, delayMs: (notice.delay_ms as number | null) ?? 0 };
    });
    if (outcome.result === 'ready') {
      this.logger.log({ msg: 'notice languages ready', noticeId, filled: filled.map((text) => `${text.language}:${text.fallback ? 'urgent line' : text.origin}`) });
      // A scheduled notice fans out at its time; quiet hours are then judged at that moment.
      await this.jobs.add({ name: JobName.FanOutNotice, tenantId, noticeId, urgency: outcome.urgency, delayMs: outcome.delayMs });
    } else if (outcome.result === 'held') {
      this.logger.warn({ msg: 'notice held for translation', noticeId, reason: outcome.reason });
    }
    return outcome.result;
  }

  /**
   * The languages the audience reads, and what the one decision (NoticeTexts) gives each without
   * an engine: catalog and memory text is stored now; the rest is for the engines.
   */
  private async plan(m: EntityManager, tenantId: string, noticeId: string): Promise<Plan | null> {
    const [row] = await m.query(
      `select n.id, n.status, n.urgency, n.body, n.audience, n.source_language, n.template_key, n.template_variables,
              t.default_language, u.role, u.school_ids
       from notices n join tenants t on t.id = n.tenant_id left join users u on u.id = n.author_user_id
       where n.id = $1 for update of n`,
      [noticeId],
    );
    if (!row || row.status !== 'translating') return null;
    // The author's families, per their account now (an author nobody knows reaches nobody).
    const scope = FamilyScope.of({ role: row.role, schoolIds: row.school_ids });
    const q = audienceQuery({ tenantId, audience: row.audience, defaultLanguage: row.default_language, scope });
    const [counts] = await m.query(audienceCountsSql(q), q.params);
    const needed = Object.keys(counts.by_language ?? {}).filter((language) => language !== row.source_language).sort();
    const notice: NoticeTextSubject = {
      id: row.id,
      body: row.body,
      sourceLanguage: row.source_language,
      urgency: row.urgency,
      template: row.template_key ? { key: row.template_key, variables: row.template_variables } : null,
    };
    const decision = await this.texts.known(m, notice, needed);
    for (const text of decision.texts.values()) {
      if (text.stored) continue;
      await m.query(
        `insert into notice_translations (tenant_id, notice_id, language, body, origin, status, review_reason) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (notice_id, language) do nothing`,
        [tenantId, noticeId, text.language, text.body, text.origin, text.status, text.reviewReason ?? null],
      );
    }
    const stored = new Map([...decision.texts].map(([language, text]) => [language, { ...text, stored: true }]));
    return { notice, needed, decision: { ...decision, texts: stored }, machine: decision.missing.length > 0 };
  }
}
