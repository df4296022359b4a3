import { Foundation1732300000000 } from './1732300000000-foundation';
import { PhoneSource1732900000000 } from './1732900000000-phone-source';
import { ReplyTranslationPending1733000000000 } from './1733000000000-reply-translation-pending';
import { SendingWindowAt1733100000000 } from './1733100000000-sending-window-at';
import { StaffLifecycle1733200000000 } from './1733200000000-staff-lifecycle';
import { Delivery1732500000000 } from './1732500000000-delivery';
import { HelpContact1732550000000 } from './1732550000000-help-contact';
import { Roster1732600000000 } from './1732600000000-roster';
import { Translation1732700000000 } from './1732700000000-translation';
import { Catalog1732800000000 } from './1732800000000-catalog';
import { Records1733300000000 } from './1733300000000-records';
import { NoticeCancel1733500000000 } from './1733500000000-notice-cancel';
import { EmergencyFallback1733500000001 } from './1733500000001-emergency-fallback';
import { UntranslatedReason1733500000002 } from './1733500000002-untranslated-reason';
import { ManualAssignment1733500000003 } from './1733500000003-manual-assignment';
import { UnreachableTries1733600000000 } from './1733600000000-unreachable-tries';
import { Reach1733700000000 } from './1733700000000-reach';
import { Decisions1733700000001 } from './1733700000001-decisions';
import { Surveys1733800000000 } from './1733800000000-surveys';
import { SurveyAnswersReach1734000000000 } from './1734000000000-survey-answers-reach';
import { MessageSendFunctions1734100000500 } from './1734100000500-message-send-functions';
import { SurveyResultsRows1734200000000 } from './1734200000000-survey-results-rows';
import { MessagesReplyToIndex1734300000000 } from './1734300000000-messages-reply-to-index';
import { SurveyScheduledAt1734400000000 } from './1734400000000-survey-scheduled-at';
import { SurveyPreparedAt1734500000000 } from './1734500000000-survey-prepared-at';
import { TenantPolicyOnce1734600000000 } from './1734600000000-tenant-policy-once';
import { MessageBatchFunctions1734700000000 } from './1734700000000-message-batch-functions';
import { RecordStatusesFunction1734800000000 } from './1734800000000-record-statuses-function';
import { InboundBatchFunction1734900000000 } from './1734900000000-inbound-batch-function';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  Foundation1732300000000,
  Delivery1732500000000,
  HelpContact1732550000000,
  Roster1732600000000,
  Translation1732700000000,
  Catalog1732800000000,
  PhoneSource1732900000000,
  ReplyTranslationPending1733000000000,
  SendingWindowAt1733100000000,
  StaffLifecycle1733200000000,
  Records1733300000000,
  NoticeCancel1733500000000,
  EmergencyFallback1733500000001,
  UntranslatedReason1733500000002,
  ManualAssignment1733500000003,
  UnreachableTries1733600000000,
  Reach1733700000000,
  Decisions1733700000001,
  Surveys1733800000000,
  SurveyAnswersReach1734000000000,
  MessageSendFunctions1734100000500,
  SurveyResultsRows1734200000000,
  MessagesReplyToIndex1734300000000,
  SurveyScheduledAt1734400000000,
  SurveyPreparedAt1734500000000,
  TenantPolicyOnce1734600000000,
  MessageBatchFunctions1734700000000,
  RecordStatusesFunction1734800000000,
  InboundBatchFunction1734900000000,
];
