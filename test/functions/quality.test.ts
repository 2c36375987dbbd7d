/**
 * GRID.QUALITY through the real server: the function's own batcher posts to /batch, the server
 * answers from a cache holding real AESO pool prices, one of them edited beyond the price cap.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunningServer } from '../../backend/api/server';
import type { RequestBatcher } from '../../client';
import { asFunctionError } from '../../functions/errors';
import { qualityFormula } from '../../functions/quality';
import { startTestServer, tempDbPath } from '../support/app';
import { serverBatcher } from '../support/batcher';
import { describeShared, sharedPath } from '../support/fixtures';

const AESO = 'aeso/HistoricalPoolPriceReportServlet_2022.csv';
// DATE(2022,1,1) = 44562 in Excel.
const JAN_1_2022 = 44562;

describeShared(AESO)('GRID.QUALITY', () => {
  let server: RunningServer;
  let batcher: RequestBatcher;

  beforeAll(async () => {
    server = await startTestServer({ config: { offline: true } });
    // The file's first hour (HE 01 of 2022-01-01, 65.64) edited above AESO's $999.99 cap.
    const text = readFileSync(sharedPath(AESO), 'utf8').replace('"01/01/2022 01","65.64"', '"01/01/2022 01","1065.64"');
    const file = join(dirname(tempDbPath()), 'HistoricalPoolPriceReportServlet_2022_edited.csv');
    writeFileSync(file, text);
    await server.app.importFile(file);
    batcher = serverBatcher(server);
  });
  afterAll(() => server.close());

  const quality = (args: Parameters<typeof qualityFormula>[1]) => qualityFormula(batcher, args);

  it('the summary: a row per series with its intervals, days, revisions and findings', async () => {
    const rows = await quality({ market: 'aeso', location: 'ALBERTA', start: JAN_1_2022, end: '2022-01-01', run: null, view: null });
    expect(rows[0]).toEqual([
      'Location',
      'Run',
      'Product',
      'Expected',
      'Present',
      'Days',
      'Final days',
      'Missing days',
      'Revisions',
      'Findings',
    ]);
    const lmp = rows.find((r) => r[2] === 'LMP');
    // A whole Mountain day of hourly pool prices, stored final (2022 is long past): 24 of 24; the
    // edited hour is two findings, beyond the cap and far from its neighbours.
    expect(lmp).toEqual(['ALBERTA', expect.any(String), 'LMP', 24, 24, 1, 1, 0, 0, 2]);
  });

  it('findings: a row per finding, the value as the file (edited) holds it', async () => {
    const rows = await quality({ market: 'AESO', location: 'ALBERTA', start: '2022-01-01', end: '2022-01-01', view: 'findings' });
    expect(rows[0]).toEqual(['Day', 'Kind', 'Location', 'Run', 'Product', 'Start', 'Value', 'Finding']);
    expect(rows.filter((r) => r[4] === 'LMP').map((r) => r[1])).toEqual(['outside-limits', 'outlier']);
    expect(rows).toContainEqual([
      '2022-01-01',
      'outside-limits',
      'ALBERTA',
      expect.any(String),
      'LMP',
      '2022-01-01T00:00:00-07:00',
      1065.64,
      '2022-01-01T00:00:00-07:00: 1065.64 is above the market price cap of 999.99.',
    ]);
  });

  it('wrong arguments are #VALUE! saying what to write; nothing cached is #N/A', async () => {
    const wrongView = await quality({ market: 'AESO', view: 'everything' }).catch(asFunctionError);
    expect(wrongView).toMatchObject({ code: '#VALUE!', message: 'view "everything" is not one of summary, findings.' });
    const wrongDate = await quality({ market: 'AESO', start: 'first of May' }).catch(asFunctionError);
    expect(wrongDate).toMatchObject({ code: '#VALUE!', message: expect.stringMatching(/^start "first of May" is not a date/) });
    const nothing = await quality({ market: 'NEM', start: '2023-03-01', end: '2023-03-02' }).catch(asFunctionError);
    expect(nothing).toMatchObject({
      code: '#N/A',
      message: 'Nothing of NEM is cached from 2023-03-01 to 2023-03-02; ask for its prices first.',
    });
  });

  it('days of a range not cached are counted as missing, never hidden', async () => {
    const rows = await quality({ market: 'AESO', location: 'ALBERTA', start: '2023-03-01', end: '2023-03-02' });
    expect(rows.find((r) => r[2] === 'LMP')).toEqual(['ALBERTA', expect.any(String), 'LMP', 0, 0, 0, 0, 2, 0, 0]);
  });
});
