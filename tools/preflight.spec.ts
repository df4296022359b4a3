import { explain, withoutPassword } from './preflight';

describe('preflight lines', () => {
  it('never prints a password', () => {
    expect(withoutPassword('postgres://postgres:s3cret@db.example:5432/porchlight')).toBe('postgres://postgres:***@db.example:5432/porchlight');
    expect(withoutPassword('redis://:s3cret@127.0.0.1:6379')).toBe('redis://:***@127.0.0.1:6379');
    expect(withoutPassword('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(withoutPassword('not a url')).toBe('(an unreadable URL)');
  });

  it('tells an unreachable service how to start, and a refusal what was said', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(explain('postgres', 'postgres://postgres@127.0.0.1:5432/porchlight', refused)).toMatch(
      /^Postgres is not reachable at postgres:\/\/postgres@127\.0\.0\.1:5432\/porchlight \(ECONNREFUSED\): start it — Debian\/Ubuntu: `sudo systemctl start postgresql`.+macOS: `brew services start postgresql`; Docker: `docker compose up -d postgres`/,
    );
    // Node's happy-eyeballs connect reports every address tried in an AggregateError.
    const aggregate = Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], ''), {});
    expect(explain('redis', 'redis://localhost:6379', aggregate)).toMatch(/^Redis is not reachable at redis:\/\/localhost:6379 \(ECONNREFUSED\): start it/);
    expect(explain('postgres', 'postgres://app:pw@127.0.0.1/porchlight', new Error('password authentication failed for user "app"'))).toBe(
      'Postgres at postgres://app:***@127.0.0.1/porchlight refused Porchlight: password authentication failed for user "app".',
    );
  });
});
