import http from 'node:http';
import { listening } from '../fake-upstream';
import type { SimulatedTime } from './time';

/** What a simulated source answers: status, body and headers. */
export interface Answer {
  status: number;
  body: Buffer | string;
  type?: string;
}

export interface SimulatedUpstream {
  url: string;
  /** Every request as it arrived: path with query, and the simulated time it arrived at. */
  requests: { url: string; at: number; status: number }[];
  close(): Promise<void>;
}

/**
 * A source's service, run locally on a simulated clock: it answers 429 to a request that comes
 * sooner after the last than the source allows (`spacingMs`, as the operator documents it), and
 * otherwise what `answer` builds from recorded bytes. Tests count the requests and read the clock.
 */
export async function simulatedUpstream(
  time: SimulatedTime,
  spacingMs: number,
  answer: (url: URL, headers: http.IncomingHttpHeaders, request: { method: string; body: Buffer }) => Answer,
  /** Which requests the spacing counts (all when absent): a login host may have none. */
  spaced: (url: URL) => boolean = () => true,
): Promise<SimulatedUpstream> {
  const requests: SimulatedUpstream['requests'] = [];
  let last = -Infinity;
  const server = http.createServer((req, res) => {
    const at = time.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://upstream');
      let reply: Answer;
      if (spaced(url) && at - last < spacingMs)
        reply = { status: 429, body: `Too many requests: at most one every ${spacingMs / 1000} s.` };
      else {
        if (spaced(url)) last = at;
        try {
          reply = answer(url, req.headers, { method: req.method ?? 'GET', body: Buffer.concat(chunks) });
        } catch (e) {
          reply = { status: 500, body: `simulated upstream failed: ${(e as Error).message}` };
        }
      }
      requests.push({ url: req.url ?? '', at, status: reply.status });
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'text/plain' });
      res.end(reply.body);
    });
  });
  return { ...(await listening(server)), requests };
}

/** The market days from `first` to `last` inclusive. */
export function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let d = Date.parse(`${first}T00:00:00Z`); d <= Date.parse(`${last}T00:00:00Z`); d += 86_400_000)
    days.push(new Date(d).toISOString().slice(0, 10));
  return days;
}
