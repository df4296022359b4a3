/**
 * Every durable job in Porchlight: its queue, its name and its payload. Payloads carry a tenant,
 * a correlation id and row ids only: never phone numbers, bodies or credentials, because Redis
 * keeps job data in clear text.
 */
export enum QueueName {
  Translation = 'translation',
  Contacts = 'contacts',
  Dispatch = 'dispatch',
  Delivery = 'delivery',
  Inbound = 'inbound',
}

export enum JobName {
  /** Make sure every language the audience needs has a usable translation, then hand over to fan-out. */
  TranslateNotice = 'notice.translate',
  /** Resolve the audience to phones, write one message row per phone, enqueue delivery in bulk. */
  FanOutNotice = 'notice.fan-out',
  /** Send one message row through the tenant's provider. */
  SendMessage = 'message.send',
  /**
   * Send a batch of one notice's message rows (one sender) through the tenant's provider: one
   * claim and one SID write for the batch, the provider calls in parallel; a message that must be
   * tried again leaves the batch as a `message.send` job of its own.
   */
  SendBatch = 'message.send-batch',
  /**
   * A message claimed for sending whose worker vanished before the provider's SID was stored:
   * look it up at the provider before anything is sent again.
   */
  ResolveMessage = 'message.resolve',
  /**
   * A message the provider took whose final status never reached us (a status callback lost while
   * the API was down): ask the provider for its status now.
   */
  RefreshStatus = 'message.refresh-status',
  /** Classify one stored inbound message: keyword, or conversation reply. */
  ProcessInbound = 'inbound.process',
  /** Translate one family reply into the language of the staff who read it. */
  TranslateReply = 'reply.translate',
  /** Import one uploaded roster (OneRoster 1.1 bundle or plain CSV) into the contacts domain. */
  ImportRoster = 'roster.import',
  /** Build one district export: a zip of CSVs written in chunks to Postgres, for its requester to download once. */
  BuildExport = 'export.build',
  /**
   * The daily retention sweep: in every district, each under its own tenant context, remove
   * message texts older than the district keeps them, and stored uploads and exports past their use.
   */
  ApplyRetention = 'retention.apply',
  /** Give every text of a survey (intro, questions, options) a usable translation in each language its audience reads. */
  TranslateSurvey = 'survey.translate',
  /** Resolve a survey's audience to phones, one recipient row each, and send the first question to phones free of another survey. */
  FanOutSurvey = 'survey.fan-out',
}

interface TenantJob {
  tenantId: string;
  correlationId: string;
}

/** A job of the platform that visits every tenant itself, entering each one's context in turn. */
interface PlatformJob {
  correlationId: string;
}

export interface JobPayloads {
  [JobName.TranslateNotice]: TenantJob & { noticeId: string };
  [JobName.FanOutNotice]: TenantJob & { noticeId: string };
  /** `triesBefore`: tries the message already had in a batch (counted against its attempts); absent for a first job. */
  [JobName.SendMessage]: TenantJob & { messageId: string; triesBefore?: number };
  [JobName.SendBatch]: TenantJob & { noticeId: string; messageIds: string[] };
  /** `claimedAt`: the claim it was enqueued for (epoch seconds); absent in jobs enqueued before it was carried, where the job id ends with it. */
  [JobName.ResolveMessage]: TenantJob & { messageId: string; claimedAt?: string };
  /** `stamp`: the row's `updated_at` (epoch seconds) when it was found waiting, so a later wait is looked up again. */
  [JobName.RefreshStatus]: TenantJob & { messageId: string; stamp: string };
  [JobName.ProcessInbound]: TenantJob & { messageId: string };
  [JobName.TranslateReply]: TenantJob & { messageId: string };
  [JobName.ImportRoster]: TenantJob & { importId: string };
  [JobName.BuildExport]: TenantJob & { exportId: string };
  [JobName.ApplyRetention]: PlatformJob;
  [JobName.TranslateSurvey]: TenantJob & { surveyId: string };
  [JobName.FanOutSurvey]: TenantJob & { surveyId: string };
}

export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JobName.TranslateNotice]: QueueName.Translation,
  [JobName.FanOutNotice]: QueueName.Dispatch,
  [JobName.SendMessage]: QueueName.Delivery,
  [JobName.SendBatch]: QueueName.Delivery,
  [JobName.ResolveMessage]: QueueName.Delivery,
  [JobName.RefreshStatus]: QueueName.Delivery,
  [JobName.ProcessInbound]: QueueName.Inbound,
  [JobName.TranslateReply]: QueueName.Translation,
  [JobName.ImportRoster]: QueueName.Contacts,
  [JobName.BuildExport]: QueueName.Contacts,
  [JobName.ApplyRetention]: QueueName.Dispatch,
  [JobName.TranslateSurvey]: QueueName.Translation,
  [JobName.FanOutSurvey]: QueueName.Dispatch,
};

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];

/** Deterministic job ids: enqueuing the same work twice yields one job. */
export const jobId = {
  translateNotice: (noticeId: string) => `notice-translate-${noticeId}`,
  fanOutNotice: (noticeId: string) => `notice-fanout-${noticeId}`,
  sendMessage: (messageId: string, generation = 0) => (generation === 0 ? `msg-${messageId}` : `msg-${messageId}-r${String(generation)}`),
  /** A batch is named by its notice and its first and last message ids (fan-out chunks the same rows the same way). */
  sendBatch: (noticeId: string, firstMessageId: string, lastMessageId: string) => `batch-${noticeId}-${firstMessageId}-${lastMessageId}`,
  resolveMessage: (messageId: string, claimedAt: string) => `msg-resolve-${messageId}-${claimedAt}`,
  refreshStatus: (messageId: string, stamp: string) => `msg-status-${messageId}-${stamp}`,
  processInbound: (messageId: string) => `inbound-${messageId}`,
  translateReply: (messageId: string) => `reply-translate-${messageId}`,
  importRoster: (importId: string) => `roster-import-${importId}`,
  buildExport: (exportId: string) => `export-build-${exportId}`,
  translateSurvey: (surveyId: string) => `survey-translate-${surveyId}`,
  fanOutSurvey: (surveyId: string) => `survey-fanout-${surveyId}`,
};

/** The one job scheduler of the daily retention sweep: every process that starts upserts this same key. */
export const RETENTION_SCHEDULER_ID = 'retention-daily';
