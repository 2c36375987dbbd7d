/**
 * The fetch planner on simulated upstreams of the other markets: ENTSO-E (EPEX's A44), the Nord Pool
 * Data Portal, the EIA API v2 and NYISO's daily files. Each serves answers built from recorded bytes
 * and enforces its source's documented limits on a simulated clock; the tests count the requests a
 * query makes and check the values stored against the recorded files.
 */
import { createApp } from '../../backend/app/create-app';
import { KeyStore } from '../../backend/config';
import { fetchAndParse } from '../../backend/connectors/fetch';
import type { Connector, RequestContext } from '../../backend/connectors/types';
import type { ParsedPoint, ParseResult } from '../../backend/domain';
import { HttpClient } from '../../backend/http/client';
import { Fetcher } from '../../backend/series/fetcher';
import type { SeriesWriter } from '../../backend/series/write-path';
import { marketDay } from '../../backend/time/clock';
import { redirected, registered } from '../faults/helpers';
import { cleanEnv, seriesOf } from '../support/app';
import { describeShared, readShared } from '../support/fixtures';
import { EIA_RNGC1_FILE, simulatedEia } from '../support/simulated/eia';
import { ENTSOE_SE1_FILE, ENTSOE_SPACING_MS, simulatedEntsoe } from '../support/simulated/entsoe';
import { NORDPOOL_SE3_FILE, simulatedNordPool } from '../support/simulated/nordpool';
import { NYISO_DAM_FILE, simulatedNyiso } from '../support/simulated/nyiso';
import { SimulatedTime } from '../support/simulated/time';
import { daysFrom, type SimulatedUpstream } from '../support/simulated/upstream';

const TODAY = '2026-11-29T15:00:00Z';
const ENTSOE_KEY = 'entsoe-token-5c1d';

type App = ReturnType<typeof createApp>;

function appOn(time: SimulatedTime, connector: Connector, env: Record<string, string> = {}): App {
  return createApp({ env: cleanEnv(env), connectors: [connector], http: new HttpClient({ time }), now: time.now });
}

/** A location as the connector knows it. */
const located = (connector: Connector, name: string) => connector.locations.find((l) => l.name === name)!;

const query = (upstream: SimulatedUpstream, i: number) => new URL(upstream.requests[i].url, 'http://x').searchParams;

/** The recorded SE1 prices of 1 and 2 January 2021 by position, read here from the XML file. */
function recordedSe1(day: 1 | 2): number[] {
  const xml = readShared(ENTSOE_SE1_FILE).toString('utf8');
  const period = xml.split('<Period>')[day];
  return [...period.matchAll(/<price\.amount>([^<]+)<\/price\.amount>/g)].map((m) => Number(m[1]));
}

/**
 * The fetcher alone (the planner and the gathering of locations), its writes collected: a backfill
 * job asks the read path in pieces of at most 62 days, so a window longer than that is seen here.
 */
function fetcherOn(time: SimulatedTime, connector: Connector, env: Record<string, string>) {
  const written: ParsedPoint[] = [];
  const writer = {
    write: async (_market: unknown, results: ParseResult[]) => {
      for (const r of results) written.push(...r.points);
      return {};
    },
    recordError: () => undefined,
  } as unknown as SeriesWriter;
  const http = new HttpClient({ time });
  http.setHostLimits(connector.market.hosts);
  const fetcher = new Fetcher(http, new KeyStore(env), writer, time.now);
  return { fetcher, written };
}

const pointsOn = (points: ParsedPoint[], day: string, location: string) =>
  points.filter((p) => p.location === location && marketDay(p.start, 'Europe/Brussels') === day).sort((a, b) => a.start - b.start);

describeShared(ENTSOE_SE1_FILE)('EPEX DE-LU on a simulated ENTSO-E (A44)', () => {
  let time: SimulatedTime;
  let entsoe: SimulatedUpstream;
  // One request at a time: the simulated clock runs on while a request is in flight, so spacing is measured one by one.
  const epex = () => redirected(registered('EPEX'), entsoe.url, { minIntervalMs: ENTSOE_SPACING_MS, concurrency: 1 });
  const target = (connector: Connector, location: string) => ({
    connector,
    report: connector.reports.find((r) => r.id === 'epex.entsoe_a44')!,
    run: 'DA',
    product: 'LMP',
    location: located(connector, location),
  });

  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    entsoe = await simulatedEntsoe(time);
  });
  afterEach(() => entsoe.close());

  test('a year of DE-LU is one request (the calendar year) with the recorded prices; DST days whole', async () => {
    const connector = epex();
    const { fetcher, written } = fetcherOn(time, connector, { ENTSOE_API_KEY: ENTSOE_KEY });
    const failures = await fetcher.fetch(target(connector, 'DE-LU'), daysFrom('2024-01-01', '2024-12-31'));
    expect([...failures.keys()]).toEqual([]);
    expect(entsoe.requests).toHaveLength(1);
    expect(query(entsoe, 0).get('periodStart')).toBe('202312312300');
    expect(query(entsoe, 0).get('periodEnd')).toBe('202412312300');
    expect(query(entsoe, 0).get('in_Domain')).toBe('10Y1001A1001A82H');
    expect(written).toHaveLength(366 * 24);
    expect(pointsOn(written, '2024-07-01', 'DE-LU').map((p) => p.value)).toEqual(recordedSe1(1));
    expect(pointsOn(written, '2024-07-02', 'DE-LU').map((p) => p.value)).toEqual(recordedSe1(2));
    // CET DST: 31 March 2024 has 23 hours, 27 October 2024 has 25, each whole.
    expect(pointsOn(written, '2024-03-31', 'DE-LU')).toHaveLength(23);
    const fallBack = pointsOn(written, '2024-10-27', 'DE-LU');
    expect(fallBack).toHaveLength(25);
    expect(fallBack[24].value).toBe(recordedSe1(1)[23]);
  });

  test('two years are two requests, split at the year, spaced as ENTSO-E allows', async () => {
    const connector = epex();
    const { fetcher, written } = fetcherOn(time, connector, { ENTSOE_API_KEY: ENTSOE_KEY });
    const failures = await fetcher.fetch(target(connector, 'DE-LU'), daysFrom('2023-01-01', '2024-12-31'));
    expect([...failures.keys()]).toEqual([]);
    expect(entsoe.requests).toHaveLength(2);
    expect(entsoe.requests.every((r) => r.status === 200)).toBe(true);
    expect(entsoe.requests.map((_, i) => [query(entsoe, i).get('periodStart'), query(entsoe, i).get('periodEnd')]).sort()).toEqual([
      ['202212312300', '202312312300'],
      ['202312312300', '202412312300'],
    ]);
    expect(Math.abs(entsoe.requests[1].at - entsoe.requests[0].at)).toBeGreaterThanOrEqual(ENTSOE_SPACING_MS);
    expect(written).toHaveLength((365 + 366) * 24);
  });

  test('a week asked through the app is stored day by day; zones asked together are one request each (A44 takes one zone)', async () => {
    const app = appOn(time, epex(), { ENTSOE_API_KEY: ENTSOE_KEY });
    try {
      const zones = ['DE-LU', 'FR', 'NL'];
      const answers = await Promise.all(
        zones.map((location) => seriesOf(app, { market: 'EPEX', location, start: '2024-07-01', end: '2024-07-07' })),
      );
      expect(entsoe.requests).toHaveLength(3);
      expect(entsoe.requests.every((r) => r.status === 200)).toBe(true);
      expect(entsoe.requests.map((_, i) => query(entsoe, i).get('in_Domain')).sort()).toEqual(
        ['10Y1001A1001A82H', '10YFR-RTE------C', '10YNL----------L'].sort(),
      );
      for (const a of answers) {
        expect(a.points).toHaveLength(7 * 24);
        expect(a.points.slice(0, 24).map((p) => p.value)).toEqual(recordedSe1(1));
      }
      const day = await seriesOf(app, { market: 'EPEX', location: 'DE-LU', start: '2024-07-02' });
      expect(day.points.map((p) => p.value)).toEqual(recordedSe1(2));
      expect(entsoe.requests).toHaveLength(3);
    } finally {
      await app.close();
    }
  });

  test('more than a year in one query is refused with an acknowledgement, as ENTSO-E does', async () => {
    const connector = epex();
    const report = connector.reports.find((r) => r.id === 'epex.entsoe_a44')!;
    const http = new HttpClient({ time });
    const ctx: RequestContext = {
      period: { key: '2023-01-01..2024-12-31', days: daysFrom('2023-01-01', '2024-12-31') },
      run: 'DA',
      product: 'LMP',
      location: located(connector, 'DE-LU'),
      keys: { ENTSOE_API_KEY: ENTSOE_KEY },
    };
    await expect(fetchAndParse(connector, report, ctx, (r) => http.get(r), 'test')).rejects.toThrow(
      /ENTSO-E refused the query: 999 .*at most one year/,
    );
    expect(entsoe.requests.map((r) => r.status)).toEqual([400]);
  });

  test('a day not published yet is "no matching data" (a 400 acknowledgement): NOT_PUBLISHED, nothing written', async () => {
    time = new SimulatedTime('2026-11-29T08:00:00Z'); // 09:00 CET: tomorrow's auction has not run
    await entsoe.close();
    entsoe = await simulatedEntsoe(time);
    const connector = epex();
    const { fetcher, written } = fetcherOn(time, connector, { ENTSOE_API_KEY: ENTSOE_KEY });
    const failures = await fetcher.fetch(target(connector, 'DE-LU'), ['2026-11-30']);
    expect(failures.get('2026-11-30')).toMatchObject({ code: 'NOT_PUBLISHED', message: expect.stringMatching(/No matching data found/) });
    expect(entsoe.requests.map((r) => r.status)).toEqual([400]);
    expect(written).toEqual([]);
  });
});

/** SE3's recorded hourly prices of 5 November 2024, read here from the JSON file. */
function recordedSe3(): number[] {
  const doc = JSON.parse(readShared(NORDPOOL_SE3_FILE).toString('utf8')) as { multiAreaEntries: { entryPerArea: { SE3: number } }[] };
  return doc.multiAreaEntries.map((e) => e.entryPerArea.SE3);
}

describeShared(NORDPOOL_SE3_FILE)('Nord Pool on its simulated Data Portal', () => {
  let time: SimulatedTime;
  let portal: SimulatedUpstream;
  const nordpool = () =>
    redirected(registered('NORDPOOL'), portal.url, registered('NORDPOOL').market.hosts['dataportal-api.nordpoolgroup.com']);
  const start = async (now: string) => {
    time = new SimulatedTime(now);
    portal = await simulatedNordPool(time);
  };
  afterEach(() => portal.close());

  test('a week at 4 areas asked together is 7 requests, one per day with the 4 areas', async () => {
    await start(TODAY);
    const app = appOn(time, nordpool());
    try {
      const areas = ['SE3', 'SE4', 'NO1', 'FI'];
      const answers = await Promise.all(
        areas.map((location) => seriesOf(app, { market: 'NORDPOOL', location, start: '2026-11-16', end: '2026-11-22' })),
      );
      expect(portal.requests).toHaveLength(7);
      expect(portal.requests.every((r) => r.status === 200)).toBe(true);
      expect(portal.requests.map((_, i) => query(portal, i).get('date')).sort()).toEqual(daysFrom('2026-11-16', '2026-11-22'));
      for (let i = 0; i < 7; i++) expect(query(portal, i).get('deliveryArea')!.split(',').sort()).toEqual([...areas].sort());
      const recorded = recordedSe3();
      for (const a of answers) {
        // 15-minute MTU: 96 quarters a day, each quarter the recorded hour's price.
        expect(a.points).toHaveLength(7 * 96);
        expect(a.points[0].value).toBe(recorded[0]);
        expect(a.points[17 * 4 + 3].value).toBe(recorded[17]);
      }
    } finally {
      await app.close();
    }
  });

  test('one area alone is asked as before (deliveryArea=SE3)', async () => {
    await start(TODAY);
    const app = appOn(time, nordpool());
    try {
      await seriesOf(app, { market: 'NORDPOOL', location: 'SE3', start: '2026-11-16' });
      expect(portal.requests).toHaveLength(1);
      expect(query(portal, 0).toString()).toBe('date=2026-11-16&market=DayAhead&deliveryArea=SE3&currency=EUR');
    } finally {
      await app.close();
    }
  });

  test('DST days are stored whole: the fall-back day at 15 minutes (100 quarters), a spring day before the MTU change (23 hours)', async () => {
    await start(TODAY);
    let app = appOn(time, nordpool());
    try {
      const fallBack = await seriesOf(app, { market: 'NORDPOOL', location: 'SE3', start: '2026-10-25' });
      expect(fallBack.points).toHaveLength(100);
      expect(fallBack.points[99].value).toBe(recordedSe3()[23]);
    } finally {
      await app.close();
    }
    await portal.close();
    await start('2025-04-15T15:00:00Z');
    app = appOn(time, nordpool());
    try {
      const spring = await seriesOf(app, { market: 'NORDPOOL', location: 'SE3', start: '2025-03-30' });
      expect(spring.points.map((p) => p.value)).toEqual(recordedSe3().slice(0, 23));
      expect(portal.requests).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  test('beyond ~3 months the portal answers 401; gridcell does not ask it for such days', async () => {
    await start(TODAY);
    const connector = nordpool();
    const report = connector.reports.find((r) => r.id === 'nordpool.day_ahead_prices')!;
    const asked = report.request!({
      period: { key: '2026-07-01', days: ['2026-07-01'] },
      run: 'DA',
      product: 'LMP',
      location: located(connector, 'SE3'),
      keys: {},
    });
    const http = new HttpClient({ time });
    expect((await http.get({ ...asked, url: asked.url, answersIn: [401] })).status).toBe(401);
    const app = appOn(time, connector);
    try {
      await expect(seriesOf(app, { market: 'NORDPOOL', location: 'SE3', start: '2026-07-01' })).rejects.toThrow(/ENTSOE_API_KEY/);
      expect(portal.requests).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});

/** The recorded RNGC1 rows of a year, oldest first, read here from the JSON file. */
function recordedRngc1(year: string): { period: string; value: number }[] {
  const doc = JSON.parse(readShared(EIA_RNGC1_FILE).toString('utf8')) as { response: { data: { period: string; value: string }[] } };
  return doc.response.data
    .filter((r) => r.period.startsWith(year))
    .map((r) => ({ period: r.period, value: Number(r.value) }))
    .sort((a, b) => a.period.localeCompare(b.period));
}

describeShared(EIA_RNGC1_FILE)('GAS on a simulated EIA API v2', () => {
  let time: SimulatedTime;
  let eia: SimulatedUpstream;
  const env = { EIA_API_KEY: 'eia-key-8e21' };
  const futures = () => {
    const connector = redirected(registered('GAS'), eia.url, registered('GAS').market.hosts['api.eia.gov']);
    const report = connector.reports.find((r) => r.id === 'gas.eia_pri_fut')!;
    return { connector, report, run: 'DAILY', product: 'F1', location: located(connector, 'HENRY HUB') };
  };
  const f1 = (points: ParsedPoint[], month: string) =>
    points
      .filter((p) => p.product === 'F1' && marketDay(p.start, 'America/New_York').startsWith(month))
      .sort((a, b) => a.start - b.start)
      .map((p) => p.value);

  beforeEach(() => {
    time = new SimulatedTime(TODAY);
  });
  afterEach(() => eia.close());

  test('a year of F1 is one request for the five series of pri/fut (start/end, one page of 5,000), with the recorded values', async () => {
    eia = await simulatedEia(time);
    const target = futures();
    const { fetcher, written } = fetcherOn(time, target.connector, env);
    await fetcher.fetch(target, daysFrom('2023-01-01', '2023-12-31'));
    expect(eia.requests).toHaveLength(1);
    const q = query(eia, 0);
    expect([q.get('start'), q.get('end'), q.get('offset'), q.get('length')]).toEqual(['2023-01-01', '2023-12-31', '0', '5000']);
    expect(q.getAll('facets[series][]')).toEqual(['RNGWHHD', 'RNGC1', 'RNGC2', 'RNGC3', 'RNGC4']);
    expect(f1(written, '2023')).toEqual(recordedRngc1('2023').map((r) => r.value));
    expect(f1(written, '2023-06')).toEqual(recordedRngc1('2023-06').map((r) => r.value));
  });

  test('two years are two requests; pages of `length` rows are followed to the last', async () => {
    eia = await simulatedEia(time, { maxRows: 200 });
    const target = futures();
    const { fetcher, written } = fetcherOn(time, target.connector, env);
    await fetcher.fetch(target, daysFrom('2022-01-01', '2023-12-31'));
    const pages = (year: string) => Math.ceil((recordedRngc1(year).length * 5) / 200);
    expect(eia.requests).toHaveLength(pages('2022') + pages('2023'));
    expect(eia.requests.every((r) => r.status === 200)).toBe(true);
    const offsets = eia.requests.map((_, i) => [query(eia, i).get('start'), Number(query(eia, i).get('offset'))] as const);
    for (const year of ['2022', '2023'])
      expect(offsets.filter(([s]) => s === `${year}-01-01`).map(([, o]) => o)).toEqual(
        Array.from({ length: pages(year) }, (_, i) => i * 200),
      );
    expect(f1(written, '2022')).toEqual(recordedRngc1('2022').map((r) => r.value));
    expect(f1(written, '2023')).toEqual(recordedRngc1('2023').map((r) => r.value));
  });
});

/** The recorded DA LBMP of a zone at an hour (0..23) of 23 September 2026, read here from the CSV file. */
function recordedLbmp(zone: string, hour: number): number {
  const row = readShared(NYISO_DAM_FILE)
    .toString('utf8')
    .split(/\r?\n/)
    .map((l) => l.split(','))
    .find((c) => c[1] === zone && c[0] === `09/23/2026 ${String(hour).padStart(2, '0')}:00`)!;
  return Number(row[3]);
}

describeShared(NYISO_DAM_FILE)('NYISO on its simulated daily files', () => {
  let time: SimulatedTime;
  let nyiso: SimulatedUpstream;
  const connector = () => redirected(registered('NYISO'), nyiso.url, registered('NYISO').market.hosts['mis.nyiso.com']);

  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    nyiso = await simulatedNyiso(time);
  });
  afterEach(() => nyiso.close());

  test('a week at 3 zones asked together is 7 requests: each day file once, whoever asks', async () => {
    const app = appOn(time, connector());
    try {
      const zones = ['CAPITL', 'N.Y.C.', 'WEST'];
      const answers = await Promise.all(
        zones.map((location) => seriesOf(app, { market: 'NYISO', location, start: '2026-09-21', end: '2026-09-27' })),
      );
      expect(nyiso.requests).toHaveLength(7);
      expect(nyiso.requests.map((r) => r.url).sort()).toEqual(
        daysFrom('2026-09-21', '2026-09-27').map((d) => `/public/csv/damlbmp/${d.replace(/-/g, '')}damlbmp_zone.csv`),
      );
      answers.forEach((a, i) => {
        expect(a.points).toHaveLength(7 * 24);
        expect(a.points[0].value).toBe(recordedLbmp(zones[i], 0));
        expect(a.points[2 * 24 + 18].value).toBe(recordedLbmp(zones[i], 18));
      });
      // A zone asked later is in the files already stored.
      await seriesOf(app, { market: 'NYISO', location: 'LONGIL', start: '2026-09-23' });
      expect(nyiso.requests).toHaveLength(7);
    } finally {
      await app.close();
    }
  });

  test('DST days are stored whole: 23 hours in spring, 25 on the fall-back day', async () => {
    const app = appOn(time, connector());
    try {
      expect((await seriesOf(app, { market: 'NYISO', location: 'WEST', start: '2026-03-08' })).points).toHaveLength(23);
      const fallBack = await seriesOf(app, { market: 'NYISO', location: 'WEST', start: '2026-11-01' });
      expect(fallBack.points).toHaveLength(25);
      expect(fallBack.points[24].value).toBe(recordedLbmp('WEST', 23));
      expect(nyiso.requests).toHaveLength(2);
    } finally {
      await app.close();
    }
  });
});
