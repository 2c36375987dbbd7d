/**
 * Bad input and abuse, as a user or a caller meets it: files through `gridcell import` (a zip
 * bomb, XML with a DTD or entities), names and dates through the API, requests malformed in ways
 * that once made the server fail (a 500 with an exception's words), replay folders whose
 * recordings name files outside them, and `gridcell serve` told to listen beyond loopback without
 * a token, or given one too short to be safe.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../backend/api/server';
import { periodOf } from '../../backend/connectors/fetch';
import { ZIP_ENTRY_CAP } from '../../backend/formats/zip';
import { HttpClient } from '../../backend/http/client';
import { replayKey, writeRecording } from '../../backend/http/replay';
import type { HttpRequest } from '../../backend/http/types';
import { CLIENT_HEADER, type BatchResponse, type ErrorBody } from '../../contract';
import { openDb } from '../../backend/store/sqlite/db';
import { MAX_POINTS } from '../../backend/validation/requests';
import { MAX_RANGE_DAYS } from '../../backend/time/range';
import { startTestServer, cleanEnv } from '../support/app';
import { rawRequest } from '../support/fake-upstream';
import { craftedZip, deflated, describeShared, readShared, sharedPath } from '../support/fixtures';
import { registered, runGridcell } from './helpers';
import { tableCounts, tableCountsAt } from '../support/db';

const SMALL = 'caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip';
const A44 = 'entsoe/A44_FR_2023-05-07_to_2023-05-08_PT60M.xml';
const tempFile = (name: string, bytes: Buffer | string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'gridcell-abuse-')), name);
  writeFileSync(path, bytes);
  return path;
};

/** A zip with one entry of `size` bytes (`start`, then `fill`), honestly described: it deflates to well under a megabyte. */
async function zipBomb(name: string, size: number, start: string, fill: number): Promise<Buffer> {
  const { data, crc } = await deflated(start, size, fill);
  return craftedZip([name], data, size, crc);
}

/** The real A44 answer with a DTD declaring entities, one of them used in a price. */
function withDtd(dtd: string, entity: string): Buffer {
  const xml = readShared(A44).toString('utf8');
  const declared = xml.replace(/^(<\?xml[^>]*\?>)?/, (decl) => `${decl}\n${dtd}\n`);
  return Buffer.from(declared.replace(/<price\.amount>[^<]*</, `<price.amount>${entity}<`));
}

describeShared([SMALL, A44])('gridcell import refuses hostile files and stores nothing', () => {
  jest.setTimeout(60_000);
  const env = cleanEnv();

  beforeAll(async () => {
    const r = await runGridcell(env, ['import', sharedPath(SMALL)]);
    expect(r.code).toBe(0);
  });

  async function refused(file: string, message: RegExp): Promise<string> {
    const counts = () => {
      const db = openDb(env.GRIDCELL_DB!);
      try {
        return tableCounts(db);
      } finally {
        db.close();
      }
    };
    const before = counts();
    const r = await runGridcell(env, ['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/nothing from it was stored/);
    expect(counts()).toEqual(before);
    return r.stdout + r.stderr;
  }

  test('a zip whose entry inflates past the cap', async () => {
    const size = ZIP_ENTRY_CAP + 64 * 1024 * 1024;
    // A real OASIS header and row, so gridcell recognizes the file and streams it, then blank lines to the size.
    const start = [
      'INTERVALSTARTTIME_GMT,INTERVALENDTIME_GMT,OPR_DT,OPR_HR,OPR_INTERVAL,NODE_ID_XML,NODE_ID,NODE,MARKET_RUN_ID,LMP_TYPE,XML_DATA_ITEM,PNODE_RESMRID,GRP_TYPE,POS,MW,GROUP',
      '2023-01-01T08:00:00-00:00,2023-01-01T09:00:00-00:00,2023-01-01,1,0,TH_SP15_GEN-APND,TH_SP15_GEN-APND,TH_SP15_GEN-APND,DAM,LMP,LMP_PRC,TH_SP15_GEN-APND,ALL,0,41.5,1',
      '',
    ].join('\n');
    const bomb = await zipBomb('PRC_LMP_DAM_v12.csv', size + start.length, start, 0x0a); // size is a multiple of the 16 MiB fill chunk
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await refused(tempFile('bomb.zip', bomb), /bomb\.zip: zip entry PRC_LMP_DAM_v12\.csv inflates past the 512 MiB cap/);
  });

  test('an XML answer with a DTD and nested entities (billion laughs)', async () => {
    const laughs = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join('');
    await refused(
      tempFile('laughs.xml', withDtd(`<!DOCTYPE Publication_MarketDocument [${laughs}]>`, '&l9;')),
      /laughs\.xml: the XML declares a DTD or entities, which gridcell never expands/,
    );
  });

  test('an XML answer with an external entity (XXE) never reads the named file', async () => {
    const secret = tempFile('secret.txt', 'TOP-SECRET-7c1f');
    const out = await refused(
      tempFile('xxe.xml', withDtd(`<!DOCTYPE Publication_MarketDocument [<!ENTITY xxe SYSTEM "file://${secret}">]>`, '&xxe;')),
      /xxe\.xml: the XML declares a DTD or entities/,
    );
    expect(out).not.toContain(readFileSync(secret, 'utf8'));
  });
});

describeShared(SMALL)('hostile names and dates through the API', () => {
  let server: RunningServer;
  const get = async (path: string) => {
    const res = await fetch(`${server.url}/api/v1${path}`);
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } & Record<string, unknown> };
  };

  beforeAll(async () => {
    // Online, but every upstream request is answered from an empty replay folder: never the network.
    server = await startTestServer({ config: { replayDir: mkdtempSync(join(tmpdir(), 'gridcell-empty-replay-')) } });
    await server.app.importFile(sharedPath(SMALL));
  });
  afterAll(() => server.close());

  test.each(["'; DROP TABLE points;--", '../../etc/passwd', '%00', '<script>alert(1)</script>'])(
    'location %j is an unknown location; the tables are intact',
    async (name) => {
      const before = tableCountsAt(server.app.config.dbPath);
      const r = await get(`/series?market=CAISO&location=${encodeURIComponent(name)}&start=2023-01-01`);
      expect(r.status).toBe(404);
      expect(r.body.error).toMatchObject({ code: 'UNKNOWN_LOCATION' });
      expect(r.body.error!.message).toContain(`CAISO has no location "${name}"`);
      expect(tableCountsAt(server.app.config.dbPath)).toEqual(before);
      expect((await get('/series?market=CAISO&location=TH_SP15_GEN-APND&start=2023-01-01')).body.points).toHaveLength(24);
    },
  );

  test('a location holding a control character (a NUL) is refused at the edge; the tables are intact', async () => {
    const before = tableCountsAt(server.app.config.dbPath);
    const r = await get(`/series?market=CAISO&location=${encodeURIComponent('TH_SP15_GEN-APND\u0000')}&start=2023-01-01`);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/The location holds a control character/) });
    expect(tableCountsAt(server.app.config.dbPath)).toEqual(before);
  });

  test('SQL and path characters in a search or a market name find nothing and break nothing', async () => {
    const search = await get(`/markets/CAISO/locations?q=${encodeURIComponent("' OR '1'='1")}`);
    expect(search.status).toBe(200);
    expect(search.body).toMatchObject({ total: 0, locations: [] });
    const market = await get(`/markets/${encodeURIComponent('../../etc/passwd')}/locations`);
    expect(market.status).toBe(400);
    expect(market.body.error).toMatchObject({ code: 'UNKNOWN_MARKET' });
  });

  test.each([
    ['2025-13-45', /"2025-13-45" is not a calendar date/],
    ['2025-02-29', /"2025-02-29" is not a calendar date/],
    ['99999-01-01', /"99999-01-01" is not a date/],
    ['99999-01-01T00:00', /"99999-01-01T00:00" is not a date/],
    ['2025-01-01T25:00', /impossible time of day/],
  ])('start=%s is a 400 that says what is wrong', async (start, message) => {
    const r = await get(`/series?market=CAISO&location=SP15&start=${encodeURIComponent(start)}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'BAD_DATE' });
    expect(r.body.error!.message).toMatch(message);
  });

  test('an end before the start is refused', async () => {
    const r = await get('/series?market=CAISO&location=SP15&start=2023-01-02&end=2023-01-01');
    expect(r.body.error).toMatchObject({ code: 'BAD_DATE' });
  });

  test('100 years of 5-minute data is refused with the limit named', async () => {
    const r = await get('/series?market=CAISO&location=SP15&run=RT5&start=1925-01-01&end=2024-12-31');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'RANGE_TOO_LARGE' });
    expect(r.body.error!.message).toContain(`more than ${MAX_RANGE_DAYS} days`);
  });

  test('20 years of 5-minute data (under the day limit) is refused by the point limit, named', async () => {
    const r = await get('/series?market=CAISO&location=SP15&run=RT5&start=2005-01-01&end=2024-12-31');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'RANGE_TOO_LARGE' });
    expect(r.body.error!.message).toContain(`more than the ${MAX_POINTS.toLocaleString('en-US')} one answer may hold`);
  });
});

describe('requests malformed in form are 4xx that say what is wrong, never a 500', () => {
  let server: RunningServer;

  /** The answer to a request exactly as written; never a 500, never an exception's own words. */
  async function send(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<{ status: number; body: ErrorBody }> {
    const answer = await rawRequest(server.url, method, path, { [CLIENT_HEADER]: '1', ...headers }, body);
    expect(answer.text).not.toMatch(/INTERNAL|unexpected error|toUpperCase|Failed to decode|unsupported|TypeError|URIError/);
    return { status: answer.status, body: JSON.parse(answer.text) as ErrorBody };
  }
  const batch = (requests: unknown[]) =>
    send('POST', '/api/v1/batch', { 'content-type': 'application/json' }, JSON.stringify({ requests })) as unknown as Promise<{
      status: number;
      body: BatchResponse;
    }>;

  beforeAll(async () => {
    server = await startTestServer({ config: { offline: true } });
  });
  afterAll(() => server.close());

  test('a batch item whose "method" is not text is that item\'s 400; the rest of the batch is answered', async () => {
    const r = await batch([
      { id: 'n', method: 5, url: '/markets' },
      { id: 'o', method: { GET: true }, url: '/markets' },
      { id: 'a', method: ['GET'], url: '/markets' },
      { id: 'ok', url: '/markets' },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.responses.map((x) => [x.id, x.status])).toEqual([
      ['n', 400],
      ['o', 400],
      ['a', 400],
      ['ok', 200],
    ]);
    expect(r.body.responses[0].body).toEqual({
      error: { code: 'BAD_REQUEST', message: 'A batch item\'s "method" is the text "GET" (or left out).' },
    });
  });

  test.each(['/api/v1/markets/%E0%A4%A/locations', '/api/v1/markets/%/locations', '/api/v1/markets/PJM%ZZ/locations'])(
    'a broken %%-escape in %s is a 400, directly and batched',
    async (path) => {
      const direct = await send('GET', path);
      expect(direct.status).toBe(400);
      expect(direct.body.error.message).toMatch(/^The address ".*" has a broken %-escape: write a % sign as %25/);
      const batched = await batch([{ id: '1', method: 'GET', url: path.replace('/api/v1', '') }]);
      expect(batched.body.responses[0]).toMatchObject({
        status: 400,
        body: { error: { message: expect.stringMatching(/has a broken %-escape/) } },
      });
    },
  );

  test('a bogus charset or Content-Encoding of the body is a 400 naming it', async () => {
    const charset = await send('POST', '/api/v1/batch', { 'content-type': 'application/json; charset=bogus' }, '{"requests":[]}');
    expect(charset).toEqual({
      status: 400,
      body: {
        error: {
          code: 'BAD_REQUEST',
          message: expect.stringMatching(/^The request body's charset "bogus" is not one gridcell reads: send JSON in UTF-8/),
        },
      },
    });
    const encoding = await send(
      'POST',
      '/api/v1/batch',
      { 'content-type': 'application/json', 'content-encoding': 'bogus' },
      '{"requests":[]}',
    );
    expect(encoding.status).toBe(400);
    expect(encoding.body.error.message).toMatch(/^The request body's Content-Encoding "bogus" is not one gridcell reads/);
  });
});

describe('a replay folder whose recordings name files outside it, or no file', () => {
  const DAY = '2024-06-05';
  const caiso = registered('CAISO');
  const report = caiso.reports.find((r) => r.request && r.runs.includes(caiso.market.defaultRun))!;
  /** The request gridcell makes first for CAISO's default run on DAY. */
  const request: HttpRequest = report.request!({
    period: periodOf(report, DAY),
    run: caiso.market.defaultRun,
    product: report.products[0],
    location: caiso.locations[0],
    keys: {},
  });
  const SECRET = 'outside-the-folder-7d1e';

  /** A folder with a recording of `request` whose body file is then named `bodyFile`; beside it, a file outside the folder. */
  function hostileFolder(bodyFile: (dir: string, outside: string) => string): string {
    const parent = mkdtempSync(join(tmpdir(), 'gridcell-hostile-'));
    const dir = join(parent, 'replay');
    const outside = join(parent, 'outside.body');
    writeFileSync(outside, SECRET);
    writeRecording(dir, request, { status: 200 }, Buffer.from('recorded'));
    const metaFile = join(dir, `${replayKey(request)}.json`);
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { bodyFile: string };
    writeFileSync(metaFile, JSON.stringify({ ...meta, bodyFile: bodyFile(dir, outside) }));
    return dir;
  }

  test.each([
    [
      'an absolute path',
      () => '/etc/passwd',
      /names the body file "\/etc\/passwd", outside the folder; gridcell reads bodies only from inside it/,
    ],
    ['../ out of the folder', () => '../outside.body', /names the body file "\.\.\/outside\.body", outside the folder/],
    [
      'a path that climbs out through a folder',
      (dir: string) => (mkdirSync(join(dir, 'sub')), 'sub/../../outside.body'),
      /outside the folder/,
    ],
    [
      'a symbolic link inside that points outside',
      (dir: string, outside: string) => (symlinkSync(outside, join(dir, 'link.body')), 'link.body'),
      /names the body file "link\.body", outside the folder/,
    ],
    ['/dev/zero (it never ends)', () => '/dev/zero', /names the body file "\/dev\/zero", outside the folder/],
    ['a link to /dev/zero', (dir: string) => (symlinkSync('/dev/zero', join(dir, 'zero.body')), 'zero.body'), /outside the folder/],
    [
      'a named pipe inside (reading it would wait forever)',
      (dir: string) => (execFileSync('mkfifo', [join(dir, 'pipe.body')]), 'pipe.body'),
      /names "pipe\.body", which is not a regular file/,
    ],
  ] as [string, (dir: string, outside: string) => string, RegExp][])(
    '%s is refused, and nothing of the file is read',
    async (_what, bodyFile, message) => {
      const err = await new HttpClient({ replayDir: hostileFolder(bodyFile) }).get(request).catch((e) => e);
      expect(err).toMatchObject({ code: 'UNSAFE_INPUT', message: expect.stringMatching(message) });
      expect(err.message).not.toContain(SECRET);
    },
  );

  test('a body past the size cap, a body file that is not there and a recording that is not JSON each say so', async () => {
    const big = hostileFolder((dir) => (writeFileSync(join(dir, 'big.body'), Buffer.alloc(2000)), 'big.body'));
    await expect(new HttpClient({ replayDir: big, maxBytes: 1000 }).get(request)).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(/has a body larger than the 1000 bytes cap/),
    });
    await expect(new HttpClient({ replayDir: hostileFolder(() => 'gone.body') }).get(request)).rejects.toMatchObject({
      code: 'NOT_CACHED',
      message: expect.stringMatching(/names the body file "gone\.body", which is not there/),
    });
    const notJson = hostileFolder(() => 'x');
    writeFileSync(join(notJson, `${replayKey(request)}.json`), '{ not json');
    await expect(new HttpClient({ replayDir: notJson }).get(request)).rejects.toMatchObject({
      code: 'UNSAFE_INPUT',
      message: expect.stringMatching(/is not valid JSON; record it again/),
    });
  });

  test('gridcell query on a replay folder naming /dev/zero stops at once with the reason', async () => {
    const env = cleanEnv({ GRIDCELL_REPLAY_DIR: hostileFolder(() => '/dev/zero') });
    const r = await runGridcell(env, ['query', 'CAISO', caiso.locations[0].name, DAY], 20_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/names the body file "\/dev\/zero", outside the folder/);
  });
});

describe('gridcell serve beyond loopback', () => {
  test.each([
    ['GRIDCELL_HOST=0.0.0.0', { GRIDCELL_HOST: '0.0.0.0' }, []],
    ['--host 0.0.0.0', {}, ['--host', '0.0.0.0']],
  ])('%s without GRIDCELL_TOKEN refuses to start', async (_label, extra, flags) => {
    const r = await runGridcell(cleanEnv({ GRIDCELL_HTTPS: '0', GRIDCELL_PORT: '0', ...extra }), ['serve', ...flags], 20_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0 without an access token: set GRIDCELL_TOKEN/);
    expect(r.stdout).not.toMatch(/gridcell is serving/);
  });

  test('a GRIDCELL_TOKEN shorter than 16 characters refuses to start, says how to make one, and is not printed', async () => {
    const r = await runGridcell(cleanEnv({ GRIDCELL_HTTPS: '0', GRIDCELL_PORT: '0', GRIDCELL_TOKEN: 'tooShort9' }), ['serve'], 20_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/GRIDCELL_TOKEN is 9 characters long; an access token needs at least 16\. Make one with: node -e/);
    expect(r.stdout + r.stderr).not.toContain('tooShort9');
    expect(r.stdout).not.toMatch(/gridcell is serving/);
  });
});
