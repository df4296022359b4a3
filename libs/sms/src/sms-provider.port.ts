/**
 * What delivery needs from an SMS provider. Twilio (and the sandbox, which speaks Twilio's API)
 * is the adapter; others can follow behind the same port.
 */
export interface OutboundSms {
  to: string;
  body: string;
  /** Either a Messaging Service or a sender number. */
  messagingServiceSid?: string;
  from?: string;
  statusCallback: string;
  /** Seconds the provider may keep trying before giving up (Twilio `ValidityPeriod`, 1..36000). */
  validityPeriodSeconds?: number;
}

export interface ProviderMessage {
  sid: string;
  status: string;
  errorCode?: number | null;
}

export interface SentMessage extends ProviderMessage {
  to: string;
  body: string;
  createdAt: Date;
}

/** The provider said no; `kind` says what delivery should do about it. */
export type ProviderFailureKind =
  /** Throttled or unreachable provider: back off and try again. */
  | 'rate_limited'
  | 'transient'
  /** The phone opted out at the carrier (21610): mark it and never retry. */
  | 'opted_out'
  /** The number cannot receive SMS (21211, 21614, 30005, 30006): mark it invalid. */
  | 'invalid_number'
  /** Worth a later, bounded retry (30003 unreachable handset). */
  | 'retry_later'
  /** Final: keep the code and message for staff (30007 filtered, auth problems, unknown). */
  | 'permanent';

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderFailureKind,
    readonly code: number | undefined,
    message: string,
    readonly httpStatus?: number,
    /**
     * The request may have reached the provider and been accepted (a timeout, a reset connection,
     * a 5xx): sending again blindly could text the family twice, so the message is looked up first.
     */
    readonly mayHaveArrived = false,
  ) {
    super(message);
  }
}

export interface SmsProvider {
  send(message: OutboundSms): Promise<ProviderMessage>;
  /** Looks a message up by its provider SID. */
  fetch(sid: string): Promise<ProviderMessage>;
  /** Messages sent to `to` since `since`, newest first: to find one whose SID was never stored. */
  findSent(to: string, since: Date): Promise<SentMessage[]>;
}
