import { createServer, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { postSigned } from './callbacks';

/**
 * A receiver that closes a kept-alive connection as its next request arrives, the way a server
 * whose idle timeout expires at that moment does: nothing of that request is read or answered.
 */
async function receiverClosingReusedSockets(): Promise<{ server: Server; url: string; answered: string[]; dropped: number }> {
  const seen = new WeakMap<Socket, number>();
  const state = { answered: [] as string[], dropped: 0 };
  const server = createServer((req, res) => {
    const count = (seen.get(req.socket) ?? 0) + 1;
    seen.set(req.socket, count);
    if (count > 1) {
      state.dropped += 1;
      req.socket.destroy();
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      state.answered.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/twilio/sms`;
  return {
    server,
    url,
    get answered() {
      return state.answered;
    },
    get dropped() {
      return state.dropped;
    },
  };
}

describe('postSigned (the sandbox calling Porchlight as Twilio does)', () => {
  it('sends a webhook again on a fresh socket when the receiver closed the kept-alive one it reused, and only then', async () => {
    const receiver = await receiverClosingReusedSockets();
    const account = { sid: `AC${'cd'.repeat(16)}`, token: 'sandbox-token-456' };
    try {
      expect((await postSigned(account, receiver.url, { Body: 'first' })).status).toBe(204);
      expect((await postSigned(account, receiver.url, { Body: 'second' })).status).toBe(204);
      expect(receiver.dropped).toBe(1);
      expect(receiver.answered).toEqual(['Body=first', 'Body=second']);
    } finally {
      receiver.server.closeAllConnections();
      receiver.server.close();
    }
  });
});
