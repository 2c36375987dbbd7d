import type { Request, RequestHandler } from 'express';
import { readFile } from 'node:fs/promises';

/**
 * The origin `manifest.xml` and the built `functions.json` are written for. Excel loads every
 * add-in URL from the manifest, so a server on another port (`npm start -- --port 3471`) or on
 * plain http serves them rewritten to the origin it was actually asked on; the Host guard has
 * already refused any name the server is not served as.
 */
export const TEMPLATE_ORIGIN = 'https://localhost:3000';

const TYPES: Record<string, string> = { '.xml': 'application/xml', '.json': 'application/json' };

/** Serves each file of `files` (URL path -> file) with the template origin replaced by the request's own. */
export function servedForOrigin(files: Record<string, string>): RequestHandler {
  return (req, res, next) => {
    const file = files[req.path];
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    readFile(file, 'utf8').then(
      (text) =>
        res.type(TYPES[req.path.slice(req.path.lastIndexOf('.'))] ?? 'text/plain').send(text.split(TEMPLATE_ORIGIN).join(originOf(req))),
      () => next(),
    );
  };
}

function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}
