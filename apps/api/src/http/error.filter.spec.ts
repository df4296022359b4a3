import { ArgumentsHost, Logger, ServiceUnavailableException } from '@nestjs/common';
import { DomainError } from '@porchlight/contracts';
import { ErrorFilter } from './error.filter';

function host() {
  const response = { status: jest.fn().mockReturnThis(), json: jest.fn(), setHeader: jest.fn() };
  return { response, host: { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost };
}

describe('ErrorFilter logging of 5xx answers', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs a deliberate 503 as one warning line without a stack', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    for (const refused of [
      new DomainError('unavailable', 'the reply could not be translated into es: timeout'),
      new ServiceUnavailableException('not ready'),
    ]) {
      const { response, host: h } = host();
      new ErrorFilter().catch(refused, h);
      expect(response.status).toHaveBeenCalledWith(503);
    }
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(warn.mock.calls)).not.toContain('stack');
  });

  it('logs an unexpected failure as an error with its stack, behind a correlation id', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { response, host: h } = host();
    new ErrorFilter().catch(new TypeError('boom'), h);
    expect(response.status).toHaveBeenCalledWith(500);
    expect(error.mock.calls[0][0]).toMatchObject({ msg: 'request failed', err: { message: 'boom', stack: expect.any(String) } });
  });
});
