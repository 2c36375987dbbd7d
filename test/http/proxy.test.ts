/**
 * gridcell behind a corporate proxy that inspects TLS, as a new user on a trading desk runs it:
 * `HTTPS_PROXY` names a local proxy, which answers CONNECT to oasis.caiso.com by terminating TLS
 * itself with a certificate of its own CA (as such proxies do) and answering as OASIS does, with
 * the real recorded zip. `NODE_EXTRA_CA_CERTS` names that CA. The test CA and certificate are made
 * here with openssl, for two days.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { createApp } from '../../backend/app/create-app';
import { proxyShown } from '../../backend/http/proxy';
import { runGridcell } from '../faults/helpers';
import { cleanEnv } from '../support/app';
import { describeShared, readShared } from '../support/fixtures';
import { oasisAnswer, recordedOasisLmp } from '../support/simulated/caiso';

const ZIP = 'caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip';
// From the CSV in the zip: TH_SP15_GEN-APND, 2023-01-01, OPR_HR 8 (07:00 PST) LMP 122.23325.
const HOUR_8_LMP = 122.23325;

/** A CA and a certificate for oasis.caiso.com signed by it. */
function inspectingProxyCertificates(dir: string): { ca: string; key: Buffer; cert: Buffer } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-subj',
    '/CN=Desk Proxy Test CA',
    '-days',
    '2',
  );
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=oasis.caiso.com');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:oasis.caiso.com\n');
  run(
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'leaf.pem',
    '-days',
    '2',
    '-extfile',
    'san.ext',
  );
  return { ca: join(dir, 'ca.pem'), key: readFileSync(join(dir, 'leaf.key')), cert: readFileSync(join(dir, 'leaf.pem')) };
}

interface Seen {
  connects: { target: string; auth?: string }[];
  requests: string[];
}

/**
 * The proxy: CONNECT answered, TLS terminated with its own certificate, OASIS answered as OASIS
 * does: a single day with the recording itself, a longer window with the simulated OASIS's answer
 * built from it (test/support/simulated/caiso.ts).
 */
async function inspectingProxy(key: Buffer, cert: Buffer, seen: Seen): Promise<{ url: string; close(): Promise<void> }> {
  const oasis = http.createServer((req, res) => {
    seen.requests.push(`${req.headers.host}${req.url}`);
    const url = new URL(req.url ?? '/', 'https://oasis.caiso.com');
    const answer = url.searchParams.get('startdatetime')?.startsWith('20230101')
      ? { status: 200, body: readShared(ZIP) }
      : oasisAnswer(url);
    res.writeHead(answer.status, { 'content-type': 'application/x-zip-compressed' });
    res.end(answer.body);
  });
  const proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: http.IncomingMessage, socket) => {
    seen.connects.push({ target: req.url ?? '', auth: req.headers['proxy-authorization'] });
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    oasis.emit('connection', new tls.TLSSocket(socket, { isServer: true, key, cert }));
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        proxy.closeAllConnections();
        proxy.close(() => r());
      }),
  };
}

describeShared(ZIP)('behind a proxy that inspects TLS', () => {
  jest.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'gridcell-proxy-'));
  const { ca, key, cert } = inspectingProxyCertificates(dir);
  const seen: Seen = { connects: [], requests: [] };
  let proxy: Awaited<ReturnType<typeof inspectingProxy>>;

  beforeAll(async () => {
    proxy = await inspectingProxy(key, cert, seen);
  });
  afterAll(() => proxy.close());

  test('with NODE_EXTRA_CA_CERTS the request tunnels through the proxy and the day is answered', async () => {
    const withCredentials = proxy.url.replace('http://', 'http://desk:s3cret@');
    const env = cleanEnv({ HTTPS_PROXY: withCredentials, NODE_EXTRA_CA_CERTS: ca });
    const r = await runGridcell(env, ['query', 'CAISO', 'TH_SP15_GEN-APND', '2023-01-01', '--run', 'DA', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as { points: { start: string; value: number }[] };
    expect(answer.points).toHaveLength(24);
    expect(answer.points[7]).toMatchObject({ start: '2023-01-01T07:00:00-08:00', value: HOUR_8_LMP });
    // One CONNECT to OASIS with the proxy's credentials, and OASIS's real path inside the tunnel.
    expect(seen.connects).toEqual([{ target: 'oasis.caiso.com:443', auth: `Basic ${Buffer.from('desk:s3cret').toString('base64')}` }]);
    expect(seen.requests).toEqual([
      expect.stringMatching(/^oasis\.caiso\.com\/oasisapi\/SingleZip\?.*queryname=PRC_LMP.*node=TH_SP15_GEN-APND/),
    ]);
  });

  test('a month through the proxy is one request for the whole month, answered hour by hour', async () => {
    const env = cleanEnv({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca });
    const before = seen.requests.length;
    const r = await runGridcell(env, ['query', 'CAISO', 'TH_SP15_GEN-APND', '2025-07-01', '2025-07-31', '--run', 'DA', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as { points: { start: string; value: number }[] };
    expect(answer.points).toHaveLength(31 * 24);
    expect(answer.points[7].value).toBe(recordedOasisLmp(8));
    const asked = seen.requests.slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/startdatetime=20250701T07:00-0000&enddatetime=20250801T07:00-0000/);
  });

  test("without the proxy's CA the answer is refused, saying what to set", async () => {
    const env = cleanEnv({ HTTPS_PROXY: proxy.url });
    const r = await runGridcell(env, ['query', 'CAISO', 'TH_SP15_GEN-APND', '2023-01-01', '--run', 'DA']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "oasis.caiso.com: its certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE). Behind a proxy that inspects TLS, set NODE_EXTRA_CA_CERTS to the file of the proxy's CA certificate",
    );
  });

  test('gridcell markets and /health name the proxy, never its credentials', async () => {
    const env = cleanEnv({ HTTPS_PROXY: 'http://desk:s3cret@proxy.desk.example:8080' });
    const app = createApp({ env, config: { offline: true } });
    try {
      expect((await app.health()).proxy).toBe('http://proxy.desk.example:8080');
    } finally {
      await app.close();
    }
    const r = await runGridcell(env, ['markets']);
    expect(r.stdout).toContain('Upstream requests go through the proxy http://proxy.desk.example:8080.');
    expect(r.stdout + r.stderr).not.toContain('s3cret');
    expect(proxyShown({ https_proxy: 'proxy.desk.example:3128' })).toBe('http://proxy.desk.example:3128');
    expect(proxyShown({})).toBeUndefined();
  });
});
