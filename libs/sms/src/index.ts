export * from './sms-provider.port';
export * from './twilio';
export * from './segments';
export * from './keywords';
export * from './phone';
export * from './webhook-signature';
