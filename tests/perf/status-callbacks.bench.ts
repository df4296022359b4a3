/**
 * Twilio's status callbacks at the API — two per message, its busiest route — on the plain Express
 * route registered ahead of Nest (what the API runs) against the same callbacks through Nest's
 * controller pipeline (the baseline: guards, interceptors, pipes, body parsers), in one process on
 * the same database: callbacks per second, CPU per callback (the API's and the load's, which is
 * the same for both), latency percentiles and memory. Needs the local Postgres and Redis (as `npm
 * test`); uses the test database.
 *
 *   npm run bench:status-callbacks        (CALLBACKS=20000 CONCURRENCY=64 to change the load)
 */
import { setupDatabase } from '@porchlight/database';
import { randomHex, TEST_ADMIN_URL, TEST_DATABASE_URL } from '@porchlight/testing';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { Agent, request } from 'undici';
import { ApiUnderTest, startApiUnderTest } from '../../apps/api/src/testing/api-under-test';
import { LoadFigures, measureLoad } from './load-figures';

const CALLBACKS = Number(process.env.CALLBACKS ?? 6_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const PUBLIC_BASE_URL = 'https://porchlight.example.org';

interface Figures extends LoadFigures {
  route: string;
}

async function seed(api: ApiUnderTest, count: number): Promise<{ id: string; sid: string }[]> {
  return api.db.txFor(api.fixture.tenantId, (m) =>
    m.query(
      `insert into messages (tenant_id, direction, kind, phone, body, status, provider_sid)
       select $1, 'outbound', 'notice', '+1617555' || lpad(i::text, 4, '0'), 'x', 'sending', 'SM' || md5($2 || i::text)
       from generate_series(1, $3) i returning id, provider_sid as sid`,
      [api.fixture.tenantId, randomHex(8), count],
    ),
  );
}

async function run(route: string, api: ApiUnderTest): Promise<Figures> {
  const messages = await seed(api, CALLBACKS);
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const figures = await measureLoad(messages.length, CONCURRENCY, async (i) => {
    const message = messages[i];
    const path = `/webhooks/twilio/status?m=${message.id}`;
    const params = {
      AccountSid: api.fixture.accountSid,
      From: '+16175550100',
      MessageSid: message.sid,
      MessageStatus: 'delivered',
      SmsStatus: 'delivered',
      ApiVersion: '2010-04-01',
    };
    const response = await request(`${api.base}${path}`, {
      method: 'POST',
      dispatcher: agent,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': getExpectedTwilioSignature(api.fixture.authToken, `${PUBLIC_BASE_URL}${path}`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    await response.body.dump();
    if (response.statusCode !== 204) throw new Error(`status callback answered ${response.statusCode}`);
  });
  await agent.close();
  const [{ delivered }] = await api.db.txFor(api.fixture.tenantId, (m) =>
    m.query(`select count(*)::int as delivered from messages where id = any($1::uuid[]) and status = 'delivered'`, [messages.map((x) => x.id)]),
  );
  if (delivered !== messages.length) throw new Error(`${route}: ${delivered} of ${messages.length} stored as delivered`);
  return { route, ...figures };
}

async function main(): Promise<void> {
  await setupDatabase({ databaseUrl: TEST_DATABASE_URL, adminUrl: TEST_ADMIN_URL });
  const env = { PUBLIC_BASE_URL, LOG_LEVEL: 'warn' };
  const apis = {
    'lean route': await startApiUnderTest('bench-lean', env),
    'Nest pipeline (baseline)': await startApiUnderTest('bench-nest', env, { leanWebhooks: false }),
  };
  console.log(`status-callbacks: ${CALLBACKS} signed callbacks per run, ${CONCURRENCY} in flight, ${ROUNDS} rounds, API and load in this process`);
  try {
    for (const [route, api] of Object.entries(apis)) await run(route, api);
    const results: Figures[] = [];
    for (let round = 0; round < ROUNDS; round++) for (const [route, api] of Object.entries(apis)) results.push(await run(route, api));
    console.log('\n| route | round | callbacks/s | CPU µs/callback | p50 ms | p95 ms | p99 ms | RSS MB |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    results.forEach((r, i) =>
      console.log(
        `| ${r.route} | ${Math.floor(i / 2) + 1} | ${r.perSecond.toFixed(0)} | ${r.cpuMicros.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.rssMb.toFixed(0)} |`,
      ),
    );
    const mean = (route: string, pick: (r: Figures) => number) => {
      const rs = results.filter((r) => r.route === route);
      return rs.reduce((sum, r) => sum + pick(r), 0) / rs.length;
    };
    const [lean, nest] = Object.keys(apis);
    console.log(
      `\nratio lean / Nest (baseline): throughput ${(mean(lean, (r) => r.perSecond) / mean(nest, (r) => r.perSecond)).toFixed(2)}, CPU per callback ${(mean(lean, (r) => r.cpuMicros) / mean(nest, (r) => r.cpuMicros)).toFixed(2)}`,
    );
  } finally {
    for (const api of Object.values(apis)) await api.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
