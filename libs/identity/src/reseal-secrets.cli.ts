import { loadEnvOrExit, ResealEnv } from '@porchlight/config';
import { resealCommand } from './reseal-secrets';

/**
 * `npm run secrets:reseal` (after `npm run build`): seals every tenant's secrets again with
 * SECRETS_KEY, opening those sealed with SECRETS_KEY_PREVIOUS. Needs DATABASE_URL (the
 * application role) and both keys; prints counts, never a secret. See docs/security.md.
 */
resealCommand(loadEnvOrExit(ResealEnv), (line) => process.stdout.write(`secrets:reseal: ${line}\n`)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`secrets:reseal failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
