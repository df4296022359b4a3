/**
 * The HTTP client under the official Twilio SDK: undici's keep-alive pool (what delivery uses)
 * against the SDK's own axios client (the baseline), each sending the same messages through
 * `client.messages.create` to a server that answers as Twilio's Messages API does. The server runs
 * in a child process, so the CPU figures are the client's alone: the cost per message a
 * delivery worker pays in its HTTP layer.
 *
 *   npm run bench:twilio-http            (MESSAGES=20000 CONCURRENCY=64 to change the load)
 */
import { spawn } from 'node:child_process';
import { createTwilioClient } from '@porchlight/sms';

const MESSAGES = Number(process.env.MESSAGES ?? 10_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const ACCOUNT = `AC${'0'.repeat(32)}`;

/** Twilio's Messages API, as far as a create is concerned: Basic auth checked, a 201 with a message resource. */
const SERVER = `
const http = require('node:http');
let n = 0;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.method !== 'POST' || !req.headers.authorization || !body.includes('To=')) { res.writeHead(400); res.end(); return; }
    const sid = 'SM' + String(++n).padStart(32, '0');
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ sid, account_sid: '${ACCOUNT}', status: 'queued', to: '+15550000000', from: '+15550000001', body: 'x', num_segments: '1', error_code: null, error_message: null, date_created: new Date().toUTCString(), uri: '/2010-04-01/Accounts/${ACCOUNT}/Messages/' + sid + '.json' }));
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;

interface Figures {
  client: string;
  perSecond: number;
  cpuMicrosPerMessage: number;
  p50: number;
  p95: number;
  p99: number;
  rssMb: number;
}

async function run(kind: 'undici' | 'axios', baseUrl: string): Promise<Figures> {
  const client = createTwilioClient({ accountSid: ACCOUNT, authToken: 'token', baseUrl, http: kind });
  const latencies: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < MESSAGES) {
        const i = next++;
        const t = process.hrtime.bigint();
        await client.messages.create({
          to: `+1555${String(i).padStart(7, '0')}`,
          from: '+15550000001',
          body: `Snow day: no school tomorrow (${i}).`,
          statusCallback: 'http://127.0.0.1:3000/webhooks/twilio/status?m=1',
        });
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    client: kind,
    perSecond: MESSAGES / seconds,
    cpuMicrosPerMessage: (used.user + used.system) / MESSAGES,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
}

async function main(): Promise<void> {
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => server.once('message', (message) => resolve(Number(message))));
  const baseUrl = `http://127.0.0.1:${port}`;
  console.log(`twilio-http: ${MESSAGES} messages.create calls per run, ${CONCURRENCY} in flight, ${ROUNDS} rounds, server in a child process`);
  try {
    // Warm both up (JIT, connections) before anything is measured.
    for (const kind of ['axios', 'undici'] as const) await run(kind, baseUrl);
    const results: Figures[] = [];
    for (let round = 0; round < ROUNDS; round++) for (const kind of ['axios', 'undici'] as const) results.push(await run(kind, baseUrl));
    console.log('\n| client | round | messages/s | client CPU µs/message | p50 ms | p95 ms | p99 ms | RSS MB |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    results.forEach((r, i) =>
      console.log(
        `| ${r.client} | ${Math.floor(i / 2) + 1} | ${r.perSecond.toFixed(0)} | ${r.cpuMicrosPerMessage.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.rssMb.toFixed(0)} |`,
      ),
    );
    const mean = (kind: string, pick: (r: Figures) => number) => {
      const rs = results.filter((r) => r.client === kind);
      return rs.reduce((sum, r) => sum + pick(r), 0) / rs.length;
    };
    const throughput = mean('undici', (r) => r.perSecond) / mean('axios', (r) => r.perSecond);
    const cpu = mean('undici', (r) => r.cpuMicrosPerMessage) / mean('axios', (r) => r.cpuMicrosPerMessage);
    console.log(`\nratio undici / axios (baseline): throughput ${throughput.toFixed(2)}, client CPU per message ${cpu.toFixed(2)}`);
  } finally {
    server.kill();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
