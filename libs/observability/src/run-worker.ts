import { DynamicModule, INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Server } from 'node:http';
import { Heartbeat, PRODUCER_REDIS, QUEUE_PREFIX } from '@porchlight/queue';
import { createLogger, nestLogger, withLogging } from './logger';

/**
 * Boots a worker app: its queues start with the module, it logs through the same pino logger as
 * the API (JSON lines, redacted), a small HTTP server on `host` answers `/health`, `/health/ready`
 * and `/metrics`, and a heartbeat in Redis tells the API (and its
 * operator) that the app is up. SIGTERM (or SIGINT) closes the workers after their jobs in hand — each module
 * bounds that wait with its grace period — and the process exits 0, telling the orchestrator it
 * stopped cleanly.
 */
export async function runWorker(name: string, module: DynamicModule, options: { port: number; host: string; logLevel: string }): Promise<void> {
  const root = createLogger(name, options.logLevel);
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest declares its options as a class but takes the plain object its docs show
  const app = await NestFactory.create(withLogging(module, root), { logger: nestLogger(root) });
  const heartbeat = new Heartbeat(app.get(PRODUCER_REDIS), app.get(QUEUE_PREFIX), name);
  stopOnSignal(name, app, heartbeat);
  await app.listen(options.port, options.host);
  heartbeat.start();
  const address = (app.getHttpServer() as Server).address();
  new Logger(name).log({ msg: `${name} started`, healthPort: typeof address === 'object' && address ? address.port : options.port });
}

function stopOnSignal(name: string, app: INestApplication, heartbeat: Heartbeat): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const logger = new Logger(name);
    logger.log({ msg: `${name} stopping`, signal });
    app.close().then(
      () => {
        heartbeat.stop();
        logger.log({ msg: `${name} stopped` });
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ msg: `${name} did not stop cleanly`, error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
