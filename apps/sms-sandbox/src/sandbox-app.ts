import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { JsonLogger } from '@porchlight/observability';
import express from 'express';
import { SandboxOptions } from './messages.controller';
import { SandboxModule } from './sandbox.module';

/** The Twilio-compatible sandbox as a Nest app (used by `main.ts` and by specs on port 0). */
export async function createSandboxApp(options: Partial<SandboxOptions> & { logLevel?: string } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    SandboxModule.forRoot({ publicBaseUrl: options.publicBaseUrl ?? 'http://localhost:3000', callbackDelayMs: options.callbackDelayMs ?? 5 }),
    { bodyParser: false, logger: new JsonLogger('sms-sandbox', options.logLevel ?? 'warn') },
  );
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: false, limit: '256kb' }));
  app.use(express.json({ limit: '256kb' }));
  app.enableShutdownHooks();
  return app;
}
