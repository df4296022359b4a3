import { createServer, Server } from 'node:http';
import { request } from 'node:https';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { OutboundGuard, OutboundRefusedError, Resolver } from './outbound-guard';

/** A resolver that answers from a table, counting its calls (DNS is the edge of the world here). */
function fakeDns(table: Record<string, string[] | (() => string[])>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const entry = table[hostname];
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return (typeof entry === 'function' ? entry() : entry).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

describe('OutboundGuard.refusalOf (when a URL is saved)', () => {
  const dns = fakeDns({
    'engine.example.org': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    'intranet.example.org': ['10.0.0.8'],
    'split.example.org': ['93.184.216.34', '127.0.0.1'],
    'mapped.example.org': ['::ffff:169.254.169.254'],
    libretranslate: ['10.0.0.9'],
  });
  const guard = new OutboundGuard(['libretranslate', '127.0.0.1', '[::1]'], dns);

  it('accepts an https URL whose every address is public', async () => {
    await expect(guard.refusalOf('https://engine.example.org/translate/')).resolves.toBeNull();
  });

  it.each([
    ['http://engine.example.org', /must use https/],
    ['ftp://engine.example.org', /must be an https URL/],
    ['https://127.0.0.2:5000', /loopback/],
    ['https://[::ffff:127.0.0.1]/', /loopback/],
    ['https://2130706434/', /loopback/],
    ['https://0x7f.0.0.2/', /loopback/],
    ['https://169.254.169.254/latest/meta-data', /cloud metadata/],
    ['https://metadata.google.internal/computeMetadata/v1', /cloud metadata/],
    ['https://[fd00:ec2::254]/', /cloud metadata/],
    ['https://localhost:5000', /loopback/],
    ['https://192.168.0.10', /private/],
    ['https://100.64.1.1', /CGNAT/],
    ['https://[fe80::1]', /link-local/],
    ['https://0.0.0.0', /unspecified/],
    ['https://224.0.0.1', /multicast/],
    ['https://intranet.example.org', /resolves to a private address/],
    ['https://split.example.org', /resolves to a loopback address/],
    ['https://mapped.example.org', /resolves to a cloud metadata address/],
    ['https://nowhere.example.org', /does not resolve/],
    ['https://user:pass@engine.example.org', /user name or password/],
    ['https://engine.example.org/?key=abc', /query/],
    ['not a url', /not a valid URL/],
  ])('refuses %s', async (url, reason) => {
    await expect(guard.refusalOf(url)).resolves.toMatch(reason);
  });

  it('lets the operator allow a host as written, over plain http too', async () => {
    await expect(guard.refusalOf('http://libretranslate:5000')).resolves.toBeNull();
    await expect(guard.refusalOf('http://127.0.0.1:5000/')).resolves.toBeNull();
    await expect(guard.refusalOf('http://[::1]:5000/')).resolves.toBeNull();
    // Another address of the same network is not the host the operator wrote.
    await expect(guard.refusalOf('http://127.0.0.2:5000/')).resolves.toMatch(/https/);
    await expect(guard.refusalOf('https://localhost:5000/')).resolves.toMatch(/loopback/);
  });
});

describe('OutboundGuard on every connection', () => {
  let server: Server;
  let port = 0;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(String(req.headers.host));
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  const get = (guard: OutboundGuard, url: string) =>
    new Promise<string>((resolve, reject) => {
      const target = new URL(url);
      guard.assertCallable(target);
      const send = target.protocol === 'https:' ? request : httpRequest;
      const req = send(target, { agent: guard.agentFor(target) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString()));
      });
      req.on('error', reject).end();
    });

  it('refuses a name that resolved to a public address when saved and to loopback now (DNS rebinding)', async () => {
    let answers = 0;
    const dns = fakeDns({ 'rebind.example.org': () => (answers++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']) });
    const guard = new OutboundGuard([], dns);
    await expect(guard.refusalOf(`https://rebind.example.org:${port}/`)).resolves.toBeNull();
    const error = await get(guard, `https://rebind.example.org:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect((error as OutboundRefusedError).reason).toBe('resolves to a loopback address');
    expect(seen).toHaveLength(0);
  });

  it('refuses when any one of the addresses is not public', async () => {
    const guard = new OutboundGuard([], fakeDns({ 'mixed.example.org': ['93.184.216.34', '10.0.0.1'] }));
    await expect(get(guard, `https://mixed.example.org:${port}/`)).rejects.toMatchObject({ code: 'EOUTBOUNDREFUSED', reason: 'resolves to a private address' });
  });

  it('checks addresses written in the URL before any request', async () => {
    const guard = new OutboundGuard([]);
    expect(() => guard.assertCallable(new URL(`https://127.0.0.1:${port}/`))).toThrow(OutboundRefusedError);
    expect(() => guard.assertCallable(new URL(`http://93.184.216.34/`))).toThrow(/must use https/);
    expect(() => guard.assertCallable(new URL('https://93.184.216.34/'))).not.toThrow();
  });

  it('connects an allow-listed host to the address its name resolves to', async () => {
    const dns = fakeDns({ 'libretranslate.internal': ['127.0.0.1'] });
    const guard = new OutboundGuard(['libretranslate.internal'], dns);
    await expect(get(guard, `http://libretranslate.internal:${port}/`)).resolves.toBe('ok');
    expect(seen).toEqual([`libretranslate.internal:${port}`]);
    expect(dns.calls).toContain('libretranslate.internal');
  });

  it('answers lookups with checked addresses in both callback forms', async () => {
    const guard = new OutboundGuard([], fakeDns({ 'engine.example.org': ['93.184.216.34', '2606:4700:4700::1111'] }));
    const one = await new Promise((resolve, reject) =>
      guard.lookup('engine.example.org', { family: 6 }, (err, address, family) => (err ? reject(err) : resolve([address, family]))),
    );
    expect(one).toEqual(['2606:4700:4700::1111', 6]);
    const all = await new Promise((resolve, reject) =>
      guard.lookup('engine.example.org', { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
    );
    expect(all).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
  });
});
