/** What a closed-loop load run measured: throughput, CPU per request, latency percentiles and memory. */
export interface LoadFigures {
  perSecond: number;
  /** CPU of this process (the system under test and the load generator) per request, in µs. */
  cpuMicros: number;
  p50: number;
  p95: number;
  p99: number;
  rssMb: number;
}

/**
 * Runs `request` `count` times with `concurrency` in flight (each call gets its index) and
 * measures it: wall time, this process's CPU and each request's latency in ms.
 */
export async function measureLoad(count: number, concurrency: number, request: (i: number) => Promise<void>): Promise<LoadFigures> {
  const latencies: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = process.hrtime.bigint();
        await request(i);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    perSecond: count / seconds,
    cpuMicros: (used.user + used.system) / count,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
}
