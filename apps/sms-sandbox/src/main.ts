import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadEnvOrExit, SandboxEnv } from '@porchlight/config';
import { createSandboxApp } from './sandbox-app';

async function main(): Promise<void> {
  const env = loadEnvOrExit(SandboxEnv);
  const app = await createSandboxApp({ publicBaseUrl: env.PUBLIC_BASE_URL, logLevel: env.LOG_LEVEL });
  await app.listen(env.SMS_SANDBOX_PORT, '0.0.0.0');
  new Logger('Sandbox').log({ msg: 'sms sandbox listening', port: env.SMS_SANDBOX_PORT });
}

void main();
