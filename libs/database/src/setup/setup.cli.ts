import { loadEnvOrExit, SetupEnv } from '@porchlight/config';
import { setupDatabase } from './setup';

async function main(): Promise<void> {
  const env = loadEnvOrExit(SetupEnv);
  await setupDatabase({
    databaseUrl: env.DATABASE_URL,
    adminUrl: env.DATABASE_ADMIN_URL,
    log: (line) => process.stdout.write(`setup: ${line}\n`),
  });
  process.stdout.write('setup: database ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`setup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
