import { readFileSync } from 'node:fs';
import { runGridcell } from '../faults/helpers';
import { cleanEnv } from '../support/app';
import { describeShared, sharedPath } from '../support/fixtures';

const FORECASTS = 'isone/hourlyloadforecast_all_day_20241103_fallback.json';
const GEN_BY_FUEL = 'pjm/gen_by_fuel_2021-03-14_dataminer_springforward.csv';
const ERCOT_LOAD = 'ercot/cdr.00013101.0000000000000000.20231118.055000.ACTUALSYSLOADWZNP6345_csv.zip';

const gridcell = (env: NodeJS.ProcessEnv, ...args: string[]) => runGridcell(env, args, 60_000);

/** The values of `gridcell query --format csv`, in order. */
function values(csv: string): number[] {
  return csv
    .trim()
    .split('\n')
    .slice(2)
    .map((line) => Number(line.split(',')[2]));
}

describeShared([FORECASTS, GEN_BY_FUEL, ERCOT_LOAD])('fundamentals from the command line, as a new user runs it', () => {
  const env = cleanEnv({ GRIDCELL_OFFLINE: '1' });
  jest.setTimeout(60_000);

  beforeAll(async () => {
    const r = await gridcell(env, 'import', sharedPath(FORECASTS), sharedPath(GEN_BY_FUEL), sharedPath(ERCOT_LOAD));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Seven issues of 25 hours each, and the latest again under FORECAST.
    expect(r.stdout).toMatch(/hourlyloadforecast_all_day_20241103_fallback.json: .* -> ISONE: 8 series, 200 points/);
  });

  test('a load forecast as issued by a time, on the 25-hour fall-back day', async () => {
    const rows: { CreationDate: string; LoadMw: number }[] = JSON.parse(readFileSync(sharedPath(FORECASTS), 'utf8')).HourlyLoadForecasts
      .HourlyLoadForecast;
    const asked = await gridcell(
      env,
      'query',
      'ISONE',
      'NEPOOL AREA',
      '2024-11-03',
      '--product',
      'LOAD',
      '--run',
      'FORECAST',
      '--asof',
      '2024-11-02T05:00',
    );
    expect(asked.code).toBe(0);
    expect(asked.stdout.split('\n')[0]).toBe('# ISONE NEPOOL AREA FORECAST LOAD MW (times America/New_York)');
    // 05:00 EDT on 11-02 is after the 04:15:22 issue and before the 09:12:11 one.
    expect(values(asked.stdout)).toEqual(rows.filter((r) => r.CreationDate === '2024-11-02T04:15:22.000-04:00').map((r) => r.LoadMw));
  });

  test('a load forecast as issued by a time, at an instant inside an hour: the hour holding it', async () => {
    const rows: { BeginDate: string; CreationDate: string; LoadMw: number }[] = JSON.parse(readFileSync(sharedPath(FORECASTS), 'utf8'))
      .HourlyLoadForecasts.HourlyLoadForecast;
    const issued = (begin: string) => rows.find((r) => r.CreationDate === '2024-11-02T04:15:22.000-04:00' && r.BeginDate === begin)!.LoadMw;
    const at = (instant: string) =>
      gridcell(env, 'query', 'ISONE', 'NEPOOL AREA', instant, '--product', 'LOAD', '--run', 'FORECAST', '--asof', '2024-11-02T05:00');
    const halfPastFive = await at('2024-11-03T05:30');
    expect(halfPastFive.stderr).toBe('');
    expect(values(halfPastFive.stdout)).toEqual([issued('2024-11-03T05:00:00.000-05:00')]);
    // The second 01:00 of the fall-back day, named by its offset.
    expect(values((await at('2024-11-03T01:45-05:00')).stdout)).toEqual([issued('2024-11-03T01:00:00.000-05:00')]);
  });

  test('generation by fuel on the 23-hour spring-forward day: ACTUAL without naming it', async () => {
    const asked = await gridcell(env, 'query', 'PJM', 'RTO', '2021-03-14', '--product', 'GEN_COAL', '--format', 'json');
    expect(asked.code).toBe(0);
    const answer = JSON.parse(asked.stdout);
    expect(answer).toMatchObject({ run: 'ACTUAL', product: 'GEN_COAL', unit: 'MW' });
    expect(answer.points).toHaveLength(23);
    // 3/14/2021 12:00:00 AM, 1:00:00 AM and 3:00:00 AM EPT, Coal: 15748.7, 15346.8, 14922.6 (2:00 does not exist).
    expect(answer.points.slice(0, 3)).toEqual([
      { start: '2021-03-14T00:00:00-05:00', end: '2021-03-14T01:00:00-05:00', value: 15748.7 },
      { start: '2021-03-14T01:00:00-05:00', end: '2021-03-14T03:00:00-04:00', value: 15346.8 },
      { start: '2021-03-14T03:00:00-04:00', end: '2021-03-14T04:00:00-04:00', value: 14922.6 },
    ]);
    // "Natural Gas" is GAS in every market.
    const gas = await gridcell(env, 'query', 'PJM', 'RTO', '2021-03-14', '--product', 'GEN_NATURAL_GAS', '--format', 'json');
    expect(JSON.parse(gas.stdout).product).toBe('GEN_GAS');
  });

  test("ERCOT's actual load by weather zone, and what a market cannot serve", async () => {
    const coast = await gridcell(env, 'query', 'ERCOT', 'COAST', '2023-11-17', '--product', 'LOAD');
    expect(coast.code).toBe(0);
    // 11/17/2023 HE 01:00 and 02:00, COAST: 10135.49, 9909.41.
    expect(values(coast.stdout).slice(0, 2)).toEqual([10135.49, 9909.41]);
    expect(values(coast.stdout)).toHaveLength(24);
    const money = await gridcell(env, 'query', 'ERCOT', 'COAST', '2023-11-17', '--product', 'LOAD', '--currency', 'EUR');
    expect(money.code).not.toBe(0);
    expect(money.stderr).toMatch(/currency=EUR cannot apply here: LOAD is in MW, not a price/);
    const markets = await gridcell(env, 'markets');
    expect(markets.stdout).toMatch(/load LOAD \(MW\)/);
    expect(markets.stdout).toMatch(/unavailable: .*capacity/i);
  });
});
