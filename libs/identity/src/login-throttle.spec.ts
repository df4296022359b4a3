import { lockSeconds } from './login-throttle';

describe('lockSeconds', () => {
  const account = { freeFailures: 5, windowSeconds: 86_400, firstLockSeconds: 30, maxLockSeconds: 900 };

  it('leaves the first failures alone and locks from the last free one', () => {
    expect([1, 2, 3, 4].map((n) => lockSeconds(account, n))).toEqual([0, 0, 0, 0]);
    expect(lockSeconds(account, 5)).toBe(30);
  });

  it('doubles the lock with each further failure, up to the maximum', () => {
    expect([5, 6, 7, 8, 9, 10, 11].map((n) => lockSeconds(account, n))).toEqual([30, 60, 120, 240, 480, 900, 900]);
    expect(lockSeconds(account, 10_000)).toBe(900);
  });

  it('gives a shared address its hundred failures before the first lock', () => {
    const address = { freeFailures: 100, windowSeconds: 900, firstLockSeconds: 60, maxLockSeconds: 900 };
    expect(lockSeconds(address, 99)).toBe(0);
    expect(lockSeconds(address, 100)).toBe(60);
    expect(lockSeconds(address, 101)).toBe(120);
  });
});
