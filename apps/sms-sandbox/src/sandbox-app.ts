import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { answerFirst, createLogger, nestLogger, withLogging } from '@porchlight/observability';
import express from 'express';
import { isMessageCreate, MAX_FORM_BYTES, messageCreateHandler } from './messages.route';
import { SandboxMessages, SandboxOptions } from './sandbox-messages';
import { SandboxModule } from './sandbox.module';

/** The Twilio-compatible sandbox as a Nest app (used by `main.ts` and by specs on port 0). */
export async function createSandboxApp(options: Partial<SandboxOptions> & { logLevel?: string } = {}): Promise<INestApplication> {
  const logger = createLogger('sms-sandbox', options.logLevel ?? 'warn');
  const module = SandboxModule.forRoot({ publicBaseUrl: options.publicBaseUrl ?? 'http://localhost:3000', callbackDelayMs: options.callbackDelayMs ?? 5 });
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest declares its options as a class but takes the plain object its docs show
  const app = await NestFactory.create<NestExpressApplication>(withLogging(module, logger), { bodyParser: false, logger: nestLogger(logger) });
  app.disable('x-powered-by');
  const create = messageCreateHandler(app.get(SandboxMessages));
  answerFirst(app.getHttpServer(), (req) => (isMessageCreate(req) ? create : undefined));
  app.use(express.urlencoded({ extended: false, limit: MAX_FORM_BYTES }));
  app.use(express.json({ limit: MAX_FORM_BYTES }));
  app.enableShutdownHooks();
  return app;
}
