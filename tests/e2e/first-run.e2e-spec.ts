import { freePort, startSupervised, Supervised } from '@porchlight/testing';

jest.setTimeout(120_000);

/**
 * First run on a machine without Postgres or Redis: `npm start` (and `npm run demo`, the same
 * script) stops at once with one line naming the URL it tried and how to start the service —
 * no stack trace, no minute of retries.
 */
describe('npm start without Postgres or Redis', () => {
  let porchlight: Supervised | undefined;

  afterEach(async () => {
    await porchlight?.kill();
    porchlight = undefined;
  });

  /** What it wrote, and its exit code, when one service listens nowhere. */
  const run = async (name: string, overrides: Record<string, string>) => {
    porchlight = await startSupervised(name, overrides, { waitUntilRunning: false });
    const code = await porchlight.exited;
    return {
      code,
      lines: porchlight
        .output()
        .split('\n')
        .filter((line) => line.trim() !== ''),
    };
  };

  it('names the Postgres URL it tried (without a password) and how to start Postgres', async () => {
    const port = await freePort();
    const { code, lines } = await run('no-postgres', { DATABASE_ADMIN_URL: `postgres://postgres:secret@127.0.0.1:${port}/porchlight` });
    expect(code).toBe(1);
    expect(lines).toEqual([
      `setup: Postgres is not reachable at postgres://postgres:***@127.0.0.1:${port}/porchlight (ECONNREFUSED): start it — Debian/Ubuntu: \`sudo systemctl start postgresql\` (not installed: \`sudo apt-get install postgresql\`); macOS: \`brew services start postgresql\`; Docker: \`docker compose up -d postgres\` — or set DATABASE_ADMIN_URL to where it runs.`,
    ]);
  });

  it('names the Redis URL it tried and how to start Redis, before touching the database', async () => {
    const port = await freePort();
    const { code, lines } = await run('no-redis', { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(lines).toEqual([
      `setup: Redis is not reachable at redis://127.0.0.1:${port} (ECONNREFUSED): start it — Debian/Ubuntu: \`sudo systemctl start redis-server\` (not installed: \`sudo apt-get install redis-server\`); macOS: \`brew services start redis\`; Docker: \`docker compose up -d redis\` — or set REDIS_URL to where it runs.`,
    ]);
  });

  it('names both when neither is there', async () => {
    const [pg, redis] = [await freePort(), await freePort()];
    const { code, lines } = await run('no-services', {
      DATABASE_ADMIN_URL: `postgres://postgres@127.0.0.1:${pg}/porchlight`,
      REDIS_URL: `redis://127.0.0.1:${redis}`,
    });
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^setup: Postgres is not reachable at /), expect.stringMatching(/^setup: Redis is not reachable at /)]);
  });
});
