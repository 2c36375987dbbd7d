import express, { type NextFunction, type Request, type Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppOptions } from '../app';
import { GridError } from '../errors';
import { API_PREFIX, BATCH_MAX_REQUESTS, type BatchRequest, type BatchResponseItem } from './contract';
import { errorResponse } from './errors';
import { findRoute, type Query } from './handlers';

export const BODY_LIMIT = '8mb';

/** One Express origin: the API under /api/v1 and the built add-in's static files. */
export function createServer(app: App, options: { staticDir?: string; token?: string } = {}): express.Express {
  const server = express();
  server.disable('x-powered-by');
  // Answers are computed per request; hashing a multi-megabyte batch answer for an ETag costs more than it saves.
  server.set('etag', false);
  const api = express.Router();
  if (options.token) api.use(requireToken(options.token));
  api.use(express.json({ limit: BODY_LIMIT }));

  api.post('/batch', async (req, res) => {
    const body = req.body as Partial<BatchRequest> | undefined;
    if (!body || !Array.isArray(body.requests)) throw new GridError('BAD_REQUEST', 'A batch is {"requests":[{"id":"1","method":"GET","url":"/series?..."}]}.');
    if (body.requests.length > BATCH_MAX_REQUESTS) throw new GridError('TOO_LARGE', `A batch may carry at most ${BATCH_MAX_REQUESTS} requests; this one has ${body.requests.length}.`);
    const once = new Map<string, Promise<{ status: number; body: unknown }>>();
    const responses: BatchResponseItem[] = await Promise.all(
      body.requests.map(async (item, i): Promise<BatchResponseItem> => {
        const id = typeof item?.id === 'string' || typeof item?.id === 'number' ? String(item.id) : String(i + 1);
        if ((item?.method ?? 'GET').toUpperCase() !== 'GET') {
          return { id, status: 405, body: { error: { code: 'BAD_REQUEST', message: 'Only GET requests can be batched.' } } };
        }
        const url = typeof item?.url === 'string' ? item.url : '';
        let pending = once.get(url);
        if (!pending) {
          pending = answer(app, url);
          once.set(url, pending);
        }
        return { id, ...(await pending) };
      }),
    );
    res.json({ responses });
  });

  api.delete('/cache', (_req, res) => {
    app.store.clear();
    app.catalog.invalidate();
    res.json({ cleared: true });
  });

  api.get(/.*/, async (req, res) => {
    const route = findRoute(req.path);
    if (!route) throw new GridError('BAD_REQUEST', `No API route ${req.path}. Routes: /health, /markets, /markets/:market/locations, /series, /aggregate, /latest, /fx, POST /batch.`);
    res.json(await route.handler(app, queryOf(req.query), route.params));
  });

  api.use((_req: Request, _res: Response, next: NextFunction) => next(new GridError('BAD_REQUEST', 'Unknown API route.')));
  api.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (e?.type === 'entity.too.large') return void res.status(413).json({ error: { code: 'TOO_LARGE', message: `The request body is larger than ${BODY_LIMIT}; split the batch.` } });
    if (e?.type === 'entity.parse.failed') return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' } });
    const { status, body } = errorResponse(err, app.redact);
    res.status(status).json(body);
  });

  server.use(API_PREFIX, api);
  if (options.staticDir && existsSync(options.staticDir)) {
    server.get('/', (_req, res) => res.redirect('/taskpane.html'));
    server.use(express.static(options.staticDir, { index: false }));
  }
  return server;
}

/** Runs one GET API call in-process, as a batch item. */
async function answer(app: App, url: string): Promise<{ status: number; body: unknown }> {
  try {
    if (!url.startsWith('/')) throw new GridError('BAD_REQUEST', `A batch url is a path such as /series?market=PJM&...; got "${url.slice(0, 80)}".`);
    const mark = url.indexOf('?');
    const fullPath = mark < 0 ? url : url.slice(0, mark);
    const path = fullPath.startsWith(API_PREFIX) ? fullPath.slice(API_PREFIX.length) : fullPath;
    const route = findRoute(path);
    if (!route) throw new GridError('BAD_REQUEST', `No API route ${path}.`);
    const query: Query = {};
    for (const [k, v] of new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1))) if (!(k in query)) query[k] = v;
    return { status: 200, body: await route.handler(app, query, route.params) };
  } catch (e) {
    return errorResponse(e, app.redact);
  }
}

function queryOf(q: Request['query']): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(q)) out[k] = Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined;
  return out;
}

function requireToken(token: string) {
  const expected = Buffer.from(token);
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.get('x-gridcell-token') ?? req.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
    const buf = Buffer.from(given);
    if (buf.length === expected.length && timingSafeEqual(buf, expected)) return next();
    res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'This gridcell server needs its access token: send it as "Authorization: Bearer <GRIDCELL_TOKEN>".' } });
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface StartOptions extends AppOptions {
  port?: number;
  host?: string;
  dbPath?: string;
  staticDir?: string;
  offline?: boolean;
  replayDir?: string;
  token?: string;
  tls?: { key: Buffer | string; cert: Buffer | string };
}

export interface RunningServer {
  url: string;
  app: App;
  close(): Promise<void>;
}

/** Starts the server; refuses to listen beyond loopback without an access token. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const app = createApp({
    ...options,
    config: {
      ...options.config,
      ...(options.dbPath ? { dbPath: options.dbPath } : {}),
      ...(options.offline !== undefined ? { offline: options.offline } : {}),
      ...(options.replayDir ? { replayDir: options.replayDir } : {}),
    },
  });
  const host = options.host ?? app.config.host;
  const token = options.token ?? app.config.token;
  if (!isLoopback(host) && !token) {
    app.close();
    throw new GridError('UNAUTHORIZED', `Refusing to listen on ${host} without an access token: set GRIDCELL_TOKEN, or keep the default 127.0.0.1.`);
  }
  const handler = createServer(app, { staticDir: options.staticDir, token });
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? app.config.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host === '127.0.0.1' && options.tls ? 'localhost' : host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    app,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => {
          app.close();
          resolve();
        });
      }),
  };
}
