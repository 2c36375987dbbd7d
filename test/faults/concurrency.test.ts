/**
 * Load while the database is being written by another process: 50 concurrent batch requests to
 * the real server while `gridcell import` (a child process) holds the write transaction of the
 * CAISO all-APNodes day-ahead zip. Every request is answered, with the file's values, and none
 * meets SQLITE_BUSY.
 */
import type { RunningServer } from '../../backend/api/server';
import { CLIENT_HEADER, type BatchResponse, type SeriesResponse } from '../../contract';
import { cleanEnv, startTestServer, tempDbPath } from '../support/app';
import { describeShared, sharedPath } from '../support/fixtures';
import { exitOf, spawnGridcell, writeLocked } from './helpers';

const BIG = 'caiso/PRC_LMP_DAM_20200101_v1_ALL_APNODES_oasis_singlezip.zip';
const SMALL = 'caiso/PRC_LMP_DAM_v12_TH_SP15_GEN-APND_20230101_oasis_singlezip.zip';
// From the CSV in SMALL: TH_SP15_GEN-APND, 2023-01-01, OPR_HR 8 LMP 122.23325, OPR_HR 21 LMP 145.
const EXPECTED: Record<string, number> = { '2023-01-01T07:00': 122.23325, '2023-01-01T20:00': 145 };

describeShared([BIG, SMALL])('50 concurrent batches while an import writes', () => {
  jest.setTimeout(60_000);
  let server: RunningServer;
  const dbPath = tempDbPath();

  beforeAll(async () => {
    server = await startTestServer({ config: { dbPath, offline: true } });
    await server.app.importFile(sharedPath(SMALL));
  });
  afterAll(() => server.close());

  test('every one is answered, right, and none meets SQLITE_BUSY', async () => {
    const importer = spawnGridcell(cleanEnv({ GRIDCELL_DB: dbPath }), 'import', sharedPath(BIG));
    const imported = exitOf(importer);
    while (importer.exitCode === null && !writeLocked(dbPath)) await new Promise((r) => setTimeout(r, 20));
    expect(importer.exitCode).toBeNull();

    const requests = [
      ...Object.keys(EXPECTED).map((start) => ({
        id: start,
        method: 'GET',
        url: `/series?market=CAISO&location=TH_SP15_GEN-APND&start=${start}`,
      })),
      { id: 'day', method: 'GET', url: '/series?market=CAISO&location=SP15&start=2023-01-01' },
    ];
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${server.url}/api/v1/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CLIENT_HEADER]: '1' },
          body: JSON.stringify({ requests }),
        }).then(async (r) => ({ status: r.status, text: await r.text() })),
      ),
    );
    const stillImporting = importer.exitCode === null;

    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.text).not.toMatch(/SQLITE_BUSY|database is locked/i);
      const body = JSON.parse(a.text) as BatchResponse;
      for (const r of body.responses) {
        expect(r.status).toBe(200);
        const points = (r.body as SeriesResponse).points;
        if (r.id === 'day') expect(points).toHaveLength(24);
        else expect(points.map((p) => p.value)).toEqual([EXPECTED[r.id]]);
      }
    }
    expect(stillImporting).toBe(true);
    expect(await imported).toEqual({ code: 0, signal: null });
  });
});
