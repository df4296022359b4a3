import { Logger } from '@nestjs/common';
import { JobName, Urgency } from '@porchlight/contracts';
import { audienceCountsSql, audienceQuery, FamilyScope } from '@porchlight/contacts';
import { rows, TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { EntityManager } from 'typeorm';
import { catalogTranslations } from './catalog/catalog-translations';
import { glossaryTermsFor } from './pipeline/glossary';
import { recallTranslations } from './pipeline/memory';
import { MachineTranslation, TenantTranslator } from './pipeline/tenant-translator';
import { translationFailureText } from './providers/translation-provider';

/** Whether the district wants a person to check machine output for a notice of this urgency. */
export function reviewRequired(translation: { requireReviewFor?: string[] } | null | undefined, urgency: string): boolean {
  const list = translation?.requireReviewFor ?? [];
  return list.includes(urgency) || list.includes('all');
}

interface Plan {
  body: string;
  sourceLanguage: string;
  needed: string[];
  toMachine: string[];
  review: boolean;
}

/**
 * Makes sure every language a notice's audience reads has a usable text, then hands the notice to
 * the dispatcher. For each language other than the source, in this order: a translation a person
 * already wrote on the notice; for a notice written from a catalog template, the catalog's text in
 * that language; the district's translation memory (approved human text of the same source); the
 * district's machine-translation chain, glossary terms protected. Each language is translated once
 * per notice, whatever the number of families. Catalog and machine text waits for a person when
 * the district requires review for the notice's urgency, machine output also when a placeholder
 * did not survive: the notice then goes back to draft with the reason. A language still missing follows
 * the district's policy: hold the notice, or send the source.
 */
export class PrepareNoticeUseCase {
  private readonly logger = new Logger(PrepareNoticeUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    private readonly translator: TenantTranslator | null = null,
  ) {}

  async execute(noticeId: string): Promise<'ready' | 'held' | 'skipped'> {
    const tenantId = TenantContext.tenantId();
    const plan = await this.db.tx((m) => this.plan(m, tenantId, noticeId));
    if (!plan) return 'skipped';

    // Outside any transaction: an engine may take seconds. One call per language, not per family.
    const machine = new Map<string, MachineTranslation>();
    const failures: string[] = [];
    if (plan.toMachine.length > 0 && this.translator) {
      for (const language of plan.toMachine) {
        try {
          const terms = await this.db.tx((m) => glossaryTermsFor(m, language));
          machine.set(language, await this.translator.translate(plan.body, plan.sourceLanguage, language, terms));
        } catch (error) {
          // The reason is shown to staff: our words only, never an engine's answer.
          failures.push(`${language} (${translationFailureText(error)})`);
          this.logger.warn({ msg: 'machine translation failed', noticeId, language, reason: translationFailureText(error), err: error });
        }
      }
    }

    const outcome = await this.db.tx(async (m) => {
      const [notice] = await m.query(
        `select n.status, n.urgency, greatest(0, floor(extract(epoch from (n.scheduled_at - now())) * 1000))::int as delay_ms, t.translation
         from notices n join tenants t on t.id = n.tenant_id where n.id = $1 for update of n`,
        [noticeId],
      );
      if (!notice || notice.status !== 'translating') return { result: 'skipped' as const };
      for (const [language, translated] of machine) {
        const reason = !translated.intact ? 'a placeholder or glossary term did not survive machine translation' : plan.review ? `the district reviews machine translations of ${notice.urgency} notices` : null;
        await m.query(
          `insert into notice_translations (tenant_id, notice_id, language, body, origin, status, provider, review_reason)
           values ($1, $2, $3, $4, 'machine', $5, $6, $7) on conflict (notice_id, language) do nothing`,
          [tenantId, noticeId, language, translated.text, reason ? 'needs_review' : 'ready', translated.provider, reason],
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
      this.logger.log({ msg: 'notice languages ready', noticeId, machine: [...machine.keys()] });
      // A scheduled notice fans out at its time; quiet hours are then judged at that moment.
      await this.jobs.add({ name: JobName.FanOutNotice, tenantId, noticeId, urgency: outcome.urgency, delayMs: outcome.delayMs });
    } else if (outcome.result === 'held') {
      this.logger.warn({ msg: 'notice held for translation', noticeId, reason: outcome.reason });
    }
    return outcome.result;
  }

  /** The languages the audience reads; the catalog, then the memory, fill what people have not; the rest is for the engines. */
  private async plan(m: EntityManager, tenantId: string, noticeId: string): Promise<Plan | null> {
    const [notice] = await m.query(
      `select n.status, n.urgency, n.body, n.audience, n.source_language, n.template_key, n.template_variables,
              t.default_language, t.translation, t.timezone, u.role, u.school_ids
       from notices n join tenants t on t.id = n.tenant_id left join users u on u.id = n.author_user_id
       where n.id = $1 for update of n`,
      [noticeId],
    );
    if (!notice || notice.status !== 'translating') return null;
    // The author's families, per their account now (an author nobody knows reaches nobody).
    const scope = FamilyScope.of({ role: notice.role, schoolIds: notice.school_ids });
    const q = audienceQuery({ tenantId, audience: notice.audience, defaultLanguage: notice.default_language, scope });
    const [counts] = await m.query(audienceCountsSql(q), q.params);
    const needed = Object.keys(counts.by_language ?? {}).filter((language) => language !== notice.source_language).sort();
    const existing = new Set(
      (await m.query(`select language from notice_translations where notice_id = $1`, [noticeId])).map((r: { language: string }) => r.language),
    );
    const review = reviewRequired(notice.translation, notice.urgency);
    const template = notice.template_key ? { key: notice.template_key, variables: notice.template_variables } : null;
    const catalog = catalogTranslations(template, needed.filter((language) => !existing.has(language)), notice.timezone);
    for (const [language, body] of catalog) {
      await m.query(
        `insert into notice_translations (tenant_id, notice_id, language, body, origin, status, review_reason) values ($1, $2, $3, $4, 'catalog', $5, $6)
         on conflict (notice_id, language) do nothing`,
        [tenantId, noticeId, language, body, review ? 'needs_review' : 'ready', review ? `the district reviews translations of ${notice.urgency} notices` : null],
      );
    }
    const open = needed.filter((language) => !existing.has(language) && !catalog.has(language));
    const memory = await recallTranslations(m, { language: notice.source_language, text: notice.body }, open);
    for (const [language, body] of memory) {
      await m.query(
        `insert into notice_translations (tenant_id, notice_id, language, body, origin, status) values ($1, $2, $3, $4, 'memory', 'ready')
         on conflict (notice_id, language) do nothing`,
        [tenantId, noticeId, language, body],
      );
    }
    return {
      body: notice.body,
      sourceLanguage: notice.source_language,
      needed,
      toMachine: open.filter((language) => !memory.has(language)),
      review,
    };
  }
}
