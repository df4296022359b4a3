import http from 'node:http';
import https from 'node:https';
import { Logger } from '@nestjs/common';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { SandboxAccount } from './sandbox-state';

const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

/**
 * Posts a form to `url` signed as Twilio signs its webhooks, with the account's token. Plain
 * `http.request` on keep-alive sockets: the sandbox sends two or three of these per message, and
 * `fetch` costs several times the CPU on the machine that also runs Porchlight. A kept-alive socket
 * the receiver closed just as it was reused (its idle timeout, 5 s in Node) fails before anything
 * was read: that request is sent again once on a fresh socket, as Node's documentation advises.
 */
export async function postSigned(account: SandboxAccount, url: string, params: Record<string, string>): Promise<{ status: number; body: string }> {
  const signature = getExpectedTwilioSignature(account.token, url, params);
  const body = new URLSearchParams(params).toString();
  const target = new URL(url);
  try {
    return await postOnce(target, signature, body);
  } catch (error) {
    if (!(error instanceof ReusedSocketClosed)) throw error;
    return postOnce(target, signature, body);
  }
}

/** The receiver closed a kept-alive socket as it was reused: nothing reached it, safe to send again. */
class ReusedSocketClosed extends Error {}

function postOnce(target: URL, signature: string, body: string): Promise<{ status: number; body: string }> {
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        agent: target.protocol === 'https:' ? agents.https : agents.http,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-twilio-signature': signature,
          'user-agent': 'TwilioProxy/1.1',
        },
        timeout: 15_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
        });
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('status callback timed out')));
    request.on('error', (error: NodeJS.ErrnoException) => {
      reject(request.reusedSocket && error.code === 'ECONNRESET' ? new ReusedSocketClosed(error.message) : error);
    });
    request.end(body);
  });
}

/**
 * Status callbacks, retried a few times and then dropped with a log line; never fatal. At most
 * `maxInFlight` are in flight at once (the rest wait their turn), as a provider paces its webhook
 * dispatch: a broadcast does not turn into tens of thousands of simultaneous requests.
 */
export class CallbackSender {
  private readonly logger = new Logger('StatusCallbacks');
  private inFlight = 0;
  /** Callbacks waiting for a turn, first come first served: `waiting[head]` is next. */
  private waiting: (() => void)[] = [];
  private head = 0;

  constructor(
    private readonly onResult: (ok: boolean) => void,
    private readonly maxInFlight = 32,
  ) {}

  async send(account: SandboxAccount, url: string, params: Record<string, string>): Promise<void> {
    if (this.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    try {
      await this.deliver(account, url, params);
    } finally {
      this.inFlight--;
      this.next();
    }
  }

  /**
   * Wakes the next waiting callback. A broadcast keeps tens of thousands waiting, so the queue is
   * read by index and compacted now and then, not shifted (an O(n) copy on arrays that large).
   */
  private next(): void {
    if (this.head >= this.waiting.length) return;
    const wake = this.waiting[this.head++];
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
    wake();
  }

  private async deliver(account: SandboxAccount, url: string, params: Record<string, string>): Promise<void> {
    for (let attempt = 1; attempt <= 4; attempt++) {
      try {
        const result = await postSigned(account, url, params);
        if (result.status < 500) {
          this.onResult(result.status < 300);
          return;
        }
      } catch {
        // the receiver is down: try again
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
    this.onResult(false);
    this.logger.warn({ msg: 'status callback dropped', url, sid: params.MessageSid, status: params.MessageStatus });
  }
}
