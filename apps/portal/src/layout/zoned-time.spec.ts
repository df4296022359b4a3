import { clockIn, dateTimeIn, sameDayIn, zonedToIso } from './zoned-time';

describe('times on the district’s clock', () => {
  it('reads a datetime-local value as the zone’s wall clock, across daylight saving', () => {
    expect(zonedToIso('2026-01-15T08:00', 'America/New_York')).toBe('2026-01-15T13:00:00.000Z');
    expect(zonedToIso('2026-07-15T08:00', 'America/New_York')).toBe('2026-07-15T12:00:00.000Z');
    expect(zonedToIso('2026-03-08T12:00', 'America/New_York')).toBe('2026-03-08T16:00:00.000Z');
    expect(zonedToIso('2026-07-15T08:00', 'Asia/Kolkata')).toBe('2026-07-15T02:30:00.000Z');
    expect(zonedToIso('2026-07-15T08:00', 'UTC')).toBe('2026-07-15T08:00:00.000Z');
    expect(zonedToIso('tomorrow', 'UTC')).toBeUndefined();
  });

  it('shows an instant on the zone’s clock', () => {
    expect(clockIn('2026-01-15T13:00:00.000Z', 'America/New_York', 'en')).toBe('08:00');
    expect(clockIn('2026-01-15T13:00:00.000Z', 'America/Los_Angeles', 'es')).toBe('05:00');
    expect(dateTimeIn('2026-01-15T13:00:00.000Z', 'America/New_York', 'en')).toMatch(/Jan 15, 2026.*08:00.*\(America\/New_York\)/);
    expect(sameDayIn('2026-01-15T04:00:00.000Z', '2026-01-15T13:00:00.000Z', 'America/New_York')).toBe(false);
    expect(sameDayIn('2026-01-15T06:00:00.000Z', '2026-01-15T13:00:00.000Z', 'America/New_York')).toBe(true);
  });
});
