/** Twilio error codes that reach families' rows, as a person would say them (i18n keys under `failures`). */
const KNOWN = new Set([21211, 21408, 21610, 21612, 21614, 30003, 30004, 30005, 30006, 30007, 30008]);

export function failureKey(code: number | null): string | undefined {
  if (code === null) return undefined;
  return KNOWN.has(code) ? `failures.${code}` : 'failures.other';
}
