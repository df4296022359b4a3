import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiEnv } from '@porchlight/config';
import { ApiModule } from '../api.module';

/** Where the API serves its OpenAPI description as JSON (beside the Swagger UI at `DOCS_PATH`). */
export const OPENAPI_JSON_PATH = '/api/docs-json';

/** The OpenAPI description of the API's routes, as `/api/docs-json` serves it. */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Porchlight API')
      .setDescription('Two-way, multilingual SMS between school districts and families.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

/**
 * The same description without Postgres or Redis: Nest builds the module graph in preview mode,
 * which reads the controllers' metadata and instantiates no provider, so nothing connects.
 */
export async function apiDocumentOffline(env: ApiEnv): Promise<OpenAPIObject> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest declares its options as a class but takes the plain object its docs show
  const app = await NestFactory.create(ApiModule.forRoot(env), { preview: true, logger: false, abortOnError: false });
  try {
    return createApiDocument(app);
  } finally {
    await app.close();
  }
}
