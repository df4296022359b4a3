import { TenantContext } from '@porchlight/tenancy';
import { createServer, IncomingMessage, request, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { pinoHttp } from 'pino-http';
import { createLogger, loggerParams, nestLogger } from './logger';

describe('the pino logger', () => {
  let lines: string[];
  const destination = { write: (line: string) => void lines.push(line) };
  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeEach(() => {
    lines = [];
  });

  it('writes one JSON line per call with the app, the context, the tenant and the correlation id', () => {
    const logger = nestLogger(createLogger('delivery', 'info', destination));
    TenantContext.run({ tenantId: 't-1', correlationId: 'corr-0001' }, () => logger.log({ msg: 'message accepted', messageId: 'm-1' }, 'SendMessage'));
    expect(logged()).toEqual([
      expect.objectContaining({
        level: 'info',
        app: 'delivery',
        context: 'SendMessage',
        msg: 'message accepted',
        messageId: 'm-1',
        tenantId: 't-1',
        correlationId: 'corr-0001',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('never writes a phone number, a message text or a credential', () => {
    const logger = nestLogger(createLogger('delivery', 'debug', destination));
    logger.warn({ msg: 'message failed', to: '+16175550123', body: 'Pick up at 3', reason: 'number +16175550123 is a landline' });
    // Nest's own exception handlers call error(message, stack).
    logger.error('request failed for +16175550199', 'Error: Twilio said: +16175550123 unreachable, auth Basic QUM6c2VjcmV0\n    at send (x.js:1:1)', 'Http');
    logger.debug({ msg: 'settings', sms: { authToken: 'abcdef123456' }, translation: { apiKey: 'AIzaSy123' } });
    logger.error(new Error('refused https://api.example/translate?key=AIzaSy999'));
    logger.log('sent to +16175550123');
    const all = lines.join('');
    expect(all).not.toMatch(/6175550|Pick up at 3|abcdef123456|AIzaSy|QUM6c2VjcmV0/);
    expect(logged()[0]).toMatchObject({ to: '[redacted]', body: '[redacted]', reason: 'number [phone] is a landline' });
    expect(logged()[1]).toMatchObject({
      msg: 'request failed for [phone]',
      context: 'Http',
      err: { message: 'request failed for [phone]', stack: expect.stringContaining('Twilio said: [phone] unreachable, auth Basic [redacted]') },
    });
    expect(logged()[2]).toMatchObject({ sms: { authToken: '[redacted]' }, translation: { apiKey: '[redacted]' } });
    expect(logged()[3].msg).toBe('refused https://api.example/translate?key=[redacted]');
    expect(logged()[4].msg).toBe('sent to [phone]');
  });

  it('drops lines under its level', () => {
    nestLogger(createLogger('api', 'warn', destination)).log('hello');
    expect(lines).toHaveLength(0);
  });

  it('logs requests with the correlation id, method, path and status, never query strings, headers or bodies, and not probes', async () => {
    const middleware = pinoHttp(loggerParams(createLogger('api', 'info', destination)).pinoHttp as object);
    const server = createServer((req: IncomingMessage, res: ServerResponse) =>
      middleware(req, res, () => {
        res.statusCode = req.url === '/unavailable' ? 503 : 200;
        res.end('ok');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const get = (path: string) =>
      new Promise<string | undefined>((resolve, reject) =>
        request({ port, path, host: '127.0.0.1', headers: { 'x-correlation-id': 'corr-0002', authorization: 'Bearer abc.def' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.headers['x-correlation-id'] as string | undefined));
        })
          .on('error', reject)
          .end(),
      );
    try {
      expect(await get('/sandbox/messages?to=%2B16175550123')).toBe('corr-0002');
      await get('/health/ready');
      await get('/metrics');
      await get('/unavailable');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(lines.join('')).not.toMatch(/6175550|abc\.def|authorization/i);
    expect(logged()).toEqual([
      expect.objectContaining({ msg: 'request completed', reqId: 'corr-0002', req: { method: 'GET', path: '/sandbox/messages' }, res: { statusCode: 200 } }),
      expect.objectContaining({ level: 'warn', msg: 'request errored', req: { method: 'GET', path: '/unavailable' }, res: { statusCode: 503 } }),
    ]);
    expect(logged()[1]).not.toHaveProperty('err');
  });
});
