import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiEnv } from '@porchlight/config';
import { JsonLogger } from '@porchlight/observability';
import { ApiModule } from './api.module';
import { bodyParsers } from './http/body-parsers';
import { validationPipe } from './http/validation';

/** Builds the API application (used by `main.ts` and by tests that run it in-process). */
export async function createApiApp(env: ApiEnv): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(env), {
    bodyParser: false,
    logger: new JsonLogger('api', env.LOG_LEVEL),
  });
  app.set('trust proxy', 1);
  app.disable('x-powered-by');
  app.use(...bodyParsers(env.MAX_BODY_BYTES));
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
