import { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, RequestListener } from '@porchlight/observability';
import { SandboxMessages } from './sandbox-messages';
import { twilioError } from './twilio-format';

/** `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, exactly, as Twilio's clients call it. */
const CREATE = /^\/2010-04-01\/Accounts\/([A-Za-z0-9]{1,64})\/Messages\.json$/;
/** As the sandbox's form parser allows. */
export const MAX_FORM_BYTES = 256 * 1024;

export function isMessageCreate(req: IncomingMessage): boolean {
  return req.method === 'POST' && req.url !== undefined && CREATE.test(req.url);
}

/**
 * Message creation — one call per message Porchlight sends — answered on the sandbox's HTTP server
 * ahead of Express and Nest, as the real Twilio answers it on machines of its own: during a
 * broadcast the sandbox shares its cores with everything it stands in front of, and Express's
 * router, body parser and request log cost it more than the message itself.
 */
export function messageCreateHandler(messages: SandboxMessages): RequestListener {
  return (req, res) => {
    void answer(req, res).catch(() => {
      send(res, twilioError(400, 20001, 'The request could not be read.'));
    });
  };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const accountSid = CREATE.exec(req.url ?? '')?.[1] ?? '';
    const raw = await readBody(req, MAX_FORM_BYTES).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) return null;
      throw error;
    });
    if (raw === null) {
      send(res, twilioError(413, 20001, 'The request body is too large.'));
      return;
    }
    const form: Partial<Record<string, string>> = {};
    for (const [key, value] of new URLSearchParams(raw)) form[key] ??= value;
    send(res, await messages.create(accountSid, req.headers.authorization, form));
  }
}

function send(res: ServerResponse, answer: { status: number; body: Record<string, unknown> }): void {
  if (res.headersSent) return;
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
