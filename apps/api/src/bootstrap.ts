import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { ApiEnv } from '@porchlight/config';
import { TwilioWebhooks } from '@porchlight/messaging';
import { createLogger, nestLogger, withLogging } from '@porchlight/observability';
import { ApiModule } from './api.module';
import { bodyParsers } from './http/body-parsers';
import { createApiDocument, OPENAPI_JSON_PATH } from './http/openapi';
import { portalStatic } from './http/portal-static';
import { corsOptions, DOCS_PATH, fixedSecurityHeaders, securityHeaders } from './http/security-headers';
import { validationPipe } from './http/validation';
import { answerRoutesFirst } from './http/answer-first';
import { INBOUND_SMS_PATH, inboundSmsRoute } from './webhooks/inbound-sms.route';
import { STATUS_CALLBACK_PATH, statusCallbackRoute } from './webhooks/status-callback.route';

export interface ApiAppOptions {
  /**
   * Twilio's webhooks (status callbacks, families' texts) answered on Node's HTTP server ahead of
   * Express and Nest (default); false leaves them to the Nest controller, the baseline
   * `bench:status-callbacks` compares against.
   */
  leanWebhooks?: boolean;
}

/** Builds the API application (used by `main.ts` and by tests that run it in-process). */
export async function createApiApp(env: ApiEnv, options: ApiAppOptions = {}): Promise<INestApplication> {
  const logger = createLogger('api', env.LOG_LEVEL);
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest declares its options as a class but takes the plain object its docs show
  const app = await NestFactory.create<NestExpressApplication>(withLogging(ApiModule.forRoot(env), logger), {
    bodyParser: false,
    logger: nestLogger(logger),
  });
  app.set('trust proxy', 1);
  app.disable('x-powered-by');
  if (options.leanWebhooks !== false) {
    const webhooks = app.get(TwilioWebhooks);
    answerRoutesFirst(app.getHttpServer(), fixedSecurityHeaders(env), {
      [STATUS_CALLBACK_PATH]: statusCallbackRoute(webhooks, env.MAX_BODY_BYTES),
      [INBOUND_SMS_PATH]: inboundSmsRoute(webhooks, env.MAX_BODY_BYTES),
    });
  }
  app.use(securityHeaders(env));
  const cors = corsOptions(env);
  if (cors) app.enableCors(cors);
  const portal = portalStatic(env.PORTAL_DIR);
  if (portal) app.use(portal);
  app.use(...bodyParsers(env.MAX_BODY_BYTES));
  app.useGlobalPipes(validationPipe);
  app.enableShutdownHooks();

  const document = createApiDocument(app);
  SwaggerModule.setup(DOCS_PATH.slice(1), app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1), swaggerOptions: { validatorUrl: null } });
  return app;
}
