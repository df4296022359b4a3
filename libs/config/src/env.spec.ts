import { ApiEnv, BaseEnv, ConfigError, corsOrigins, DeliveryEnv, loadEnv, providerHostAllowlist, WorkerEnv } from './index';

describe('loadEnv', () => {
  it('applies defaults and converts numbers', () => {
    const env = loadEnv(ApiEnv, { SECRETS_KEY: 'a'.repeat(44), PLATFORM_ADMIN_TOKEN: 'p'.repeat(20), PORT: '3100' });
    expect(env.PORT).toBe(3100);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('leaves people alone by default: 5 tries per account, 100 failures per address in 15 minutes, 1,200 calls a minute per token', () => {
    const env = loadEnv(ApiEnv, { SECRETS_KEY: 'a'.repeat(44), PLATFORM_ADMIN_TOKEN: 'p'.repeat(20), LOGIN_ACCOUNT_FREE_FAILURES: '8' });
    expect(env.LOGIN_ACCOUNT_FREE_FAILURES).toBe(8);
    expect([env.LOGIN_ADDRESS_FAILURES, env.LOGIN_ADDRESS_WINDOW_SECONDS, env.TOKEN_CALLS_PER_MINUTE]).toEqual([100, 900, 1200]);
    expect(() => loadEnv(ApiEnv, { SECRETS_KEY: 'a'.repeat(44), PLATFORM_ADMIN_TOKEN: 'p'.repeat(20), TOKEN_CALLS_PER_MINUTE: '0' })).toThrow(
      /TOKEN_CALLS_PER_MINUTE/,
    );
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

  it('reads the provider host allow-list as host names and addresses', () => {
    const env = loadEnv(BaseEnv, { PROVIDER_HOST_ALLOWLIST: ' libretranslate, 10.0.0.5,[::1], fd00::7 ,translate.district.internal.,' });
    expect(providerHostAllowlist(env)).toEqual(['libretranslate', '10.0.0.5', '[::1]', 'fd00::7', 'translate.district.internal.']);
    expect(providerHostAllowlist(loadEnv(BaseEnv, {}))).toEqual([]);
  });

  it.each(['http://libretranslate', 'libretranslate:5000', 'host/path', 'a b'])('refuses %j in the allow-list', (entry) => {
    expect(() => loadEnv(BaseEnv, { PROVIDER_HOST_ALLOWLIST: entry })).toThrow(/PROVIDER_HOST_ALLOWLIST must be comma-separated host names/);
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

describe('CORS_ORIGINS', () => {
  const base = { SECRETS_KEY: 'a'.repeat(44), PLATFORM_ADMIN_TOKEN: 'p'.repeat(20) };

  it('is empty unless set, and lists the origins it names', () => {
    expect(corsOrigins(loadEnv(ApiEnv, base))).toEqual([]);
    const env = loadEnv(ApiEnv, { ...base, CORS_ORIGINS: 'https://portal.example.org, http://localhost:5173,https://[::1]:8443' });
    expect(corsOrigins(env)).toEqual(['https://portal.example.org', 'http://localhost:5173', 'https://[::1]:8443']);
  });

  it.each(['*', 'portal.example.org', 'https://portal.example.org/', 'https://portal.example.org/app', 'https://a.org,,https://b.org', 'ftp://a.org'])(
    'refuses %p, naming the variable',
    (value) => {
      expect(() => loadEnv(ApiEnv, { ...base, CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
    },
  );
});
