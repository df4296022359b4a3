import { JobName, QueueName } from '@porchlight/contracts';
import { buildHandlerMap, HandlerRegistryError } from './worker-host';

const handler = { handle: async () => undefined };

describe('buildHandlerMap', () => {
  it('maps each job of the consumed queues to its one handler', () => {
    const other = { handle: async () => undefined };
    const survey = { handle: async () => undefined };
    const map = buildHandlerMap(
      [QueueName.Translation],
      [
        { name: JobName.TranslateNotice, handler, owner: 'A' },
        { name: JobName.TranslateReply, handler: other, owner: 'B' },
        { name: JobName.TranslateSurvey, handler: survey, owner: 'C' },
      ],
    );
    expect(map.get(JobName.TranslateNotice)).toBe(handler);
    expect(map.get(JobName.TranslateReply)).toBe(other);
    expect(map.get(JobName.TranslateSurvey)).toBe(survey);
  });

  it('refuses a job without a handler', () => {
    expect(() => buildHandlerMap([QueueName.Delivery], [])).toThrow(/message.send has no handler/);
  });

  it('refuses two handlers for one job', () => {
    expect(() =>
      buildHandlerMap(
        [QueueName.Translation],
        [
          { name: JobName.TranslateNotice, handler, owner: 'A' },
          { name: JobName.TranslateNotice, handler, owner: 'B' },
        ],
      ),
    ).toThrow(HandlerRegistryError);
  });

  it('refuses a handler for a queue the app does not consume', () => {
    expect(() => buildHandlerMap([], [{ name: JobName.SendMessage, handler, owner: 'A' }])).toThrow(/does not consume/);
  });
});
