/** The `staff` section of those options (`StaffAccessOptions`): sign-in throttling, sessions, call budgets. */
export const STAFF_ACCESS_OPTIONS = Symbol('porchlight:staff-access-options');

/** Where a district's translation URL may lead (an `OutboundGuard`); public https addresses only when none is bound. */
export const IDENTITY_OUTBOUND_GUARD = Symbol('porchlight:identity-outbound-guard');
