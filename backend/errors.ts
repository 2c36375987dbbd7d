/**
 * Every failure a person can act on is a GridError: a stable code, an HTTP status and a message
 * written for someone reading it in an Excel cell.
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNKNOWN_MARKET'
  | 'UNKNOWN_LOCATION'
  | 'UNKNOWN_RUN'
  | 'UNKNOWN_PRODUCT'
  | 'BAD_DATE'
  | 'RANGE_TOO_LARGE'
  | 'NO_DATA'
  | 'NOT_PUBLISHED'
  | 'NOT_CACHED'
  | 'MISSING_KEY'
  | 'UPSTREAM'
  | 'PARSE'
  | 'UNRECOGNIZED_FILE'
  | 'TOO_LARGE'
  | 'UNSAFE_INPUT'
  | 'UNAUTHORIZED'
  | 'INTERNAL';

const STATUS: Record<ErrorCode, number> = {
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
  MISSING_KEY: 424,
  UPSTREAM: 502,
  PARSE: 502,
  UNRECOGNIZED_FILE: 422,
  TOO_LARGE: 413,
  UNSAFE_INPUT: 422,
  UNAUTHORIZED: 401,
  INTERNAL: 500,
};

export class GridError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'GridError';
    this.code = code;
    this.status = STATUS[code];
  }
}

/** A parser found bytes it cannot trust: names the source and what was wrong. */
export class ParseError extends GridError {
  constructor(source: string, reason: string) {
    super('PARSE', `${source}: ${reason}`);
    this.name = 'ParseError';
  }
}
