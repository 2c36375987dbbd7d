import type { RunningServer } from '../../backend/api/server';
import { RequestBatcher } from '../../client';
import { CLIENT_HEADER } from '../../contract';

/** The functions' own batcher, posting its batches to a real server as the add-in does. */
export function serverBatcher(server: RunningServer): RequestBatcher {
  return new RequestBatcher({
    post: async (batch) => {
      const r = await fetch(`${server.url}/api/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' },
        body: JSON.stringify(batch),
      });
      return { status: r.status, body: await r.json() };
    },
  });
}
