import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ErrorBody } from '../../contract';
import type { UserTokens } from '../app/users';
import { GridError } from '../domain';

export const MIN_TOKEN_LENGTH = 16;
const LIMIT_WINDOW_MS = 60_000;

const SEND_IT = 'enter it under Settings > Access token in the gridcell taskpane, or send it as "Authorization: Bearer <token>".';

export interface AccessOptions {
  /** GRIDCELL_TOKEN: opens the API whether or not there are desk users (an admin's token, not limited). */
  token?: string;
  /** The desk users: when there is one, every API request needs a user's token (or the admin token). */
  users?: UserTokens;
  /** Per desk user, in one minute; a batch is one request. */
  userRequestsPerMinute: number;
}

/** The desk user a request was made by, once `accessControl` let it in; none for the admin token or a server without users. */
export function callerOf(res: Response): string | undefined {
  const user: unknown = res.locals.user;
  return typeof user === 'string' ? user : undefined;
}

/** Who may use the API, and how often: the token check, then each desk user's request limit. */
export function accessControl(options: AccessOptions): RequestHandler[] {
  const adminHash = options.token === undefined ? undefined : sha256(checkedAdminToken(options.token));
  const users = options.users;
  const authenticate: RequestHandler = (req, res, next) => {
    const desk = users?.isDesk ?? false;
    if (adminHash === undefined && !desk) return next();
    const given = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '')?.[1];
    if (given !== undefined) {
      if (adminHash !== undefined && timingSafeEqual(sha256(given), adminHash)) return next();
      const user = desk ? users?.userOf(given) : undefined;
      if (user !== undefined) {
        res.locals.user = user;
        return next();
      }
    }
    unauthorized(res, !desk ? ADMIN_TOKEN_NEEDED : given === undefined ? USER_TOKEN_NEEDED : USER_TOKEN_UNKNOWN);
  };
  return [authenticate, userLimit(options.userRequestsPerMinute)];
}

const ADMIN_TOKEN_NEEDED = `This gridcell server needs its access token (GRIDCELL_TOKEN): ${SEND_IT}`;
const USER_TOKEN_NEEDED = `This gridcell desk server needs your gridcell token (ask whoever runs the desk server): ${SEND_IT}`;
const USER_TOKEN_UNKNOWN =
  'This gridcell desk server does not know that token (it may have been removed, or mistyped): ask whoever runs the desk server for your gridcell token, and ' +
  SEND_IT;

function unauthorized(res: Response, message: string): void {
  res
    .status(401)
    .set('WWW-Authenticate', 'Bearer')
    .json({ error: { code: 'UNAUTHORIZED', message } } satisfies ErrorBody);
}

function checkedAdminToken(token: string): string {
  if (token.length < MIN_TOKEN_LENGTH)
    throw new GridError(
      'UNAUTHORIZED',
      `GRIDCELL_TOKEN is ${token.length} characters long; an access token needs at least ${MIN_TOKEN_LENGTH}. ` +
        `Make one with: node -e "console.log(require('node:crypto').randomBytes(24).toString('base64url'))"`,
    );
  return token;
}

/** Each desk user's requests in a minute, counted in this process; the admin token and servers without users are not limited. */
function userLimit(perMinute: number): RequestHandler {
  if (!Number.isInteger(perMinute) || perMinute < 1)
    throw new GridError(
      'BAD_REQUEST',
      `GRIDCELL_USER_REQUESTS_PER_MINUTE is "${perMinute}"; set it to a whole number of requests, at least 1 (600 when unset).`,
    );
  return rateLimit({
    windowMs: LIMIT_WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    skip: (_req, res) => callerOf(res) === undefined,
    keyGenerator: (_req, res) => callerOf(res) ?? '',
    handler: (_req: Request, res: Response, _next: NextFunction) => {
      const seconds = Number(res.getHeader('Retry-After')) || Math.ceil(LIMIT_WINDOW_MS / 1000);
      res.status(429).json({
        error: {
          code: 'TOO_MANY_REQUESTS',
          message: `${callerOf(res)} has made more than ${perMinute} requests to this gridcell desk server in a minute; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        },
      } satisfies ErrorBody);
    },
  });
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
