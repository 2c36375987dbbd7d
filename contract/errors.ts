/** The API's error codes and the shape of an error answer: `{ "error": { code, message, fields? } }`. */

export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_MARKET',
  'UNKNOWN_LOCATION',
  'UNKNOWN_RUN',
  'UNKNOWN_PRODUCT',
  'BAD_DATE',
  'RANGE_TOO_LARGE',
  'NO_DATA',
  'NOT_PUBLISHED',
  'NOT_CACHED',
  'NEEDS_BACKFILL',
  'FETCHING',
  'UNKNOWN_JOB',
  'MISSING_KEY',
  'UPSTREAM',
  'PARSE',
  'UNRECOGNIZED_FILE',
  'TOO_LARGE',
  'UNSAFE_INPUT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'TOO_MANY_REQUESTS',
  'CACHE_BUSY',
  'CACHE_UNUSABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status each code answers with. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNKNOWN_MARKET: 400,
  UNKNOWN_LOCATION: 404,
  UNKNOWN_RUN: 400,
  UNKNOWN_PRODUCT: 400,
  BAD_DATE: 400,
  RANGE_TOO_LARGE: 400,
  NO_DATA: 404,
  NOT_PUBLISHED: 404,
  NOT_CACHED: 404,
  /** More days are missing than one request may fetch: a backfill job fetches them. */
  NEEDS_BACKFILL: 409,
  /** Accepted: the range is being fetched in the background (a job); ask again to get it. */
  FETCHING: 202,
  UNKNOWN_JOB: 404,
  MISSING_KEY: 424,
  UPSTREAM: 502,
  PARSE: 502,
  UNRECOGNIZED_FILE: 422,
  TOO_LARGE: 413,
  UNSAFE_INPUT: 422,
  UNAUTHORIZED: 401,
  /** A request this server refuses whoever sends it: another host name, another site's page, no client header. */
  FORBIDDEN: 403,
  /** A desk user made more requests in a minute than the server allows each user; Retry-After says when to try again. */
  TOO_MANY_REQUESTS: 429,
  /** Another gridcell process holds the cache's write lock longer than a write may wait. */
  CACHE_BUSY: 503,
  /** The cache database cannot be used: damaged, read-only, full, or deleted under the server. */
  CACHE_UNUSABLE: 500,
  INTERNAL: 500,
};

/** Codes that say the caller's own input is wrong (a cell shows #VALUE!); the rest say data is not there (#N/A). */
export const INPUT_ERROR_CODES: readonly ErrorCode[] = [
  'BAD_REQUEST',
  'UNKNOWN_MARKET',
  'UNKNOWN_RUN',
  'UNKNOWN_PRODUCT',
  'BAD_DATE',
  'RANGE_TOO_LARGE',
];

/** One wrong field of a request: its parameter name, its own code and what to write instead. */
export interface FieldError {
  field: string;
  code: ErrorCode;
  message: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    /** Written for a person reading it in an Excel cell or the taskpane. */
    message: string;
    /** Present when the request had wrong fields: one entry per field. */
    fields?: FieldError[];
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
