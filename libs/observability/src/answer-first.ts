import { IncomingMessage, Server, ServerResponse } from 'node:http';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Makes `server` hand the requests `accepts` picks to `handler` before the framework behind it
 * (Express, and Nest behind that) sees them; every other request goes to the listeners the server
 * had. For the few hot routes whose whole work costs less than Express's router and request set-up.
 */
export function answerFirst(server: Server, accepts: (req: IncomingMessage) => boolean, handler: RequestListener): void {
  const others = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (accepts(req)) handler(req, res);
    else for (const listener of others) listener.call(server, req, res);
  });
}
