import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** Per language pair ("en>es"), phrases and their translations. */
export type PhraseBook = Record<string, Record<string, string>>;

export interface PhraseRequest {
  q: string[];
  source: string;
  target: string;
}

/**
 * A local HTTP server that speaks LibreTranslate's `POST /translate` as documented (JSON body
 * `{ q, source, target, format, api_key? }`, `q` a string or an array, answer `{ translatedText }`
 * of the same shape; 400 `{ error }` for a bad request) and translates with a small phrase book:
 * known phrases are replaced, longest first, case-insensitively; everything else, the `⟦n⟧`
 * placeholders included, is copied through. Text with no known phrase comes back as
 * `[target] text`, so a test can tell machine output from the source. It records each request.
 */
export class PhraseTranslatorServer {
  readonly requests: PhraseRequest[] = [];
  private server?: Server;
  url = '';

  constructor(private readonly book: PhraseBook) {}

  translate(text: string, source: string, target: string): string {
    const phrases = Object.entries(this.book[`${source}>${target}`] ?? {}).sort(([a], [b]) => b.length - a.length);
    let result = text;
    let matched = false;
    for (const [from, to] of phrases) {
      const pattern = new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
      if (pattern.test(result)) {
        matched = true;
        result = result.replace(pattern, to);
      }
    }
    return matched ? result : `[${target}] ${text}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const answer = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== '/translate') return answer(404, { error: 'Not Found' });
        let body: { q?: unknown; source?: unknown; target?: unknown; format?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return answer(400, { error: 'Invalid request: body is not JSON' });
        }
        const { q, source, target } = body;
        if (typeof source !== 'string' || typeof target !== 'string') return answer(400, { error: 'Invalid request: missing source or target parameter' });
        if (typeof q !== 'string' && !(Array.isArray(q) && q.every((t) => typeof t === 'string')))
          return answer(400, { error: 'Invalid request: missing q parameter' });
        const texts = typeof q === 'string' ? [q] : (q as string[]);
        this.requests.push({ q: texts, source, target });
        const translated = texts.map((text) => this.translate(text, source, target));
        answer(200, { translatedText: typeof q === 'string' ? translated[0] : translated });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Requests that asked for `target` with a text containing `fragment`. */
  callsFor(target: string, fragment = ''): PhraseRequest[] {
    return this.requests.filter((r) => r.target === target && r.q.some((t) => t.includes(fragment)));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
