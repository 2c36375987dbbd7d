/**
 * Bad input and abuse, as a user or a caller meets it: files through `gridcell import` (a zip
 * bomb, XML with a DTD or entities), names and dates through the API, and `gridcell serve` told to
 * listen beyond loopback without a token.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';
import type { RunningServer } from '../../backend/api/server';
import { ZIP_ENTRY_CAP } from '../../backend/formats/zip';
import { openDb } from '../../backend/store/sqlite/db';
import { MAX_POINTS } from '../../backend/validation/requests';
import { MAX_RANGE_DAYS } from '../../backend/time/range';
import { startTestServer, cleanEnv } from '../support/app';
import { describeShared, readShared, sharedPath } from '../support/fixtures';
import { runGridcell } from './helpers';
import { tableCounts, tableCountsAt } from '../support/db';

const SMALL = 'caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip';
const A44 = 'entsoe/A44_FR_2023-05-07_to_2023-05-08_PT60M.xml';
const tempFile = (name: string, bytes: Buffer | string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'gridcell-abuse-')), name);
  writeFileSync(path, bytes);
  return path;
};

/**
 * A zip with one entry of `size` zero bytes, honestly described (its header says `size`): it
 * deflates to well under a megabyte. Written by hand because no zip library builds one without
 * holding the inflated bytes.
 */
async function zipBomb(name: string, size: number, start: string, fill: number): Promise<Buffer> {
  const chunk = Buffer.alloc(16 * 1024 * 1024, fill);
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (b: Buffer) => parts.push(b));
  const ended = new Promise((r) => deflate.on('end', r));
  const head = Buffer.from(start);
  deflate.write(head);
  let crc = crc32(head, 0);
  for (let written = head.length; written < size; written += chunk.length) {
    deflate.write(chunk);
    crc = crc32(chunk, crc);
  }
  deflate.end();
  await ended;
  const data = Buffer.concat(parts);
  const file = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(file.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(local.length + file.length + data.length, 16);
  return Buffer.concat([local, file, data, central, file, end]);
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

  test.each(["'; DROP TABLE points;--", '../../etc/passwd', 'TH_SP15_GEN-APND\u0000', '%00', '<script>alert(1)</script>'])(
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
});
