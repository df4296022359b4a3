import { Injectable, Logger } from '@nestjs/common';
import { familyGradesSql, familyRolesSql, familySchoolIdsSql } from '@porchlight/contacts';
import { queryOne, TenantDb } from '@porchlight/database';
import { JobProducer, RetryLaterError } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { enqueueSurveyMessages } from './enqueue-messages';
import { findSurvey, msUntilScheduled, updateSurvey } from '../data/surveys.repository';
import { surveyAudience } from './survey-access';
import { startWaiting } from './survey-steps';

const CLOCK_GRACE_MS = 60_000;

/**
 * Opens a survey: one recipient row per phone of its audience (as a notice's fan-out resolves it:
 * the author's families, one phone once, opted-out and invalid phones kept as `suppressed` so they
 * are counted), each with the schools, grades and roles of its family for the results by group;
 * then the first question to every phone that no other survey is asking (the rest wait their turn).
 * Safe to run twice: recipients are unique per (survey, phone), messages per (survey, phone, step).
 * A survey sent for later runs here from a job delayed until its `scheduledAt` (the job id is the
 * survey's, so preparing twice makes one job); run more than a minute before that time, it opens nothing and its
 * job waits again until then; once the survey is closed, it opens nothing.
 */
@Injectable()
export class FanOutSurveyUseCase {
  private readonly logger = new Logger(FanOutSurveyUseCase.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
  ) {}

  async execute(surveyId: string): Promise<{ recipients: number; started: number }> {
    const tenantId = TenantContext.tenantId();
    const result = await this.db.tx(async (m) => {
      const survey = await findSurvey(m, surveyId, true);
      if (!survey || !['translating', 'open'].includes(survey.status)) return undefined;
      // Never before its time, whatever enqueued this: the job waits again until then, so it is not lost
      // (a minute's grace for the clocks of the queue's and the database's machines to differ).
      const early = survey.status === 'translating' ? await msUntilScheduled(m, surveyId) : 0;
      if (early > CLOCK_GRACE_MS) throw new RetryLaterError(early, 'the survey is sent for later');
      let recipients = 0;
      if (survey.status === 'translating') {
        const q = await surveyAudience(m, survey);
        const n = q.params.length;
        const row = await queryOne<{ n: number }>(
          m,
          `with ${q.ctes},
           inserted as (
             insert into survey_recipients (tenant_id, survey_id, phone, contact_ids, language, school_ids, grades, roles, status, suppressed_reason)
             select $1, $${String(n + 1)}, ap.phone, ap.contact_ids, ap.language,
               ${familySchoolIdsSql('ap.contact_ids')},
               ${familyGradesSql('ap.contact_ids')},
               ${familyRolesSql('ap.contact_ids')},
               case when ap.opted_out or ap.invalid then 'suppressed' else 'waiting' end,
               case when ap.opted_out then 'opted out' when ap.invalid then 'invalid phone' end
             from audience_phones ap
             on conflict (survey_id, phone) do nothing returning 1
           )
           select count(*)::int as n from inserted`,
          [...q.params, surveyId],
        );
        recipients = row?.n ?? 0;
        await updateSurvey(m, surveyId, { status: 'open', openedAt: () => 'now()' });
      }
      return { recipients, messages: await startWaiting(m, tenantId, { surveyId }) };
    });
    if (!result) return { recipients: 0, started: 0 };
    const started = await enqueueSurveyMessages(this.db, this.jobs, result.messages, true);
    this.logger.log({ msg: 'survey opened', surveyId, recipients: result.recipients, started });
    return { recipients: result.recipients, started };
  }
}
