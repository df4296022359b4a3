import { Injectable, Logger } from '@nestjs/common';
import { query, TenantDb } from '@porchlight/database';
import { allTenantIds } from '@porchlight/identity';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { closeSurvey } from './close-survey';
import { enqueueSurveyMessages } from './enqueue-messages';
import { surveysDue, surveysWithReminder } from '../data/surveys.repository';
import { startWaiting, writeStep } from './survey-steps';

export interface SurveySweepReport {
  closed: number;
  reminded: number;
  started: number;
}

/**
 * The dispatcher's periodic survey work, per district: closes surveys whose `closesAt` has
 * passed; sends the one reminder (the first question again, in the recipient's sending window) to
 * phones that have not answered anything `reminder.afterHours` after their first question; and
 * starts surveys that waited for a phone another survey has since released.
 */
@Injectable()
export class SurveySweep {
  private readonly logger = new Logger(SurveySweep.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
  ) {}

  async sweep(): Promise<SurveySweepReport> {
    const report: SurveySweepReport = { closed: 0, reminded: 0, started: 0 };
    for (const tenantId of await allTenantIds(this.db)) {
      try {
        const found = await TenantContext.run({ tenantId, correlationId: 'survey-sweep' }, () => this.sweepTenant(tenantId));
        report.closed += found.closed;
        report.reminded += found.reminded;
        report.started += found.started;
      } catch (error: unknown) {
        this.logger.error({ msg: 'survey sweep failed for a tenant', tenantId, err: error instanceof Error ? error.message : String(error) });
      }
    }
    if (report.closed + report.reminded + report.started > 0) this.logger.log({ msg: 'survey sweep', ...report });
    return report;
  }

  async sweepTenant(tenantId: string): Promise<SurveySweepReport> {
    const work = await this.db.tx(async (m) => {
      const due = await surveysDue(m);
      for (const id of due) await closeSurvey(m, id);
      const reminders: string[] = [];
      for (const survey of await surveysWithReminder(m)) {
        const silent = await query<{ id: string }>(
          m,
          `update survey_recipients r set reminded_at = now(), updated_at = now()
           where r.survey_id = $1 and r.status = 'asking' and r.reminded_at is null and not r.asked_again
             and r.started_at <= now() - make_interval(secs => $2)
             and not exists (select 1 from survey_answers a where a.recipient_id = r.id)
           returning r.id`,
          [survey.id, survey.reminderAfterSeconds],
        );
        reminders.push(
          ...(await writeStep(
            m,
            survey,
            silent.map((r) => r.id),
            { kind: 'reminder', key: survey.questions[0].key },
            { quietHours: true },
          )),
        );
      }
      const started = await startWaiting(m, tenantId, {});
      return { closed: due.length, reminders, started };
    });
    await enqueueSurveyMessages(this.db, this.jobs, work.reminders, true);
    await enqueueSurveyMessages(this.db, this.jobs, work.started, true);
    return { closed: work.closed, reminded: work.reminders.length, started: work.started.length };
  }
}
