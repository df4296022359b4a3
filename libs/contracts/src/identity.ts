export const ROLES = ['district_admin', 'school_admin', 'staff', 'liaison'] as const;
export type Role = (typeof ROLES)[number];

export const SMS_PROVIDERS = ['twilio', 'sandbox'] as const;
export type SmsProviderKind = (typeof SMS_PROVIDERS)[number];

/** What an access token proves about its bearer. */
export interface StaffPrincipal {
  userId: string;
  tenantId: string;
  role: Role;
  schoolIds: string[];
  language: string;
}
