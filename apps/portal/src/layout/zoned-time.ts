/**
 * Wall-clock times in a given IANA time zone (the district's), whatever zone the browser is in:
 * a `datetime-local` value read as that zone's clock, and an instant shown on it.
 */

/** Minutes the zone is ahead of UTC at `at`. */
function offsetMinutes(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour') % 24, part('minute'), part('second'));
  return Math.round((wall - Math.floor(at / 1000) * 1000) / 60_000);
}

/** `2026-03-06T07:30` on `timeZone`'s clock, as an ISO 8601 UTC instant; undefined when it is no such time. */
export function zonedToIso(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // The offset at the guess, then again at the corrected instant (a daylight-saving change in between).
  let at = wall - offsetMinutes(wall, timeZone) * 60_000;
  at = wall - offsetMinutes(at, timeZone) * 60_000;
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** An instant as `HH:MM` on `timeZone`'s clock. */
export function clockIn(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** An instant as a day and time on `timeZone`'s clock, with the zone's short name. */
export function dateTimeIn(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso)) + ` (${timeZone})`;
}

/** Whether two instants fall on the same day on `timeZone`'s clock. */
export function sameDayIn(a: string, b: string, timeZone: string): boolean {
  const day = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  return day(a) === day(b);
}
