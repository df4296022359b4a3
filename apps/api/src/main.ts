import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ApiEnv, loadEnvOrExit } from '@porchlight/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const env = loadEnvOrExit(ApiEnv);
  const app = await createApiApp(env);
  await app.listen(env.PORT, '0.0.0.0');
  // The process id tells apart the instances that share the port (WORKERS).
  new Logger('Api').log({ msg: 'api listening', port: env.PORT, publicBaseUrl: env.PUBLIC_BASE_URL, pid: process.pid });
}

void main();
