import { pjmConnector } from '../../backend/connectors/us/pjm';
import { GridError, ParseError, type ParseResult } from '../../backend/domain';
import type { RequestContext } from '../../backend/connectors/types';
import { describeShared, ownPath, readShared, sharedPath } from '../support/fixtures';
import { expectKeyHeaderOnly, replayById, type UrlEntry } from '../support/replay';
import { detectedReports, expectComponentsAddUp, locationByName, once, reportById, valueAt } from '../support/points';

const KEY = 'test-key-not-a-secret-123';

function ctx(day: string, run: string, where: string): RequestContext {
  return {
    period: { key: day, days: [day] },
    run,
    product: 'LMP',
    location: locationByName(pjmConnector, where),
    keys: { PJM_API_KEY: KEY },
  };
}

function parse(id: string, bytes: Buffer, source = 'test'): ParseResult {
  return reportById(pjmConnector, id).parse(bytes, { market: pjmConnector.market, source });
}

function decoded(url: string): string {
  return decodeURIComponent(url);
}

const HOUR = 3_600_000;

describe('PJM market and locations', () => {
  test('clock, currency, runs and the RT alias', () => {
    expect(pjmConnector.market.clock).toBe('America/New_York');
    expect(pjmConnector.market.currency).toBe('USD');
    expect(pjmConnector.market.runAliases).toEqual({ RT: 'RTH' });
    expect(pjmConnector.market.keyless).toBe(false);
    expect(pjmConnector.market.keys.map((k) => k.env)).toEqual(['PJM_API_KEY']);
  });

  test('every hub and zone carries its pnode id', () => {
    const alias = (name: string): string[] | undefined => locationByName(pjmConnector, name).aliases;
    expect(alias('WESTERN HUB')).toEqual(['51288']);
    expect(alias('EASTERN HUB')).toEqual(['51217']);
    expect(alias('WEST INT HUB')).toEqual(['51287']);
    expect(alias('NEW JERSEY HUB')).toEqual(['4669664']);
    expect(alias('CHICAGO GEN HUB')).toEqual(['33092311']);
    expect(alias('CHICAGO HUB')).toEqual(['33092313']);
    expect(alias('N ILLINOIS HUB')).toEqual(['33092315']);
    expect(alias('AEP GEN HUB')).toEqual(['34497125']);
    expect(alias('AEP-DAYTON HUB')).toEqual(['34497127']);
    expect(alias('OHIO HUB')).toEqual(['34497151']);
    expect(alias('DOMINION HUB')).toEqual(['35010337']);
    expect(alias('ATSI GEN HUB')).toEqual(['116013751']);
    expect(alias('PJM-RTO')).toEqual(['1']);
    expect(alias('BGE')).toEqual(['51292']);
    expect(alias('OVEC')).toEqual(['1709725933']);
    expect(pjmConnector.locations.filter((l) => l.type === 'HUB')).toHaveLength(12);
    expect(pjmConnector.locations.filter((l) => l.type === 'ZONE')).toHaveLength(23);
  });

  test('the keyed API reports come before the import-only CSV report', () => {
    expect(pjmConnector.reports.map((r) => r.id)).toEqual([
      'pjm.da_hrl_lmps',
      'pjm.rt_hrl_lmps',
      'pjm.rt_fivemin_hrl_lmps',
      'pjm.rt_unverified_fivemin_lmps',
      'pjm.dataminer_csv',
      'pjm.hrl_load_metered',
      'pjm.load_frcstd_7_day',
      'pjm.gen_by_fuel',
      'pjm.da_reserve_market_results',
      'pjm.reserve_market_results',
      'pjm.reserve_market_results_hourly',
    ]);
    expect(reportById(pjmConnector, 'pjm.dataminer_csv').request).toBeUndefined();
  });
});

describe('PJM request builders', () => {
  test('no key: a MISSING_KEY error that names the variable', () => {
    const noKey = { ...ctx('2025-07-01', 'DA', 'WESTERN HUB'), keys: {} };
    expect(() => reportById(pjmConnector, 'pjm.da_hrl_lmps').request!(noKey)).toThrow(/PJM_API_KEY/);
  });

  test('a location without a pnode id is refused', () => {
    const c = { ...ctx('2025-07-01', 'DA', 'WESTERN HUB'), location: { name: 'SOMEWHERE', type: 'NODE' } };
    expect(() => reportById(pjmConnector, 'pjm.da_hrl_lmps').request!(c)).toThrow(GridError);
  });

  test('a pnode id given as the location name is used', () => {
    const c = { ...ctx('2025-07-01', 'DA', 'WESTERN HUB'), location: { name: '2156113094', type: 'NODE' } };
    expect(decoded(reportById(pjmConnector, 'pjm.da_hrl_lmps').request!(c).url)).toMatch(/&pnode_id=2156113094$/);
  });

  test('a next link to another host is refused', () => {
    const body = Buffer.from(
      JSON.stringify({ links: [{ rel: 'next', href: 'https://evil.example.com/api/v1/da_hrl_lmps?StartRow=2' }], items: [] }),
    );
    const previous = reportById(pjmConnector, 'pjm.da_hrl_lmps').request!(ctx('2025-07-01', 'DA', 'WESTERN HUB'));
    expect(() => reportById(pjmConnector, 'pjm.da_hrl_lmps').nextPage!(body, previous, ctx('2025-07-01', 'DA', 'WESTERN HUB'))).toThrow(
      ParseError,
    );
  });
});

describeShared('pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv')('PJM Data Miner CSV export, day-ahead (real, CRLF)', () => {
  const bytes = once(() => readShared('pjm/da_hrl_lmps_hubs_2025-07-01_02_dataminer.csv'));
  const result = once(() => parse('pjm.dataminer_csv', bytes()));

  test('is recognized as the Data Miner CSV and nothing else', () => {
    expect(detectedReports(pjmConnector, 'export.csv', bytes())).toEqual(['pjm.dataminer_csv']);
  });

  test('values of WESTERN HUB at 2025-07-01 00:00 EPT', () => {
    const at = '2025-07-01T04:00:00Z';
    expect(valueAt(result().points, 'WESTERN HUB', 'LMP', at)).toBe(36.851144);
    expect(valueAt(result().points, 'WESTERN HUB', 'ENERGY', at)).toBe(37.44);
    expect(valueAt(result().points, 'WESTERN HUB', 'CONGESTION', at)).toBe(-0.245);
    expect(valueAt(result().points, 'WESTERN HUB', 'LOSS', at)).toBe(-0.343856);
    const p = result().points.find((x) => x.location === 'WESTERN HUB' && x.start === Date.parse(at))!;
    expect(p.run).toBe('DA');
    expect(p.end - p.start).toBe(HOUR);
  });

  test('the last hour: ATSI GEN HUB at 2025-07-02 23:00 EPT', () => {
    expect(valueAt(result().points, 'ATSI GEN HUB', 'LMP', '2025-07-03T03:00:00Z')).toBe(41.651364);
    expect(valueAt(result().points, 'DOMINION HUB', 'CONGESTION', '2025-07-03T03:00:00Z')).toBe(1.473542);
  });

  test('576 rows x 4 products, all DA, 12 hubs with their pnode ids', () => {
    expect(result().points).toHaveLength(576 * 4);
    expect(new Set(result().points.map((p) => p.run))).toEqual(new Set(['DA']));
    expect(result().locations).toHaveLength(12);
    expect(result().locations).toContainEqual({ name: 'WESTERN HUB', type: 'HUB', aliases: ['51288'] });
  });

  test('components add up on every row', () => {
    expect(expectComponentsAddUp(result().points, { groups: 'with ENERGY' })).toBe(576);
  });

  test('a renamed price column is a ParseError naming it', () => {
    const renamed = Buffer.from(bytes().toString('utf8').replace('total_lmp_da', 'total_lmp_dayahead'));
    expect(() => parse('pjm.dataminer_csv', renamed)).toThrow(/total_lmp_da/);
  });

  test('a missing UTC column is a ParseError naming it', () => {
    const renamed = Buffer.from(bytes().toString('utf8').replace('datetime_beginning_utc', 'datetime_beginning_gmt'));
    expect(() => parse('pjm.dataminer_csv', renamed)).toThrow(ParseError);
    expect(() => parse('pjm.dataminer_csv', renamed)).toThrow(/datetime_beginning_utc/);
  });
});

describeShared('pjm/rt_hrl_lmps_hubs_2025-07-01_02_dataminer.csv')('PJM Data Miner CSV export, real-time hourly (real)', () => {
  const result = once(() => parse('pjm.dataminer_csv', readShared('pjm/rt_hrl_lmps_hubs_2025-07-01_02_dataminer.csv')));

  test('hourly real-time rows are RTH', () => {
    expect(new Set(result().points.map((p) => p.run))).toEqual(new Set(['RTH']));
  });

  test('values of WESTERN HUB', () => {
    expect(valueAt(result().points, 'WESTERN HUB', 'LMP', '2025-07-01T04:00:00Z')).toBe(71.381889);
    expect(valueAt(result().points, 'WESTERN HUB', 'LMP', '2025-07-01T20:00:00Z')).toBe(56.297192);
    expect(valueAt(result().points, 'WESTERN HUB', 'CONGESTION', '2025-07-01T20:00:00Z')).toBe(-11.22014);
    expect(valueAt(result().points, 'WESTERN HUB', 'LMP', '2025-07-03T03:00:00Z')).toBe(33.209095);
  });

  test('components add up', () => {
    expect(expectComponentsAddUp(result().points, { groups: 'with ENERGY' })).toBe(576);
  });
});

describeShared('pjm/rt_fivemin_hrl_lmps_PJM-RTO_2025-09-01_dataminer.csv')('PJM Data Miner CSV export, five-minute (real, LF)', () => {
  const bytes = once(() => readShared('pjm/rt_fivemin_hrl_lmps_PJM-RTO_2025-09-01_dataminer.csv'));
  const result = once(() => parse('pjm.dataminer_csv', bytes()));

  test('five-minute spacing makes it RT5 with 5-minute intervals', () => {
    expect(detectedReports(pjmConnector, 'x.csv', bytes())).toEqual(['pjm.dataminer_csv']);
    const lmp = result().points.filter((p) => p.product === 'LMP');
    expect(lmp).toHaveLength(288);
    expect(new Set(lmp.map((p) => p.run))).toEqual(new Set(['RT5']));
    expect(lmp.every((p) => p.end - p.start === 300_000)).toBe(true);
  });

  test('first and last intervals of the EPT day', () => {
    expect(valueAt(result().points, 'PJM-RTO', 'LMP', '2025-09-01T04:00:00Z')).toBe(16.501561);
    expect(valueAt(result().points, 'PJM-RTO', 'LMP', '2025-09-01T04:05:00Z')).toBe(18.68613);
    expect(valueAt(result().points, 'PJM-RTO', 'LMP', '2025-09-02T03:55:00Z')).toBe(12.103696);
    expect(valueAt(result().points, 'PJM-RTO', 'ENERGY', '2025-09-02T03:55:00Z')).toBe(12.06);
  });

  test('components add up on all 288 intervals', () => {
    expect(expectComponentsAddUp(result().points, { groups: 'with ENERGY' })).toBe(288);
  });
});

describeShared(['pjm/da_hrl_lmps_api_response_2024-02-20_trimmed.json', 'pjm/rt_hrl_lmps_api_response_2024-02-20_trimmed.json'])(
  'PJM API answers, 2024-02-20 (real, trimmed)',
  () => {
    const da = once(() => readShared('pjm/da_hrl_lmps_api_response_2024-02-20_trimmed.json'));
    const rt = once(() => readShared('pjm/rt_hrl_lmps_api_response_2024-02-20_trimmed.json'));

    test('each is recognized by its feed', () => {
      expect(detectedReports(pjmConnector, 'a.json', da())).toEqual(['pjm.da_hrl_lmps']);
      expect(detectedReports(pjmConnector, 'b.json', rt())).toEqual(['pjm.rt_hrl_lmps']);
    });

    test('day-ahead values at 2024-02-20 00:00 EST', () => {
      const r = parse('pjm.da_hrl_lmps', da());
      const at = '2024-02-20T05:00:00Z';
      expect(valueAt(r.points, 'PJM-RTO', 'LMP', at)).toBe(23.632196);
      expect(valueAt(r.points, 'MID-ATL/APS', 'LMP', at)).toBe(23.679954);
      expect(valueAt(r.points, 'MID-ATL/APS', 'LOSS', at)).toBe(0.467496);
      expect(expectComponentsAddUp(r.points, { groups: 'with ENERGY' })).toBe(2);
      expect(r.locations).toContainEqual({ name: 'MID-ATL/APS', type: 'ZONE', aliases: ['3'] });
    });

    test('real-time values printed with 6 decimals', () => {
      const r = parse('pjm.rt_hrl_lmps', rt());
      expect(valueAt(r.points, 'PJM-RTO', 'ENERGY', '2024-02-20T05:00:00Z')).toBe(17.94);
      expect(valueAt(r.points, 'PJM-RTO', 'LMP', '2024-02-20T05:00:00Z')).toBe(17.956076);
      expect(r.points.every((p) => p.run === 'RTH')).toBe(true);
      expect(expectComponentsAddUp(r.points, { groups: 'with ENERGY' })).toBe(2);
    });

    test('a JSON answer without datetime_beginning_utc is a ParseError naming it', () => {
      const broken = Buffer.from(
        da()
          .toString('utf8')
          .replace(/"datetime_beginning_utc"/g, '"datetime_beginning_gmt"'),
      );
      expect(() => parse('pjm.da_hrl_lmps', broken)).toThrow(/datetime_beginning_utc/);
    });

    test('a JSON answer without total_lmp_da is a ParseError naming it', () => {
      const broken = Buffer.from(
        da()
          .toString('utf8')
          .replace(/"total_lmp_da"/g, '"lmp_da"'),
      );
      expect(() => parse('pjm.da_hrl_lmps', broken)).toThrow(/total_lmp_da/);
    });
  },
);

describe('PJM junk and empty answers', () => {
  const html = Buffer.from('<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body>Down for maintenance</body></html>');

  test('an HTML page is a ParseError for the API parser and for the CSV parser', () => {
    expect(() => parse('pjm.da_hrl_lmps', html)).toThrow(ParseError);
    expect(() => parse('pjm.da_hrl_lmps', html)).toThrow(/HTML/);
    expect(() => parse('pjm.dataminer_csv', html)).toThrow(ParseError);
    expect(detectedReports(pjmConnector, 'page.html', html)).toEqual([]);
  });

  test('no items at all means not published yet', () => {
    const empty = Buffer.from(JSON.stringify({ links: [], items: [], totalRows: 0 }));
    expect(() => parse('pjm.rt_hrl_lmps', empty)).toThrow(expect.objectContaining({ code: 'NOT_PUBLISHED' }));
  });

  test('a price that is not a number is a ParseError', () => {
    const bad = Buffer.from(
      JSON.stringify({ items: [{ datetime_beginning_utc: '2025-07-01T04:00:00', pnode_name: 'X', total_lmp_da: 'n/a' }] }),
    );
    expect(() => parse('pjm.da_hrl_lmps', bad)).toThrow(/item 1, total_lmp_da: "n\/a" is not a number/);
  });
});

describe('PJM live requests, replayed', () => {
  const DA_FIELDS =
    'datetime_beginning_utc,pnode_id,pnode_name,type,row_is_current,system_energy_price_da,total_lmp_da,congestion_price_da,marginal_loss_price_da';
  const RT_FIELDS =
    'datetime_beginning_utc,pnode_id,pnode_name,type,row_is_current,system_energy_price_rt,total_lmp_rt,congestion_price_rt,marginal_loss_price_rt';
  const url = (feed: string, fields: string, day: string, pnode: string, startRow = 1): string =>
    `https://api.pjm.com/api/v1/${feed}?RowCount=50000&StartRow=${startRow}&Order=Asc&IsActiveMetadata=True&Fields=${fields}&datetime_beginning_ept=${day}T00:00to${day}T23:59&pnode_id=${pnode}`;

  const run = (reportId: string, c: RequestContext, entries: UrlEntry[]) => replayById(pjmConnector, reportId, c, entries);

  test('DA on the spring-forward day 2025-03-09: 23 hours (own fixture)', async () => {
    const expected = url('da_hrl_lmps', DA_FIELDS, '2025-03-09', '51288');
    const { result, http } = await run('pjm.da_hrl_lmps', ctx('2025-03-09', 'DA', 'WESTERN HUB'), [
      { url: expected, file: ownPath('pjm/da_hrl_lmps_2025-03-09_western_hub.json') },
    ]);
    expect(http.requests.map((r) => decoded(r.url))).toEqual([expected]);
    expectKeyHeaderOnly(http, 'Ocp-Apim-Subscription-Key', KEY);
    const lmp = result.points.filter((p) => p.product === 'LMP');
    expect(lmp).toHaveLength(23);
    expect(lmp[0].start).toBe(Date.parse('2025-03-09T05:00:00Z'));
    // 01:00 EST is followed by 03:00 EDT: one hour later in UTC.
    expect(valueAt(result.points, 'WESTERN HUB', 'LMP', '2025-03-09T06:00:00Z')).toBe(25.487);
    expect(valueAt(result.points, 'WESTERN HUB', 'LMP', '2025-03-09T07:00:00Z')).toBe(25.994);
    expect(valueAt(result.points, 'WESTERN HUB', 'LMP', '2025-03-10T03:00:00Z')).toBe(35.934);
    expect(lmp[22].end).toBe(Date.parse('2025-03-10T04:00:00Z'));
    expect(expectComponentsAddUp(result.points, { groups: 'with ENERGY' })).toBe(23);
  });

  test('RT (alias RTH) on the fall-back day 2025-11-02: 25 hours, superseded row dropped (own fixture)', async () => {
    expect(pjmConnector.market.runAliases?.RT).toBe('RTH');
    const expected = url('rt_hrl_lmps', RT_FIELDS, '2025-11-02', '51288');
    const { result, http } = await run('pjm.rt_hrl_lmps', ctx('2025-11-02', 'RTH', 'WESTERN HUB'), [
      { url: expected, file: ownPath('pjm/rt_hrl_lmps_2025-11-02_western_hub.json') },
    ]);
    expect(http.requests.map((r) => decoded(r.url))).toEqual([expected]);
    expectKeyHeaderOnly(http, 'Ocp-Apim-Subscription-Key', KEY);
    const lmp = result.points.filter((p) => p.product === 'LMP');
    expect(lmp).toHaveLength(25);
    // The two 01:00 hours: 01:00 EDT = 05:00Z and 01:00 EST = 06:00Z.
    expect(valueAt(result.points, 'WESTERN HUB', 'LMP', '2025-11-02T05:00:00Z')).toBe(30.97);
    expect(valueAt(result.points, 'WESTERN HUB', 'LMP', '2025-11-02T06:00:00Z')).toBe(32.09);
    expect(valueAt(result.points, 'WESTERN HUB', 'LMP', '2025-11-03T04:00:00Z')).toBe(53.85);
    expect(result.points.some((p) => p.value === 99)).toBe(false);
    expect(expectComponentsAddUp(result.points, { groups: 'with ENERGY' })).toBe(25);
  });

  test('RT5 follows the next link across two pages (own fixtures)', async () => {
    const first = url('rt_fivemin_hrl_lmps', RT_FIELDS, '2025-09-01', '1');
    const second = url('rt_fivemin_hrl_lmps', RT_FIELDS, '2025-09-01', '1', 3);
    const { result, http } = await run('pjm.rt_fivemin_hrl_lmps', ctx('2025-09-01', 'RT5', 'PJM-RTO'), [
      { url: first, file: ownPath('pjm/rt_fivemin_hrl_lmps_2025-09-01_page1.json') },
      { url: second, file: ownPath('pjm/rt_fivemin_hrl_lmps_2025-09-01_page2.json') },
    ]);
    expect(http.requests.map((r) => decoded(r.url))).toEqual([first, second]);
    expectKeyHeaderOnly(http, 'Ocp-Apim-Subscription-Key', KEY);
    const lmp = result.points.filter((p) => p.product === 'LMP');
    expect(lmp.map((p) => new Date(p.start).toISOString())).toEqual([
      '2025-09-01T04:00:00.000Z',
      '2025-09-01T04:05:00.000Z',
      '2025-09-01T04:10:00.000Z',
    ]);
    expect(valueAt(result.points, 'PJM-RTO', 'LMP', '2025-09-01T04:10:00Z')).toBe(19.805603);
    expect(lmp.every((p) => p.run === 'RT5' && p.end - p.start === 300_000)).toBe(true);
  });

  test('a refused key is a MISSING_KEY error that does not show the key', async () => {
    const expected = url('da_hrl_lmps', DA_FIELDS, '2025-03-09', '51288');
    const promise = run('pjm.da_hrl_lmps', ctx('2025-03-09', 'DA', 'WESTERN HUB'), [
      { url: expected, file: ownPath('pjm/da_hrl_lmps_2025-03-09_western_hub.json'), status: 401 },
    ]);
    await expect(promise).rejects.toMatchObject({ code: 'MISSING_KEY' });
    await promise.catch((e: Error) => expect(e.message).not.toContain(KEY));
  });

  describeShared('pjm/da_hrl_lmps_zones_2026-06-09_api_complete.json')('with the real DA zones answer', () => {
    test('DA for BGE on 2026-06-09', async () => {
      const expected = url('da_hrl_lmps', DA_FIELDS, '2026-06-09', '51292');
      const { result, http } = await run('pjm.da_hrl_lmps', ctx('2026-06-09', 'DA', 'BGE'), [
        { url: expected, file: sharedPath('pjm/da_hrl_lmps_zones_2026-06-09_api_complete.json') },
      ]);
      expect(http.requests.map((r) => decoded(r.url))).toEqual([expected]);
      // The recorded answer was asked with type=ZONE, so it carries all 23 zones (LMP only).
      expect(valueAt(result.points, 'BGE', 'LMP', '2026-06-09T04:00:00Z')).toBe(44.243725);
      expect(valueAt(result.points, 'PJM-RTO', 'LMP', '2026-06-09T04:00:00Z')).toBe(31.862345);
      expect(valueAt(result.points, 'OVEC', 'LMP', '2026-06-10T03:00:00Z')).toBe(43.169104);
      expect(result.points).toHaveLength(552);
      expect(result.locations).toContainEqual({ name: 'OVEC', type: 'ZONE', aliases: ['1709725933'] });
    });
  });

  describeShared('pjm/rt_unverified_fivemin_lmps_zones_2026-06-10T1440-1510EPT_api.json')(
    'with the real unverified five-minute answer',
    () => {
      test('RT5 from rt_unverified_fivemin_lmps for PJM-RTO on 2026-06-10', async () => {
        const expected = url('rt_unverified_fivemin_lmps', 'datetime_beginning_utc,pnode_id,pnode_name,total_lmp_rt', '2026-06-10', '1');
        const { result, http } = await run('pjm.rt_unverified_fivemin_lmps', ctx('2026-06-10', 'RT5', 'PJM-RTO'), [
          { url: expected, file: sharedPath('pjm/rt_unverified_fivemin_lmps_zones_2026-06-10T1440-1510EPT_api.json') },
        ]);
        expect(http.requests.map((r) => decoded(r.url))).toEqual([expected]);
        expectKeyHeaderOnly(http, 'Ocp-Apim-Subscription-Key', KEY);
        expect(result.points).toHaveLength(154);
        expect(valueAt(result.points, 'PJM-RTO', 'LMP', '2026-06-10T19:10:00Z')).toBe(545.53);
        expect(valueAt(result.points, 'BGE', 'LMP', '2026-06-10T18:55:00Z')).toBe(1205.42);
        expect(valueAt(result.points, 'BGE', 'LMP', '2026-06-10T18:40:00Z')).toBe(1085.36);
        expect(result.points.every((p) => p.product === 'LMP' && p.run === 'RT5' && p.end - p.start === 300_000)).toBe(true);
        expect(result.locations).toContainEqual({ name: 'BGE', type: 'ZONE', aliases: ['51292'] });
      });
    },
  );

  describeShared('pjm/rt_hrl_lmps_api_response_2024-02-20_trimmed.json')('with the real RT hourly answer', () => {
    test('RTH for PJM-RTO on 2024-02-20', async () => {
      const expected = url('rt_hrl_lmps', RT_FIELDS, '2024-02-20', '1');
      const { result } = await run('pjm.rt_hrl_lmps', ctx('2024-02-20', 'RTH', 'PJM-RTO'), [
        { url: expected, file: sharedPath('pjm/rt_hrl_lmps_api_response_2024-02-20_trimmed.json') },
      ]);
      expect(valueAt(result.points, 'PJM-RTO', 'CONGESTION', '2024-02-20T05:00:00Z')).toBe(0.005357);
    });
  });
});
