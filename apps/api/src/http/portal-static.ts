import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { RequestHandler } from 'express';

/** Paths the API answers itself; the portal never shadows them. */
const RESERVED = ['/api', '/health', '/metrics', '/webhooks', '/p'];

const ROOT = resolve(__dirname, '../../../..');

/** Where `npm run build` writes the portal: `dist/portal`, whether the API runs from `dist/` or from its sources. */
export const PORTAL_DIR = join(ROOT.endsWith('dist') ? ROOT : join(ROOT, 'dist'), 'portal');

const reserved = (path: string) => RESERVED.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * Serves the built staff portal at `/`: its files as they are (hashed assets cached for a year),
 * and `index.html` for every other GET of a path without a file extension, so client-side routes
 * (`/notices/…`) survive a reload. Undefined when the portal has not been built.
 */
export function portalStatic(dir: string = PORTAL_DIR): RequestHandler | undefined {
  dir = resolve(dir);
  if (!existsSync(join(dir, 'index.html'))) return undefined;
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reserved(req.path)) {
      next();
      return;
    }
    const fallThrough = (error?: Error) => {
      if (error) next();
    };
    if (extname(req.path)) {
      const immutable = req.path.startsWith('/assets/');
      res.sendFile(req.path.slice(1), { root: dir, dotfiles: 'deny', immutable, maxAge: immutable ? '365d' : 0 }, fallThrough);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root: dir }, fallThrough);
  };
}
