import { Injectable, Logger } from '@nestjs/common';
import { JobName } from '@porchlight/contracts';
import { TenantDb } from '@porchlight/database';
import { tenantProfile } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { reviewRequired, TenantTranslator } from '@porchlight/translation';
import { findSurvey, msUntilScheduled, updateSurvey } from '../data/surveys.repository';
import { surveyAudience } from './survey-access';
import { countAudience } from './survey-views';
import { unitViews } from './survey-texts';
import { missingTexts, writeMachineTexts } from './survey-machine-texts';

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
    private readonly translator: TenantTranslator,
  ) {}

  async execute(surveyId: string): Promise<'ready' | 'held' | 'skipped'> {
    const tenantId = TenantContext.tenantId();
    const plan = await this.db.tx(async (m) => {
      const survey = await findSurvey(m, surveyId, true);
      if (survey?.status !== 'translating') return null;
      const counts = await countAudience(m, await surveyAudience(m, survey));
      const needed = Object.keys(counts.byLanguage)
        .filter((l) => l !== survey.sourceLanguage)
        .sort();
      const toMachine = await missingTexts(m, tenantId, survey, needed);
      const { translation } = await tenantProfile(m, tenantId);
      return { survey, needed, toMachine, review: reviewRequired(translation, 'normal'), policy: translation?.untranslatedPolicy };
    });
    if (!plan) return 'skipped';

    const failures = await writeMachineTexts(this.db, this.translator, tenantId, plan.survey, plan.toMachine, plan.review);

    const outcome = await this.db.tx(async (m) => {
      const survey = await findSurvey(m, surveyId, true);
      if (survey?.status !== 'translating') return 'skipped' as const;
      const views = await unitViews(m, plan.survey, plan.needed);
      const toReview = plan.needed.filter((l) => views.get(l)?.some((u) => u.status === 'needs_review'));
      const missing = plan.needed.filter((l) => views.get(l)?.some((u) => u.status === 'missing'));
      const hold = async (reason: string) => {
        await updateSurvey(m, surveyId, { status: 'draft', statusReason: reason });
        this.logger.warn({ msg: 'survey held for translation', surveyId, reason });
        return 'held' as const;
      };
      if (toReview.length > 0) return hold(`translations to review before sending: ${toReview.join(', ')}`);
      if (missing.length > 0 && plan.policy !== 'send_source') {
        return hold(
          `translations needed before sending: ${missing.join(', ')}${failures.size ? `; machine translation failed: ${[...failures].join(', ')}` : ''}`,
        );
      }
      // From here the survey waits only for its fan-out job; the sweep re-adds it if Redis loses it.
      await updateSurvey(m, surveyId, { preparedAt: () => 'now()' });
      return { delayMs: await msUntilScheduled(m, surveyId) };
    });
    if (outcome === 'skipped' || outcome === 'held') return outcome;
    // A survey sent for later opens at its time (a delayed job); quiet hours are judged then.
    await this.jobs.add({ name: JobName.FanOutSurvey, tenantId, surveyId, delayMs: outcome.delayMs });
    return 'ready';
  }
}
