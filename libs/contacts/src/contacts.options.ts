import { EntityManager } from 'typeorm';

/**
 * Which phones opted out of texts: messaging keeps that (`phones`), contacts shows it on a family
 * member. Contacts ranks below messaging, so it declares what it needs and messaging's
 * implementation is handed in through `ContactsModule.forRoot`.
 */
export interface PhoneOptOuts {
  /** Those of `phones` that opted out, in the current transaction's tenant. */
  optedOut(m: EntityManager, phones: readonly string[]): Promise<ReadonlySet<string>>;
}

export interface ContactsOptions {
  optOuts: PhoneOptOuts;
}

/** The token `ContactsOptions` are injected by. */
export const CONTACTS_OPTIONS = Symbol('CONTACTS_OPTIONS');
