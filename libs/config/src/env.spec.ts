import { ApiEnv, ConfigError, DeliveryEnv, loadEnv, WorkerEnv } from './env';

describe('loadEnv', () => {
  it('applies defaults and converts numbers', () => {
    const env = loadEnv(ApiEnv, { SECRETS_KEY: 'a'.repeat(44), PLATFORM_ADMIN_TOKEN: 'p'.repeat(20), PORT: '3100' });
    expect(env.PORT).toBe(3100);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('names every missing or bad variable', () => {
    let caught: unknown;
    try {
      loadEnv(ApiEnv, { PORT: 'abc' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toContain('SECRETS_KEY');
    expect(message).toContain('PLATFORM_ADMIN_TOKEN');
    expect(message).toContain('PORT');
  });

  it('binds worker health servers to this machine unless HEALTH_HOST says otherwise', () => {
    const secrets = { SECRETS_KEY: 'a'.repeat(44) };
    expect(loadEnv(WorkerEnv, {}).HEALTH_HOST).toBe('127.0.0.1');
    expect(loadEnv(DeliveryEnv, secrets).HEALTH_HOST).toBe('127.0.0.1');
    expect(loadEnv(WorkerEnv, { HEALTH_HOST: '0.0.0.0' }).HEALTH_HOST).toBe('0.0.0.0');
    expect(loadEnv(DeliveryEnv, { ...secrets, HEALTH_HOST: '::' }).HEALTH_HOST).toBe('::');
    expect(() => loadEnv(WorkerEnv, { HEALTH_HOST: 'everywhere' })).toThrow('HEALTH_HOST must be an IP address');
  });
});
