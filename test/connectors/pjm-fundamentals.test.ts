import { gunzipSync, gzipSync } from 'node:zlib';
import { pjmConnector } from '../../backend/connectors/us/pjm';
import { GridError, ParseError, type ParseResult } from '../../backend/domain';
import type { RequestContext } from '../../backend/connectors/types';
import type { HttpClient } from '../../backend/http/client';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { expectKeyHeaderOnly, replayFetch } from '../support/replay';
import { detectedReports, expectWholeDay, locationByName, once, pointAt, reportById, seriesOf, valueAt } from '../support/points';

// PJM fundamentals (issue 15): metered load, the seven-day load forecast, generation by fuel and
// the reserve market clearing prices, from the real files in ../shared/fixtures/pjm and our own
// written fixtures in test/fixtures/pjm (README-fundamentals.md). Expected values are read off the
// files by hand; the comment beside each says where.

const KEY = 'test-key-not-a-secret-123';
const HOUR = 3_600_000;
const CLOCK = 'America/New_York';

function ctx(day: string, run: string, product: string, where?: string): RequestContext {
  return {
    period: { key: day, days: [day] },
    run,
    product,
    location: where ? locationByName(pjmConnector, where) : undefined,
    keys: { PJM_API_KEY: KEY },
  };
}

function parse(id: string, bytes: Buffer, source = 'test'): ParseResult {
  return reportById(pjmConnector, id).parse(bytes, { market: pjmConnector.market, source });
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

async function replay(reportId: string, c: RequestContext, url: string, file: string): Promise<{ result: ParseResult; http: HttpClient }> {
  return replayFetch(pjmConnector, reportById(pjmConnector, reportId), c, [{ request: { url }, file }]);
}

/** `replay`, then: the one request made was `url`, carrying the key in its header only. */
async function replayChecked(reportId: string, c: RequestContext, url: string, file: string): Promise<ParseResult> {
  const { result, http } = await replay(reportId, c, url, file);
  expect(http.requests.map((r) => decodeURIComponent(r.url))).toEqual([url]);
  expectKeyHeaderOnly(http, 'Ocp-Apim-Subscription-Key', KEY);
  return result;
}

const NEW_REPORTS = [
  'pjm.hrl_load_metered',
  'pjm.load_frcstd_7_day',
  'pjm.gen_by_fuel',
  'pjm.da_reserve_market_results',
  'pjm.reserve_market_results',
  'pjm.reserve_market_results_hourly',
];

describe('PJM fundamentals: market, locations and reports', () => {
  test('the new reports come after the price reports, which keep their order', () => {
    expect(pjmConnector.reports.map((r) => r.id)).toEqual([
      'pjm.da_hrl_lmps',
      'pjm.rt_hrl_lmps',
      'pjm.rt_fivemin_hrl_lmps',
      'pjm.rt_unverified_fivemin_lmps',
      'pjm.dataminer_csv',
      ...NEW_REPORTS,
    ]);
    for (const id of NEW_REPORTS) expect(reportById(pjmConnector, id).keys).toEqual(['PJM_API_KEY']);
  });

  test('runs ACTUAL and FORECAST beside the price runs', () => {
    expect(pjmConnector.market.runs.map((r) => r.id)).toEqual(['DA', 'RTH', 'RT5', 'ACTUAL', 'FORECAST']);
  });

  test('products: LOAD in MW, eleven fuels, four reserve services (regulation defaults to RT5)', () => {
    const product = (id: string) => pjmConnector.market.products.find((p) => p.id === id);
    expect(product('LOAD')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    const fuels = pjmConnector.market.products.filter((p) => p.id.startsWith('GEN_')).map((p) => p.id);
    expect(fuels.sort()).toEqual(
      [
        'GEN_COAL',
        'GEN_GAS',
        'GEN_HYDRO',
        'GEN_MULTIPLE',
        'GEN_NUCLEAR',
        'GEN_OIL',
        'GEN_OTHER',
        'GEN_OTHER_RENEWABLES',
        'GEN_SOLAR',
        'GEN_STORAGE',
        'GEN_WIND',
      ].sort(),
    );
    expect(product('GEN_WIND')).toMatchObject({ unit: 'MW', defaultRun: 'ACTUAL' });
    expect(product('AS_REG')).toMatchObject({ defaultRun: 'RT5' });
    expect(product('AS_REG')?.unit).toBeUndefined();
    expect(product('AS_SPIN')).toMatchObject({ defaultRun: 'DA' });
    expect(product('AS_NONSPIN')).toMatchObject({ defaultRun: 'DA' });
    expect(product('AS_RES30')).toMatchObject({ defaultRun: 'DA' });
  });

  test('capacity auction results are stated as unavailable', () => {
    expect(pjmConnector.market.unavailable).toEqual([
      expect.objectContaining({ dataset: expect.stringMatching(/capacity/i), reason: expect.stringMatching(/Data Miner 2 has no feed/) }),
    ]);
  });

  test('locations: the RTO, load areas, forecast regions, reserve zones; the price hubs and zones are unchanged', () => {
    expect(locationByName(pjmConnector, 'RTO')).toEqual({ name: 'RTO', type: 'SYSTEM', aliases: ['RTO_COMBINED'] });
    expect(locationByName(pjmConnector, 'BC').type).toBe('AREA');
    expect(locationByName(pjmConnector, 'AEPAPT').type).toBe('AREA');
    expect(locationByName(pjmConnector, 'WESTERN_REGION').type).toBe('REGION');
    expect(locationByName(pjmConnector, 'BG&E/MIDATL').type).toBe('AREA');
    expect(locationByName(pjmConnector, 'PJM RTO Reserve Zone').aliases).toEqual(['PJM_RTO']);
    expect(locationByName(pjmConnector, 'Mid-Atlantic/Dominion Reserve Subzone').aliases).toEqual(['MAD']);
    // A load area spelled like a pricing zone is that zone: one location, with its pnode id.
    expect(pjmConnector.locations.filter((l) => l.name === 'AECO')).toEqual([{ name: 'AECO', type: 'ZONE', aliases: ['51291'] }]);
    const names = pjmConnector.locations.map((l) => l.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(pjmConnector.locations.filter((l) => l.type === 'HUB')).toHaveLength(12);
    expect(pjmConnector.locations.filter((l) => l.type === 'ZONE')).toHaveLength(23);
  });

  test('each report serves only the locations its feed has', () => {
    const serves = (id: string, where: string) => reportById(pjmConnector, id).serves!(locationByName(pjmConnector, where));
    expect(serves('pjm.hrl_load_metered', 'RTO')).toBe(true);
    expect(serves('pjm.hrl_load_metered', 'BC')).toBe(true);
    expect(serves('pjm.hrl_load_metered', 'WESTERN HUB')).toBe(false);
    expect(serves('pjm.gen_by_fuel', 'RTO')).toBe(true);
    expect(serves('pjm.gen_by_fuel', 'AECO')).toBe(false);
    expect(serves('pjm.load_frcstd_7_day', 'RTO')).toBe(true);
    expect(serves('pjm.load_frcstd_7_day', 'SOUTHERN_REGION')).toBe(true);
    expect(serves('pjm.load_frcstd_7_day', 'BC')).toBe(false);
    expect(serves('pjm.reserve_market_results', 'PJM RTO Reserve Zone')).toBe(true);
    expect(serves('pjm.da_reserve_market_results', 'RTO')).toBe(false);
  });
});

describe('PJM fundamentals: requests as Data Miner 2 documents them', () => {
  const url = (id: string, c: RequestContext): string => decodeURIComponent(reportById(pjmConnector, id).request!(c).url);

  test('hrl_load_metered, gen_by_fuel and the reserve feeds: every area in one date-range request', () => {
    expect(url('pjm.hrl_load_metered', ctx('2022-12-01', 'ACTUAL', 'LOAD', 'RTO'))).toBe(
      'https://api.pjm.com/api/v1/hrl_load_metered?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=datetime_beginning_utc,load_area,mw,is_verified&datetime_beginning_ept=2022-12-01T00:00to2022-12-01T23:59',
    );
    const month = { ...ctx('2025-02-01', 'ACTUAL', 'GEN_GAS'), period: { key: '2025-02', days: ['2025-02-01', '2025-02-28'] } };
    expect(url('pjm.gen_by_fuel', month)).toBe(
      'https://api.pjm.com/api/v1/gen_by_fuel?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=datetime_beginning_utc,fuel_type,mw&datetime_beginning_ept=2025-02-01T00:00to2025-02-28T23:59',
    );
    expect(url('pjm.da_reserve_market_results', ctx('2025-11-02', 'DA', 'AS_SPIN'))).toBe(
      'https://api.pjm.com/api/v1/da_reserve_market_results?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=datetime_beginning_utc,locale,service,mcp&datetime_beginning_ept=2025-11-02T00:00to2025-11-02T23:59',
    );
    expect(reportById(pjmConnector, 'pjm.gen_by_fuel').limits).toEqual({ maxDays: 366, within: 'year', rowsPerPage: 50000 });
  });

  test('load_frcstd_7_day: one download of the forecast area (RTO is RTO_COMBINED)', () => {
    expect(url('pjm.load_frcstd_7_day', ctx('2025-03-19', 'FORECAST', 'LOAD', 'RTO'))).toBe(
      'https://api.pjm.com/api/v1/load_frcstd_7_day?download=True&startRow=1&forecast_area=RTO_COMBINED',
    );
    expect(url('pjm.load_frcstd_7_day', ctx('2025-03-19', 'FORECAST', 'LOAD', 'PSE&G/MIDATL'))).toBe(
      'https://api.pjm.com/api/v1/load_frcstd_7_day?download=True&startRow=1&forecast_area=PSE&G/MIDATL',
    );
    expect(() => reportById(pjmConnector, 'pjm.load_frcstd_7_day').request!(ctx('2025-03-19', 'FORECAST', 'LOAD', 'BC'))).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_LOCATION' }),
    );
  });

  test('no key: MISSING_KEY naming the variable', () => {
    const noKey = { ...ctx('2022-12-01', 'ACTUAL', 'LOAD', 'RTO'), keys: {} };
    expect(() => reportById(pjmConnector, 'pjm.hrl_load_metered').request!(noKey)).toThrow(/PJM_API_KEY/);
    expect(() => reportById(pjmConnector, 'pjm.load_frcstd_7_day').request!(noKey)).toThrow(/PJM_API_KEY/);
  });

  test('real-time reserves: five-minute from 2022-09-01, hourly until 2022-08-31', () => {
    const rt5 = reportById(pjmConnector, 'pjm.reserve_market_results');
    const rth = reportById(pjmConnector, 'pjm.reserve_market_results_hourly');
    expect([rt5.runs, rt5.validFrom, rt5.validUntil]).toEqual([['RT5'], '2022-09-01', undefined]);
    expect([rth.runs, rth.validFrom, rth.validUntil]).toEqual([['RTH'], '2013-06-14', '2022-08-31']);
    expect(reportById(pjmConnector, 'pjm.da_reserve_market_results').validFrom).toBe('2022-10-01');
  });
});

describeShared('pjm/hrl_load_metered_2022-12-01_dataminer_all_areas.csv')('PJM hrl_load_metered export (real, 30 load areas)', () => {
  const bytes = once(() => readShared('pjm/hrl_load_metered_2022-12-01_dataminer_all_areas.csv'));
  const result = once(() => parse('pjm.hrl_load_metered', bytes()));

  test('is recognized as hrl_load_metered and nothing else', () => {
    expect(detectedReports(pjmConnector, 'hrl_load_metered.csv', bytes())).toEqual(['pjm.hrl_load_metered']);
    expect(detectedReports(pjmConnector, 'export.csv', bytes())).toEqual(['pjm.hrl_load_metered']);
  });

  test('720 rows: 24 hours x 30 load areas, LOAD ACTUAL, hour-long', () => {
    expect(result().points).toHaveLength(720);
    expect(result().points.every((p) => p.product === 'LOAD' && p.run === 'ACTUAL' && p.end - p.start === HOUR)).toBe(true);
    expect(new Set(result().points.map((p) => p.location)).size).toBe(30);
    expectWholeDay(seriesOf(result().points, { location: 'RTO' }), CLOCK, '2022-12-01', 24, { product: 'LOAD', nothingElse: true });
  });

  test('values by hand', () => {
    // line 2: 12/1/2022 5:00:00 AM (UTC), AE, AECO, 892.178, True
    expect(valueAt(result().points, 'AECO', 'LOAD', '2022-12-01T05:00:00Z')).toBe(892.178);
    // line 12: DOM at 12:00 AM EPT, 12038.932
    expect(valueAt(result().points, 'DOM', 'LOAD', '2022-12-01T05:00:00Z')).toBe(12038.932);
    // line 368: 12/1/2022 5:00:00 PM UTC, BC, 3404.309
    expect(valueAt(result().points, 'BC', 'LOAD', '2022-12-01T17:00:00Z')).toBe(3404.309);
    // line 31 and line 721: RTO (is_verified False, kept), 86913.807 and 94307.816
    expect(valueAt(result().points, 'RTO', 'LOAD', '2022-12-01T05:00:00Z')).toBe(86913.807);
    expect(valueAt(result().points, 'RTO', 'LOAD', '2022-12-02T04:00:00Z')).toBe(94307.816);
    // the last line: VMEU at 11:00 PM EPT, 77.051
    expect(valueAt(result().points, 'VMEU', 'LOAD', '2022-12-02T04:00:00Z')).toBe(77.051);
  });

  test('locations: a zone keeps its pnode id, a load area is an AREA, the RTO is the SYSTEM', () => {
    expect(result().locations).toHaveLength(30);
    expect(result().locations).toContainEqual({ name: 'AECO', type: 'ZONE', aliases: ['51291'] });
    expect(result().locations).toContainEqual({ name: 'BC', type: 'AREA' });
    expect(result().locations).toContainEqual({ name: 'RTO', type: 'SYSTEM', aliases: ['RTO_COMBINED'] });
  });

  test('a renamed column is a ParseError naming it; a bad number is a ParseError; an empty one is missing', () => {
    const text = bytes().toString('utf8');
    expect(() => parse('pjm.hrl_load_metered', Buffer.from(text.replace('load_area', 'area')))).toThrow(/load_area/);
    expect(() => parse('pjm.hrl_load_metered', Buffer.from(text.replace('892.178', 'n/a')))).toThrow(ParseError);
    const blank = parse('pjm.hrl_load_metered', Buffer.from(text.replace(',892.178,', ',,')));
    expect(blank.points).toHaveLength(719);
    expect(valueAt(blank.points, 'AECO', 'LOAD', '2022-12-01T05:00:00Z')).toBeUndefined();
  });

  test('a row repeated for one area and hour is refused', () => {
    const lines = bytes().toString('utf8').split('\r\n');
    const doubled = [...lines.slice(0, 3), lines[1], ...lines.slice(3)].join('\r\n');
    expect(() => parse('pjm.hrl_load_metered', Buffer.from(doubled))).toThrow(/both give AECO/);
  });
});

describe('PJM hrl_load_metered API answer (own fixture, fall-back day)', () => {
  test('replayed: 25 hours at the RTO, the repeated 01:00 EPT hour twice', async () => {
    const expected =
      'https://api.pjm.com/api/v1/hrl_load_metered?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=datetime_beginning_utc,load_area,mw,is_verified&datetime_beginning_ept=2025-11-02T00:00to2025-11-02T23:59';
    const result = await replayChecked(
      'pjm.hrl_load_metered',
      ctx('2025-11-02', 'ACTUAL', 'LOAD', 'RTO'),
      expected,
      ownPath('pjm/hrl_load_metered_2025-11-02_api.json'),
    );
    expectWholeDay(seriesOf(result.points, { location: 'RTO' }), CLOCK, '2025-11-02', 25, { product: 'LOAD', nothingElse: true });
    // items 4 and 6: RTO at 05:00Z (01:00 EDT) 77590.25, at 06:00Z (01:00 EST) 77180
    expect(valueAt(result.points, 'RTO', 'LOAD', '2025-11-02T05:00:00Z')).toBe(77590.25);
    expect(valueAt(result.points, 'RTO', 'LOAD', '2025-11-02T06:00:00Z')).toBe(77180);
    // the last item: RTO at 2025-11-03T04:00Z (23:00 EST), 89754.5
    expect(valueAt(result.points, 'RTO', 'LOAD', '2025-11-03T04:00:00Z')).toBe(89754.5);
    // item 1: AECO at 04:00Z, 801.412 (is_verified true)
    expect(valueAt(result.points, 'AECO', 'LOAD', '2025-11-02T04:00:00Z')).toBe(801.412);
    expect(result.points).toHaveLength(28);
  });

  test('is recognized by its self link', () => {
    expect(detectedReports(pjmConnector, 'a.json', readOwn('pjm/hrl_load_metered_2025-11-02_api.json'))).toEqual(['pjm.hrl_load_metered']);
  });
});

describeShared('pjm/gen_by_fuel_2025-02-09_utc_api_partial_day.json')('PJM gen_by_fuel API answer, UTC fields (real, partial day)', () => {
  const bytes = once(() => readShared('pjm/gen_by_fuel_2025-02-09_utc_api_partial_day.json'));
  const result = once(() => parse('pjm.gen_by_fuel', bytes()));

  test('is recognized as gen_by_fuel and nothing else', () => {
    expect(detectedReports(pjmConnector, 'gen_by_fuel.json', bytes())).toEqual(['pjm.gen_by_fuel']);
  });

  test('220 items: 22 hours x 10 fuels at the RTO, GEN_* ACTUAL', () => {
    expect(result().points).toHaveLength(220);
    expect(result().points.every((p) => p.location === 'RTO' && p.run === 'ACTUAL' && p.end - p.start === HOUR)).toBe(true);
    expect(new Set(result().points.map((p) => p.product))).toEqual(
      new Set([
        'GEN_COAL',
        'GEN_GAS',
        'GEN_HYDRO',
        'GEN_MULTIPLE',
        'GEN_NUCLEAR',
        'GEN_OIL',
        'GEN_OTHER_RENEWABLES',
        'GEN_SOLAR',
        'GEN_STORAGE',
        'GEN_WIND',
      ]),
    );
    expect(result().locations).toEqual([{ name: 'RTO', type: 'SYSTEM', aliases: ['RTO_COMBINED'] }]);
  });

  test('values by hand', () => {
    // the first items, 2025-02-09T00:00:00: Coal 16908.0, Gas 47280.0, Hydro 2971.0, Multiple Fuels 1179.0
    expect(valueAt(result().points, 'RTO', 'GEN_COAL', '2025-02-09T00:00:00Z')).toBe(16908);
    expect(valueAt(result().points, 'RTO', 'GEN_GAS', '2025-02-09T00:00:00Z')).toBe(47280);
    expect(valueAt(result().points, 'RTO', 'GEN_HYDRO', '2025-02-09T00:00:00Z')).toBe(2971);
    expect(valueAt(result().points, 'RTO', 'GEN_MULTIPLE', '2025-02-09T00:00:00Z')).toBe(1179);
    // 2025-02-09T21:00:00 (the last hour): Solar 2719.0, Other Renewables 651.0, Wind 1341.0; Storage 0.0 is a value
    expect(valueAt(result().points, 'RTO', 'GEN_SOLAR', '2025-02-09T21:00:00Z')).toBe(2719);
    expect(valueAt(result().points, 'RTO', 'GEN_OTHER_RENEWABLES', '2025-02-09T21:00:00Z')).toBe(651);
    expect(valueAt(result().points, 'RTO', 'GEN_WIND', '2025-02-09T21:00:00Z')).toBe(1341);
    expect(valueAt(result().points, 'RTO', 'GEN_STORAGE', '2025-02-09T21:00:00Z')).toBe(0);
    expect(valueAt(result().points, 'RTO', 'GEN_COAL', '2025-02-09T22:00:00Z')).toBeUndefined();
  });

  test('replayed: the day asked by date range, answered by the recorded bytes', async () => {
    // The recording answered `datetime_beginning_utc=2025-02-09T00:00:00.0000000` (a UTC day);
    // gridcell asks market days by `datetime_beginning_ept`, as for the LMP feeds.
    const expected =
      'https://api.pjm.com/api/v1/gen_by_fuel?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=datetime_beginning_utc,fuel_type,mw&datetime_beginning_ept=2025-02-09T00:00to2025-02-09T23:59';
    const result = await replayChecked(
      'pjm.gen_by_fuel',
      ctx('2025-02-09', 'ACTUAL', 'GEN_GAS', 'RTO'),
      expected,
      sharedPath('pjm/gen_by_fuel_2025-02-09_utc_api_partial_day.json'),
    );
    expect(result.points).toHaveLength(220);
    expect(valueAt(result.points, 'RTO', 'GEN_NUCLEAR', '2025-02-09T00:00:00Z')).toBe(32919);
  });

  test('an unknown fuel name is a ParseError, never OTHER', () => {
    const renamed = Buffer.from(bytes().toString('utf8').replace('"Oil"', '"Peat"'));
    expect(() => parse('pjm.gen_by_fuel', renamed)).toThrow(/unknown fuel "Peat"/);
  });
});

describeShared(['pjm/gen_by_fuel_2025-02-09_ept_api_partial_day.json', 'pjm/gen_by_fuel_2025-02-09_utc_api_partial_day.json'])(
  'PJM gen_by_fuel API answer, EPT fields only (real, partial day)',
  () => {
    const bytes = once(() => readShared('pjm/gen_by_fuel_2025-02-09_ept_api_partial_day.json'));
    const result = once(() => parse('pjm.gen_by_fuel', bytes()));

    test('is recognized as gen_by_fuel; 90 items = 9 hours x 10 fuels', () => {
      expect(detectedReports(pjmConnector, 'gen_by_fuel.json', bytes())).toEqual(['pjm.gen_by_fuel']);
      expect(result().points).toHaveLength(90);
      const coal = seriesOf(result().points, { product: 'GEN_COAL' });
      expect(coal).toHaveLength(9);
      expect(coal[0].start).toBe(Date.parse('2025-02-09T05:00:00Z'));
      expect(coal[8].start).toBe(Date.parse('2025-02-09T13:00:00Z'));
    });

    test('00:00 EST is 05:00 UTC: the same values as the UTC recording there', () => {
      // EPT file, 2025-02-09T00:00:00: Coal 15849.0, Gas 41727.0, Wind 5096.0; UTC file, 2025-02-09T05:00:00: Coal 15849.0, Wind 5096.0
      expect(valueAt(result().points, 'RTO', 'GEN_COAL', '2025-02-09T05:00:00Z')).toBe(15849);
      expect(valueAt(result().points, 'RTO', 'GEN_GAS', '2025-02-09T05:00:00Z')).toBe(41727);
      const utc = parse('pjm.gen_by_fuel', readShared('pjm/gen_by_fuel_2025-02-09_utc_api_partial_day.json'));
      expect(valueAt(utc.points, 'RTO', 'GEN_COAL', '2025-02-09T05:00:00Z')).toBe(15849);
      expect(valueAt(utc.points, 'RTO', 'GEN_WIND', '2025-02-09T05:00:00Z')).toBe(5096);
      expect(valueAt(result().points, 'RTO', 'GEN_WIND', '2025-02-09T05:00:00Z')).toBe(5096);
      // the last hour, 2025-02-09T08:00:00 EPT: Solar 2022.0, Wind 2575.0
      expect(valueAt(result().points, 'RTO', 'GEN_SOLAR', '2025-02-09T13:00:00Z')).toBe(2022);
      expect(valueAt(result().points, 'RTO', 'GEN_WIND', '2025-02-09T13:00:00Z')).toBe(2575);
    });
  },
);

describe('PJM gen_by_fuel with EPT times only on the fall-back day (written in the test)', () => {
  const item = (ept: string, fuel: string, mw: number) => ({ datetime_beginning_ept: ept, fuel_type: fuel, mw });
  const answer = {
    links: [{ rel: 'self', href: 'https://api.pjm.com/api/v1/gen_by_fuel?Fields=datetime_beginning_ept%2Cfuel_type%2Cmw' }],
    items: [
      item('2025-11-02T00:00:00', 'Coal', 100),
      item('2025-11-02T01:00:00', 'Coal', 101),
      item('2025-11-02T01:00:00', 'Wind', 7),
      item('2025-11-02T01:00:00', 'Coal', 102),
      item('2025-11-02T02:00:00', 'Coal', 103),
    ],
    totalRows: 5,
  };

  test('the repeated 01:00 is EDT the first time a fuel shows it, EST the second', () => {
    const r = parse('pjm.gen_by_fuel', json(answer));
    expect(valueAt(r.points, 'RTO', 'GEN_COAL', '2025-11-02T04:00:00Z')).toBe(100);
    expect(valueAt(r.points, 'RTO', 'GEN_COAL', '2025-11-02T05:00:00Z')).toBe(101);
    expect(valueAt(r.points, 'RTO', 'GEN_COAL', '2025-11-02T06:00:00Z')).toBe(102);
    expect(valueAt(r.points, 'RTO', 'GEN_COAL', '2025-11-02T07:00:00Z')).toBe(103);
    expect(valueAt(r.points, 'RTO', 'GEN_WIND', '2025-11-02T05:00:00Z')).toBe(7);
  });

  test('a time in the spring-forward gap is refused', () => {
    const gap = { ...answer, items: [item('2025-03-09T02:00:00', 'Coal', 1)] };
    expect(() => parse('pjm.gen_by_fuel', json(gap))).toThrow(/spring-forward gap/);
  });

  test('neither time column is a ParseError naming the UTC one', () => {
    const none = { ...answer, items: [{ fuel_type: 'Coal', mw: 1 }] };
    expect(() => parse('pjm.gen_by_fuel', json(none))).toThrow(/datetime_beginning_utc/);
  });
});

describeShared('pjm/gen_by_fuel_2021-03-14_dataminer_springforward.csv')('PJM gen_by_fuel export, spring-forward 2021-03-14 (real)', () => {
  const bytes = once(() => readShared('pjm/gen_by_fuel_2021-03-14_dataminer_springforward.csv'));
  const result = once(() => parse('pjm.gen_by_fuel', bytes()));

  test('is recognized as gen_by_fuel and nothing else', () => {
    expect(detectedReports(pjmConnector, 'mar_2021_gen_by_fuel.csv', bytes())).toEqual(['pjm.gen_by_fuel']);
  });

  test('newest first, 23 hours x 11 fuels (Other included); the day tiles 23 hours', () => {
    expect(result().points).toHaveLength(253);
    expectWholeDay(result().points, CLOCK, '2021-03-14', 23, { product: 'GEN_COAL', nothingElse: true });
    expectWholeDay(result().points, CLOCK, '2021-03-14', 23, { product: 'GEN_OTHER', nothingElse: true });
  });

  test('values by hand', () => {
    // line 2 (the newest): 3/15/2021 3:00:00 AM UTC = 3/14 11:00 PM EDT, Coal 16145.7
    expect(valueAt(result().points, 'RTO', 'GEN_COAL', '2021-03-15T03:00:00Z')).toBe(16145.7);
    // line 233: 3/14/2021 6:00:00 AM UTC = 1:00 AM EST, Coal 15346.8; line 222: 7:00 AM UTC = 3:00 AM EDT, Coal 14922.6
    expect(valueAt(result().points, 'RTO', 'GEN_COAL', '2021-03-14T06:00:00Z')).toBe(15346.8);
    expect(valueAt(result().points, 'RTO', 'GEN_COAL', '2021-03-14T07:00:00Z')).toBe(14922.6);
    // lines 239 and 228: Other 52.5 and 52.6
    expect(valueAt(result().points, 'RTO', 'GEN_OTHER', '2021-03-14T06:00:00Z')).toBe(52.5);
    expect(valueAt(result().points, 'RTO', 'GEN_OTHER', '2021-03-14T07:00:00Z')).toBe(52.6);
    // the last line: 3/14/2021 5:00:00 AM UTC, Wind 2587.6
    expect(valueAt(result().points, 'RTO', 'GEN_WIND', '2021-03-14T05:00:00Z')).toBe(2587.6);
  });
});

describeShared('pjm/load_frcstd_7_day_RTO_COMBINED_2025-03-19_api_download.json.gz')(
  'PJM load_frcstd_7_day download (real, gzip, bare array)',
  () => {
    const gz = once(() => readShared('pjm/load_frcstd_7_day_RTO_COMBINED_2025-03-19_api_download.json.gz'));
    const result = once(() => parse('pjm.load_frcstd_7_day', gz()));
    const ISSUE = 'FORECAST@2025-03-19T09:17:53Z';

    test('is recognized, gzip or inflated, as the forecast and nothing else', () => {
      expect(detectedReports(pjmConnector, 'forecast.gz', gz())).toEqual(['pjm.load_frcstd_7_day']);
      expect(detectedReports(pjmConnector, 'forecast.json', gunzipSync(gz()))).toEqual(['pjm.load_frcstd_7_day']);
    });

    test('168 hours at the RTO, each under FORECAST and under the issue of 09:17:53 UTC', () => {
      expect(result().points).toHaveLength(336);
      expect(new Set(result().points.map((p) => p.run))).toEqual(new Set(['FORECAST', ISSUE]));
      expect(result().points.every((p) => p.location === 'RTO' && p.product === 'LOAD' && p.end - p.start === HOUR)).toBe(true);
      expect(result().locations).toEqual([{ name: 'RTO', type: 'SYSTEM', aliases: ['RTO_COMBINED'] }]);
      expect(seriesOf(result().points, { run: 'FORECAST' })).toHaveLength(168);
    });

    test('values by hand', () => {
      // item 1: 2025-03-19T04:00:00 UTC (00:00 EPT), 76305; item 2: 05:00 UTC, 74852
      expect(valueAt(result().points, { location: 'RTO', product: 'LOAD', run: 'FORECAST', start: '2025-03-19T04:00:00Z' })).toBe(76305);
      expect(valueAt(result().points, { location: 'RTO', product: 'LOAD', run: ISSUE, start: '2025-03-19T04:00:00Z' })).toBe(76305);
      expect(valueAt(result().points, { location: 'RTO', product: 'LOAD', run: 'FORECAST', start: '2025-03-19T05:00:00Z' })).toBe(74852);
      // item 101: 2025-03-23T08:00:00 UTC, 78241; the last: 2025-03-26T03:00:00 UTC (03-25 23:00 EPT), 85054
      expect(valueAt(result().points, { location: 'RTO', product: 'LOAD', run: 'FORECAST', start: '2025-03-23T08:00:00Z' })).toBe(78241);
      expect(valueAt(result().points, { location: 'RTO', product: 'LOAD', run: 'FORECAST', start: '2025-03-26T03:00:00Z' })).toBe(85054);
    });

    test('replayed: the documented download request, answered by the gzip body', async () => {
      const expected = 'https://api.pjm.com/api/v1/load_frcstd_7_day?download=True&startRow=1&forecast_area=RTO_COMBINED';
      const r = await replayChecked(
        'pjm.load_frcstd_7_day',
        ctx('2025-03-19', 'FORECAST', 'LOAD', 'RTO'),
        expected,
        sharedPath('pjm/load_frcstd_7_day_RTO_COMBINED_2025-03-19_api_download.json.gz'),
      );
      expect(r.points).toHaveLength(336);
      expect(valueAt(r.points, { location: 'RTO', product: 'LOAD', run: 'FORECAST', start: '2025-03-19T05:00:00Z' })).toBe(74852);
    });

    test('a gzip body cut short is a ParseError', () => {
      expect(() => parse('pjm.load_frcstd_7_day', gz().subarray(0, gz().length - 40))).toThrow(ParseError);
    });
  },
);

describe('PJM load_frcstd_7_day with several issues (written in the test)', () => {
  const row = (issuedUtc: string, startUtc: string, area: string, mw: number) => ({
    evaluated_at_datetime_utc: issuedUtc,
    forecast_datetime_beginning_utc: startUtc,
    forecast_datetime_ending_utc: startUtc.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`),
    forecast_area: area,
    forecast_load_mw: mw,
  });

  test('each issue is kept as its vintage; FORECAST is the latest issue of each hour and area', () => {
    const body = gzipSync(
      json([
        row('2025-03-19T09:17:53', '2025-03-20T10:00:00', 'RTO_COMBINED', 80000),
        row('2025-03-19T15:47:00', '2025-03-20T10:00:00', 'RTO_COMBINED', 81000),
        row('2025-03-19T09:17:53', '2025-03-20T10:00:00', 'WESTERN_REGION', 40000),
      ]),
    );
    const r = parse('pjm.load_frcstd_7_day', body);
    const at = '2025-03-20T10:00:00Z';
    expect(valueAt(r.points, { location: 'RTO', run: 'FORECAST', product: 'LOAD', start: at })).toBe(81000);
    expect(valueAt(r.points, { location: 'RTO', run: 'FORECAST@2025-03-19T09:17:53Z', product: 'LOAD', start: at })).toBe(80000);
    expect(valueAt(r.points, { location: 'RTO', run: 'FORECAST@2025-03-19T15:47:00Z', product: 'LOAD', start: at })).toBe(81000);
    expect(valueAt(r.points, { location: 'WESTERN_REGION', run: 'FORECAST', product: 'LOAD', start: at })).toBe(40000);
    expect(r.points).toHaveLength(5);
    expect(pointAt(r.points, { location: 'RTO', run: 'FORECAST', product: 'LOAD', start: at })!.end).toBe(Date.parse(at) + HOUR);
    expect(r.locations).toContainEqual({ name: 'WESTERN_REGION', type: 'REGION' });
  });

  test('an empty download is not published yet; a missing issue time is a ParseError naming it', () => {
    expect(() => parse('pjm.load_frcstd_7_day', Buffer.from('[]'))).toThrow(expect.objectContaining({ code: 'NOT_PUBLISHED' }));
    const noIssue = [{ forecast_datetime_beginning_utc: '2025-03-20T10:00:00', forecast_area: 'RTO_COMBINED', forecast_load_mw: 1 }];
    expect(() => parse('pjm.load_frcstd_7_day', json(noIssue))).toThrow(/evaluated_at_datetime_utc/);
  });
});

describe('PJM reserve market results, real time (own fixtures)', () => {
  test('five-minute, replayed: RT5 by reserve zone and service', async () => {
    const expected =
      'https://api.pjm.com/api/v1/reserve_market_results?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=datetime_beginning_utc,locale,service,mcp&datetime_beginning_ept=2025-06-24T00:00to2025-06-24T23:59';
    const result = await replayChecked(
      'pjm.reserve_market_results',
      ctx('2025-06-24', 'RT5', 'AS_SPIN', 'PJM RTO Reserve Zone'),
      expected,
      ownPath('pjm/reserve_market_results_2025-06-24_1800-1810EPT_api.json'),
    );
    const Z = 'PJM RTO Reserve Zone';
    const MAD = 'Mid-Atlantic/Dominion Reserve Subzone';
    // item 1: 22:00Z PJM_RTO REG 42.17; item 2: SR 850; item 3: PR 850; item 4: 30MIN 0
    expect(valueAt(result.points, Z, 'AS_REG', '2025-06-24T22:00:00Z')).toBe(42.17);
    expect(valueAt(result.points, Z, 'AS_SPIN', '2025-06-24T22:00:00Z')).toBe(850);
    expect(valueAt(result.points, Z, 'AS_NONSPIN', '2025-06-24T22:00:00Z')).toBe(850);
    expect(valueAt(result.points, Z, 'AS_RES30', '2025-06-24T22:00:00Z')).toBe(0);
    // item 11: 22:05Z MAD SR 870.1; item 15: 22:10Z PJM_RTO SR 300
    expect(valueAt(result.points, MAD, 'AS_SPIN', '2025-06-24T22:05:00Z')).toBe(870.1);
    expect(valueAt(result.points, Z, 'AS_SPIN', '2025-06-24T22:10:00Z')).toBe(300);
    // item 18: 22:10Z MAD PR, mcp null: missing, not zero
    expect(valueAt(result.points, MAD, 'AS_NONSPIN', '2025-06-24T22:10:00Z')).toBeUndefined();
    expect(result.points).toHaveLength(17);
    expect(result.points.every((p) => p.run === 'RT5' && p.end - p.start === 300_000)).toBe(true);
    expect(result.locations).toEqual([
      { name: Z, type: 'AREA', aliases: ['PJM_RTO'] },
      { name: MAD, type: 'AREA', aliases: ['MAD'] },
    ]);
  });

  test('hourly before 2022-09-01, replayed through the hourly report: RTH across the spring-forward gap', async () => {
    const expected =
      'https://api.pjm.com/api/v1/reserve_market_results?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=datetime_beginning_utc,locale,service,mcp&datetime_beginning_ept=2021-03-14T00:00to2021-03-14T23:59';
    const { result } = await replay(
      'pjm.reserve_market_results_hourly',
      ctx('2021-03-14', 'RTH', 'AS_REG', 'PJM RTO Reserve Zone'),
      expected,
      ownPath('pjm/reserve_market_results_2021-03-14_hourly_api.json'),
    );
    // items 1, 3, 5: REG 18.44 at 06:00Z (01:00 EST), 17.02 at 07:00Z (03:00 EDT), 21.3 at 08:00Z
    expect(valueAt(result.points, 'PJM RTO Reserve Zone', 'AS_REG', '2021-03-14T06:00:00Z')).toBe(18.44);
    expect(valueAt(result.points, 'PJM RTO Reserve Zone', 'AS_REG', '2021-03-14T07:00:00Z')).toBe(17.02);
    expect(valueAt(result.points, 'PJM RTO Reserve Zone', 'AS_REG', '2021-03-14T08:00:00Z')).toBe(21.3);
    // item 2: SR 0 at 06:00Z is a price of zero
    expect(valueAt(result.points, 'PJM RTO Reserve Zone', 'AS_SPIN', '2021-03-14T06:00:00Z')).toBe(0);
    expect(result.points).toHaveLength(6);
    expect(result.points.every((p) => p.run === 'RTH' && p.end - p.start === HOUR)).toBe(true);
  });

  test('each saved answer is recognized as the five-minute report (whose parser reads both intervals)', () => {
    for (const f of [
      'pjm/reserve_market_results_2025-06-24_1800-1810EPT_api.json',
      'pjm/reserve_market_results_2021-03-14_hourly_api.json',
    ])
      expect(detectedReports(pjmConnector, 'answer.json', readOwn(f))).toEqual(['pjm.reserve_market_results']);
  });

  test('an unknown service is a ParseError naming it', () => {
    const text = readOwn('pjm/reserve_market_results_2025-06-24_1800-1810EPT_api.json').toString('utf8').replace('"30MIN"', '"DASR"');
    expect(() => parse('pjm.reserve_market_results', Buffer.from(text))).toThrow(/unknown reserve service "DASR"/);
  });
});

describe('PJM reserve market results, day-ahead (own fixture, fall-back day)', () => {
  test('replayed: 25 hours of synchronized reserve at the RTO reserve zone, by full names', async () => {
    const expected =
      'https://api.pjm.com/api/v1/da_reserve_market_results?RowCount=50000&StartRow=1&Order=Asc&IsActiveMetadata=True&Fields=datetime_beginning_utc,locale,service,mcp&datetime_beginning_ept=2025-11-02T00:00to2025-11-02T23:59';
    const result = await replayChecked(
      'pjm.da_reserve_market_results',
      ctx('2025-11-02', 'DA', 'AS_SPIN', 'PJM RTO Reserve Zone'),
      expected,
      ownPath('pjm/da_reserve_market_results_2025-11-02_api.json'),
    );
    const Z = 'PJM RTO Reserve Zone';
    expectWholeDay(seriesOf(result.points, { location: Z }), CLOCK, '2025-11-02', 25, { product: 'AS_SPIN', nothingElse: true });
    // item 1: 04:00Z Synchronized Reserve 1.1; item 6: 05:00Z (01:00 EDT) 1.45; item 11: 06:00Z (01:00 EST) 1.8
    expect(valueAt(result.points, Z, 'AS_SPIN', '2025-11-02T04:00:00Z')).toBe(1.1);
    expect(valueAt(result.points, Z, 'AS_SPIN', '2025-11-02T05:00:00Z')).toBe(1.45);
    expect(valueAt(result.points, Z, 'AS_SPIN', '2025-11-02T06:00:00Z')).toBe(1.8);
    // the last item: 2025-11-03T04:00Z, 9.5
    expect(valueAt(result.points, Z, 'AS_SPIN', '2025-11-03T04:00:00Z')).toBe(9.5);
    // items 2, 3: Primary Reserve 0.75, Thirty Minutes Reserve 0.25; items 9, 10: the subzone at 05:00Z, 2.95 and 0.85
    expect(valueAt(result.points, Z, 'AS_NONSPIN', '2025-11-02T04:00:00Z')).toBe(0.75);
    expect(valueAt(result.points, Z, 'AS_RES30', '2025-11-02T04:00:00Z')).toBe(0.25);
    expect(valueAt(result.points, 'Mid-Atlantic/Dominion Reserve Subzone', 'AS_SPIN', '2025-11-02T05:00:00Z')).toBe(2.95);
    expect(valueAt(result.points, 'Mid-Atlantic/Dominion Reserve Subzone', 'AS_NONSPIN', '2025-11-02T05:00:00Z')).toBe(0.85);
    expect(result.points).toHaveLength(33);
    expect(result.points.every((p) => p.run === 'DA' && p.end - p.start === HOUR)).toBe(true);
  });

  test('is recognized as the day-ahead report and nothing else', () => {
    expect(detectedReports(pjmConnector, 'da.json', readOwn('pjm/da_reserve_market_results_2025-11-02_api.json'))).toEqual([
      'pjm.da_reserve_market_results',
    ]);
  });
});

describe('PJM fundamentals: empty answers and junk', () => {
  const html = Buffer.from('<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body>Down</body></html>');
  const parsers = [
    'pjm.hrl_load_metered',
    'pjm.load_frcstd_7_day',
    'pjm.gen_by_fuel',
    'pjm.da_reserve_market_results',
    'pjm.reserve_market_results',
  ];

  test.each(parsers)('%s: no items at all is NOT_PUBLISHED; a page past the last holds nothing', (id) => {
    const none = json({ links: [], items: [], totalRows: 0 });
    expect(() => parse(id, none)).toThrow(GridError);
    expect(() => parse(id, none)).toThrow(expect.objectContaining({ code: 'NOT_PUBLISHED' }));
    expect(parse(id, json({ links: [], items: [], totalRows: 120 })).points).toEqual([]);
  });

  test.each(parsers)('%s: an HTML page is a ParseError and is recognized by nothing', (id) => {
    expect(() => parse(id, html)).toThrow(ParseError);
    expect(detectedReports(pjmConnector, 'page.html', html)).toEqual([]);
  });

  test('a CSV export with a header and no rows is not published', () => {
    const header = Buffer.from('datetime_beginning_utc,datetime_beginning_ept,fuel_type,mw,fuel_percentage_of_total,is_renewable\r\n');
    expect(() => parse('pjm.gen_by_fuel', header)).toThrow(expect.objectContaining({ code: 'NOT_PUBLISHED' }));
  });
});
