export * from './conversation.entity';
export * from './consent-event.entity';
export * from './message.entity';
export * from './notice.entity';
export * from './phone.entity';
export * from './message-sending';
