import { ERROR_STATUS, type ErrorCode, type FieldError } from '../../contract';

/**
 * Every failure a person can act on is a GridError: a stable code, an HTTP status and a message
 * written for someone reading it in an Excel cell.
 */
export class GridError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** The wrong fields of a request, one each, when the error is about the request's input. */
  readonly fields?: FieldError[];

  constructor(code: ErrorCode, message: string, fields?: FieldError[]) {
    super(message);
    this.name = 'GridError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    if (fields?.length) this.fields = fields;
  }
}

/** A parser found bytes it cannot trust: names the source and what was wrong. */
export class ParseError extends GridError {
  constructor(source: string, reason: string) {
    super('PARSE', `${source}: ${reason}`);
    this.name = 'ParseError';
  }
}

export function isGridError(e: unknown, code?: ErrorCode): e is GridError {
  return e instanceof GridError && (code === undefined || e.code === code);
}
