import type { ErrorBody } from '../../contract';
import { GridError } from '../domain';

/**
 * Any thrown value as a status and an `{error:{code,message,fields?}}` body, with secrets removed.
 * What is not a GridError is a fault of gridcell's: the caller reads that much, and the server's
 * log (stderr) gets the details.
 */
export function errorResponse(e: unknown, redact: (text: string) => string): { status: number; body: ErrorBody } {
  if (e instanceof GridError) {
    const fields = e.fields?.map((f) => ({ ...f, message: redact(f.message) }));
    return { status: e.status, body: { error: { code: e.code, message: redact(e.message), ...(fields ? { fields } : {}) } } };
  }
  console.error(redact(`gridcell: unexpected error while answering a request: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  return {
    status: 500,
    body: {
      error: {
        code: 'INTERNAL',
        message:
          "gridcell hit an unexpected error answering this request; the server's log has the details. Try again, and report it if it keeps happening.",
      },
    },
  };
}

/** A URL whose %-escapes do not decode (`%E0%A4%A`, a lone `%`). */
export function brokenEscape(url: string): GridError {
  return new GridError(
    'BAD_REQUEST',
    `The address "${url.slice(0, 120)}" has a broken %-escape: write a % sign as %25, and other characters as their UTF-8 bytes (é is %C3%A9).`,
  );
}
