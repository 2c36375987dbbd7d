import { isErrorCode, type ErrorBody, type ErrorCode, type FieldError } from '../contract';

/**
 * Why a request failed when the backend did not say so in the contract's words: it could not be
 * reached, did not answer in time, answered with something that is not gridcell's JSON, or left
 * the request out of its batch answer.
 */
export type TransportFailure = 'UNREACHABLE' | 'TIMED_OUT' | 'NOT_GRIDCELL_JSON' | 'LEFT_OUT_OF_BATCH';

/** A request to the API that failed, with a message written for a person. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** The contract's code when the backend explained the failure; the transport failure otherwise. */
    readonly code: ErrorCode | TransportFailure,
    /** The HTTP status of the answer, when there was one. */
    readonly status?: number,
    /** The wrong fields of the request, one entry each, when the backend named them. */
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** An answer that is not a success, as the error its body explains. */
export function errorFromAnswer(status: number, body: unknown): ApiError {
  const error = (body as Partial<ErrorBody> | null)?.error;
  if (typeof error?.message !== 'string') {
    return new ApiError(
      `The gridcell backend answered with status ${status} and no explanation. Check the backend's log.`,
      'NOT_GRIDCELL_JSON',
      status,
    );
  }
  return new ApiError(error.message, isErrorCode(error.code) ? error.code : 'NOT_GRIDCELL_JSON', status, error.fields ?? []);
}
