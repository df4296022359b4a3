import 'reflect-metadata';
import { loadEnvOrExit, WorkerEnv } from '@porchlight/config';
import { runWorker } from '@porchlight/observability';
import { ContactsAppModule } from './contacts.module';

const env = loadEnvOrExit(WorkerEnv);
void runWorker('contacts', ContactsAppModule.forRoot(env), { port: env.HEALTH_PORT, logLevel: env.LOG_LEVEL });
