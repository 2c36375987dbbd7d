/**
 * What the taskpane says about a failure. A failed API request (ApiError) carries the backend's
 * explanation or what went wrong on the way, already written for a person; anything else
 * (Excel, the clipboard) says its own message.
 */
export function failureMessage(thrown: unknown): string {
  const message = (thrown as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(thrown);
}
