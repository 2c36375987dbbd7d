/**
 * GRID.STATUS through the real server: what the cache holds of a range of one series (real files
 * imported offline), where it came from, when, whether final, and which days are missing and why.
 */
import { basename } from 'node:path';
import type { RunningServer } from '../../backend/api/server';
import { utcSerialFromIso, type RequestBatcher } from '../../client';
import { asFunctionError } from '../../functions/errors';
import { statusFormula } from '../../functions/status';
import { startTestServer } from '../support/app';
import { serverBatcher } from '../support/batcher';
import { describeShared, sharedPath } from '../support/fixtures';

const PJM = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
const ERCOT_FALL = 'ercot/np4-190-cd_dam_stlmnt_pnt_prices_HB_HUBAVG_2025-11-02.json';

describeShared([PJM, ERCOT_FALL])('GRID.STATUS', () => {
  let server: RunningServer;
  let batcher: RequestBatcher;
  let importedFrom: number;
  let importedTo: number;
  const status = (args: Parameters<typeof statusFormula>[1]) => statusFormula(batcher, args);

  beforeAll(async () => {
    server = await startTestServer({ config: { offline: true } });
    importedFrom = utcSerialFromIso(new Date().toISOString());
    for (const file of [PJM, ERCOT_FALL]) await server.app.importFile(sharedPath(file));
    importedTo = utcSerialFromIso(new Date().toISOString());
    batcher = serverBatcher(server);
  });
  afterAll(() => server.close());

  it('a range with a day missing: the source file, fetch time, final days, intervals, and the missing day with why', async () => {
    // DATE(2025,6,30) = 45838.
    const rows = await status({ market: 'pjm', location: 'WESTERN HUB', start: 45838, end: '2025-07-02' });
    expect(rows.map((r) => r[0])).toEqual([
      'Sources',
      'Fetched at (UTC)',
      'Oldest fetch (UTC)',
      'State',
      'Days',
      'Final days',
      'Expected intervals',
      'Present intervals',
      'Missing days',
      '2025-06-30',
    ]);
    const value = (label: string) => rows.find((r) => r[0] === label)![1];
    expect(value('Sources')).toBe(`import:${basename(PJM)}`);
    for (const label of ['Fetched at (UTC)', 'Oldest fetch (UTC)']) {
      expect(value(label)).toBeGreaterThanOrEqual(importedFrom);
      expect(value(label)).toBeLessThanOrEqual(importedTo);
    }
    // Two whole past days in the file (stored final), three days asked, 24 hours each.
    expect([value('State'), value('Days'), value('Final days')]).toEqual(['final', 3, 2]);
    expect([value('Expected intervals'), value('Present intervals'), value('Missing days')]).toEqual([72, 48, 1]);
    expect(value('2025-06-30')).toMatch(/^PJM WESTERN HUB DA LMP for 2025-06-30 is not in the cache, and gridcell is offline\./);
  });

  it('the 25-hour fall-back day counts 25 intervals, all present', async () => {
    const rows = await status({ market: 'ERCOT', location: 'HB_HUBAVG', start: '2025-11-02', run: 'DA' });
    expect(rows.slice(3)).toEqual([
      ['State', 'final'],
      ['Days', 1],
      ['Final days', 1],
      ['Expected intervals', 25],
      ['Present intervals', 25],
      ['Missing days', 0],
    ]);
  });

  it('nothing cached is #N/A saying so; a wrong argument is #VALUE!', async () => {
    const nothing = await status({ market: 'PJM', location: 'WESTERN HUB', start: '2025-06-01' }).catch(asFunctionError);
    expect(nothing).toMatchObject({
      code: '#N/A',
      message: expect.stringMatching(/^PJM WESTERN HUB DA LMP for 2025-06-01 is not in the cache/),
    });
    const wrong = await status({ market: 'PJM', location: '', start: '2025-07-01' }).catch(asFunctionError);
    expect(wrong).toMatchObject({ code: '#VALUE!', message: 'location is missing; for example "WESTERN HUB".' });
  });
});
