import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiEnv } from '@porchlight/config';
import { JsonLogger } from '@porchlight/observability';
import express, { RequestHandler } from 'express';
import { ApiModule } from './api.module';
import { validationPipe } from './http/validation';

/** Builds the API application (used by `main.ts` and by tests that run it in-process). */
export async function createApiApp(env: ApiEnv): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(env), {
    bodyParser: false,
    logger: new JsonLogger('api', env.LOG_LEVEL),
  });
  app.set('trust proxy', 1);
  app.disable('x-powered-by');
  app.use(guardParser(express.json({ limit: env.MAX_BODY_BYTES })));
  // Twilio's webhooks are form-encoded; signatures are computed over the decoded fields.
  app.use(guardParser(express.urlencoded({ extended: false, limit: env.MAX_BODY_BYTES, parameterLimit: 200 })));
  app.useGlobalPipes(validationPipe);
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Porchlight API')
      .setDescription('Two-way, multilingual SMS between school districts and families.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/** Body-parser failures (malformed JSON, oversized bodies) answered in the API's error shape. */
function guardParser(parser: RequestHandler): RequestHandler {
  return (req, res, next) =>
    parser(req, res, (error?: unknown) => {
      if (!error) return next();
      const failure = error as { type?: string; status?: number };
      const [statusCode, message] =
        failure.type === 'entity.too.large'
          ? [413, 'request body is too large']
          : failure.type === 'entity.parse.failed'
            ? [400, 'request body is not valid JSON']
            : [failure.status && failure.status < 500 ? failure.status : 400, 'request body could not be read'];
      res.status(statusCode).json({ statusCode, error: statusCode === 413 ? 'Payload Too Large' : 'Bad Request', message });
    });
}
