import { gasConnector } from '../../backend/connectors/gas/eia';
import { periodOf } from '../../backend/connectors/fetch';
import { GridError, type ParsedPoint, ParseError, type ParseResult } from '../../backend/domain';
import type { Report, RequestContext } from '../../backend/connectors/types';
import { HttpClient } from '../../backend/http/client';
import type { HttpRequest } from '../../backend/http/types';
import { describeShared, hasShared, ownPath, readOwn, readShared } from '../support/fixtures';
import { replayFetch, replayFolder } from '../support/replay';
import { detectedReports, locationByName, reportById, valueAt } from '../support/points';
import { KeyStore } from '../../backend/config';
import { usableReports } from '../../backend/series/report-choice';
import { createApp } from '../../backend/app/create-app';
import { marketsTable } from '../../backend/commands/format';
import { cleanEnv, seriesOf } from '../support/app';

// Fixtures under test/fixtures/gas are written from the documented EIA v2 shape (see its README.md).
const RNGC1_FILE = 'eia/v2_natural-gas_pri_fut_RNGC1_daily_first1000rows.json';
const KEY = 'eia-test-key-0123456789';
const HOUR = 3_600_000;

const prices = reportById(gasConnector, 'gas.eia_pri_fut');
const hasRngc1 = hasShared(RNGC1_FILE);
const storage = reportById(gasConnector, 'gas.eia_stor_wkly');

function ctx(r: Report, day: string, keys: Record<string, string> = { EIA_API_KEY: KEY }): RequestContext {
  return { period: periodOf(r, day), run: r.runs[0], product: r.products[0], keys };
}

function parse(r: Report, bytes: Buffer): ParseResult {
  return r.parse(bytes, { market: gasConnector.market, source: 'test' });
}

/** The request as the EIA documentation writes it (api_key is the secret). */
function eiaRequest(route: string, query: string): HttpRequest {
  return { url: `https://api.eia.gov/v2/${route}/data/?api_key=${KEY}&${query}`, secrets: ['api_key'] };
}

const PRICE_QUERY_2024 =
  'frequency=daily&data[0]=value&facets[series][]=RNGWHHD&facets[series][]=RNGC1&facets[series][]=RNGC2&facets[series][]=RNGC3&facets[series][]=RNGC4' +
  '&start=2024-01-01&end=2024-12-31&sort[0][column]=period&sort[0][direction]=asc&offset=0&length=5000';
const STORAGE_SERIES = ['R48', 'R31', 'R32', 'R33', 'R34', 'R35'].map((r) => `facets[series][]=NW2_EPG0_SWO_${r}_BCF`).join('&');
const STORAGE_QUERY_2024 = `frequency=weekly&data[0]=value&${STORAGE_SERIES}&start=2024-01-01&end=2024-12-31&sort[0][column]=period&sort[0][direction]=asc&offset=0&length=5000`;

describe('GAS market', () => {
  it('has the EIA key, works without it (spot from FRED), and has Henry Hub and the six storage regions', () => {
    expect(gasConnector.market.keys.map((k) => k.env)).toEqual(['EIA_API_KEY']);
    expect(gasConnector.market.keyless).toBe(true);
    expect(gasConnector.market.clock).toBe('America/New_York');
    expect(gasConnector.locations.map((l) => l.name)).toEqual([
      'HENRY HUB',
      'LOWER 48',
      'EAST',
      'MIDWEST',
      'SOUTH CENTRAL',
      'MOUNTAIN',
      'PACIFIC',
    ]);
    expect(prices.products).toEqual(['F1', 'F2', 'F3', 'F4']);
    expect(reportById(gasConnector, 'gas.eia_pri_spot').products).toEqual(['SPOT']);
    expect(reportById(gasConnector, 'gas.fred_dhhngsp').products).toEqual(['SPOT']);
    expect(storage.products).toEqual(['STORAGE']);
  });

  it('asks for a calendar year per request', () => {
    const period = periodOf(prices, '2024-03-08');
    expect(period.key).toBe('2024');
    expect(period.days).toHaveLength(366);
    expect(decodeURIComponent(prices.request!(ctx(prices, '2024-03-08')).url)).toBe(
      `https://api.eia.gov/v2/natural-gas/pri/fut/data/?api_key=${KEY}&${PRICE_QUERY_2024}`,
    );
  });

  it('says which variable to set when the key is missing', () => {
    expect(() => prices.request!(ctx(prices, '2024-03-08', {}))).toThrow(GridError);
    expect(() => storage.request!(ctx(storage, '2024-03-08', {}))).toThrow(/set the environment variable EIA_API_KEY/);
  });
});

describeShared(RNGC1_FILE)('EIA RNGC1 daily (real recording, values as strings)', () => {
  let points: ParsedPoint[];
  beforeAll(() => {
    points = parse(prices, readShared(RNGC1_FILE)).points;
  });

  it('reads all 1,000 rows as front-month futures at Henry Hub', () => {
    expect(points).toHaveLength(1000);
    expect(new Set(points.map((p) => `${p.location}|${p.run}|${p.product}`))).toEqual(new Set(['HENRY HUB|DAILY|F1']));
  });

  it('reads values written in the file', () => {
    expect(valueAt(points, 'HENRY HUB', 'F1', '2024-04-05T04:00:00.000Z')).toBe(1.785);
    expect(valueAt(points, 'HENRY HUB', 'F1', '2024-04-04T04:00:00.000Z')).toBe(1.774);
    expect(valueAt(points, 'HENRY HUB', 'F1', '2024-01-02T05:00:00.000Z')).toBe(2.568);
    expect(valueAt(points, 'HENRY HUB', 'F1', '2020-04-13T04:00:00.000Z')).toBe(1.724);
  });

  it('places each day on the New York clock across both DST changes', () => {
    // Friday 2024-03-08 EST (UTC-5), Monday 2024-03-11 EDT (UTC-4)
    expect(valueAt(points, 'HENRY HUB', 'F1', '2024-03-08T05:00:00.000Z')).toBe(1.805);
    expect(valueAt(points, 'HENRY HUB', 'F1', '2024-03-11T04:00:00.000Z')).toBe(1.759);
    // Friday 2023-11-03 EDT, Monday 2023-11-06 EST
    expect(valueAt(points, 'HENRY HUB', 'F1', '2023-11-03T04:00:00.000Z')).toBe(3.515);
    expect(valueAt(points, 'HENRY HUB', 'F1', '2023-11-06T05:00:00.000Z')).toBe(3.264);
    for (const p of points) expect(p.end - p.start).toBe(24 * HOUR);
  });

  it('asks for the next page while rows are left (1,000 of 7,592 here)', () => {
    const first = prices.request!(ctx(prices, '2024-03-08'));
    const next = prices.nextPage!(readShared(RNGC1_FILE), first, ctx(prices, '2024-03-08'))!;
    expect(decodeURIComponent(next.url)).toBe(decodeURIComponent(first.url).replace('offset=0', 'offset=1000'));
    expect(next.secrets).toEqual(['api_key']);
  });

  it('is recognized for import by its content', () => {
    expect(detectedReports(gasConnector, 'data.json', readShared(RNGC1_FILE))).toEqual(['gas.eia_pri_fut']);
  });
});

describe('EIA prices (our written fixture, values as numbers)', () => {
  const { points } = parse(prices, readOwn('gas/pri_fut_2024_written.json'));

  it('reads spot and the four futures', () => {
    const friday = '2024-03-08T05:00:00.000Z';
    expect(valueAt(points, 'HENRY HUB', 'SPOT', friday)).toBe(1.52);
    expect(valueAt(points, 'HENRY HUB', 'F1', friday)).toBe(1.805);
    expect(valueAt(points, 'HENRY HUB', 'F2', friday)).toBe(1.981);
    expect(valueAt(points, 'HENRY HUB', 'F3', friday)).toBe(2.214);
    expect(valueAt(points, 'HENRY HUB', 'F4', friday)).toBe(2.431);
    expect(valueAt(points, 'HENRY HUB', 'SPOT', '2024-03-11T04:00:00.000Z')).toBe(1.37);
  });

  it('stores no point for a null value', () => {
    expect(valueAt(points, 'HENRY HUB', 'F4', '2024-03-11T04:00:00.000Z')).toBeUndefined();
    expect(points).toHaveLength(9);
  });

  it('gives a value on a DST Sunday its 23 or 25 hours (synthetic rows)', () => {
    const dst = parse(prices, readOwn('gas/pri_fut_dst_synthetic.json')).points;
    const spring = dst.find((p) => p.start === Date.parse('2024-03-10T05:00:00.000Z'))!;
    expect(spring.value).toBe(1.45);
    expect(new Date(spring.end).toISOString()).toBe('2024-03-11T04:00:00.000Z');
    expect(spring.end - spring.start).toBe(23 * HOUR);
    const fall = dst.find((p) => p.start === Date.parse('2024-11-03T04:00:00.000Z'))!;
    expect(fall.value).toBe(2.05);
    expect(new Date(fall.end).toISOString()).toBe('2024-11-04T05:00:00.000Z');
    expect(fall.end - fall.start).toBe(25 * HOUR);
  });

  it('replays the request with every series and masks the key', async () => {
    const { result: got, http } = await replayFetch(gasConnector, prices, ctx(prices, '2024-03-08'), [
      { request: eiaRequest('natural-gas/pri/fut', PRICE_QUERY_2024), file: ownPath('gas/pri_fut_2024_written.json') },
    ]);
    expect(valueAt(got.points, 'HENRY HUB', 'SPOT', '2024-03-08T05:00:00.000Z')).toBe(1.52);
    expect(http.requests).toHaveLength(1);
    const logged = decodeURIComponent(http.requests[0].url);
    expect(logged).toBe(`https://api.eia.gov/v2/natural-gas/pri/fut/data/?api_key=***&${PRICE_QUERY_2024}`);
    expect(logged).not.toContain(KEY);
    expect(http.requests[0].headerNames).toEqual([]);
  });
});

describe('EIA weekly storage (our written fixtures)', () => {
  const { points } = parse(storage, readOwn('gas/stor_wkly_2024_written.json'));

  it('reads the six regions at the week-ending Friday', () => {
    const week = '2024-03-08T05:00:00.000Z';
    expect(valueAt(points, 'LOWER 48', 'STORAGE', week)).toBe(2267);
    expect(valueAt(points, 'EAST', 'STORAGE', week)).toBe(361);
    expect(valueAt(points, 'MIDWEST', 'STORAGE', week)).toBe(460);
    expect(valueAt(points, 'SOUTH CENTRAL', 'STORAGE', week)).toBe(1022);
    expect(valueAt(points, 'MOUNTAIN', 'STORAGE', week)).toBe(178);
    expect(valueAt(points, 'PACIFIC', 'STORAGE', week)).toBe(246);
    expect(valueAt(points, 'LOWER 48', 'STORAGE', '2024-03-15T04:00:00.000Z')).toBe(2278);
    expect(new Set(points.map((p) => p.run))).toEqual(new Set(['WEEKLY']));
    for (const p of points) expect(p.end - p.start).toBe(24 * HOUR);
  });

  it('adds up: the five regions make the Lower 48', () => {
    for (const week of ['2024-03-08T05:00:00.000Z', '2024-03-15T04:00:00.000Z']) {
      const regions = ['EAST', 'MIDWEST', 'SOUTH CENTRAL', 'MOUNTAIN', 'PACIFIC'].reduce(
        (sum, r) => sum + valueAt(points, r, 'STORAGE', week)!,
        0,
      );
      expect(Math.abs(regions - valueAt(points, 'LOWER 48', 'STORAGE', week)!)).toBeLessThanOrEqual(0.01);
    }
  });

  it('replays a request answered in two pages', async () => {
    const page2 = STORAGE_QUERY_2024.replace('offset=0', 'offset=2');
    const { result: got, http } = await replayFetch(gasConnector, storage, ctx(storage, '2024-03-08'), [
      { request: eiaRequest('natural-gas/stor/wkly', STORAGE_QUERY_2024), file: ownPath('gas/stor_wkly_page1_written.json') },
      { request: eiaRequest('natural-gas/stor/wkly', page2), file: ownPath('gas/stor_wkly_page2_written.json') },
    ]);
    expect(http.requests.map((r) => decodeURIComponent(r.url))).toEqual([
      `https://api.eia.gov/v2/natural-gas/stor/wkly/data/?api_key=***&${STORAGE_QUERY_2024}`,
      `https://api.eia.gov/v2/natural-gas/stor/wkly/data/?api_key=***&${page2}`,
    ]);
    expect(got.points.map((p) => [new Date(p.start).toISOString(), p.value])).toEqual([
      ['2024-03-01T05:00:00.000Z', 2310],
      ['2024-03-08T05:00:00.000Z', 2267],
      ['2024-03-15T04:00:00.000Z', 2278],
    ]);
  });

  it('is recognized for import by its content', () => {
    expect(detectedReports(gasConnector, 'x.json', readOwn('gas/stor_wkly_2024_written.json'))).toEqual(['gas.eia_stor_wkly']);
  });
});

describe('EIA answers that cannot be trusted', () => {
  const page = (data: unknown[]) => Buffer.from(JSON.stringify({ response: { total: data.length, data } }));

  it('names a missing field', () => {
    expect(() => parse(prices, page([{ series: 'RNGWHHD', value: 1.5 }]))).toThrow(/data row 1: missing field "period"/);
    expect(() => parse(prices, page([{ period: '2024-03-08', value: 1.5 }]))).toThrow(/data row 1: missing field "series"/);
    expect(() => parse(prices, page([{ period: '2024-03-08', series: 'RNGWHHD' }]))).toThrow(/data row 1: missing field "value"/);
    expect(() => parse(prices, Buffer.from('{"response":{"total":"0"}}'))).toThrow(/response: missing field "data"/);
  });

  it('refuses a bad number or a changed unit', () => {
    expect(() => parse(prices, page([{ period: '2024-03-08', series: 'RNGWHHD', value: 'n/a?' }]))).toThrow(
      /data row 1, value: "n\/a\?" is not a number/,
    );
    expect(() => parse(storage, page([{ period: '2024-03-08', series: 'NW2_EPG0_SWO_R48_BCF', value: 2325000, units: 'MMCF' }]))).toThrow(
      /comes in "MMCF", expected BCF/,
    );
  });

  it('refuses an HTML page', () => {
    expect(() => parse(prices, Buffer.from('<!DOCTYPE html><html><body>Service Unavailable</body></html>'))).toThrow(ParseError);
    expect(() => parse(prices, Buffer.from('<!DOCTYPE html><html><body>Service Unavailable</body></html>'))).toThrow(/an HTML page/);
  });

  it('reports an error answer', () => {
    expect(() => parse(prices, Buffer.from('{"error":"invalid frequency","code":400}'))).toThrow(/EIA answered with an error/);
  });

  it('turns a refused key into MISSING_KEY through the http layer', async () => {
    await expect(
      replayFetch(gasConnector, prices, ctx(prices, '2024-03-08'), [
        { request: eiaRequest('natural-gas/pri/fut', PRICE_QUERY_2024), file: ownPath('gas/README.md'), status: 403 },
      ]),
    ).rejects.toMatchObject({
      code: 'MISSING_KEY',
    });
  });
});

// FRED's keyless copy of Henry Hub spot. test/fixtures/fred/DHHNGSP_2024_written.csv is written from
// FRED's documented CSV layout (see its README.md); its values are illustrative.
const FRED_FILE = 'fred/DHHNGSP_2024_written.csv';
const FRED_URL_2024 = 'https://fred.stlouisfed.org/graph/fredgraph.csv?id=DHHNGSP&cosd=2024-01-01&coed=2024-12-31';
const fred = reportById(gasConnector, 'gas.fred_dhhngsp');
const eiaSpot = reportById(gasConnector, 'gas.eia_pri_spot');
const HENRY_HUB = locationByName(gasConnector, 'HENRY HUB');

describe('Henry Hub spot from FRED (DHHNGSP), no key', () => {
  it('asks FRED for the calendar year with cosd/coed and no key', () => {
    expect(periodOf(fred, '2024-03-08').key).toBe('2024');
    const request = fred.request!(ctx(fred, '2024-03-08', {}));
    expect(request.url).toBe(FRED_URL_2024);
    expect(request.secrets).toBeUndefined();
    expect(fred.keys).toBeUndefined();
    expect(gasConnector.market.hosts['fred.stlouisfed.org']).toEqual({ concurrency: 1, minIntervalMs: 1000 });
  });

  it('reads the values written in the file; an empty or "." value is no point', () => {
    const { points } = parse(fred, readOwn(FRED_FILE));
    expect(points).toHaveLength(4);
    expect(valueAt(points, 'HENRY HUB', 'SPOT', '2024-01-02T05:00:00.000Z')).toBe(2.62);
    expect(valueAt(points, 'HENRY HUB', 'SPOT', '2024-03-07T05:00:00.000Z')).toBe(1.5);
    expect(valueAt(points, 'HENRY HUB', 'SPOT', '2024-03-08T05:00:00.000Z')).toBe(1.52);
    // Monday 2024-03-11 is on EDT
    expect(valueAt(points, 'HENRY HUB', 'SPOT', '2024-03-11T04:00:00.000Z')).toBe(1.37);
    expect(valueAt(points, 'HENRY HUB', 'SPOT', '2024-01-01T05:00:00.000Z')).toBeUndefined();
    expect(valueAt(points, 'HENRY HUB', 'SPOT', '2024-03-29T04:00:00.000Z')).toBeUndefined();
    for (const p of points) expect([p.run, p.end - p.start]).toEqual(['DAILY', 24 * HOUR]);
  });

  it('reads the older header DATE,DHHNGSP too', () => {
    const older = readOwn(FRED_FILE).toString('utf8').replace('observation_date,', 'DATE,');
    expect(older.startsWith('DATE,DHHNGSP\n')).toBe(true);
    expect(valueAt(parse(fred, Buffer.from(older)).points, 'HENRY HUB', 'SPOT', '2024-03-08T05:00:00.000Z')).toBe(1.52);
  });

  it('refuses another series, a bad number and an HTML page', () => {
    expect(() => parse(fred, Buffer.from('observation_date,DCOILWTICO\n2024-03-08,78.01\n'))).toThrow(/missing column "DHHNGSP"/);
    expect(() => parse(fred, Buffer.from('observation_date,DHHNGSP\n2024-03-08,n/a\n'))).toThrow(/line 2, DHHNGSP: "n\/a" is not a number/);
    expect(() => parse(fred, Buffer.from('<!DOCTYPE html><html><body>Forbidden</body></html>\n'))).toThrow(ParseError);
  });

  it('is recognized for import by its header, and the EIA files are not taken for it', () => {
    expect(detectedReports(gasConnector, 'fredgraph.csv', readOwn(FRED_FILE))).toEqual(['gas.fred_dhhngsp']);
    expect(detectedReports(gasConnector, 'data.json', readOwn('gas/pri_fut_2024_written.json'))).toEqual(['gas.eia_pri_fut']);
  });

  it('replays the FRED download through the http layer, keeping only the period asked for', async () => {
    const { result: got, http } = await replayFetch(gasConnector, fred, ctx(fred, '2024-03-08', {}), [
      { request: { url: FRED_URL_2024 }, file: ownPath(FRED_FILE) },
    ]);
    expect(got.points).toHaveLength(4);
    expect(valueAt(got.points, 'HENRY HUB', 'SPOT', '2024-03-08T05:00:00.000Z')).toBe(1.52);
    expect(http.requests).toEqual([{ method: 'GET', url: FRED_URL_2024, headerNames: [], source: 'replay' }]);
    const march = { ...ctx(fred, '2024-03-08', {}), period: { key: 'march', days: ['2024-03-07', '2024-03-08'] } };
    const some = fred.parse(readOwn(FRED_FILE), { market: gasConnector.market, source: 'test', request: march });
    expect(some.points.map((p) => p.value)).toEqual([1.5, 1.52]);
  });
});

describe('which report serves Henry Hub spot', () => {
  const choice = (env: Record<string, string>, product = 'SPOT', day = '2024-03-08') =>
    usableReports(gasConnector, 'DAILY', product, day, HENRY_HUB, new KeyStore(env)).map((r) => r.id);

  it('the keyed EIA report first when EIA_API_KEY is set, FRED after it', () => {
    expect(choice({ EIA_API_KEY: KEY })).toEqual(['gas.eia_pri_spot', 'gas.fred_dhhngsp']);
  });

  it('FRED alone when EIA_API_KEY is not set', () => {
    expect(choice({})).toEqual(['gas.fred_dhhngsp']);
  });

  it('asks the EIA API for spot alone', () => {
    expect(decodeURIComponent(eiaSpot.request!(ctx(eiaSpot, '2024-03-08')).url)).toBe(
      `https://api.eia.gov/v2/natural-gas/pri/fut/data/?api_key=${KEY}&frequency=daily&data[0]=value&facets[series][]=RNGWHHD` +
        '&start=2024-01-01&end=2024-12-31&sort[0][column]=period&sort[0][direction]=asc&offset=0&length=5000',
    );
  });

  it('a week with a weekend: the days the year file has no value for are covered as empty, so the week is answered and asked for once', async () => {
    const http = new HttpClient({ replayDir: replayFolder([{ request: { url: FRED_URL_2024 }, file: ownPath(FRED_FILE) }]) });
    const app = createApp({ env: cleanEnv(), http, now: () => Date.parse('2024-12-01T12:00:00Z') });
    try {
      // 7-11 March 2024: the file has Thursday, Friday and Monday; Saturday and Sunday have no value.
      const week = { market: 'GAS', location: 'HENRY HUB', product: 'SPOT', start: '2024-03-07', end: '2024-03-11' };
      const first = await seriesOf(app, week);
      expect(first.points.map((p) => p.value)).toEqual([1.5, 1.52, 1.37]);
      expect(first.quality).toMatchObject({ provisional: false });
      const again = await seriesOf(app, week);
      expect(again.points).toEqual(first.points);
      expect(http.requests).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('without a key, the read path fetches spot from FRED and stores it', async () => {
    const http = new HttpClient({ replayDir: replayFolder([{ request: { url: FRED_URL_2024 }, file: ownPath(FRED_FILE) }]) });
    const app = createApp({ env: cleanEnv(), http });
    try {
      const answer = await seriesOf(app, { market: 'GAS', location: 'HENRY HUB', product: 'SPOT', start: '2024-03-08' });
      expect(answer.points).toEqual([{ start: '2024-03-08T00:00:00-05:00', end: '2024-03-09T00:00:00-05:00', value: 1.52 }]);
      expect(http.requests.map((r) => r.url)).toEqual([FRED_URL_2024]);
    } finally {
      await app.close();
    }
  });
});

describe('NYMEX futures RNGC1-4 end on 2024-04-05', () => {
  const ENDED = 'EIA stopped publishing NYMEX futures RNGC1-4 on 2024-04-05';

  it('the futures report declares its last day; the real RNGC1 recording ends on it', () => {
    expect(prices.validUntil).toBe('2024-04-05');
    if (!hasRngc1) return;
    const days = parse(prices, readShared(RNGC1_FILE)).points.map((p) => p.start);
    expect(new Date(Math.max(...days)).toISOString()).toBe('2024-04-05T04:00:00.000Z');
  });

  it('F1..F4 on a later day: no report fetches, and the error says why', () => {
    for (const product of ['F1', 'F2', 'F3', 'F4'])
      expect(() => usableReports(gasConnector, 'DAILY', product, '2024-04-08', HENRY_HUB, new KeyStore({ EIA_API_KEY: KEY }))).toThrow(
        expect.objectContaining({ code: 'NO_DATA', message: expect.stringContaining(ENDED) }),
      );
    expect(
      usableReports(gasConnector, 'DAILY', 'F1', '2024-04-05', HENRY_HUB, new KeyStore({ EIA_API_KEY: KEY })).map((r) => r.id),
    ).toEqual(['gas.eia_pri_fut']);
  });

  it('the read path answers a later day with that error, without a request', async () => {
    const http = new HttpClient({ replayDir: replayFolder([]) });
    const app = createApp({ env: cleanEnv({ EIA_API_KEY: KEY }), http });
    try {
      await expect(seriesOf(app, { market: 'GAS', location: 'HENRY HUB', product: 'F2', start: '2024-05-01' })).rejects.toMatchObject({
        code: 'NO_DATA',
        message: expect.stringContaining(ENDED),
      });
      expect(http.requests).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('`gridcell markets` and the markets endpoint (the taskpane) say so', async () => {
    const app = createApp({ env: cleanEnv(), http: new HttpClient({ replayDir: replayFolder([]) }) });
    try {
      const gas = (await app.markets()).find((m) => m.id === 'GAS')!;
      expect(gas.notes[0]).toContain(ENDED);
      expect(gas.ready).toBe(true);
      expect(marketsTable([gas])).toContain(`note: ${ENDED}`);
    } finally {
      await app.close();
    }
  });
});
