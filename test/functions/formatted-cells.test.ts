/**
 * Formatted results: where the running Excel knows formatted values, dates and prices spill as
 * numbers that carry their number format; elsewhere as plain numbers. The host is the only thing
 * stood in for (`Office.context.requirements`, as Excel provides it); the answers come from the
 * real server with the real PJM Data Miner file imported.
 */
import { readFileSync } from 'node:fs';
import type { RunningServer } from '../../backend/api/server';
import type { RequestBatcher } from '../../client';
import { averageFormula, priceFormula } from '../../functions/price';
import { startTestServer } from '../support/app';
import { serverBatcher } from '../support/batcher';
import { describeShared, sharedPath } from '../support/fixtures';
import { hostSupporting } from '../support/host';

const DA = 'pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv';
// DATE(2025,7,1) = 45839 in Excel.
const JUL_1_2025 = 45839;

/** WESTERN HUB's day-ahead LMPs of 2025-07-01, in file order (hour beginning 00:00 .. 23:00 EPT). */
function westernHubJuly1(): number[] {
  const [header, ...lines] = readFileSync(sharedPath(DA), 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  const [ept, name, lmp] = ['datetime_beginning_ept', 'pnode_name', 'total_lmp_da'].map((c) => cols.indexOf(c));
  return lines
    .map((l) => l.split(','))
    .filter((c) => c[name] === 'WESTERN HUB' && c[ept].startsWith('7/1/2025 '))
    .map((c) => Number(c[lmp]));
}

describeShared(DA)('formatted results', () => {
  let server: RunningServer;
  let batcher: RequestBatcher;
  const day = { market: 'PJM', location: 'WESTERN HUB', start: JUL_1_2025, end: null, run: 'DA', product: null, options: null };

  beforeAll(async () => {
    server = await startTestServer({ config: { offline: true } });
    await server.app.importFile(sharedPath(DA));
    batcher = serverBatcher(server);
  });
  afterAll(() => {
    hostSupporting(undefined);
    return server.close();
  });

  it('ExcelApi 1.19: date-times and prices as Double values with their formats', async () => {
    hostSupporting('1.19');
    const rows = await priceFormula(batcher, day);
    const lmp = westernHubJuly1();
    expect(rows).toHaveLength(24);
    expect(rows[0][0]).toEqual({ type: 'Double', basicValue: JUL_1_2025, numberFormat: 'yyyy-mm-dd hh:mm' });
    expect(rows[0][1]).toEqual({ type: 'Double', basicValue: lmp[0], numberFormat: '#,##0.00####' });
    expect((rows[13][0] as { basicValue: number }).basicValue).toBeCloseTo(JUL_1_2025 + 13 / 24, 9);
    expect(rows.map((r) => (r[1] as { basicValue: number }).basicValue)).toEqual(lmp);
  });

  it('ExcelApi 1.16: the same as FormattedNumber values; daily rows as dates', async () => {
    hostSupporting('1.16');
    const rows = await priceFormula(batcher, { ...day, options: 'interval=day' });
    const lmp = westernHubJuly1();
    expect(rows[0][0]).toEqual({ type: 'FormattedNumber', basicValue: JUL_1_2025, numberFormat: 'yyyy-mm-dd' });
    expect((rows[0][1] as { basicValue: number }).basicValue).toBeCloseTo(lmp.reduce((a, b) => a + b, 0) / lmp.length, 6);
  });

  it('a count is formatted as a whole number', async () => {
    hostSupporting('1.19');
    const count = await averageFormula(batcher, { ...day, end: JUL_1_2025, block: 'ATC', options: 'stat=count' });
    expect(count).toEqual({ type: 'Double', basicValue: 24, numberFormat: '#,##0' });
  });

  it('one price at a time comes from /value: the hour holding it, formatted; a day asked of /value says to ask /series', async () => {
    hostSupporting('1.19');
    const one = await priceFormula(batcher, { ...day, start: JUL_1_2025 + 13.5 / 24 });
    expect(one).toEqual([[{ type: 'Double', basicValue: westernHubJuly1()[13], numberFormat: '#,##0.00####' }]]);
    const direct = await fetch(`${server.url}/api/v1/value?market=PJM&location=WESTERN%20HUB&start=2025-07-01T13:30`);
    expect(await direct.json()).toEqual({ start: '2025-07-01T13:00:00-04:00', value: westernHubJuly1()[13] });
    const wrong = await fetch(`${server.url}/api/v1/value?market=PJM&location=WESTERN%20HUB&start=2025-07-01`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain(
      'start=2025-07-01 is a day; a single value is asked at a time',
    );
  });

  it('a host without formatted values gets plain numbers', async () => {
    hostSupporting('1.15');
    const older = await priceFormula(batcher, day);
    hostSupporting(undefined);
    const outside = await priceFormula(batcher, day);
    expect(older[0]).toEqual([JUL_1_2025, westernHubJuly1()[0]]);
    expect(outside).toEqual(older);
  });
});
