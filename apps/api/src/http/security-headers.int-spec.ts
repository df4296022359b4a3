import { randomHex } from '@porchlight/testing';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { ApiUnderTest, startApiUnderTest } from '../testing/api-under-test';

const PUBLIC_BASE_URL = 'https://porchlight.example.org';
const PORTAL = 'https://portal.example.org';

/** A Content-Security-Policy header as `{ directive: [sources] }`. */
function csp(header: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('Security headers and CORS, through the API in-process', () => {
  let published: ApiUnderTest;
  let local: ApiUnderTest;

  beforeAll(async () => {
    published = await startApiUnderTest('headers-https', { PUBLIC_BASE_URL, CORS_ORIGINS: `${PORTAL}, http://localhost:5173` });
    local = await startApiUnderTest('headers-local');
  });

  afterAll(async () => {
    await published?.close();
    await local?.close();
  });

  const signedInbound = async (api: ApiUnderTest) => {
    const params = { AccountSid: api.fixture.accountSid, From: '+16175550181', To: '+16175550100', MessageSid: `SM${randomHex(16)}`, Body: 'Hola' };
    return fetch(`${api.base}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': getExpectedTwilioSignature(api.fixture.authToken, `${api.env.PUBLIC_BASE_URL}/webhooks/twilio/sms`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
  };

  it('sends the portal policy and the other headers on every kind of response, and webhooks and health still work', async () => {
    const responses = {
      api: await fetch(`${published.base}/api/v1/me`, { headers: { authorization: `Bearer ${await published.token()}` } }),
      refused: await fetch(`${published.base}/api/v1/me`),
      health: await fetch(`${published.base}/health`),
      ready: await fetch(`${published.base}/health/ready`),
      webhook: await signedInbound(published),
      missing: await fetch(`${published.base}/api/v1/no/such/page`),
    };
    expect(Object.fromEntries(Object.entries(responses).map(([name, r]) => [name, r.status]))).toEqual({
      api: 200,
      refused: 401,
      health: 200,
      ready: 200,
      webhook: 200,
      missing: 404,
    });
    for (const [name, response] of Object.entries(responses)) {
      const policy = csp(response.headers.get('content-security-policy'));
      expect({ name, policy }).toEqual({
        name,
        policy: {
          'default-src': ["'self'"],
          'base-uri': ["'self'"],
          'script-src': ["'self'"],
          'script-src-attr': ["'none'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
        },
      });
      expect({ name, headers: pick(response.headers) }).toEqual({
        name,
        headers: {
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'x-frame-options': 'DENY',
          'strict-transport-security': 'max-age=31536000; includeSubDomains',
          'x-powered-by': null,
        },
      });
    }
  });

  it('sends no HSTS when the API is published over http', async () => {
    const response = await fetch(`${local.base}/health`);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(csp(response.headers.get('content-security-policy'))['frame-ancestors']).toEqual(["'none'"]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await signedInbound(local)).status).toBe(200);
  });

  it('serves a Swagger UI that renders under its policy: no inline script, its own scripts and styles with the right types', async () => {
    const page = await fetch(`${published.base}/api/docs`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    const html = await page.text();
    const policy = csp(page.headers.get('content-security-policy'));
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    // The page's own <style> blocks are the one thing it needs beyond 'self'.
    if (/<style[\s>]/.test(html) || /\sstyle="/.test(html)) expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);

    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter(([, attributes, body]) => !/\ssrc=/.test(attributes) && body.trim() !== '')).toEqual([]);
    expect(html).not.toMatch(/\son[a-z]+="/);
    const assets = [
      ...scripts.map(([, attributes]) => ({ url: /\ssrc=["']([^"']+)["']/.exec(attributes)![1], type: /javascript/ })),
      ...[...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map(([, url]) => ({ url, type: /text\/css/ })),
    ];
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      const url = new URL(asset.url, page.url);
      expect(url.origin).toBe(published.base);
      const response = await fetch(url);
      expect({ url: asset.url, status: response.status }).toEqual({ url: asset.url, status: 200 });
      // With nosniff, a browser runs a script or applies a style only when its type says it is one.
      expect(response.headers.get('content-type')).toMatch(asset.type);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      await response.arrayBuffer();
    }
    const initScript = assets.find((asset) => asset.url.endsWith('swagger-ui-init.js'))!;
    const init = await (await fetch(new URL(initScript.url, page.url))).text();
    expect(init).toContain('SwaggerUIBundle');
    expect(init).toContain('/api/v1/notices');
    // The inline-style allowance is the docs' alone.
    expect(csp((await fetch(`${published.base}/api/docs-json`)).headers.get('content-security-policy'))['style-src']).toEqual(["'self'"]);
  });

  const preflight = (api: ApiUnderTest, origin: string) =>
    fetch(`${api.base}/api/v1/notices`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('answers a CORS preflight from a listed origin, and gives an unlisted one nothing', async () => {
    const listed = await preflight(published, PORTAL);
    expect(listed.status).toBeLessThan(300);
    expect(listed.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(listed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(listed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(listed.headers.get('access-control-allow-credentials')).toBeNull();

    const unlisted = await preflight(published, 'https://evil.example.com');
    expect(unlisted.headers.get('access-control-allow-origin')).toBeNull();

    const actual = await fetch(`${published.base}/api/v1/me`, { headers: { origin: PORTAL, authorization: `Bearer ${await published.token()}` } });
    expect(actual.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(actual.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('x-correlation-id');
  });

  it('keeps CORS closed to every origin when CORS_ORIGINS is unset', async () => {
    for (const origin of [PORTAL, 'http://localhost:5173', 'null']) {
      const answer = await preflight(local, origin);
      expect({ origin, allow: answer.headers.get('access-control-allow-origin') }).toEqual({ origin, allow: null });
      const actual = await fetch(`${local.base}/health`, { headers: { origin } });
      expect(actual.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

function pick(headers: Headers): Record<string, string | null> {
  return Object.fromEntries(
    ['x-content-type-options', 'referrer-policy', 'x-frame-options', 'strict-transport-security', 'x-powered-by'].map((name) => [name, headers.get(name)]),
  );
}
