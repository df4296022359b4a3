import { wilsonInterval } from './wilson';

describe('wilsonInterval', () => {
  it('matches the published 95% Wilson interval', () => {
    // 8 of 10: [0.490, 0.943]; 0 of 20: [0, 0.161]; 50 of 100: [0.404, 0.596].
    const round = ([lo, hi]: [number, number]) => [Number(lo.toFixed(3)), Number(hi.toFixed(3))];
    expect(round(wilsonInterval(8, 10))).toEqual([0.49, 0.943]);
    expect(round(wilsonInterval(0, 20))).toEqual([0, 0.161]);
    expect(round(wilsonInterval(50, 100))).toEqual([0.404, 0.596]);
  });

  it('is [0, 1] without trials and narrows as a group grows', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
    const small = wilsonInterval(1, 3);
    const large = wilsonInterval(100, 300);
    expect(large[1] - large[0]).toBeLessThan(small[1] - small[0]);
  });
});
