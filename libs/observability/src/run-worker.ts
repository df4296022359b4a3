import { DynamicModule, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JsonLogger } from './json-logger';

/**
 * Boots a worker app: its queues start with the module, and a small HTTP server answers
 * `/health`, `/health/ready` and `/metrics`. SIGTERM closes workers after their jobs in hand.
 */
export async function runWorker(name: string, module: DynamicModule, options: { port: number; logLevel: string }): Promise<void> {
  const app = await NestFactory.create(module, { logger: new JsonLogger(name, options.logLevel) });
  app.enableShutdownHooks();
  await app.listen(options.port, '127.0.0.1');
  const address = app.getHttpServer().address();
  new Logger(name).log({ msg: `${name} started`, healthPort: typeof address === 'object' && address ? address.port : options.port });
}
