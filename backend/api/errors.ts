import type { ErrorBody } from '../../contract';
import { GridError } from '../domain';

/** Any thrown value as a status and an `{error:{code,message,fields?}}` body, with secrets removed. */
export function errorResponse(e: unknown, redact: (text: string) => string): { status: number; body: ErrorBody } {
  if (e instanceof GridError) {
    const fields = e.fields?.map((f) => ({ ...f, message: redact(f.message) }));
    return { status: e.status, body: { error: { code: e.code, message: redact(e.message), ...(fields ? { fields } : {}) } } };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { status: 500, body: { error: { code: 'INTERNAL', message: redact(`gridcell hit an unexpected error: ${message}`) } } };
}
