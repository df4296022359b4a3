import { Injectable, Logger } from '@nestjs/common';
import { JOB_QUEUE, JobName, QueueName } from '@porchlight/contracts';
import { query, TenantDb } from '@porchlight/database';
import { allTenantIds } from '@porchlight/identity';
import { buildJob, BuiltJob, JobProducer } from '@porchlight/queue';
import { TenantContext } from '@porchlight/tenancy';
import { closeSurvey } from './close-survey';
import { enqueueSurveyMessages } from './enqueue-messages';
import { SurveyAwaitingJob, surveysAwaitingJobs, surveysDue, surveysWithReminder } from '../data/surveys.repository';
import { startWaiting, writeStep } from './survey-steps';

export interface SurveySweepReport {
  closed: number;
  reminded: number;
  started: number;
  /** Sent surveys whose fan-out job Redis had lost, added again (delayed until their time when it is still ahead). */
  requeued: number;
  /** Sent surveys whose preparation job Redis had lost, added again. */
  reprepared: number;
}

/** A survey's job is looked for only once it has had this long to be added (the producer adds it just after its commit). */
export const LOST_SURVEY_JOB_GRACE_SECONDS = 60;

/**
 * The dispatcher's periodic survey work, per district: closes surveys whose `closesAt` has
 * passed (a sent one not yet opened included: it must not open late); sends the one reminder (the
 * first question again, in the recipient's sending window) to phones that have not answered
 * anything `reminder.afterHours` after their first question; starts surveys that waited for a
 * phone another survey has since released; and adds again the job of a sent survey that Redis
 * lost (restarted without persistence, flushed, evicted), under its deterministic id, so a job
 * still there is not doubled: the fan-out job of a prepared survey (with what is left of its
 * delay, so a survey sent for later still opens at its time and not before), the preparation job
 * of one not yet prepared. A survey lost after opening needs nothing here: opening commits its
 * recipients, first questions and `open` together, and the messaging reconciler re-enqueues
 * message rows whose job is gone.
 */
@Injectable()
export class SurveySweep {
  private readonly logger = new Logger(SurveySweep.name);

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: JobProducer,
  ) {}

  async sweep(): Promise<SurveySweepReport> {
    const report: SurveySweepReport = { closed: 0, reminded: 0, started: 0, requeued: 0, reprepared: 0 };
    for (const tenantId of await allTenantIds(this.db)) {
      try {
        const found = await TenantContext.run({ tenantId, correlationId: 'survey-sweep' }, () => this.sweepTenant(tenantId));
        for (const key of Object.keys(report) as (keyof SurveySweepReport)[]) report[key] += found[key];
      } catch (error: unknown) {
        this.logger.error({ msg: 'survey sweep failed for a tenant', tenantId, err: error instanceof Error ? error.message : String(error) });
      }
    }
    if (Object.values(report).some((n) => n > 0)) this.logger.log({ msg: 'survey sweep', ...report });
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
      return { closed: due.length, reminders, started, awaiting: await surveysAwaitingJobs(m, LOST_SURVEY_JOB_GRACE_SECONDS) };
    });
    await enqueueSurveyMessages(this.db, this.jobs, work.reminders, true);
    await enqueueSurveyMessages(this.db, this.jobs, work.started, true);
    const lost = await this.lostJobs(tenantId, work.awaiting);
    return {
      closed: work.closed,
      reminded: work.reminders.length,
      started: work.started.length,
      requeued: lost.filter((entry) => entry.job.name === JobName.FanOutSurvey).length,
      reprepared: lost.filter((entry) => entry.job.name === JobName.TranslateSurvey).length,
    };
  }

  /** Adds again the jobs of these surveys that are not in Redis (or failed for good); returns them. */
  private async lostJobs(tenantId: string, awaiting: SurveyAwaitingJob[]): Promise<BuiltJob[]> {
    const wanted = awaiting.map((survey) =>
      buildJob(
        survey.prepared
          ? { name: JobName.FanOutSurvey, tenantId, surveyId: survey.id, delayMs: survey.delay_ms }
          : { name: JobName.TranslateSurvey, tenantId, surveyId: survey.id },
      ),
    );
    const lost: BuiltJob[] = [];
    for (const queue of [QueueName.Dispatch, QueueName.Translation]) {
      const ids = wanted.filter((entry) => JOB_QUEUE[entry.job.name] === queue).map((entry) => entry.options.jobId);
      const alive = await this.jobs.existing(queue, ids);
      const missing = new Set(ids.filter((id) => !alive.has(id)));
      // A job that failed for good is kept under its id, which would make adding it again a no-op.
      await this.jobs.revive(queue, [...missing]);
      lost.push(...wanted.filter((entry) => missing.has(entry.options.jobId)));
    }
    await this.jobs.enqueueBulk(lost);
    return lost;
  }
}
