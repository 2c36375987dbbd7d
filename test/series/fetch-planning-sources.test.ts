/**
 * The fetch planner on simulated upstreams of the remaining sources: MISO, SPP, ISO-NE, IESO, AESO,
 * JEPX, ECB and EU ETS. Each serves answers built from the recorded files in ../shared/fixtures and
 * enforces its source's spacing (429) and path rules on a simulated clock; each test asks the real
 * app for a week (or the source's natural unit), counts the requests against the source's rule,
 * measures their spacing and checks the values stored against the recorded file, read here.
 */
import { DateTime } from 'luxon';
import { createApp } from '../../backend/app/create-app';
import { cellText, excelSerialDay, readXlsxSheet } from '../../backend/formats/xlsx';
import type { Connector } from '../../backend/connectors/types';
import { HttpClient } from '../../backend/http/client';
import { redirected, registered } from '../faults/helpers';
import { cleanEnv, seriesOf } from '../support/app';
import { describeShared, readShared } from '../support/fixtures';
import {
  MISO_API_SPACING_MS,
  MISO_DA_FALLBACK_FILE,
  MISO_DA_FILE,
  MISO_FIVE_MIN_FILE,
  MISO_REPORTS_SPACING_MS,
  simulatedMiso,
  simulatedMisoApi,
} from '../support/simulated/miso';
import { AESO_ETS_SPACING_MS, AESO_POOL_PRICE_FILES, simulatedAeso } from '../support/simulated/aeso';
import { ECB_DAILY_XML_FILE, ECB_LATEST_CSV_FILE, ECB_SPACING_MS, isTargetHoliday, simulatedEcb } from '../support/simulated/ecb';
import { EEX_SPACING_MS, EUETS_2024_FILE, simulatedEex } from '../support/simulated/euets';
import { JEPX_FY2024_FILE, JEPX_SPACING_MS, simulatedJepx } from '../support/simulated/jepx';
import { IESO_DA_FILE, IESO_HOEP_FILE, simulatedIeso } from '../support/simulated/ieso';
import { ISONE_HUB_FALLBACK_FILE, ISONE_HUB_FILE, simulatedIsone } from '../support/simulated/isone';
import { SPP_DA_FALLBACK_FILE, SPP_DA_FILE, SPP_DA_SPRING_FILE, simulatedSpp } from '../support/simulated/spp';
import { SimulatedTime } from '../support/simulated/time';
import { daysFrom, type SimulatedUpstream } from '../support/simulated/upstream';

const TODAY = '2026-11-29T15:00:00Z';

type App = ReturnType<typeof createApp>;

function appOn(time: SimulatedTime, connector: Connector, env: Record<string, string> = {}): App {
  return createApp({ env: cleanEnv(env), connectors: [connector], http: new HttpClient({ time }), now: time.now });
}

/**
 * The registered connector sent to the simulated upstream, with the spacing gridcell keeps for
 * `host`. Where the host is spaced, one request at a time: the simulated clock runs on while a
 * request is in flight, so spacing is measured one by one (as for ENTSO-E in fetch-planning-markets).
 */
function onUpstream(market: string, upstream: SimulatedUpstream, host: string): Connector {
  const limit = registered(market).market.hosts[host];
  if (!limit) throw new Error(`${market} has no host ${host}`);
  return redirected(registered(market), upstream.url, limit.minIntervalMs ? { ...limit, concurrency: 1 } : limit);
}

/** Every gap between consecutive request arrivals, in simulated ms. */
function gaps(upstream: SimulatedUpstream): number[] {
  const at = upstream.requests.map((r) => r.at).sort((a, b) => a - b);
  return at.slice(1).map((t, i) => t - at[i]);
}

async function using<T>(app: App, body: (app: App) => Promise<T>): Promise<T> {
  try {
    return await body(app);
  } finally {
    await app.close();
  }
}

/** A wide MISO report's 24 hour-ending values of a node and value row (`LMP`, `MCC`, `MLC`), read from the file. */
function recordedMiso(file: string, node: string, value = 'LMP'): number[] {
  const row = readShared(file)
    .toString('utf8')
    .split('\n')
    .map((l) => l.split(','))
    .find((c) => c[0] === node && c[2] === value)!;
  return row.slice(3, 27).map(Number);
}

describeShared([MISO_DA_FILE, MISO_DA_FALLBACK_FILE])('MISO on its simulated market reports', () => {
  let time: SimulatedTime;
  let miso: SimulatedUpstream;
  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    miso = await simulatedMiso(time);
  });
  afterEach(() => miso.close());
  const app = () => appOn(time, onUpstream('MISO', miso, 'docs.misoenergy.org'));

  test('a week at two hubs is 7 requests (one da_expost_lmp file per day, every node in it), a second apart', () =>
    using(app(), async (a) => {
      const hubs = ['INDIANA.HUB', 'MINN.HUB'];
      const answers = await Promise.all(
        hubs.map((location) => seriesOf(a, { market: 'MISO', location, start: '2026-11-16', end: '2026-11-22' })),
      );
      // One file per market day: 7.
      expect(miso.requests).toHaveLength(7);
      expect(miso.requests.every((r) => r.status === 200)).toBe(true);
      expect(miso.requests.map((r) => r.url).sort()).toEqual(
        daysFrom('2026-11-16', '2026-11-22').map((d) => `/marketreports/${d.replace(/-/g, '')}_da_expost_lmp.csv`),
      );
      for (const gap of gaps(miso)) expect(gap).toBeGreaterThanOrEqual(MISO_REPORTS_SPACING_MS);
      answers.forEach((answer, i) => {
        expect(answer.points).toHaveLength(7 * 24);
        const recorded = recordedMiso(MISO_DA_FILE, hubs[i]);
        expect(answer.points.slice(0, 24).map((p) => p.value)).toEqual(recorded);
        expect(answer.points.slice(6 * 24).map((p) => p.value)).toEqual(recorded);
      });
    }));

  test('the US fall-back day is one file of 24 hours ending EST (MISO keeps no DST), the recorded values', () =>
    using(app(), async (a) => {
      const day = await seriesOf(a, { market: 'MISO', location: 'INDIANA.HUB', start: '2025-11-02' });
      expect(miso.requests).toHaveLength(1);
      expect(day.points.map((p) => p.value)).toEqual(recordedMiso(MISO_DA_FALLBACK_FILE, 'INDIANA.HUB'));
      expect(Date.parse(day.points[0].start)).toBe(Date.parse('2025-11-02T05:00:00Z'));
    }));
});

/** The recorded five-minute LMP of a node (its row of the `Current` answer), read from the JSON file. */
function recordedFiveMin(node: string): number {
  const doc = JSON.parse(readShared(MISO_FIVE_MIN_FILE).toString('utf8')) as { data: string[][] };
  return Number(doc.data.find((r) => r[1] === node)![2]);
}

describeShared(MISO_FIVE_MIN_FILE)('MISO on its simulated five-minute ex-post API', () => {
  let time: SimulatedTime;
  let api: SimulatedUpstream;
  beforeEach(async () => {
    time = new SimulatedTime(TODAY); // 10:00 EST
    api = await simulatedMisoApi(time);
  });
  afterEach(() => api.close());
  // The report picks its form at the moment of the request, on the app's (simulated) clock.
  const app = () => appOn(time, onUpstream('MISO', api, 'public-api.misoenergy.org'));

  test('yesterday and today are 2 requests (Previous, then Rolling), a minute apart', () =>
    using(app(), async (a) => {
      const yesterday = await seriesOf(a, { market: 'MISO', location: 'MS.HUB', run: 'RT5', start: '2026-11-28' });
      const today = await seriesOf(a, { market: 'MISO', location: 'MS.HUB', run: 'RT5', start: '2026-11-29' });
      // No date parameter: one request per form, the previous day whole in Previous, today's intervals so far in Rolling: 2.
      expect(api.requests.map((r) => [r.url, r.status])).toEqual([
        ['/api/MarketPricing/GetRealTimeFiveMinExPost/Previous', 200],
        ['/api/MarketPricing/GetRealTimeFiveMinExPost/Rolling', 200],
      ]);
      for (const gap of gaps(api)) expect(gap).toBeGreaterThanOrEqual(MISO_API_SPACING_MS);
      expect(yesterday.points).toHaveLength(288);
      expect(new Set(yesterday.points.map((p) => p.value))).toEqual(new Set([recordedFiveMin('MS.HUB')]));
      expect(Date.parse(yesterday.points[0].start)).toBe(Date.parse('2026-11-28T05:00:00Z'));
      // 00:00 to 10:00 EST: 120 intervals have ended.
      expect(today.points).toHaveLength(120);
    }));
});

/** An SPP day-ahead file's LMPs of a settlement location in file order (one per hour ending), read from the file. */
function recordedSpp(file: string, location: string): number[] {
  const [header, ...rows] = readShared(file)
    .toString('utf8')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(','));
  return rows.filter((c) => c[header.indexOf('Settlement Location')] === location).map((c) => Number(c[header.indexOf('LMP')]));
}

describeShared([SPP_DA_FILE, SPP_DA_FALLBACK_FILE, SPP_DA_SPRING_FILE])('SPP on its simulated file browser', () => {
  let time: SimulatedTime;
  let spp: SimulatedUpstream;
  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    spp = await simulatedSpp(time);
  });
  afterEach(() => spp.close());
  const app = () => appOn(time, onUpstream('SPP', spp, 'portal.spp.org'));

  test('a week at two hubs is 7 requests (one By_Day DA-LMP-SL file per day, every location in it)', () =>
    using(app(), async (a) => {
      const hubs = ['SPPNORTH_HUB', 'SPPSOUTH_HUB'];
      const answers = await Promise.all(
        hubs.map((location) => seriesOf(a, { market: 'SPP', location, start: '2026-11-16', end: '2026-11-22' })),
      );
      // One file per market day: 7 (SPP documents no spacing; gridcell keeps 4 at a time).
      expect(spp.requests).toHaveLength(7);
      expect(spp.requests.every((r) => r.status === 200)).toBe(true);
      expect(spp.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('path')).sort()).toEqual(
        daysFrom('2026-11-16', '2026-11-22').map((d) => `/2026/11/By_Day/DA-LMP-SL-${d.replace(/-/g, '')}0100.csv`),
      );
      answers.forEach((answer, i) => {
        expect(answer.points).toHaveLength(7 * 24);
        const recorded = recordedSpp(SPP_DA_FILE, hubs[i]);
        expect(answer.points.slice(0, 24).map((p) => p.value)).toEqual(recorded);
        expect(answer.points.slice(3 * 24, 4 * 24).map((p) => p.value)).toEqual(recorded);
      });
    }));

  test('the DST days are stored whole from the recorded files: 25 hours on 2025-11-02, 23 on 2026-03-08', () =>
    using(app(), async (a) => {
      const fallBack = await seriesOf(a, { market: 'SPP', location: 'SPPNORTH_HUB', start: '2025-11-02' });
      expect(fallBack.points.map((p) => p.value)).toEqual(recordedSpp(SPP_DA_FALLBACK_FILE, 'SPPNORTH_HUB'));
      expect(fallBack.points).toHaveLength(25);
      const spring = await seriesOf(a, { market: 'SPP', location: 'SPPNORTH_HUB', start: '2026-03-08' });
      expect(spring.points.map((p) => p.value)).toEqual(recordedSpp(SPP_DA_SPRING_FILE, 'SPPNORTH_HUB'));
      expect(spring.points).toHaveLength(23);
      expect(spp.requests).toHaveLength(2);
    }));
});

/** The web services' hub LMPs of a recorded answer in order, read from the JSON file. */
function recordedIsone(file: string): number[] {
  const doc = JSON.parse(readShared(file).toString('utf8')) as { HourlyLmps: { HourlyLmp: { LmpTotal: number }[] } };
  return doc.HourlyLmps.HourlyLmp.map((r) => r.LmpTotal);
}

describeShared([ISONE_HUB_FILE, ISONE_HUB_FALLBACK_FILE])('ISO-NE on its simulated web services', () => {
  let time: SimulatedTime;
  let isone: SimulatedUpstream;
  const env = { ISONE_USERNAME: 'gridcell-test', ISONE_PASSWORD: 'not-a-secret' };
  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    isone = await simulatedIsone(time);
  });
  afterEach(() => isone.close());
  const app = () => appOn(time, onUpstream('ISONE', isone, 'webservices.iso-ne.com'), env);

  test('a week at the hub is 7 requests (hourlylmp takes one day and one location, no range form)', () =>
    using(app(), async (a) => {
      const week = await seriesOf(a, { market: 'ISONE', location: '.H.INTERNAL_HUB', start: '2026-11-16', end: '2026-11-22' });
      // One day per request, one location: 7.
      expect(isone.requests).toHaveLength(7);
      expect(isone.requests.every((r) => r.status === 200)).toBe(true);
      expect(isone.requests.map((r) => r.url).sort()).toEqual(
        daysFrom('2026-11-16', '2026-11-22').map((d) => `/api/v1.1/hourlylmp/da/final/day/${d.replace(/-/g, '')}/location/4000.json`),
      );
      expect(week.points).toHaveLength(7 * 24);
      const recorded = recordedIsone(ISONE_HUB_FILE);
      expect(week.points.slice(0, 24).map((p) => p.value)).toEqual(recorded);
      expect(week.points.slice(6 * 24).map((p) => p.value)).toEqual(recorded);
    }));

  test('the fall-back day is stored whole (25 hours, the recorded answer); the spring day has 23', () =>
    using(app(), async (a) => {
      const fallBack = await seriesOf(a, { market: 'ISONE', location: '.H.INTERNAL_HUB', start: '2025-11-02' });
      expect(fallBack.points.map((p) => p.value)).toEqual(recordedIsone(ISONE_HUB_FALLBACK_FILE));
      expect(fallBack.points).toHaveLength(25);
      const spring = await seriesOf(a, { market: 'ISONE', location: '.H.INTERNAL_HUB', start: '2026-03-08' });
      expect(spring.points.map((p) => p.value)).toEqual(recordedIsone(ISONE_HUB_FILE).slice(0, 23));
      expect(isone.requests).toHaveLength(2);
    }));
});

/** IESO's day-ahead Ontario zonal prices by hour (1..24), read from the XML file. */
function recordedIesoDa(): number[] {
  return [
    ...readShared(IESO_DA_FILE)
      .toString('utf8')
      .matchAll(/<ZonalPrice>([^<]+)<\/ZonalPrice>/g),
  ].map((m) => Number(m[1]));
}

/** The HOEP of each hour of a day in the 2023 year file, read from the CSV. */
function recordedHoep(day: string): number[] {
  return readShared(IESO_HOEP_FILE)
    .toString('utf8')
    .split('\n')
    .map((l) => l.split(','))
    .filter((c) => c[0] === day)
    .map((c) => Number(c[2]));
}

describeShared([IESO_DA_FILE, IESO_HOEP_FILE])('IESO on its simulated public reports', () => {
  let time: SimulatedTime;
  let ieso: SimulatedUpstream;
  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    ieso = await simulatedIeso(time);
  });
  afterEach(() => ieso.close());
  const app = () => appOn(time, onUpstream('IESO', ieso, 'reports-public.ieso.ca'));

  test('a week of the day-ahead zonal price is 7 requests (one DAHourlyOntarioZonalPrice file per day); a US DST day has 24 hours', () =>
    using(app(), async (a) => {
      const week = await seriesOf(a, { market: 'IESO', location: 'ONTARIO', run: 'DA', start: '2026-10-29', end: '2026-11-04' });
      // One file per market day: 7.
      expect(ieso.requests).toHaveLength(7);
      expect(ieso.requests.every((r) => r.status === 200)).toBe(true);
      expect(ieso.requests.map((r) => r.url).sort()).toEqual(
        daysFrom('2026-10-29', '2026-11-04').map(
          (d) => `/public/DAHourlyOntarioZonalPrice/PUB_DAHourlyOntarioZonalPrice_${d.replace(/-/g, '')}.xml`,
        ),
      );
      // EST all year: 2026-11-01 (the US fall-back day) is 24 hours like the others.
      expect(week.points).toHaveLength(7 * 24);
      for (let d = 0; d < 7; d++) expect(week.points.slice(d * 24, (d + 1) * 24).map((p) => p.value)).toEqual(recordedIesoDa());
      expect(Date.parse(week.points[3 * 24].start)).toBe(Date.parse('2026-11-01T05:00:00Z'));
    }));

  test('a week of HOEP before Market Renewal is 1 request (the year file PriceHOEPPredispOR_2023)', () =>
    using(app(), async (a) => {
      const week = await seriesOf(a, { market: 'IESO', location: 'ONTARIO', run: 'RT', start: '2023-03-06', end: '2023-03-12' });
      // One file per year: 1.
      expect(ieso.requests.map((r) => [r.url, r.status])).toEqual([['/public/PriceHOEPPredispOR/PUB_PriceHOEPPredispOR_2023.csv', 200]]);
      expect(week.points).toHaveLength(7 * 24);
      expect(week.points.slice(6 * 24).map((p) => p.value)).toEqual(recordedHoep('2023-03-12'));
      expect(week.points.slice(0, 24).map((p) => p.value)).toEqual(recordedHoep('2023-03-06'));
    }));
});

/** AESO's recorded pool prices of a day in file order (the 02* hour where it is), read from the 2022 CSV. */
function recordedPoolPrices(day: string): number[] {
  const [y, m, d] = day.split('-');
  return readShared(AESO_POOL_PRICE_FILES[0])
    .toString('latin1')
    .split(/\r?\n/)
    .filter((l) => l.startsWith(`"${m}/${d}/${y} `))
    .map((l) => Number(l.split(',')[1].replace(/"/g, '')));
}

describeShared(AESO_POOL_PRICE_FILES)('AESO on its simulated ETS pool price report', () => {
  let time: SimulatedTime;
  let ets: SimulatedUpstream;
  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    ets = await simulatedAeso(time);
  });
  afterEach(() => ets.close());
  const app = () => appOn(time, onUpstream('AESO', ets, 'ets.aeso.ca'));

  test('a month is 1 request (the calendar month as beginDate..endDate); spring forward stored whole (23 hours)', () =>
    using(app(), async (a) => {
      const march = await seriesOf(a, { market: 'AESO', location: 'ALBERTA', start: '2022-03-01', end: '2022-03-31' });
      // One request per calendar month: 1.
      expect(ets.requests.map((r) => r.status)).toEqual([200]);
      const q = new URL(ets.requests[0].url, 'http://x').searchParams;
      expect([q.get('beginDate'), q.get('endDate'), q.get('contentType')]).toEqual(['03012022', '03312022', 'csv']);
      expect(march.points).toHaveLength(31 * 24 - 1);
      expect(march.points.slice(0, 24).map((p) => p.value)).toEqual(recordedPoolPrices('2022-03-01'));
      const spring = await seriesOf(a, { market: 'AESO', location: 'ALBERTA', start: '2022-03-13' });
      expect(spring.points.map((p) => p.value)).toEqual(recordedPoolPrices('2022-03-13'));
      expect(spring.points).toHaveLength(23);
      expect(ets.requests).toHaveLength(1);
    }));

  test('two months are 2 requests, a second apart; the fall-back day has 25 hours (the 02* hour)', () =>
    using(app(), async (a) => {
      const autumn = await seriesOf(a, { market: 'AESO', location: 'ALBERTA', start: '2022-10-01', end: '2022-11-30' });
      // One request per calendar month: 2.
      expect(ets.requests).toHaveLength(2);
      expect(ets.requests.every((r) => r.status === 200)).toBe(true);
      for (const gap of gaps(ets)) expect(gap).toBeGreaterThanOrEqual(AESO_ETS_SPACING_MS);
      expect(autumn.points).toHaveLength(61 * 24 + 1);
      const fallBack = await seriesOf(a, { market: 'AESO', location: 'ALBERTA', start: '2022-11-06' });
      expect(fallBack.points.map((p) => p.value)).toEqual(recordedPoolPrices('2022-11-06'));
      expect(fallBack.points).toHaveLength(25);
      expect(ets.requests).toHaveLength(2);
    }));
});

/** A JEPX spot summary's half-hourly prices of a day in a column (5: system, 8: Tokyo), read from the file. */
function recordedJepx(day: string, column: number): number[] {
  return readShared(JEPX_FY2024_FILE)
    .toString('latin1')
    .split(/\r?\n/)
    .filter((l) => l.startsWith(day.replace(/-/g, '/')))
    .map((l) => Number(l.split(',')[column]));
}

describeShared(JEPX_FY2024_FILE)('JEPX on its simulated spot summary', () => {
  let time: SimulatedTime;
  let jepx: SimulatedUpstream;
  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    jepx = await simulatedJepx(time);
  });
  afterEach(() => jepx.close());
  const app = () => appOn(time, onUpstream('JEPX', jepx, 'www.jepx.jp'));

  test('weeks of a fiscal year at two areas are 1 request (the spot_summary_2024 file), 48 half-hours a day', () =>
    using(app(), async (a) => {
      const [tokyo, system] = await Promise.all([
        seriesOf(a, { market: 'JEPX', location: 'TOKYO', start: '2024-11-01', end: '2024-11-07' }),
        seriesOf(a, { market: 'JEPX', location: 'SYSTEM', start: '2024-11-01', end: '2024-11-07' }),
      ]);
      // One file per fiscal year: 1.
      expect(jepx.requests.map((r) => [r.url, r.status])).toEqual([['/js/csv_read.php?dir=spot_summary&file=spot_summary_2024.csv', 200]]);
      expect(tokyo.points).toHaveLength(7 * 48);
      expect(tokyo.points.slice(0, 48).map((p) => p.value)).toEqual(recordedJepx('2024-11-01', 8));
      expect(system.points.slice(6 * 48).map((p) => p.value)).toEqual(recordedJepx('2024-11-07', 5));
      // April, the first month of the same fiscal year, is in the file already stored.
      const april = await seriesOf(a, { market: 'JEPX', location: 'TOKYO', start: '2024-04-01', end: '2024-04-07' });
      expect(april.points.slice(0, 48).map((p) => p.value)).toEqual(recordedJepx('2024-04-01', 8));
      expect(jepx.requests).toHaveLength(1);
    }));

  test('two fiscal years are 2 requests, a second apart', () =>
    using(app(), async (a) => {
      await seriesOf(a, { market: 'JEPX', location: 'TOKYO', start: '2024-11-01', end: '2024-11-02' });
      await seriesOf(a, { market: 'JEPX', location: 'TOKYO', start: '2026-04-01', end: '2026-04-02' });
      // One file per fiscal year: 2.
      expect(jepx.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('file'))).toEqual([
        'spot_summary_2024.csv',
        'spot_summary_2026.csv',
      ]);
      expect(jepx.requests.every((r) => r.status === 200)).toBe(true);
      for (const gap of gaps(jepx)) expect(gap).toBeGreaterThanOrEqual(JEPX_SPACING_MS);
    }));
});

/** The successful EUA (T3PA) auctions of the 2024 workbook by day, read from the XLSX. */
function recordedEuaAuctions(): Map<string, number> {
  const sheet = readXlsxSheet(readShared(EUETS_2024_FILE), EUETS_2024_FILE, 'Primary Market Auction');
  const headerAt = sheet.rows.findIndex((row) => Array.from(row, cellText).includes('Contract'));
  const header = Array.from(sheet.rows[headerAt], cellText);
  const col = (name: string) => header.indexOf(name);
  const auctions = new Map<string, number>();
  for (const row of sheet.rows.slice(headerAt + 1))
    if (cellText(row[col('Contract')]) === 'T3PA' && cellText(row[col('Status')]).toLowerCase() === 'successful')
      auctions.set(excelSerialDay(row[col('Date')] as number), Number(row[col('Auction Price €/tCO2')]));
  return auctions;
}

describeShared(EUETS_2024_FILE)('EU ETS on its simulated EEX auction report', () => {
  let time: SimulatedTime;
  let eex: SimulatedUpstream;
  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    eex = await simulatedEex(time);
  });
  afterEach(() => eex.close());
  const app = () => appOn(time, onUpstream('EUETS', eex, 'public.eex-group.com'));

  test('a year of EUA and EUAA is 1 request (the 2024 workbook), one value per auction day', () =>
    using(app(), async (a) => {
      // The read path fetches at most 62 days a query; the first query gets the year's file, the year is then in the cache
      // (`partial`: days without an auction are no error).
      await Promise.all([
        seriesOf(a, { market: 'EUETS', location: 'EUA', start: '2024-01-01', end: '2024-02-29', partial: '1' }),
        seriesOf(a, { market: 'EUETS', location: 'EUAA', start: '2024-01-01', end: '2024-02-29', partial: '1' }),
      ]);
      const eua = await seriesOf(a, { market: 'EUETS', location: 'EUA', start: '2024-01-01', end: '2024-12-31', partial: '1' });
      // One file per calendar year: 1.
      expect(eex.requests.map((r) => [r.url, r.status])).toEqual([
        ['/eex/eua-auction-report/emission-spot-primary-market-auction-report-2024-data.xlsx', 200],
      ]);
      const recorded = recordedEuaAuctions();
      expect(recorded.size).toBeGreaterThan(100);
      expect(eua.points).toHaveLength(recorded.size);
      const byDay = new Map(eua.points.map((p) => [p.start.slice(0, 10), p.value]));
      expect(new Map([...byDay].sort())).toEqual(new Map([...recorded].sort()));
    }));

  test('a year EEX has no file for is a 404: nothing stored, and the next year is asked after the spacing', () =>
    using(app(), async (a) => {
      await expect(seriesOf(a, { market: 'EUETS', location: 'EUA', start: '2023-06-01' })).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
      await seriesOf(a, { market: 'EUETS', location: 'EUA', start: '2024-06-03' });
      expect(eex.requests.map((r) => r.status)).toEqual([404, 200]);
      for (const gap of gaps(eex)) expect(gap).toBeGreaterThanOrEqual(EEX_SPACING_MS);
    }));
});

/** The recorded ECB rate of a currency (units per EUR), read from the 13 April 2026 CSV. */
function recordedEcbRate(currency: string): number {
  const [header, row] = readShared(ECB_LATEST_CSV_FILE)
    .toString('utf8')
    .split(/\r?\n/)
    .map((l) => l.split(',').map((c) => c.trim()));
  return Number(row[header.indexOf(currency)]);
}

describeShared(ECB_LATEST_CSV_FILE)('ECB on its simulated reference-rate files', () => {
  let time: SimulatedTime;
  let ecb: SimulatedUpstream;
  beforeEach(async () => {
    time = new SimulatedTime(TODAY);
    ecb = await simulatedEcb(time);
  });
  afterEach(() => ecb.close());
  const app = () => appOn(time, onUpstream('FX', ecb, 'www.ecb.europa.eu'));

  test('a year of USD and JPY is 1 request (eurofxref-hist.zip, fetched per calendar year), one fixing per TARGET day', () =>
    using(app(), async (a) => {
      // A working week (every day a fixing) brings the whole year's history; the year is then in the cache.
      await Promise.all([
        seriesOf(a, { market: 'FX', location: 'USD', start: '2025-03-03', end: '2025-03-07' }),
        seriesOf(a, { market: 'FX', location: 'JPY', start: '2025-03-03', end: '2025-03-07' }),
      ]);
      // `partial`: the days without a fixing are reported missing (more than 62 are not fetched), the rest served from the cache.
      const usd = await seriesOf(a, { market: 'FX', location: 'USD', start: '2025-01-01', end: '2025-12-31', partial: '1' });
      const jpy = await seriesOf(a, { market: 'FX', location: 'JPY', start: '2025-01-01', end: '2025-12-31', partial: '1' });
      // One history file per calendar year: 1.
      expect(ecb.requests.map((r) => [r.url, r.status])).toEqual([['/stats/eurofxref/eurofxref-hist.zip', 200]]);
      const fixingDays = daysFrom('2025-01-01', '2025-12-31').filter((d) => !isTargetHoliday(DateTime.fromISO(d)));
      expect(usd.points.map((p) => p.start.slice(0, 10))).toEqual(fixingDays);
      expect(new Set(usd.points.map((p) => p.value))).toEqual(new Set([recordedEcbRate('USD')]));
      expect(new Set(jpy.points.map((p) => p.value))).toEqual(new Set([recordedEcbRate('JPY')]));
    }));

  test('days of two years are 2 requests of the same history file, spaced as gridcell keeps for the ECB', () =>
    using(app(), async (a) => {
      await seriesOf(a, { market: 'FX', location: 'USD', start: '2024-12-30', end: '2024-12-31' });
      await seriesOf(a, { market: 'FX', location: 'USD', start: '2025-01-02', end: '2025-01-03' });
      // One history file per calendar year: 2.
      expect(ecb.requests).toHaveLength(2);
      expect(ecb.requests.every((r) => r.status === 200 && r.url === '/stats/eurofxref/eurofxref-hist.zip')).toBe(true);
      for (const gap of gaps(ecb)) expect(gap).toBeGreaterThanOrEqual(ECB_SPACING_MS);
    }));
});

describe('each simulated upstream keeps its source rules: a wrong path is a 404, a request inside the spacing a 429', () => {
  const sources: [string, (time: SimulatedTime) => Promise<SimulatedUpstream>, string, number][] = [
    ['MISO reports', simulatedMiso, '/marketreports/20261116_da_expost_lmp.csv', MISO_REPORTS_SPACING_MS],
    ['MISO five-minute API', simulatedMisoApi, '/api/MarketPricing/GetRealTimeFiveMinExPost/Previous', MISO_API_SPACING_MS],
    ['SPP', simulatedSpp, '/file-browser-api/download/da-lmp-by-settlement-location?path=/2026/11/By_Day/DA-LMP-SL-202611160100.csv', 0],
    ['IESO', simulatedIeso, '/public/DAHourlyOntarioZonalPrice/PUB_DAHourlyOntarioZonalPrice_20261116.xml', 0],
    [
      'AESO',
      simulatedAeso,
      '/ets_web/ip/Market/Reports/HistoricalPoolPriceReportServlet?beginDate=03012022&endDate=03312022&contentType=csv',
      AESO_ETS_SPACING_MS,
    ],
    ['EEX', simulatedEex, '/eex/eua-auction-report/emission-spot-primary-market-auction-report-2024-data.xlsx', EEX_SPACING_MS],
    ['ECB', simulatedEcb, '/stats/eurofxref/eurofxref-daily.xml', ECB_SPACING_MS],
  ];
  const files = [
    MISO_DA_FILE,
    MISO_FIVE_MIN_FILE,
    SPP_DA_FILE,
    IESO_DA_FILE,
    ...AESO_POOL_PRICE_FILES,
    EUETS_2024_FILE,
    ECB_DAILY_XML_FILE,
  ];

  describeShared(files)('on the simulated clock', () => {
    test.each(sources)('%s', async (_name, start, path, spacing) => {
      const time = new SimulatedTime(TODAY);
      const upstream = await start(time);
      try {
        const get = async (p: string) => (await fetch(`${upstream.url}${p}`)).status;
        expect(await get(path)).toBe(200);
        expect(await get(path)).toBe(spacing ? 429 : 200);
        await time.sleep(spacing);
        expect(await get('/no/such/file.csv')).toBe(404);
      } finally {
        await upstream.close();
      }
    });
  });

  describeShared([JEPX_FY2024_FILE, ISONE_HUB_FILE])('with their credentials and headers', () => {
    test('JEPX answers 403 without its spot page as Referer; ISO-NE 401 without basic auth; a day past tomorrow is a 404 (SPP)', async () => {
      const time = new SimulatedTime(TODAY);
      const [jepx, isone, spp] = await Promise.all([simulatedJepx(time), simulatedIsone(time), simulatedSpp(time)]);
      try {
        expect((await fetch(`${jepx.url}/js/csv_read.php?dir=spot_summary&file=spot_summary_2024.csv`)).status).toBe(403);
        expect((await fetch(`${isone.url}/api/v1.1/hourlylmp/da/final/day/20261116/location/4000.json`)).status).toBe(401);
        const later = '/file-browser-api/download/da-lmp-by-settlement-location?path=/2026/12/By_Day/DA-LMP-SL-202612020100.csv';
        expect((await fetch(`${spp.url}${later}`)).status).toBe(404);
      } finally {
        await Promise.all([jepx.close(), isone.close(), spp.close()]);
      }
    });
  });
});
