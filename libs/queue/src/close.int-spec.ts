import { QueueName } from '@porchlight/contracts';
import { freePort, useIntegration } from '@porchlight/testing';
import IORedis from 'ioredis';
import { JobProducer } from './job-producer';
import { producerConnection, workerConnection } from './redis';
import { WorkerHost } from './worker-host';

/** Errors Node would report as unhandled while `run` goes on, and for a moment after. */
async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const record = (error: unknown) => {
    seen.push(error);
  };
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
  try {
    await run();
    // A set-up that failed rejects on a later turn of the event loop; let those turns pass.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', record);
    process.off('uncaughtException', record);
  }
  return seen;
}

/** Yields `turns` times to the event loop: a process stopped that long after it started. */
async function turns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe('closing queues and workers right after they start (Redis)', () => {
  const spec = useIntegration('queue-close', { database: false });
  const url = () => `redis://127.0.0.1:${String(spec.redis.options.port)}`;

  it('closes queues still setting up on their connection without an unhandled error', async () => {
    const seen = await unhandledDuring(async () => {
      for (let i = 0; i < 200; i++) {
        // A process stopped right after it started: the queue's first commands are still in flight.
        const connection = producerConnection(url());
        const producer = new JobProducer(connection, spec.prefix);
        producer.queue(QueueName.Delivery);
        producer.queue(QueueName.Dispatch);
        await turns(i % 20);
        await producer.close();
        connection.disconnect();
      }
    });
    expect(seen).toEqual([]);
  });

  it('closes when Redis is away, without an unhandled error', async () => {
    const seen = await unhandledDuring(async () => {
      const connection = producerConnection(`redis://127.0.0.1:${await freePort()}`);
      const producer = new JobProducer(connection, spec.prefix);
      producer.queue(QueueName.Delivery);
      await producer.close();
      connection.disconnect();
    });
    expect(seen).toEqual([]);
  });

  it('closes workers still setting up on their connections without an unhandled error', async () => {
    const seen = await unhandledDuring(async () => {
      for (let i = 0; i < 100; i++) {
        const connections: IORedis[] = [];
        const host = new WorkerHost(
          () => {
            const connection = workerConnection(url());
            connections.push(connection);
            return connection;
          },
          new Map(),
          { concurrency: 1, prefix: spec.prefix },
        );
        host.start([QueueName.Delivery, QueueName.Dispatch]);
        await turns(i % 20);
        await host.close();
        for (const connection of connections) connection.disconnect();
      }
    });
    expect(seen).toEqual([]);
  });
});
