import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per process, labelled with the app's name. */
export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Counts and times handled jobs; pass `record` as the worker host's `onOutcome`. */
export function jobMetrics(registry: Registry): { record: (job: string, outcome: string, seconds: number) => void } {
  const processed = new Counter({
    name: 'porchlight_jobs_total',
    help: 'Jobs handled, by job name and outcome',
    labelNames: ['job', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'porchlight_job_duration_seconds',
    help: 'Time spent handling one job',
    labelNames: ['job'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    record: (job, outcome, seconds) => {
      processed.inc({ job, outcome });
      duration.observe({ job }, seconds);
    },
  };
}
