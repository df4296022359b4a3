export * from './address-rules';
export * from './outbound-guard';
