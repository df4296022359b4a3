import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Validates the environment against `cls`; throws a `ConfigError` that names each bad variable. */
export function loadEnv<T extends object>(cls: new () => T, source: NodeJS.ProcessEnv = process.env): T {
  const defined = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(cls, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ') || 'invalid'}`));
  }
  return env;
}

/** For `main.ts`: load or exit with a message naming the variable. */
export function loadEnvOrExit<T extends object>(cls: new () => T): T {
  try {
    return loadEnv(cls);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
