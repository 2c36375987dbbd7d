import { ApiError } from '../../client';
import type { ErrorCode, LocationsResponse, MarketSummary, SeriesPoint, SeriesResponse } from '../../contract';
import { asFunctionError, EXCEL_ADVICE } from '../../functions/errors';
import { fxFormula, locationsFormula, marketsFormula } from '../../functions/listings';
import { averageFormula, priceFormula } from '../../functions/price';
import { describeShared, readShared } from '../support/fixtures';
import { apiError, ok, stubBatcher } from '../support/stub-backend';

// DATE(2025,11,2) = 45963 in Excel.
const NOV_2_2025 = 45963;
const HOUR = 1 / 24;
const ISONE_FILE = 'isone/hourlylmp_da_final_day_20251102_location_4000.json';

function seriesAnswer(points: SeriesPoint[]): SeriesResponse {
  return {
    market: 'ISONE',
    location: '.H.INTERNAL_HUB',
    run: 'DA',
    product: 'LMP',
    currency: 'USD',
    unit: 'MWh',
    clock: 'America/New_York',
    tz: 'America/New_York',
    points,
    quality: { expected: points.length, present: points.length, provisional: false, stale: false },
  };
}

describeShared(ISONE_FILE)('GRID.LMP spills a real 25-hour day', () => {
  // The points as the backend answers them: ISO-NE's own BeginDate (with offset) and LmpTotal.
  const rows = JSON.parse(readShared(ISONE_FILE).toString('utf8')).HourlyLmps.HourlyLmp as { BeginDate: string; LmpTotal: number }[];
  const points: SeriesPoint[] = rows.map((r, i) => ({
    start: r.BeginDate,
    end: rows[i + 1]?.BeginDate ?? '2025-11-03T00:00:00.000-05:00',
    value: r.LmpTotal,
  }));

  it('asks /series for the day and spills [start, value] rows in file order', async () => {
    const { batcher, batches } = stubBatcher(() => ok(seriesAnswer(points)));
    const cells = await priceFormula(batcher, {
      market: 'isone',
      location: '.H.INTERNAL_HUB',
      start: NOV_2_2025,
      end: null,
      run: 'da',
      product: null,
      options: null,
    });
    expect(batches[0].requests[0].url).toBe(
      '/series?market=ISONE&location=.H.INTERNAL_HUB&start=2025-11-02&run=DA&fill=none&partial=1&background=1',
    );
    expect(cells).toHaveLength(25);
    expect(cells.map((row) => row[1])).toEqual(rows.map((r) => r.LmpTotal));
    expect(cells[0][0]).toBeCloseTo(NOV_2_2025, 9);
    expect(cells[1][0]).toBeCloseTo(NOV_2_2025 + HOUR, 9);
    expect(cells[2][0]).toBeCloseTo(NOV_2_2025 + HOUR, 9);
  });

  it('headers=1; columns=start,utc,value labels the columns and tells the repeated hour apart', async () => {
    const { batcher, batches } = stubBatcher(() => ok(seriesAnswer(points)));
    const cells = await priceFormula(batcher, {
      market: 'ISONE',
      location: '.H.INTERNAL_HUB',
      start: '2025-11-02',
      end: '2025-11-02',
      options: 'headers=1; columns=start,utc,value; tz=America/New_York',
    });
    expect(batches[0].requests[0].url).toBe(
      '/series?market=ISONE&location=.H.INTERNAL_HUB&start=2025-11-02&end=2025-11-02&tz=America%2FNew_York&fill=none&partial=1&background=1',
    );
    expect(cells[0]).toEqual(['Start (America/New_York)', 'Start (UTC)', 'LMP (USD/MWh)']);
    // 01:00 EDT = 05:00 UTC; 01:00 EST = 06:00 UTC.
    expect(cells[2][1]).toBeCloseTo(NOV_2_2025 + 5 * HOUR, 9);
    expect(cells[3][1]).toBeCloseTo(NOV_2_2025 + 6 * HOUR, 9);
    expect(cells[3][2]).toBe(rows[2].LmpTotal);
  });

  it('a date-time start without end asks /value for that instant and returns its one value', async () => {
    const { batcher, batches } = stubBatcher(() => ok(points[3].value));
    const cells = await priceFormula(batcher, { market: 'ISONE', location: '.H.INTERNAL_HUB', start: NOV_2_2025 + 2.5 * HOUR });
    expect(batches[0].requests[0].url).toBe('/value?market=ISONE&location=.H.INTERNAL_HUB&start=2025-11-02T02%3A30');
    expect(cells).toEqual([[rows[3].LmpTotal]]);
  });

  it('a date-time start with an interval still asks /series (the average of the interval holding it)', async () => {
    const { batcher, batches } = stubBatcher(() => ok(seriesAnswer([points[3]])));
    await priceFormula(batcher, { market: 'ISONE', location: '.H.INTERNAL_HUB', start: NOV_2_2025 + 2.5 * HOUR, options: 'interval=day' });
    expect(batches[0].requests[0].url).toBe('/series?market=ISONE&location=.H.INTERNAL_HUB&start=2025-11-02T02%3A30&interval=day');
  });
});

describe('GRID.LMP details', () => {
  it('fill=none keeps a missing interval as an empty cell', async () => {
    const { batcher } = stubBatcher(() =>
      ok(
        seriesAnswer([
          { start: '2025-07-01T00:00:00-04:00', end: '2025-07-01T01:00:00-04:00', value: 20.5 },
          { start: '2025-07-01T01:00:00-04:00', end: '2025-07-01T02:00:00-04:00', value: null },
        ]),
      ),
    );
    const cells = await priceFormula(batcher, { market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', options: 'fill=none' });
    expect(cells.map((row) => row[1])).toEqual([20.5, '']);
  });

  it('an empty answer is #N/A that names the series', async () => {
    const { batcher } = stubBatcher(() => ok(seriesAnswer([])));
    await expect(priceFormula(batcher, { market: 'ISONE', location: '.H.INTERNAL_HUB', start: '2025-11-02' })).rejects.toMatchObject({
      code: '#N/A',
      message: 'No DA LMP price for ISONE .H.INTERNAL_HUB for this period yet.',
    });
  });

  it('wrong arguments are #VALUE! before anything is asked', async () => {
    const { batcher, batches } = stubBatcher(() => ok({}));
    await expect(priceFormula(batcher, { market: null, location: 'X', start: 45839 })).rejects.toMatchObject({
      code: '#VALUE!',
      message: 'market is missing; for example "PJM".',
    });
    await expect(priceFormula(batcher, { market: 'PJM', location: 'X', start: 45839, options: 'bogus=1' })).rejects.toMatchObject({
      code: '#VALUE!',
    });
    expect(batches).toHaveLength(0);
  });
});

/** What the cell shows for a formula's failure (functions.ts turns every throw into this). */
function shownInCell(formula: Promise<unknown>): Promise<unknown> {
  return formula.catch((thrown) => {
    throw asFunctionError(thrown);
  });
}

describe('backend errors become #VALUE! or #N/A with the backend message', () => {
  it.each<[number, ErrorCode, string, string]>([
    [400, 'UNKNOWN_MARKET', 'Unknown market "PJN". Did you mean PJM?', '#VALUE!'],
    [400, 'BAD_DATE', 'The end (2025-06-01) is not after the start (2025-07-01).', '#VALUE!'],
    [400, 'UNKNOWN_RUN', 'PJM has no run "RT7"; runs: DA, RT, RT5.', '#VALUE!'],
    [400, 'UNKNOWN_PRODUCT', 'PJM has no product "LMPP"; products: LMP, ENERGY, CONGESTION, LOSS.', '#VALUE!'],
    [400, 'RANGE_TOO_LARGE', 'Ask for at most 366 days of 5-minute prices at once.', '#VALUE!'],
    [404, 'UNKNOWN_LOCATION', 'PJM has no location "WESTERN HUUB". Did you mean WESTERN HUB?', '#N/A'],
    [404, 'NOT_PUBLISHED', 'PJM DA for 2031-01-01 is not published yet.', '#N/A'],
    [404, 'NOT_CACHED', 'Offline, and PJM WESTERN HUB DA 2025-07-03 is not in the cache.', '#N/A'],
    [424, 'MISSING_KEY', 'PJM needs PJM_API_KEY; set it in the environment of gridcell serve.', '#N/A'],
    [502, 'UPSTREAM', 'api.pjm.com answered 503.', '#N/A'],
    [500, 'INTERNAL', 'gridcell hit an unexpected error: disk full', '#N/A'],
  ])('%d %s', async (status, code, message, excelCode) => {
    const { batcher } = stubBatcher(() => apiError(status, code, message));
    const formula = priceFormula(batcher, { market: 'PJM', location: 'WESTERN HUB', start: 45839 });
    await expect(formula).rejects.toBeInstanceOf(ApiError);
    await expect(formula).rejects.toMatchObject({ code, status, message });
    // Where the fix is in the workbook, Excel-terms advice follows the API's message.
    const shown = EXCEL_ADVICE[code] ? `${message} ${EXCEL_ADVICE[code]}` : message;
    await expect(shownInCell(formula)).rejects.toMatchObject({ code: excelCode, message: shown });
  });

  it('an error naming wrong fields keeps them and its message', async () => {
    const fields = [
      { field: 'start', code: 'BAD_DATE', message: 'start "2025-13-01" is not a date; write it like 2025-07-01.' },
      { field: 'run', code: 'UNKNOWN_RUN', message: 'PJM has no run "RT7"; runs: DA, RT, RT5.' },
    ];
    const message = fields.map((f) => f.message).join(' ');
    const { batcher } = stubBatcher(() => ({ status: 400, body: { error: { code: 'BAD_REQUEST', message, fields } } }));
    const formula = priceFormula(batcher, { market: 'PJM', location: 'WESTERN HUB', start: 45839 });
    await expect(formula).rejects.toMatchObject({ code: 'BAD_REQUEST', status: 400, fields });
    await expect(shownInCell(formula)).rejects.toMatchObject({ code: '#VALUE!', message });
  });

  it('an answer without an explanation still says what happened', async () => {
    const { batcher } = stubBatcher(() => ({ status: 500, body: null }));
    await expect(shownInCell(priceFormula(batcher, { market: 'PJM', location: 'WESTERN HUB', start: 45839 }))).rejects.toMatchObject({
      code: '#N/A',
      message: "The gridcell backend answered with status 500 and no explanation. Check the backend's log.",
    });
  });
});

describe('GRID.AVG, GRID.FX, GRID.LOCATIONS, GRID.MARKETS', () => {
  it('GRID.AVG asks /aggregate for the block mean', async () => {
    const { batcher, batches } = stubBatcher(() => ok({ value: 41.25 }));
    expect(
      await averageFormula(batcher, {
        market: 'ercot',
        location: 'HB_NORTH',
        start: '2025-07-01',
        end: '2025-07-31',
        block: 'onpeak',
        options: 'currency=eur',
      }),
    ).toBe(41.25);
    expect(batches[0].requests[0].url).toBe(
      '/aggregate?market=ERCOT&location=HB_NORTH&start=2025-07-01&end=2025-07-31&block=ONPEAK&stat=mean&currency=EUR&background=1',
    );
    await expect(
      averageFormula(batcher, { market: 'ERCOT', location: 'HB_NORTH', start: '2025-07-01', end: '2025-07-31', block: 'weekdays' }),
    ).rejects.toMatchObject({
      code: '#VALUE!',
      message: 'block "WEEKDAYS" is not known. Use one of: ATC, ONPEAK, OFFPEAK, 5X16, 6X16, 2X16, 7X8, BASE, PEAK.',
    });
  });

  it('GRID.FX asks /fx for the day', async () => {
    const { batcher, batches } = stubBatcher(() => ok({ rate: 0.0061 }));
    expect(await fxFormula(batcher, 'jpy', 'EUR', 45839)).toBe(0.0061);
    expect(batches[0].requests[0].url).toBe('/fx?from=JPY&to=EUR&date=2025-07-01');
  });

  it('GRID.LOCATIONS spills name, type and aliases under a header', async () => {
    const answer: LocationsResponse = {
      market: 'PJM',
      total: 1,
      locations: [{ name: 'WESTERN HUB', type: 'HUB', aliases: ['51288', 'WEST HUB'] }],
    };
    const { batcher, batches } = stubBatcher(() => ok(answer));
    expect(await locationsFormula(batcher, 'pjm', 'west')).toEqual([
      ['Location', 'Type', 'Aliases'],
      ['WESTERN HUB', 'HUB', '51288, WEST HUB'],
    ]);
    expect(batches[0].requests[0].url).toBe('/markets/PJM/locations?q=west&limit=5000');
  });

  it('GRID.MARKETS lists runs, products and whether a key is needed and set', async () => {
    const pjm = {
      id: 'PJM',
      name: 'PJM Interconnection',
      region: 'US',
      clock: 'America/New_York',
      currency: 'USD',
      unit: 'MWh',
      runs: [
        { id: 'DA', description: 'day-ahead', intervalMinutes: 60 },
        { id: 'RT', description: 'real-time', intervalMinutes: 60 },
      ],
      products: [{ id: 'LMP', description: 'total' }],
      keys: [{ env: 'PJM_API_KEY', description: 'Data Miner key', set: false }],
      keyless: false,
    } as MarketSummary;
    const { batcher } = stubBatcher(() => ok({ markets: [pjm] }));
    const table = await marketsFormula(batcher);
    expect(table[0]).toEqual(['Market', 'Name', 'Region', 'Clock', 'Currency', 'Runs', 'Products', 'Key needed', 'Key set']);
    expect(table[1]).toEqual(['PJM', 'PJM Interconnection', 'US', 'America/New_York', 'USD', 'DA, RT', 'LMP', 'PJM_API_KEY', 'no']);
  });
});
