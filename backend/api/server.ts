import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { API_PREFIX, BATCH_PATH, CACHE_PATH, CLIENT_HEADER, JOBS_PATH, KEYS_PATH, type BatchRequest } from '../../contract';
import type { App } from '../app/app';
import { UserTokens } from '../app/users';
import { GridError } from '../domain';
import type { RawParams } from '../validation/fields';
import { accessControl, callerOf } from './access';
import { answerBatch } from './batch';
import { brokenEscape, errorResponse } from './errors';
import { apiGuard, hostGuard, servedNames } from './guard';
import { GET_PATHS, GET_ROUTES } from './routes';
import { helpPage } from './help-page';
import { servedForOrigin } from './served-for-origin';

export const BODY_LIMIT = '8mb';
export { MIN_TOKEN_LENGTH } from './access';
/** An API key's body, `{"value": "..."}`, is read with a cap of its own. */
export const KEY_BODY_LIMIT = 4096;

export interface ServerOptions {
  staticDir?: string;
  /** The add-in manifest, served at /manifest.xml for the origin the server runs on. */
  manifest?: string;
  /** Every API request must carry it as `Authorization: Bearer <token>`. */
  token?: string;
  /** The desk users, whose tokens open the API too; read from the app's configured users file when absent. */
  users?: UserTokens;
  /** The address the server listens on (its name is one it answers to); the app's configured host when absent. */
  host?: string;
}

/** One Express origin: the API under /api/v1 and the built add-in's static files, answering only as itself. */
export function createServer(app: App, options: ServerOptions = {}): express.Express {
  const server = express();
  server.disable('x-powered-by');
  // Answers are computed per request; hashing a multi-megabyte batch answer for an ETag costs more than it saves.
  server.set('etag', false);
  const names = servedNames(options.host ?? app.config.host);
  server.use(hostGuard(names));
  const api = express.Router();
  api.use(apiGuard(names));
  api.use(
    accessControl({
      token: options.token,
      users: options.users ?? new UserTokens(app.config.usersPath),
      userRequestsPerMinute: app.config.userRequestsPerMinute,
    }),
  );
  // Before the general body reader, so that a key's body is read with its own small cap.
  api.put(`${KEYS_PATH}/:env`, keyBody, (req, res) => {
    res.json(app.saveKey(String(req.params.env), req.body));
  });
  api.delete(`${KEYS_PATH}/:env`, (req, res) => {
    res.json(app.removeKey(String(req.params.env)));
  });
  api.use(express.json({ limit: BODY_LIMIT }));
  for (const path of GET_PATHS) {
    api.get(path, async (req, res) => {
      const query = queryOf(req.query);
      // A background fetch is work started by a request: only gridcell's own clients may ask for it (a batch always does).
      if (query.background !== undefined && query.background !== '0' && !req.get(CLIENT_HEADER))
        throw new GridError(
          'FORBIDDEN',
          `background=1 starts a fetch job; send it with the ${CLIENT_HEADER} header (gridcell's add-in does), or start a backfill job with POST ${API_PREFIX}${JOBS_PATH}.`,
        );
      const answer = await GET_ROUTES[path](app, query, req.params as Record<string, string>);
      const user = callerOf(res);
      res.json(path === '/health' && user !== undefined ? { ...answer, user } : answer);
    });
  }
  api.post(BATCH_PATH, async (req, res) => {
    res.json(await answerBatch(app, req.body as Partial<BatchRequest> | undefined));
  });
  api.post(JOBS_PATH, async (req, res) => {
    res.status(202).json(await app.startBackfill(app.requests.backfill(bodyParams(req.body))));
  });
  api.delete(`${JOBS_PATH}/:id`, async (req, res) => {
    res.json(await app.cancelJob(req.params.id));
  });
  api.delete(CACHE_PATH, async (_req, res) => {
    res.json(await app.clearCache());
  });
  api.use((req: Request) => {
    throw new GridError(
      'BAD_REQUEST',
      `No API route ${req.method} ${req.path.slice(0, 100)}. Routes: GET ${GET_PATHS.join(', ')}; POST ${BATCH_PATH}, ${JOBS_PATH}; PUT ${KEYS_PATH}/:env; DELETE ${JOBS_PATH}/:id, ${CACHE_PATH}, ${KEYS_PATH}/:env.`,
    );
  });
  api.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { status, body } = errorResponse(requestFault(err, req) ?? err, app.redact);
    res.status(status).json(body);
  });

  server.use(API_PREFIX, api);
  if (options.staticDir && existsSync(options.staticDir)) {
    server.get('/', (_req, res) => res.redirect('/taskpane.html'));
    const functionsJson = join(options.staticDir, 'functions.json');
    server.get('/help.html', async (_req, res) => {
      res.type('html').send(helpPage(functionsJson, await app.markets()));
    });
    server.use(
      servedForOrigin({
        '/functions.json': functionsJson,
        ...(options.manifest ? { '/manifest.xml': options.manifest } : {}),
      }),
    );
    server.use(express.static(options.staticDir, { index: false }));
  }
  server.use((req: Request, res: Response) => {
    res
      .status(404)
      .type('text/plain')
      .send(`Nothing at ${req.path.slice(0, 100)}: the taskpane is /taskpane.html, the API is under ${API_PREFIX}.\n`);
  });
  server.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { status, body } = errorResponse(requestFault(err, req) ?? err, app.redact);
    res.status(status).type('text/plain').send(`${body.error.message}\n`);
  });
  return server;
}

const keyJson = express.json({ limit: KEY_BODY_LIMIT });

/** The JSON body of PUT /keys/:env, at most KEY_BODY_LIMIT bytes. */
function keyBody(req: Request, res: Response, next: NextFunction): void {
  keyJson(req, res, (err?: unknown) => {
    if ((err as { type?: unknown } | undefined)?.type === 'entity.too.large')
      return next(new GridError('TOO_LARGE', `A key's request body is at most ${KEY_BODY_LIMIT} bytes: {"value": "<the key>"}.`));
    next(err);
  });
}

/**
 * What is wrong with a request that Express or its body reader refused (a 4xx error of theirs),
 * in the caller's words; undefined for anything else.
 */
function requestFault(err: unknown, req: Request): GridError | undefined {
  const e = err as { status?: unknown; type?: unknown; charset?: unknown; encoding?: unknown } | null;
  if (err instanceof URIError) return brokenEscape(req.originalUrl);
  if (err instanceof GridError || typeof e?.status !== 'number' || e.status < 400 || e.status > 499) return undefined;
  switch (e.type) {
    case 'entity.too.large':
      return new GridError('TOO_LARGE', `The request body is larger than ${BODY_LIMIT}; split the batch.`);
    case 'entity.parse.failed':
      return new GridError('BAD_REQUEST', 'The request body is not valid JSON.');
    case 'charset.unsupported':
      return new GridError(
        'BAD_REQUEST',
        `The request body's charset "${String(e.charset).slice(0, 40)}" is not one gridcell reads: send JSON in UTF-8 (Content-Type: application/json).`,
      );
    case 'encoding.unsupported':
      return new GridError(
        'BAD_REQUEST',
        `The request body's Content-Encoding "${String(e.encoding).slice(0, 40)}" is not one gridcell reads: send it as is, or gzip, deflate or br.`,
      );
    default:
      return new GridError('BAD_REQUEST', `The request could not be read (HTTP ${e.status}); check its headers and body.`);
  }
}

function queryOf(q: Request['query']): RawParams {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

/** A JSON body of text fields (a backfill's market, location, start, end...), as a query's. */
function bodyParams(body: unknown): RawParams {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new GridError(
      'BAD_REQUEST',
      'Send the backfill as a JSON object, e.g. {"market":"PJM","location":"WESTERN HUB","start":"2024-01-01","end":"2024-12-31"}.',
    );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    // A portfolio may come as a list of names: the query reads it as names separated by ';'.
    if (k === 'locations' && Array.isArray(v) && v.every((name) => typeof name === 'string')) out[k] = v.join(';');
    else if (typeof v !== 'string') throw new GridError('BAD_REQUEST', `"${k.slice(0, 40)}" must be text in the backfill's JSON body.`);
    else out[k] = v;
  }
  return out;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface ListenOptions {
  port?: number;
  host?: string;
  staticDir?: string;
  manifest?: string;
  token?: string;
  users?: UserTokens;
  tls?: { key: Buffer | string; cert: Buffer | string };
}

export interface RunningServer {
  url: string;
  app: App;
  /** Stops listening and closes the app. */
  close(): Promise<void>;
}

/** Serves an app; refuses to listen beyond loopback without an access token or desk users (who each have one). */
export async function startServer(app: App, options: ListenOptions = {}): Promise<RunningServer> {
  const host = options.host ?? app.config.host;
  const token = options.token ?? app.config.token;
  const users = options.users ?? new UserTokens(app.config.usersPath);
  if (!isLoopback(host) && !token && !users.isDesk) {
    throw new GridError(
      'UNAUTHORIZED',
      `Refusing to listen on ${host} without an access token: set GRIDCELL_TOKEN, or add desk users with "gridcell users add NAME" (each gets a token of their own), or keep the default 127.0.0.1.`,
    );
  }
  const handler = createServer(app, { staticDir: options.staticDir, manifest: options.manifest, token, users, host });
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
        server.close(() => void app.close().then(resolve, resolve));
      }),
  };
}
