/**
 * Where Twilio calls back and how long an unreachable handset waits before its next try: the
 * API's webhooks and delivery's sends must agree on both.
 */
export interface TwilioCallbackOptions {
  /** PUBLIC_BASE_URL without a trailing slash: status callbacks are addressed to it, webhook signatures are of it. */
  publicBaseUrl: string;
  /** Wait before the first retry of a message to an unreachable handset; doubled, tripled after. */
  unreachableRetryMs: number;
}

/** The token `TwilioCallbackOptions` are injected by. */
export const TWILIO_CALLBACK_OPTIONS = Symbol('TWILIO_CALLBACK_OPTIONS');

export interface SmsProviderOptions {
  /** SMS_SANDBOX_URL: where a district on the `sandbox` provider sends. */
  sandboxUrl: string;
}

/** The token `SmsProviderOptions` are injected by. */
export const SMS_PROVIDER_OPTIONS = Symbol('SMS_PROVIDER_OPTIONS');

/** The token the reconciler's `ReconcilerOptions` are injected by. */
export const RECONCILER_OPTIONS = Symbol('RECONCILER_OPTIONS');

/**
 * The token of the `TenantRepository` the reconciler checks every district's SMS secret with, or
 * null: a dispatcher without SECRETS_KEY cannot read secrets and skips the check.
 */
export const SMS_SECRET_READER = Symbol('SMS_SECRET_READER');

/** The token of the `InboundSurveys` (engagement's survey conversation) inbound processing hands replies to. */
export const INBOUND_SURVEYS = Symbol('INBOUND_SURVEYS');

/** The token of the `SurveyDeliveries` (engagement's) that status callbacks tell which survey messages were delivered. */
export const SURVEY_DELIVERIES = Symbol('SURVEY_DELIVERIES');
