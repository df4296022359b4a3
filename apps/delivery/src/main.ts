import 'reflect-metadata';
import { DeliveryEnv, loadEnvOrExit } from '@porchlight/config';
import { runWorker } from '@porchlight/observability';
import { DeliveryModule } from './delivery.module';

const env = loadEnvOrExit(DeliveryEnv);
void runWorker('delivery', DeliveryModule.forRoot(env), { port: env.HEALTH_PORT, host: env.HEALTH_HOST, logLevel: env.LOG_LEVEL });
