import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request as the local server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Answer only after this long (to exercise timeouts). */
  delayMs?: number;
}

/**
 * A node:http server on a free local port that speaks one provider's API for contract and API tests:
 * `handle` answers like the real service (and refuses requests of the wrong shape with 418 and
 * the reason), while `inject` queues faults served before it: 429s, 5xx, bad keys, slow answers.
 */
export class LocalProviderServer {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: ScriptedResponse[] = [];
  private server?: Server;
  url = '';

  constructor(private readonly handle: (request: RecordedRequest) => ScriptedResponse) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const request: RecordedRequest = {
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(request);
        let response: ScriptedResponse;
        try {
          response = this.faults.shift() ?? this.handle(request);
        } catch (error) {
          response = { status: 418, body: { message: `contract violated: ${(error as Error).message}` } };
        }
        const send = () => {
          if (res.destroyed) return;
          const body = response.body === undefined ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
          res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', ...response.headers });
          res.end(body);
        };
        if (response.delayMs) setTimeout(send, response.delayMs).unref();
        else send();
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  inject(...responses: ScriptedResponse[]): void {
    this.faults.push(...responses);
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Throws (→ 418) unless `condition` holds: how a local server checks a request's shape. */
export function check(condition: unknown, reason: string): asserts condition {
  if (!condition) throw new Error(reason);
}

/** The deterministic "translation" the local servers answer with. */
export const fakeTranslation = (text: string, target: string) => `[${target}] ${text}`;
