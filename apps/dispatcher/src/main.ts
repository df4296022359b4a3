import 'reflect-metadata';
import { DispatcherEnv, loadEnvOrExit } from '@porchlight/config';
import { runWorker } from '@porchlight/observability';
import { DispatcherModule } from './dispatcher.module';

const env = loadEnvOrExit(DispatcherEnv);
void runWorker('dispatcher', DispatcherModule.forRoot(env), { port: env.HEALTH_PORT, host: env.HEALTH_HOST, logLevel: env.LOG_LEVEL });
