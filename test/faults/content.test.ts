/**
 * Bad answers where a good one was expected: a truncated zip, an HTML error page, a renamed
 * column, OASIS's "no data" answer. Served by a local fake upstream to the registered CAISO
 * connector (only its host changed), and dropped in as files through the importer. Each is a
 * clear error naming the source and the reason, and the cache stays exactly as it was.
 */
import AdmZip from 'adm-zip';
import type { App } from '../../backend/app/app';
import { createApp } from '../../backend/app/create-app';
import { HttpClient } from '../../backend/http/client';
import { cleanEnv, seriesOf, tempDbPath } from '../support/app';
import { fakeUpstream, type Step } from '../support/fake-upstream';
import { describeShared, readOwn, readShared } from '../support/fixtures';
import { redirected, registered } from './helpers';
import { tableCountsAt } from '../support/db';

const ZIP = 'caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip';
const NODE = 'TH_SP15_GEN-APND';
const HTML =
  '<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>OASIS is down for maintenance</h1></body></html>\n';

const serve =
  (body: Buffer): Step =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-zip-compressed' });
    res.end(body);
  };

function zipOf(name: string, content: Buffer): Buffer {
  const zip = new AdmZip();
  zip.addFile(name, content);
  return zip.toBuffer();
}

/** The real CSV with its price column header renamed: the bytes a changed OASIS layout would send. */
function renamedColumn(): Buffer {
  const [entry] = new AdmZip(readShared(ZIP)).getEntries();
  const csv = entry.getData().toString('latin1');
  expect(csv.split('\n')[0]).toMatch(/,MW,GROUP\r?$/);
  return zipOf(entry.entryName, Buffer.from(csv.replace(',MW,GROUP', ',PRC_VALUE,GROUP'), 'latin1'));
}

const truncated = () => {
  const bytes = readShared(ZIP);
  return bytes.subarray(0, Math.floor(bytes.length * 0.6));
};

/** The real zip with its central directory's signature damaged (a bad sector, a botched transfer). */
const damagedDirectory = () => {
  const bytes = Buffer.from(readShared(ZIP));
  const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  bytes.write('XX', central, 'latin1');
  return bytes;
};

const BAD_ANSWERS: { what: string; body: () => Buffer; code: string; reason: RegExp }[] = [
  { what: 'a truncated zip', body: truncated, code: 'PARSE', reason: /zip|truncated|damaged/i },
  { what: 'a zip with a damaged central directory', body: damagedDirectory, code: 'PARSE', reason: /not a readable zip archive/ },
  { what: 'an HTML error page', body: () => Buffer.from(HTML), code: 'PARSE', reason: /HTML page where an OASIS zip or CSV was expected/ },
  { what: 'a renamed price column', body: renamedColumn, code: 'PARSE', reason: /missing column "MW"/ },
  {
    what: 'OASIS "no data" (not published yet)',
    body: () => zipOf('no_data.xml', readOwn('caiso/OASIS_no_data_1000_written.xml')),
    code: 'NOT_PUBLISHED',
    reason: /CAISO OASIS has no data for this request/,
  },
];

describeShared(ZIP)('bad upstream answers store nothing', () => {
  let app: App;
  let up: Awaited<ReturnType<typeof fakeUpstream>>;
  let next: Buffer;

  beforeAll(async () => {
    up = await fakeUpstream([(req, res) => serve(next)(req, res)]);
    app = createApp({
      env: cleanEnv(),
      config: { dbPath: tempDbPath() },
      connectors: [redirected(registered('CAISO'), up.url)],
      http: new HttpClient({ retries: 0 }),
    });
    next = readShared(ZIP);
    // One good day already cached: a failure must leave it, and everything else, as it was.
    expect((await seriesOf(app, { market: 'CAISO', location: NODE, start: '2023-01-01' })).points).toHaveLength(24);
  });
  afterAll(async () => {
    await app.close();
    await up.close();
  });

  test.each(BAD_ANSWERS)('$what', async ({ body, code, reason }) => {
    next = body();
    const before = tableCountsAt(app.config.dbPath);
    const err = await seriesOf(app, { market: 'CAISO', location: NODE, start: '2023-01-02' }).catch((e) => e);
    expect(err).toMatchObject({ code });
    expect(err.message).toMatch(reason);
    if (code === 'PARSE') expect(err.message).toMatch(/^caiso\.prc_lmp: /);
    expect(tableCountsAt(app.config.dbPath)).toEqual(before);
  });
});

describeShared(ZIP)('bad files given to gridcell import store nothing', () => {
  let app: App;
  beforeAll(async () => {
    app = createApp({ env: cleanEnv(), config: { dbPath: tempDbPath(), offline: true } });
    await app.importBytes('good.zip', readShared(ZIP));
  });
  afterAll(() => app.close());

  test.each([
    { what: 'a truncated zip', name: 'cut.zip', body: truncated, reason: /^cut\.zip: .*(zip|truncated|damaged)/i },
    {
      what: 'a zip with a damaged central directory',
      name: 'damaged.zip',
      body: damagedDirectory,
      reason: /^damaged\.zip: not a readable zip archive/,
    },
    {
      what: 'an HTML page saved as CSV',
      name: 'prices.csv',
      body: () => Buffer.from(HTML),
      reason: /^prices\.csv: gridcell does not recognize this file/,
    },
  ])('$what is refused naming the file', async ({ name, body, reason }) => {
    const before = tableCountsAt(app.config.dbPath);
    await expect(app.importBytes(name, body())).rejects.toThrow(reason);
    expect(tableCountsAt(app.config.dbPath)).toEqual(before);
  });

  test('a renamed column, even with the report named, is refused naming the column', async () => {
    const before = tableCountsAt(app.config.dbPath);
    await expect(app.importBytes('renamed.zip', renamedColumn(), 'caiso.prc_lmp')).rejects.toThrow(/^renamed\.zip: missing column "MW"/);
    expect(tableCountsAt(app.config.dbPath)).toEqual(before);
  });
});
