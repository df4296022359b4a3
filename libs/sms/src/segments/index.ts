export * from './measure-sms';
export * from './smart-encoding';
