import { join } from 'node:path';
import { AppSpec } from './supervisor';

/**
 * The apps `npm start` runs. Each worker's health port comes from `<APP>_HEALTH_PORT` (HEALTH_PORT
 * would give them all the same one); its process i answers on that port + i. The API's processes
 * share `PORT` through Node's cluster.
 */
export const APPS: { name: string; healthPort?: number; perCore?: boolean; cluster?: boolean }[] = [
  { name: 'sms-sandbox' },
  { name: 'api', perCore: true, cluster: true },
  { name: 'contacts', healthPort: 3011 },
  { name: 'translation', healthPort: 3012 },
  { name: 'dispatcher', healthPort: 3013 },
  { name: 'delivery', perCore: true, healthPort: 3014 },
];

/**
 * Processes of the API and of delivery when WORKERS is not set: one per core but one, which is left
 * to Postgres, Redis and the other apps (the machine `npm start` runs on usually runs them too).
 * Measured on two cores (docs/performance.md): one process each sends a fifth more messages a
 * second than two, at three quarters of the CPU per message, and holds emergencies closer to their
 * target; a larger machine gets one process per core it has to spare.
 */
export function defaultWorkers(cores: number): number {
  return Math.max(1, cores - 1);
}

/**
 * One spec per process: `<APP>_WORKERS` processes of an app (`WORKERS`, by default
 * `defaultWorkers`, for the API and delivery, which do the per-message work; one for the others). Instances are
 * named `app.0`, `app.1` … when there are several.
 */
export function appSpecs(env: Record<string, string | undefined>, workers: number, dist: string): AppSpec[] {
  return APPS.flatMap((app) => {
    const count = processCount(env, app.name, app.perCore ? workers : 1);
    return Array.from({ length: count }, (_, i) => {
      const first = app.healthPort === undefined ? undefined : (env[`${app.name.toUpperCase()}_HEALTH_PORT`] ?? String(app.healthPort));
      const healthPort = first === undefined ? {} : { HEALTH_PORT: /^\d+$/.test(first) ? String(Number(first) + i) : first };
      return {
        name: count === 1 ? app.name : `${app.name}.${i}`,
        script: join(dist, 'apps', app.name, 'src', 'main.js'),
        env: { ...env, ...healthPort },
        cluster: app.cluster && count > 1,
      };
    });
  });
}

function processCount(env: Record<string, string | undefined>, app: string, fallback: number): number {
  const name = `${app.toUpperCase().replace(/-/g, '_')}_WORKERS`;
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new Error(`Invalid configuration:\n  - ${name}: must be a whole number of processes, 1 or more (got "${value}")`);
  }
  return Number(value);
}
