import { Injectable, Logger } from '@nestjs/common';
import { JobName } from '@porchlight/contracts';
import { audienceCountsSql } from '@porchlight/contacts';
import { TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { glossaryTermsFor, MachineTranslation, reviewRequired, TenantTranslator, translationFailureText } from '@porchlight/translation';
import { surveyAudience, SurveyRow } from './survey-access';
import { unitViews } from './survey-texts';
import { surveyUnits } from './survey-units';

/**
 * Gives every text of a survey a usable translation in each language its audience reads, through
 * the notice pipeline's parts, in the same order: a text a person wrote; the district's
 * translation memory; the district's engines, glossary terms protected (one call per text and
 * language, cached). Machine text waits for a person when the district reviews machine output of
 * normal notices, or when a placeholder did not survive; the survey then goes back to draft with
 * the reason, as does a language still missing when the district's policy is to hold. Otherwise
 * the dispatcher takes over.
 */
@Injectable()
export class PrepareSurveyUseCase {
  private readonly logger = new Logger(PrepareSurveyUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
    private readonly translator: TenantTranslator | null = null,
  ) {}

  async execute(surveyId: string): Promise<'ready' | 'held' | 'skipped'> {
    const tenantId = TenantContext.tenantId();
    const plan = await this.db.tx(async (m) => {
      const [survey]: SurveyRow[] = await m.query(`select * from surveys where id = $1 for update`, [surveyId]);
      if (!survey || survey.status !== 'translating') return null;
      const q = await surveyAudience(m, survey);
      const [counts] = await m.query(audienceCountsSql(q), q.params);
      const needed = Object.keys(counts.by_language ?? {})
        .filter((l) => l !== survey.source_language)
        .sort();
      const views = await unitViews(m, survey, needed);
      const toMachine: { language: string; unit: string; text: string }[] = [];
      const sourceOf = new Map(surveyUnits(survey).map(({ unit, text }) => [unit, text]));
      for (const [language, units] of views) {
        for (const unit of units) {
          if (unit.origin === 'memory') {
            await m.query(
              `insert into survey_texts (tenant_id, survey_id, language, unit, body, origin, status) values ($1, $2, $3, $4, $5, 'memory', 'ready') on conflict do nothing`,
              [tenantId, surveyId, language, unit.unit, unit.body],
            );
          } else if (unit.status === 'missing') toMachine.push({ language, unit: unit.unit, text: sourceOf.get(unit.unit)! });
        }
      }
      const [{ translation }] = await m.query(`select translation from tenants where id = $1`, [tenantId]);
      return { survey, needed, toMachine, review: reviewRequired(translation, 'normal'), policy: translation?.untranslatedPolicy as string | undefined };
    });
    if (!plan) return 'skipped';

    // Outside any transaction: an engine may take seconds. One call per text and language, never per family.
    const machine: { language: string; unit: string; result: MachineTranslation }[] = [];
    const failures = new Set<string>();
    if (this.translator) {
      for (const item of plan.toMachine) {
        if (failures.has(item.language)) continue;
        try {
          const terms = await this.db.tx((m) => glossaryTermsFor(m, item.language));
          machine.push({ ...item, result: await this.translator.translate(item.text, plan.survey.source_language, item.language, terms) });
        } catch (error) {
          failures.add(item.language);
          this.logger.warn({ msg: 'machine translation failed', surveyId, language: item.language, reason: translationFailureText(error) });
        }
      }
    }

    const outcome = await this.db.tx(async (m) => {
      const [survey] = await m.query(`select status from surveys where id = $1 for update`, [surveyId]);
      if (!survey || survey.status !== 'translating') return 'skipped' as const;
      for (const { language, unit, result } of machine) {
        const reason = !result.intact
          ? 'a placeholder or glossary term did not survive machine translation'
          : plan.review
            ? 'the district reviews machine translations'
            : null;
        await m.query(
          `insert into survey_texts (tenant_id, survey_id, language, unit, body, origin, status, provider, review_reason)
           values ($1, $2, $3, $4, $5, 'machine', $6, $7, $8) on conflict do nothing`,
          [tenantId, surveyId, language, unit, result.text, reason ? 'needs_review' : 'ready', result.provider, reason],
        );
      }
      const views = await unitViews(m, plan.survey, plan.needed);
      const toReview = plan.needed.filter((l) => views.get(l)!.some((u) => u.status === 'needs_review'));
      const missing = plan.needed.filter((l) => views.get(l)!.some((u) => u.status === 'missing'));
      const hold = async (reason: string) => {
        await m.query(`update surveys set status = 'draft', status_reason = $2, updated_at = now() where id = $1`, [surveyId, reason]);
        this.logger.warn({ msg: 'survey held for translation', surveyId, reason });
        return 'held' as const;
      };
      if (toReview.length > 0) return hold(`translations to review before sending: ${toReview.join(', ')}`);
      if (missing.length > 0 && plan.policy !== 'send_source') {
        return hold(
          `translations needed before sending: ${missing.join(', ')}${failures.size ? `; machine translation failed: ${[...failures].join(', ')}` : ''}`,
        );
      }
      return 'ready' as const;
    });
    if (outcome === 'ready') {
      await this.jobs.add({ name: JobName.FanOutSurvey, tenantId, surveyId });
    }
    return outcome;
  }
}
