import { RankedGate } from './send-batch.use-case';

describe('RankedGate', () => {
  it('lets at most its size in at once, then the lowest rank first, in order of arrival within a rank', async () => {
    const gate = new RankedGate(2);
    const order: string[] = [];
    const releases: (() => void)[] = [];
    const hold = (name: string, rank: number) =>
      gate.run(rank, async () => {
        order.push(name);
        await new Promise<void>((resolve) => releases.push(resolve));
      });
    const all = [hold('a', 1000), hold('b', 1000), hold('c', 1000), hold('d', 1001), hold('emergency', 0), hold('e', 1000)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a', 'b']);
    for (let i = 0; i < 4; i += 1) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(order).toEqual(['a', 'b', 'emergency', 'c', 'e', 'd']);
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
  });

  it('frees the place of a holder that threw', async () => {
    const gate = new RankedGate(1);
    await expect(gate.run(0, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(0, () => Promise.resolve('next'))).toBe('next');
  });
});
