import { DEFAULT_RESTART_POLICY, RestartPolicy } from './restart-policy';

describe('RestartPolicy', () => {
  const policy = () => new RestartPolicy({ ...DEFAULT_RESTART_POLICY, crashLoopExits: 100 });

  it('doubles the delay after each quick exit, up to the cap', () => {
    const restarts = policy();
    const delays = Array.from({ length: 8 }, (_, i) => restarts.onExit(i * 120_000, 1_000));
    expect(delays).toEqual([1, 2, 4, 8, 16, 30, 30, 30].map((s) => ({ restartInMs: s * 1000 })));
  });

  it('starts again from the first delay after the app ran well for a while', () => {
    const restarts = policy();
    restarts.onExit(0, 500);
    restarts.onExit(10_000, 500);
    expect(restarts.onExit(20_000, 500)).toEqual({ restartInMs: 4_000 });
    expect(restarts.onExit(200_000, 60_000)).toEqual({ restartInMs: 1_000 });
    expect(restarts.onExit(210_000, 500)).toEqual({ restartInMs: 2_000 });
  });

  it('calls five exits within a minute a crash loop', () => {
    const restarts = new RestartPolicy();
    for (const at of [0, 2_000, 5_000, 10_000]) expect(restarts.onExit(at, 100)).toHaveProperty('restartInMs');
    expect(restarts.onExit(19_000, 100)).toEqual({ crashLoop: { exits: 5, withinMs: 19_000 } });
  });

  it('forgets exits older than the window', () => {
    const restarts = new RestartPolicy();
    for (const at of [0, 20_000, 40_000, 59_000]) expect(restarts.onExit(at, 100)).toHaveProperty('restartInMs');
    // The exit at 0 is more than a minute old: four exits within the window.
    expect(restarts.onExit(61_000, 100)).toHaveProperty('restartInMs');
    expect(restarts.onExit(62_000, 100)).toEqual({ crashLoop: { exits: 5, withinMs: 42_000 } });
  });
});
