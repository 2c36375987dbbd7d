import { apiBase } from './backend-url';
import { RequestBatcher } from './batcher';
import { requestJson } from './http';

/** A batcher that posts to the configured backend's POST /api/v1/batch. */
export function createBackendBatcher(): RequestBatcher {
  return new RequestBatcher({
    post: (batch) =>
      requestJson(`${apiBase()}/batch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(batch),
      }),
  });
}
