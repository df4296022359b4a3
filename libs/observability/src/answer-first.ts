import { IncomingMessage, Server, ServerResponse } from 'node:http';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Makes `server` hand a request to the handler `pick` returns for it before the framework behind
 * it (Express, and Nest behind that) sees the request; a request `pick` returns nothing for goes to
 * the listeners the server had. For the few hot routes whose whole work costs less than Express's
 * router and request set-up (about 80 µs a request).
 */
export function answerFirst(server: Server, pick: (req: IncomingMessage) => RequestListener | undefined): void {
  const others = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const handler = pick(req);
    if (handler) handler(req, res);
    else for (const listener of others) listener.call(server, req, res);
  });
}
