import type { Request, RequestHandler, Response } from 'express';
import { hostname, networkInterfaces } from 'node:os';
import { API_PREFIX, CLIENT_HEADER, type ErrorBody } from '../../contract';

/**
 * Who may talk to the server. Each check is a few comparisons per HTTP request (none per batch
 * item). A page of another site that points its own name at 127.0.0.1 (DNS rebinding) is
 * same-origin with the server in the browser's eyes, so the Host header is checked on every
 * request, static files included; a page of another site that sends its request across origins
 * carries an Origin or a Sec-Fetch-Site header that says so; a form post or an image request
 * cannot carry CLIENT_HEADER.
 */

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const EVERY_INTERFACE = new Set(['0.0.0.0', '::']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The names the server may be addressed by (lower case, IPv6 in brackets): loopback's and the host
 * it listens on; listening on every interface, also each interface's address and the machine's name.
 */
export function servedNames(listenHost: string): ReadonlySet<string> {
  const names = [...LOOPBACK_NAMES, listenHost];
  if (EVERY_INTERFACE.has(listenHost)) {
    names.push(hostname());
    for (const addresses of Object.values(networkInterfaces())) for (const a of addresses ?? []) names.push(a.address);
  }
  return new Set(names.map((n) => (n.includes(':') && !n.startsWith('[') ? `[${n}]` : n).toLowerCase()));
}

/** Every request is addressed to one of the served names, on the port it arrived at. */
export function hostGuard(names: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const host = req.headers.host ?? '';
    if (isServedAs(host, names, req)) return next();
    refuse(
      req,
      res,
      `This gridcell server answers only to its own addresses, such as ${ownOrigin(req)}; this request was addressed to "${host.slice(0, 100)}". ` +
        'A web page that points its own name at this computer may be trying to read it. To use gridcell, open it at its own address.',
    );
  };
}

/** API requests come from gridcell's own pages or from programs, never from another site's page; a POST or DELETE carries CLIENT_HEADER. */
export function apiGuard(names: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if ((origin !== undefined && !isOwnOrigin(origin, names, req)) || site === 'cross-site' || site === 'same-site') {
      return refuse(
        req,
        res,
        `gridcell's API answers only its own pages (${ownOrigin(req)}) and programs on this computer; this request came from a page of ${origin && origin !== 'null' ? origin.slice(0, 100) : 'another site'}.`,
      );
    }
    if (!SAFE_METHODS.has(req.method) && !req.get(CLIENT_HEADER)) {
      return refuse(
        req,
        res,
        `${req.method} ${req.originalUrl.split('?')[0].slice(0, 100)} needs the header "${CLIENT_HEADER}: 1": gridcell's add-in sends it and a page of another site cannot. Add it to calls from your own programs.`,
      );
    }
    next();
  };
}

function isServedAs(authority: string, names: ReadonlySet<string>, req: Request): boolean {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(authority.toLowerCase());
  if (!m) return false;
  const port = m[2] === undefined ? (req.secure ? 443 : 80) : Number(m[2]);
  return port === req.socket.localPort && names.has(m[1]);
}

function isOwnOrigin(origin: string, names: ReadonlySet<string>, req: Request): boolean {
  if (!URL.canParse(origin)) return false; // "null": a sandboxed frame, a file, a redirect across origins
  const url = new URL(origin);
  return url.protocol === `${req.protocol}:` && isServedAs(url.host, names, req);
}

function ownOrigin(req: Request): string {
  return `${req.protocol}://localhost:${req.socket.localPort}`;
}

function refuse(req: Request, res: Response, message: string): void {
  res.status(403);
  if (req.path === API_PREFIX || req.path.startsWith(`${API_PREFIX}/`) || req.baseUrl === API_PREFIX)
    res.json({ error: { code: 'FORBIDDEN', message } } satisfies ErrorBody);
  else res.type('text/plain').send(`${message}\n`);
}
