import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake upstream does for its n-th request (0-based). */
export type Step = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A local HTTP server on 127.0.0.1 that plays scripted answers; counts what it was asked. */
export async function fakeUpstream(
  steps: Step[],
): Promise<{ url: string; hits: { url: string; headers: http.IncomingHttpHeaders; at: number }[]; close(): Promise<void> }> {
  const hits: { url: string; headers: http.IncomingHttpHeaders; at: number }[] = [];
  const server = http.createServer((req, res) => {
    const step = steps[Math.min(hits.length, steps.length - 1)];
    hits.push({ url: req.url ?? '', headers: req.headers, at: Date.now() });
    step(req, res);
  });
  return { ...(await listening(server)), hits };
}

/** A server listening on a free port of 127.0.0.1: its address, and a close that drops kept-alive connections. */
export async function listening(server: http.Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export const reply =
  (status: number, body: string, headers: Record<string, string> = {}): Step =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(body);
  };

export const hangUp: Step = (req) => req.socket.destroy();
export const neverAnswer: Step = () => undefined;

/** One request exactly as written: node:http sends the Host, Origin and other headers it is given, which fetch would refuse or change. */
export function rawRequest(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
