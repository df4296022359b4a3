import { Logger } from '@nestjs/common';
import { errorLog } from './redis';

describe('errorLog', () => {
  afterEach(() => jest.useRealTimers());

  it('logs each distinct error once per quiet period, however often it repeats', () => {
    jest.useFakeTimers({ now: 0 });
    const logger = new Logger('spec');
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const log = errorLog(logger, { msg: 'worker error', queue: 'delivery' }, 60_000);
    for (let i = 0; i < 50; i++) log(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    log(new Error('READONLY You can not write against a read only replica'));
    jest.setSystemTime(59_999);
    log(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    jest.setSystemTime(60_000);
    log(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(error.mock.calls).toEqual([
      [{ msg: 'worker error', queue: 'delivery', err: 'connect ECONNREFUSED 127.0.0.1:6379' }],
      [{ msg: 'worker error', queue: 'delivery', err: 'READONLY You can not write against a read only replica' }],
      [{ msg: 'worker error', queue: 'delivery', err: 'connect ECONNREFUSED 127.0.0.1:6379' }],
    ]);
  });
});
