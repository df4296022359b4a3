import { AnyJob, JobName, jobId, messagePriority, noticePriority, priorityOption, Urgency } from '@porchlight/contracts';
import { TenantContext } from '@porchlight/tenancy';

/** What BullMQ is told besides the job itself; the queue's defaults (attempts, backoff, removal) fill the rest. */
export interface EnqueueOptions {
  jobId: string;
  priority?: number;
  delay?: number;
}

interface TenantWork {
  tenantId: string;
  /**
   * The correlation id of the request that asked for the job, when the job is enqueued outside
   * that request's scope (a batch enqueues the jobs of many requests at once).
   */
  correlationId?: string;
}

/** What only the caller knows about a job: its tenant, its row and when or how urgently it should run. */
export type JobRequest =
  | (TenantWork & { name: JobName.TranslateNotice; noticeId: string; urgency: Urgency })
  | (TenantWork & { name: JobName.FanOutNotice; noticeId: string; urgency: Urgency; delayMs?: number })
  | (TenantWork & {
      name: JobName.SendMessage;
      messageId: string;
      /** Sets the priority: the urgency's band; none (ahead of every band) when absent. */
      urgency?: Urgency;
      /** The message's place in its broadcast, which spreads districts fairly within a band. */
      position?: number;
      /** The message's tries so far when this is a later send of it (a new job id); 0 for its first. */
      generation?: number;
      /** Tries the message already had in a batch, counted against its attempts. */
      triesBefore?: number;
      delayMs?: number;
    })
  | (TenantWork & {
      name: JobName.SendBatch;
      noticeId: string;
      /** The batch's message ids, in the order fan-out chose them (its first and last name the job). */
      messageIds: string[];
      urgency: Urgency;
      /** The place of the batch's first message in its broadcast (see `position` above). */
      position: number;
      delayMs?: number;
    })
  | (TenantWork & { name: JobName.ResolveMessage; messageId: string; claimedAt: string; delayMs?: number })
  | (TenantWork & { name: JobName.RefreshStatus; messageId: string; stamp: string })
  | (TenantWork & { name: JobName.ProcessInbound; messageId: string })
  | (TenantWork & { name: JobName.TranslateReply; messageId: string })
  | (TenantWork & { name: JobName.ImportRoster; importId: string })
  | (TenantWork & { name: JobName.BuildExport; exportId: string })
  | (TenantWork & { name: JobName.TranslateSurvey; surveyId: string })
  | (TenantWork & { name: JobName.FanOutSurvey; surveyId: string; delayMs?: number });

export interface BuiltJob<J extends AnyJob = AnyJob> {
  job: J;
  options: EnqueueOptions;
}

const later = (delayMs: number | undefined) => (delayMs !== undefined && delayMs > 0 ? { delay: delayMs } : {});

/**
 * The one place a job is built: its name, its payload (tenant, correlation id, row id), its
 * deterministic id and its options (priority, delay). Producers and the reconciler call this and
 * enqueue what it returns, so the same work always becomes the same job.
 */
export function buildJob(request: JobRequest): BuiltJob {
  const { tenantId } = request;
  /** The job follows the work that asked for it (the API's X-Correlation-Id); otherwise its own row. */
  const correlation = (subject: string) => request.correlationId ?? TenantContext.correlationId() ?? subject;
  switch (request.name) {
    case JobName.TranslateNotice: {
      const { name, noticeId, urgency } = request;
      return built(
        { name, data: { tenantId, correlationId: correlation(noticeId), noticeId } },
        { jobId: jobId.translateNotice(noticeId), ...priorityOption(noticePriority(urgency)) },
      );
    }
    case JobName.FanOutNotice: {
      const { name, noticeId, urgency, delayMs } = request;
      return built(
        { name, data: { tenantId, correlationId: correlation(noticeId), noticeId } },
        { jobId: jobId.fanOutNotice(noticeId), ...priorityOption(noticePriority(urgency)), ...later(delayMs) },
      );
    }
    case JobName.SendMessage: {
      const { name, messageId, urgency, position = 0, generation = 0, triesBefore, delayMs } = request;
      return built(
        { name, data: { tenantId, correlationId: correlation(messageId), messageId, ...(triesBefore ? { triesBefore } : {}) } },
        { jobId: jobId.sendMessage(messageId, generation), ...(urgency ? priorityOption(messagePriority(urgency, position)) : {}), ...later(delayMs) },
      );
    }
    case JobName.SendBatch: {
      const { name, noticeId, messageIds, urgency, position, delayMs } = request;
      const [first, last] = [messageIds[0], messageIds[messageIds.length - 1]];
      return built(
        { name, data: { tenantId, correlationId: correlation(noticeId), noticeId, messageIds } },
        // The same priority a message of this place in the broadcast gets: districts take turns batch by batch.
        { jobId: jobId.sendBatch(noticeId, first, last), ...priorityOption(messagePriority(urgency, position)), ...later(delayMs) },
      );
    }
    case JobName.ResolveMessage: {
      const { name, messageId, claimedAt, delayMs } = request;
      return built(
        { name, data: { tenantId, correlationId: correlation(messageId), messageId, claimedAt } },
        { jobId: jobId.resolveMessage(messageId, claimedAt), ...later(delayMs) },
      );
    }
    case JobName.RefreshStatus: {
      const { name, messageId, stamp } = request;
      return built({ name, data: { tenantId, correlationId: correlation(messageId), messageId, stamp } }, { jobId: jobId.refreshStatus(messageId, stamp) });
    }
    case JobName.ProcessInbound: {
      const { name, messageId } = request;
      return built({ name, data: { tenantId, correlationId: correlation(messageId), messageId } }, { jobId: jobId.processInbound(messageId) });
    }
    case JobName.TranslateReply: {
      const { name, messageId } = request;
      return built({ name, data: { tenantId, correlationId: correlation(messageId), messageId } }, { jobId: jobId.translateReply(messageId) });
    }
    case JobName.ImportRoster: {
      const { name, importId } = request;
      return built({ name, data: { tenantId, correlationId: correlation(importId), importId } }, { jobId: jobId.importRoster(importId) });
    }
    case JobName.BuildExport: {
      const { name, exportId } = request;
      return built({ name, data: { tenantId, correlationId: correlation(exportId), exportId } }, { jobId: jobId.buildExport(exportId) });
    }
    case JobName.TranslateSurvey: {
      const { name, surveyId } = request;
      return built({ name, data: { tenantId, correlationId: correlation(surveyId), surveyId } }, { jobId: jobId.translateSurvey(surveyId) });
    }
    case JobName.FanOutSurvey: {
      const { name, surveyId, delayMs } = request;
      return built({ name, data: { tenantId, correlationId: correlation(surveyId), surveyId } }, { jobId: jobId.fanOutSurvey(surveyId), ...later(delayMs) });
    }
  }
}

function built(job: AnyJob, options: EnqueueOptions): BuiltJob {
  return { job, options };
}
