export * from './twilio-client';
export * from './twilio-errors';
export * from './twilio-sms.provider';
export * from './account-check';
