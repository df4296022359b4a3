import 'reflect-metadata';
import { loadEnvOrExit, WorkerEnv } from '@porchlight/config';
import { runWorker } from '@porchlight/observability';
import { ContactsAppModule } from './contacts.module';

const env = loadEnvOrExit(WorkerEnv);
void runWorker('contacts', ContactsAppModule.forRoot(env), { port: env.HEALTH_PORT, host: env.HEALTH_HOST, logLevel: env.LOG_LEVEL });
