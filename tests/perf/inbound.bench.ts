/**
 * Inbound at load: Twilio's signed webhooks at the API — families' replies (`POST
 * /webhooks/twilio/sms`: signature, tenant look-up, the message stored once and its job queued,
 * both in batches per tenant, TwiML back) and status callbacks (`POST /webhooks/twilio/status`) —
 * against a bare route on the same HTTP stack in the same run: a handler answered through
 * `answerRoutesFirst` on the same server as the webhooks (security headers, correlation id, the form read,
 * then 204: no signature, database or queue). Requests per second, CPU per request, latency
 * percentiles and memory, and the ratio of each to the bare route. API and load share this process
 * and its core. Needs the local Postgres and Redis (as `npm test`); uses the test database.
 *
 *   npm run bench:inbound        (REQUESTS=20000 CONCURRENCY=64 ROUNDS=3 to change the load)
 */
import { jobId, QueueName } from '@porchlight/contracts';
import { query, setupDatabase } from '@porchlight/database';
import { JobProducer } from '@porchlight/queue';
import { randomHex, TEST_ADMIN_URL, TEST_DATABASE_URL } from '@porchlight/testing';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { Agent, request } from 'undici';
import { answerRoutesFirst, readForm } from '../../apps/api/src/http/answer-first';
import { fixedSecurityHeaders } from '../../apps/api/src/http/security-headers';
import { ApiUnderTest, startApiUnderTest } from '../../apps/api/src/testing/api-under-test';
import { LoadFigures, measureLoad } from './load-figures';

const REQUESTS = Number(process.env.REQUESTS ?? 5_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const PUBLIC_BASE_URL = 'https://porchlight.example.org';
const BARE_PATH = '/bench/bare';
const REPLIES = ['Gracias', 'Sí, allí estaremos', 'Cảm ơn', 'OK thanks', 'شكرا', '2', 'Will she need a lunch?'];

interface Call {
  path: string;
  params: Record<string, string>;
  expect: number;
}

interface Figures extends LoadFigures {
  route: string;
}

/** The same HTTP stack as the webhooks, with nothing behind it. */
function bareRoute(api: ApiUnderTest): void {
  answerRoutesFirst(api.app.getHttpServer(), fixedSecurityHeaders(api.env), {
    [BARE_PATH]: async (req, res) => {
      await readForm(req, api.env.MAX_BODY_BYTES);
      res.statusCode = 204;
      res.end();
    },
  });
}

function replies(api: ApiUnderTest, count: number, run: string): Call[] {
  return Array.from({ length: count }, (_, i) => ({
    path: '/webhooks/twilio/sms',
    params: {
      AccountSid: api.fixture.accountSid,
      MessageSid: `SM${run}${String(i).padStart(24, '0')}`.slice(0, 34),
      From: `+1617${String(2_000_000 + (i % 5_000)).padStart(7, '0')}`,
      To: '+16175550100',
      Body: REPLIES[i % REPLIES.length],
      NumSegments: '1',
      ApiVersion: '2010-04-01',
    },
    expect: 200,
  }));
}

async function statusCallbacks(api: ApiUnderTest, count: number): Promise<Call[]> {
  const messages = await api.db.txFor(api.fixture.tenantId, (m) =>
    query<{ id: string; sid: string }>(
      m,
      `insert into messages (tenant_id, direction, kind, phone, body, status, provider_sid)
       select $1, 'outbound', 'notice', '+1617555' || lpad(i::text, 4, '0'), 'x', 'sending', 'SM' || md5($2 || i::text)
       from generate_series(1, $3) i returning id, provider_sid as sid`,
      [api.fixture.tenantId, randomHex(8), count],
    ),
  );
  return messages.map((message) => ({
    path: `/webhooks/twilio/status?m=${message.id}`,
    params: {
      AccountSid: api.fixture.accountSid,
      From: '+16175550100',
      MessageSid: message.sid,
      MessageStatus: 'delivered',
      SmsStatus: 'delivered',
      ApiVersion: '2010-04-01',
    },
    expect: 204,
  }));
}

function bare(count: number): Call[] {
  return Array.from({ length: count }, (_, i) => ({ path: BARE_PATH, params: { MessageSid: `SM${String(i)}`, Body: 'x' }, expect: 204 }));
}

async function load(route: string, api: ApiUnderTest, calls: Call[]): Promise<Figures> {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const signed = calls.map((call) => ({
    ...call,
    body: new URLSearchParams(call.params).toString(),
    signature: getExpectedTwilioSignature(api.fixture.authToken, `${PUBLIC_BASE_URL}${call.path}`, call.params),
  }));
  const figures = await measureLoad(signed.length, CONCURRENCY, async (i) => {
    const call = signed[i];
    const response = await request(`${api.base}${call.path}`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': call.signature },
      body: call.body,
    });
    await response.body.dump();
    if (response.statusCode !== call.expect) throw new Error(`${route}: ${call.path} answered ${String(response.statusCode)}`);
  });
  await agent.close();
  return { route, ...figures };
}

/** Every reply the load sent is stored once, its job in Redis, whatever the retries: the figures count real work. */
async function storedReplies(api: ApiUnderTest, run: string): Promise<{ stored: number; queued: number }> {
  const rows = await api.db.txFor(api.fixture.tenantId, (m) =>
    query<{ id: string }>(m, `select id from messages where direction = 'inbound' and provider_sid like $1`, [`SM${run}%`]),
  );
  const queued = await api.app.get(JobProducer).existing(
    QueueName.Inbound,
    rows.map((row) => jobId.processInbound(row.id)),
  );
  return { stored: rows.length, queued: queued.size };
}

async function main(): Promise<void> {
  await setupDatabase({ databaseUrl: TEST_DATABASE_URL, adminUrl: TEST_ADMIN_URL });
  const api = await startApiUnderTest('bench-inbound', { PUBLIC_BASE_URL, LOG_LEVEL: 'warn' });
  bareRoute(api);
  console.log(
    `inbound: ${String(REQUESTS)} signed requests per route and round, ${String(CONCURRENCY)} in flight, ${String(ROUNDS)} rounds, API and load in this process`,
  );
  try {
    const rounds = async (round: number): Promise<Figures[]> => {
      const run = randomHex(4);
      const figures = [
        await load('bare route (baseline)', api, bare(REQUESTS)),
        await load('replies', api, replies(api, REQUESTS, run)),
        await load('status callbacks', api, await statusCallbacks(api, REQUESTS)),
      ];
      const { stored, queued } = await storedReplies(api, run);
      if (stored !== REQUESTS || queued !== REQUESTS)
        throw new Error(`round ${String(round)}: ${String(stored)} of ${String(REQUESTS)} replies stored, ${String(queued)} queued`);
      return figures;
    };
    await rounds(0); // warm-up: JIT, pools, caches
    const results: Figures[] = [];
    for (let round = 1; round <= ROUNDS; round++) results.push(...(await rounds(round)));
    console.log('\n| route | requests/s | CPU µs/request | p50 ms | p95 ms | p99 ms | RSS MB |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const r of results)
      console.log(
        `| ${r.route} | ${r.perSecond.toFixed(0)} | ${r.cpuMicros.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.rssMb.toFixed(0)} |`,
      );
    const mean = (route: string, pick: (r: Figures) => number) => {
      const rs = results.filter((r) => r.route === route);
      return rs.reduce((sum, r) => sum + pick(r), 0) / rs.length;
    };
    const baseline = 'bare route (baseline)';
    for (const route of ['replies', 'status callbacks'])
      console.log(
        `ratio ${route} / bare route: throughput ${(mean(route, (r) => r.perSecond) / mean(baseline, (r) => r.perSecond)).toFixed(2)}, ` +
          `CPU per request ${(mean(route, (r) => r.cpuMicros) / mean(baseline, (r) => r.cpuMicros)).toFixed(2)}, ` +
          `p99 ${(mean(route, (r) => r.p99) / mean(baseline, (r) => r.p99)).toFixed(2)}`,
      );
  } finally {
    await api.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
