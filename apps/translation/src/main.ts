import 'reflect-metadata';
import { loadEnvOrExit, TranslationEnv } from '@porchlight/config';
import { runWorker } from '@porchlight/observability';
import { TranslationAppModule } from './translation.module';

const env = loadEnvOrExit(TranslationEnv);
void runWorker('translation', TranslationAppModule.forRoot(env), { port: env.HEALTH_PORT, host: env.HEALTH_HOST, logLevel: env.LOG_LEVEL });
