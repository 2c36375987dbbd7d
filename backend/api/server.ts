import express, { type NextFunction, type Request, type Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { API_PREFIX, BATCH_PATH, CACHE_PATH, type BatchRequest } from '../../contract';
import type { App } from '../app/app';
import { GridError } from '../domain';
import type { RawParams } from '../validation/fields';
import { answerBatch } from './batch';
import { errorResponse } from './errors';
import { GET_PATHS, GET_ROUTES } from './routes';

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
  for (const path of GET_PATHS) {
    api.get(path, async (req, res) => {
      res.json(await GET_ROUTES[path](app, queryOf(req.query), req.params as Record<string, string>));
    });
  }
  api.post(BATCH_PATH, async (req, res) => {
    res.json(await answerBatch(app, req.body as Partial<BatchRequest> | undefined));
  });
  api.delete(CACHE_PATH, (_req, res) => {
    res.json(app.clearCache());
  });
  api.use((req: Request) => {
    throw new GridError(
      'BAD_REQUEST',
      `No API route ${req.method} ${req.path}. Routes: ${GET_PATHS.join(', ')}, POST ${BATCH_PATH}, DELETE ${CACHE_PATH}.`,
    );
  });
  api.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string };
    if (e?.type === 'entity.too.large')
      return void res
        .status(413)
        .json({ error: { code: 'TOO_LARGE', message: `The request body is larger than ${BODY_LIMIT}; split the batch.` } });
    if (e?.type === 'entity.parse.failed')
      return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' } });
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

function queryOf(q: Request['query']): RawParams {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

function requireToken(token: string) {
  const expected = Buffer.from(token);
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.get('x-gridcell-token') ?? req.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
    const buf = Buffer.from(given);
    if (buf.length === expected.length && timingSafeEqual(buf, expected)) return next();
    res.status(401).json({
      error: {
        code: 'UNAUTHORIZED',
        message: 'This gridcell server needs its access token: send it as "Authorization: Bearer <GRIDCELL_TOKEN>".',
      },
    });
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface ListenOptions {
  port?: number;
  host?: string;
  staticDir?: string;
  token?: string;
  tls?: { key: Buffer | string; cert: Buffer | string };
}

export interface RunningServer {
  url: string;
  app: App;
  /** Stops listening and closes the app. */
  close(): Promise<void>;
}

/** Serves an app; refuses to listen beyond loopback without an access token. */
export async function startServer(app: App, options: ListenOptions = {}): Promise<RunningServer> {
  const host = options.host ?? app.config.host;
  const token = options.token ?? app.config.token;
  if (!isLoopback(host) && !token) {
    throw new GridError(
      'UNAUTHORIZED',
      `Refusing to listen on ${host} without an access token: set GRIDCELL_TOKEN, or keep the default 127.0.0.1.`,
    );
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
