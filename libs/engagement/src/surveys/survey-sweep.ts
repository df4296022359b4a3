import { Injectable, Logger } from '@nestjs/common';
import { rows, TenantDb } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { closeSurvey } from './close-survey';
import { enqueueSurveyMessages } from './enqueue-messages';
import { SurveyRow } from './survey-access';
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
    const tenants = await this.db.unscoped<{ tenant_id: string }>(`select tenant_id from tenant_directory`);
    for (const { tenant_id: tenantId } of tenants) {
      try {
        const found = await TenantContext.run({ tenantId, correlationId: 'survey-sweep' }, () => this.sweepTenant(tenantId));
        report.closed += found.closed;
        report.reminded += found.reminded;
        report.started += found.started;
      } catch (error) {
        this.logger.error({ msg: 'survey sweep failed for a tenant', tenantId, err: (error as Error).message });
      }
    }
    if (report.closed + report.reminded + report.started > 0) this.logger.log({ msg: 'survey sweep', ...report });
    return report;
  }

  async sweepTenant(tenantId: string): Promise<SurveySweepReport> {
    const work = await this.db.tx(async (m) => {
      const due: { id: string }[] = await m.query(`select id from surveys where status = 'open' and closes_at <= now()`);
      for (const { id } of due) await closeSurvey(m, id);
      const reminders: string[] = [];
      const withReminder: SurveyRow[] = await m.query(`select * from surveys where status = 'open' and reminder_after_seconds is not null`);
      for (const survey of withReminder) {
        const silent = await rows<{ id: string }>(
          m,
          `update survey_recipients r set reminded_at = now(), updated_at = now()
           where r.survey_id = $1 and r.status = 'asking' and r.reminded_at is null and not r.asked_again
             and r.started_at <= now() - make_interval(secs => $2)
             and not exists (select 1 from survey_answers a where a.recipient_id = r.id)
           returning r.id`,
          [survey.id, survey.reminder_after_seconds],
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
