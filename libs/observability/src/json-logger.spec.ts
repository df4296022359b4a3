import { JsonLogger } from './json-logger';

describe('JsonLogger', () => {
  let lines: string[];
  let write: jest.SpyInstance;

  beforeEach(() => {
    lines = [];
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterEach(() => write.mockRestore());

  const logged = () => lines.map((line) => JSON.parse(line));

  it('writes one JSON line per call with the app and the context', () => {
    new JsonLogger('delivery').log({ msg: 'message accepted', messageId: 'm-1' }, 'SendMessage');
    expect(logged()).toEqual([expect.objectContaining({ level: 'info', app: 'delivery', context: 'SendMessage', msg: 'message accepted', messageId: 'm-1' })]);
  });

  it('never writes a phone number, a message text or a credential', () => {
    const logger = new JsonLogger('delivery', 'debug');
    logger.warn({ msg: 'message failed', to: '+16175550123', body: 'Pick up at 3', reason: 'number +16175550123 is a landline' });
    logger.error('request failed for +16175550199', new Error('Twilio said: +16175550123 unreachable, auth Basic QUM6c2VjcmV0'), 'Http');
    logger.debug({ msg: 'settings', sms: { authToken: 'abcdef123456' }, translation: { apiKey: 'AIzaSy123' } });
    logger.error(new Error('refused https://api.example/translate?key=AIzaSy999'));
    const all = lines.join('');
    expect(all).not.toMatch(/6175550|Pick up at 3|abcdef123456|AIzaSy|QUM6c2VjcmV0/);
    expect(logged()[0]).toMatchObject({ to: '[redacted]', body: '[redacted]', reason: 'number [phone] is a landline' });
    expect(logged()[1]).toMatchObject({ msg: 'request failed for [phone]', context: 'Http', err: { message: 'Twilio said: [phone] unreachable, auth Basic [redacted]' } });
    expect(logged()[3].msg).toBe('refused https://api.example/translate?key=[redacted]');
  });

  it('drops lines under its level', () => {
    new JsonLogger('api', 'warn').log('hello');
    expect(lines).toHaveLength(0);
  });
});
