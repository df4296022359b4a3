import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadEnv, WorkerEnv } from '@porchlight/config';
import { ContactsUseCases, RunImportUseCase } from '@porchlight/contacts';
import { TEST_DATABASE_URL, TEST_REDIS_URL, useIntegration } from '@porchlight/testing';
import { ContactsAppModule } from './contacts.module';

describe('the contacts app', () => {
  const spec = useIntegration('contacts-app', { database: false });
  let app: INestApplicationContext | undefined;
  spec.onTeardown(() => app?.close());

  it('wires its module: the roster import runs, and the contacts domain has messaging’s opt-outs', async () => {
    const env = loadEnv(WorkerEnv, { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: spec.prefix });
    app = await NestFactory.createApplicationContext(ContactsAppModule.forRoot(env), { logger: false });
    expect(app.get(RunImportUseCase)).toBeInstanceOf(RunImportUseCase);
    expect(app.get(ContactsUseCases)).toBeInstanceOf(ContactsUseCases);
  });
});
