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
});
