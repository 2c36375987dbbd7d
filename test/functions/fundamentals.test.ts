import { readFileSync } from 'node:fs';
import type { RunningServer } from '../../backend/api/server';
import { ancillaryFormula, fuelMixFormula, loadFormula } from '../../functions/fundamentals';
import { averageFormula } from '../../functions/price';
import { startTestServer } from '../support/app';
import { serverBatcher } from '../support/batcher';
import { describeShared, sharedPath } from '../support/fixtures';
import { hostSupporting } from '../support/host';
import { thrownByAsync } from '../support/thrown';

/**
 * GRID.LOAD, GRID.FUELMIX and GRID.AS through the functions' own batcher against the real server,
 * on real files imported into a new cache (offline: no request leaves the machine).
 */

const FORECASTS = 'isone/hourlyloadforecast_all_day_20241103_fallback.json';
const SYSLOAD = 'isone/hourlysysload_day_20241103_fallback.json';
const FUEL_MIX = 'ercot/dashboard_fuel-mix_2025-10-09T0646.json';
// DATE(2024,11,3) and DATE(2025,10,8) in Excel.
const NOV_3_2024 = 45599;
const OCT_8_2025 = 45938;

interface ForecastRow {
  BeginDate: string;
  CreationDate: string;
  LoadMw: number;
}

const json = (file: string) => JSON.parse(readFileSync(sharedPath(file), 'utf8'));

describeShared([FORECASTS, SYSLOAD, FUEL_MIX])('fundamentals in Excel, on imported real files', () => {
  let server: RunningServer;
  const forecastRows: ForecastRow[] = json(FORECASTS).HourlyLoadForecasts.HourlyLoadForecast;
  /** One issue's 25 hours, in file order (hour-beginning, the repeated 01:00 twice). */
  const issue = (creation: string) => forecastRows.filter((r) => r.CreationDate === creation).map((r) => r.LoadMw);

  beforeAll(async () => {
    server = await startTestServer({ config: { offline: true } });
    for (const file of [FORECASTS, SYSLOAD, FUEL_MIX]) await server.app.importFile(sharedPath(file));
  });
  afterAll(() => server.close());

  it('GRID.LOAD "FORECAST" spills the latest issue of the fall-back day: 25 hours', async () => {
    const cells = await loadFormula(serverBatcher(server), {
      market: 'ISONE',
      location: 'NEPOOL AREA',
      start: NOV_3_2024,
      run: 'FORECAST',
    });
    expect(cells.map((row) => row[1])).toEqual(issue('2024-11-03T09:18:12.000-05:00'));
    expect(cells).toHaveLength(25);
  });

  it('asof= answers the issue made by then, and says so when none was', async () => {
    const asked = (asof: string) =>
      loadFormula(serverBatcher(server), {
        market: 'ISONE',
        location: 'NEPOOL AREA',
        start: NOV_3_2024,
        run: 'FORECAST',
        options: `asof=${asof}`,
      });
    // 10:00 on the market clock (EDT) is after the 09:12:11 issue and before the 11:41:33 one.
    expect((await asked('2024-11-02T10:00')).map((row) => row[1])).toEqual(issue('2024-11-02T09:12:11.000-04:00'));
    expect((await asked('2024-11-01T12:00')).map((row) => row[1])).toEqual(issue('2024-11-01T09:17:25.000-04:00'));
    const none = await thrownByAsync(() => asked('2024-10-31'));
    expect(String(none)).toMatch(/No ISONE NEPOOL AREA LOAD forecast issued by 2024-11-01T04:00/);
  });

  it('GRID.LOAD of the hourly actual (RTH) with a header in MW, and its ATC mean through GRID.AVG product=LOAD', async () => {
    const rows: { Load: number }[] = json(SYSLOAD).HourlySystemLoads.HourlySystemLoad;
    const cells = await loadFormula(serverBatcher(server), {
      market: 'ISONE',
      location: 'NEPOOL AREA',
      start: NOV_3_2024,
      run: 'RTH',
      options: 'headers=1',
    });
    expect(cells[0]).toEqual(['Start (America/New_York)', 'LOAD (MW)']);
    expect(cells.slice(1).map((row) => row[1])).toEqual(rows.map((r) => r.Load));
    const mean = await averageFormula(serverBatcher(server), {
      market: 'ISONE',
      location: 'NEPOOL AREA',
      start: NOV_3_2024,
      run: 'RTH',
      options: 'product=LOAD',
    });
    expect(mean).toBeCloseTo(rows.reduce((sum, r) => sum + r.Load, 0) / 25, 6);
  });

  it('GRID.FUELMIX spills a column per fuel with data, 288 five-minute rows of the file', async () => {
    const day: Record<string, Record<string, { gen: number }>> = json(FUEL_MIX).data['2025-10-08'];
    const first = Object.values(day)[0];
    const cells = await fuelMixFormula(serverBatcher(server), { market: 'ERCOT', location: 'ERCOT', start: OCT_8_2025 });
    const header = cells[0] as string[];
    expect(header[0]).toBe('Start (America/Chicago)');
    expect(header.slice(1).sort()).toEqual([
      'COAL (MW)',
      'GAS (MW)',
      'HYDRO (MW)',
      'NUCLEAR (MW)',
      'OTHER (MW)',
      'SOLAR (MW)',
      'STORAGE (MW)',
      'WIND (MW)',
    ]);
    expect(cells).toHaveLength(1 + 288);
    const column = (fuel: string) => header.indexOf(`${fuel} (MW)`);
    expect(cells[1][column('GAS')]).toBe(first['Natural Gas'].gen);
    expect(cells[1][column('COAL')]).toBe(first['Coal and Lignite'].gen);
    expect(cells[1][column('WIND')]).toBe(first.Wind.gen);
    const last = Object.values(day)[287];
    expect(cells[288][column('NUCLEAR')]).toBe(last.Nuclear.gen);
  });

  it('GRID.FUELMIX interval=day: one row dated as a day (not a date-time), each fuel the mean of its 288 intervals', async () => {
    const day: Record<string, Record<string, { gen: number }>> = json(FUEL_MIX).data['2025-10-08'];
    const mean = (fuel: string) => Object.values(day).reduce((sum, interval) => sum + interval[fuel].gen, 0) / 288;
    hostSupporting('1.19');
    try {
      const cells = await fuelMixFormula(serverBatcher(server), {
        market: 'ERCOT',
        location: 'ERCOT',
        start: OCT_8_2025,
        options: 'interval=day',
      });
      expect(cells).toHaveLength(2);
      expect(cells[1][0]).toEqual({ type: 'Double', basicValue: OCT_8_2025, numberFormat: 'yyyy-mm-dd' });
      const header = cells[0] as string[];
      const cell = (fuel: string) => cells[1][header.indexOf(`${fuel} (MW)`)] as { basicValue: number; numberFormat: string };
      expect(cell('GAS').basicValue).toBeCloseTo(mean('Natural Gas'), 6);
      expect(cell('WIND').basicValue).toBeCloseTo(mean('Wind'), 6);
      expect(cell('WIND').numberFormat).toBe('#,##0.00####');
    } finally {
      hostSupporting(undefined);
    }
  });

  it('GRID.FUELMIX of a market without a fuel mix, and GRID.AS of a service not cached, say why', async () => {
    const fx = await thrownByAsync(() => fuelMixFormula(serverBatcher(server), { market: 'FX', location: 'EURUSD', start: OCT_8_2025 }));
    expect(String(fx)).toMatch(/FX publishes no generation by fuel/);
    const as = await thrownByAsync(() =>
      ancillaryFormula(serverBatcher(server), { market: 'ERCOT', location: 'ERCOT', service: 'reg up', start: OCT_8_2025 }),
    );
    expect(String(as)).toMatch(/AS_REG_UP|offline|not in the cache/i);
  });
});
