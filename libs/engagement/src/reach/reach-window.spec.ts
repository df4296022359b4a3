import { DomainError } from '@porchlight/contracts';
import { reachWindow } from './reach-window';

const DAY = 86_400_000;

describe('reachWindow', () => {
  const now = new Date('2026-12-02T10:00:00.000Z'); // a Wednesday

  it('defaults to the 90 days up to now, weeks counted from the Monday before', () => {
    const w = reachWindow({}, now);
    expect(w.to).toEqual(now);
    expect(w.from).toEqual(new Date(now.getTime() - 90 * DAY));
    expect(w.weekOrigin.toISOString()).toBe('2026-08-31T00:00:00.000Z');
    expect(w.weeks).toBe(14);
  });

  it('takes a year and a day, which stays within a bigint of weeks, and no more', () => {
    const w = reachWindow({ from: new Date(now.getTime() - 366 * DAY).toISOString() }, now);
    expect(w.weeks).toBeLessThanOrEqual(54);
    expect(() => reachWindow({ from: new Date(now.getTime() - 367 * DAY).toISOString() }, now)).toThrow(DomainError);
  });

  it('names the field of a window that ends before it starts', () => {
    try {
      reachWindow({ from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, now);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details).toEqual([{ field: 'from', message: 'from must be before to' }]);
    }
  });
});
