import { isRedactedKey, redact, redactString, REDACTED } from './redact';

describe('redact', () => {
  it('drops the values of phone, text and credential fields at any depth, whatever the spelling', () => {
    const out = redact({
      msg: 'sent',
      messageId: 'm-1',
      to: '+16175550123',
      From: '+16175550100',
      body: 'Reunión esta noche',
      job: { data: { guardianPhone: '+16175550124', translatedBody: 'hola', TEXT: 'x', texts: ['a', 'b'] } },
      headers: { Authorization: 'Basic QUM6dG9rZW4=', 'X-Goog-Api-Key': 'AIzaSy-secret' },
      settings: [{ auth_token: 'tok', apiKey: 'k', 'Api-Key': 'k2', password: 'hunter2', accessToken: 'eyJ.x', secret: 's' }],
      counts: { sent: 3, phoneCount: 2 },
      note: null,
    });
    expect(out).toEqual({
      msg: 'sent',
      messageId: 'm-1',
      to: REDACTED,
      From: REDACTED,
      body: REDACTED,
      job: { data: { guardianPhone: REDACTED, translatedBody: REDACTED, TEXT: REDACTED, texts: REDACTED } },
      headers: { Authorization: REDACTED, 'X-Goog-Api-Key': REDACTED },
      settings: [{ auth_token: REDACTED, apiKey: REDACTED, 'Api-Key': REDACTED, password: REDACTED, accessToken: REDACTED, secret: REDACTED }],
      counts: { sent: 3, phoneCount: 2 },
      note: null,
    });
  });

  it('masks phone numbers anywhere in strings, error messages and stacks', () => {
    const error = new Error("The 'To' number +1 (617) 555-0123 is not valid; tried +447700900123 and %2B16175550125");
    const out = redact({ reason: 'number +16175550123 opted out', err: error }) as { reason: string; err: { message: string; stack: string } };
    expect(out.reason).toBe('number [phone] opted out');
    expect(out.err.message).toBe("The 'To' number [phone] is not valid; tried [phone] and [phone]");
    expect(out.err.stack).not.toMatch(/617|447700900123/);
    expect(JSON.stringify(out)).not.toMatch(/\d{7}/);
  });

  it('masks credentials written into strings', () => {
    expect(redactString('GET https://translation.googleapis.com/language/translate/v2?key=AIzaSyABC123&target=es failed')).toBe(
      `GET https://translation.googleapis.com/language/translate/v2?key=${REDACTED}&target=es failed`,
    );
    expect(redactString('proxy http://admin:s3cret@10.0.0.1:3128 refused')).toBe(`proxy http://${REDACTED}@10.0.0.1:3128 refused`);
    expect(redactString('header was Bearer abc.def-ghi')).toBe(`header was Bearer ${REDACTED}`);
    expect(redactString('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl in hand')).toBe(`token ${REDACTED} in hand`);
  });

  it('leaves ids, counts, dates and languages alone', () => {
    const at = new Date('2024-12-01T10:00:00Z');
    expect(redact({ noticeId: '4b1c5d1e-8a4c-4f7e-9d5e-2f0b6b1a9c3d', written: 1200, at, sourceLanguage: 'es', elapsed: '1.5s' })).toEqual({
      noticeId: '4b1c5d1e-8a4c-4f7e-9d5e-2f0b6b1a9c3d',
      written: 1200,
      at: '2024-12-01T10:00:00.000Z',
      sourceLanguage: 'es',
      elapsed: '1.5s',
    });
  });

  it('survives cycles and deep nesting', () => {
    const a: Record<string, unknown> = { id: 1 };
    a.self = a;
    expect(redact(a)).toEqual({ id: 1, self: '[circular]' });
    let deep: Record<string, unknown> = { phone: '+16175550123' };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    expect(JSON.stringify(redact(deep))).not.toContain('+1617');
  });

  it('knows which keys it drops', () => {
    expect(['to', 'FROM', 'phone', 'contactPhone', 'body', 'smsAuthToken', 'api_key', 'authorization', 'token', 'password'].every(isRedactedKey)).toBe(true);
    expect(['toLanguage', 'fromNumberId', 'messageId', 'status', 'msg', 'key', 'bodyLength'].some(isRedactedKey)).toBe(false);
  });
});
