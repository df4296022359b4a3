import { Injectable, Logger } from '@nestjs/common';
import { Audience, JobName, Urgency } from '@porchlight/contracts';
import { audienceCountsSql, FamilyScope } from '@porchlight/contacts';
import { query, queryOne, TenantDb } from '@porchlight/database';
import { staffReach, tenantLanguageRules } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { ChosenText, NoticeTemplate, NoticeTextDecision, NoticeTexts, NoticeTextSubject, noticeTranslations } from '@porchlight/translation';
import { EntityManager } from 'typeorm';
import { audiencePhonesQuery } from '../phone-suppression';

interface Plan {
  notice: NoticeTextSubject;
  needed: string[];
  decision: NoticeTextDecision;
  machine: boolean;
}

/** The notice columns preparing it reads. */
interface NoticeRow {
  id: string;
  status: string;
  urgency: Urgency;
  body: string;
  audience: Audience;
  source_language: string;
  template_key: string | null;
  template_variables: NoticeTemplate['variables'] | null;
  author_user_id: string | null;
}

type Outcome = { result: 'skipped' } | { result: 'held'; reason: string } | { result: 'ready'; urgency: Urgency; delayMs: number };

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
@Injectable()
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

    const outcome = await this.db.tx((m) => this.store(m, tenantId, noticeId, plan, filled, failures));
    if (outcome.result === 'ready') {
      this.logger.log({
        msg: 'notice languages ready',
        noticeId,
        filled: filled.map((text) => `${text.language}:${text.fallback ? 'urgent line' : text.origin}`),
      });
      // A scheduled notice fans out at its time; quiet hours are then judged at that moment.
      await this.jobs.add({ name: JobName.FanOutNotice, tenantId, noticeId, urgency: outcome.urgency, delayMs: outcome.delayMs });
    } else if (outcome.result === 'held') {
      this.logger.warn({ msg: 'notice held for translation', noticeId, reason: outcome.reason });
    }
    return outcome.result;
  }

  /** Stores what the engines wrote, then holds the notice (back to draft, with the reason) or lets it go. */
  private async store(m: EntityManager, tenantId: string, noticeId: string, plan: Plan, filled: ChosenText[], failures: string[]): Promise<Outcome> {
    const notice = await queryOne<{ status: string; urgency: Urgency; delay_ms: number | null }>(
      m,
      `select status, urgency, greatest(0, floor(extract(epoch from (scheduled_at - now())) * 1000))::int as delay_ms
       from notices where id = $1 for update`,
      [noticeId],
    );
    const tenant = await tenantLanguageRules(m, tenantId);
    if (notice?.status !== 'translating' || !tenant) return { result: 'skipped' };
    for (const text of filled) await noticeTranslations.insertIfAbsent(m, tenantId, noticeId, text);
    const stored = await noticeTranslations.of(m, noticeId, plan.needed);
    const status = new Map(stored.map((r) => [r.language, r.status]));
    const toReview = plan.needed.filter((language) => status.get(language) === 'needs_review');
    const missing = plan.needed.filter((language) => !status.has(language));
    const hold = async (reason: string): Promise<Outcome> => {
      await query(m, `update notices set status = 'draft', status_reason = $2, updated_at = now() where id = $1`, [noticeId, reason]);
      return { result: 'held', reason };
    };
    if (toReview.length > 0) return hold(`translations to review before sending: ${toReview.join(', ')}`);
    if (missing.length > 0 && tenant.translation.untranslatedPolicy !== 'send_source') {
      return hold(`translations needed before sending: ${missing.join(', ')}${failures.length ? `; machine translation failed: ${failures.join('; ')}` : ''}`);
    }
    return { result: 'ready', urgency: notice.urgency, delayMs: notice.delay_ms ?? 0 };
  }

  /**
   * The languages the audience reads, and what the one decision (NoticeTexts) gives each without
   * an engine: catalog and memory text is stored now; the rest is for the engines.
   */
  private async plan(m: EntityManager, tenantId: string, noticeId: string): Promise<Plan | null> {
    const row = await queryOne<NoticeRow>(
      m,
      `select id, status, urgency, body, audience, source_language, template_key, template_variables, author_user_id
       from notices where id = $1 for update`,
      [noticeId],
    );
    const tenant = await tenantLanguageRules(m, tenantId);
    if (row?.status !== 'translating' || !tenant) return null;
    // The author's families, per their account now (an author nobody knows reaches nobody).
    const author = row.author_user_id ? await staffReach(m, row.author_user_id) : undefined;
    const scope = FamilyScope.of({ role: author?.role, schoolIds: author?.schoolIds });
    const q = audiencePhonesQuery({ tenantId, audience: row.audience, defaultLanguage: tenant.defaultLanguage, scope });
    const [counts] = await query<{ by_language: Record<string, number> }>(m, audienceCountsSql(q), q.params);
    const needed = Object.keys(counts.by_language)
      .filter((language) => language !== row.source_language)
      .sort();
    const notice: NoticeTextSubject = {
      id: row.id,
      body: row.body,
      sourceLanguage: row.source_language,
      urgency: row.urgency,
      template: row.template_key ? { key: row.template_key, variables: row.template_variables ?? {} } : null,
    };
    const decision = await this.texts.known(m, notice, needed);
    for (const text of decision.texts.values()) {
      if (!text.stored) await noticeTranslations.insertIfAbsent(m, tenantId, noticeId, text);
    }
    const stored = new Map([...decision.texts].map(([language, text]) => [language, { ...text, stored: true }]));
    return { notice, needed, decision: { ...decision, texts: stored }, machine: decision.missing.length > 0 };
  }
}
