import { classifyTwilioError } from './twilio-errors';

describe('classifyTwilioError', () => {
  it.each([
    [{ status: 429, code: 20429 }, 'rate_limited'],
    [{ status: 400, code: 21610 }, 'opted_out'],
    [{ status: 400, code: 21211 }, 'invalid_number'],
    [{ status: 400, code: 21614 }, 'invalid_number'],
    [{ status: 400, code: 30006 }, 'invalid_number'],
    [{ status: 400, code: 30003 }, 'retry_later'],
    [{ status: 400, code: 30007 }, 'permanent'],
    [{ status: 401, code: 20003 }, 'permanent'],
    [{ status: 503 }, 'transient'],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'transient'],
    [{ message: 'socket hang up' }, 'transient'],
    [{ status: 400, code: 21999 }, 'transient'],
    [{ status: 400, code: 21408 }, 'permanent'],
  ])('%j is %s', (error, kind) => {
    expect(classifyTwilioError(error).kind).toBe(kind);
  });

  it('keeps the code and a message a person can read', () => {
    const error = classifyTwilioError({ status: 400, code: 21610 });
    expect(error.code).toBe(21610);
    expect(error.message).toMatch(/opted out/);
  });

  it('says whether a failed request may still have reached Twilio', () => {
    expect(classifyTwilioError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })).mayHaveArrived).toBe(true);
    expect(classifyTwilioError(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })).mayHaveArrived).toBe(true);
    expect(classifyTwilioError({ status: 503, message: 'Service Unavailable' }).mayHaveArrived).toBe(true);
    expect(classifyTwilioError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).mayHaveArrived).toBe(false);
    expect(classifyTwilioError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })).mayHaveArrived).toBe(false);
    expect(classifyTwilioError({ status: 400, code: 21211, message: 'bad' }).mayHaveArrived).toBe(false);
  });
});
