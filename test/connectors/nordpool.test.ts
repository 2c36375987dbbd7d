import { nordpoolConnector } from '../../backend/connectors/eu/nordpool';
import type { ParseResult } from '../../backend/domain';
import type { Report, RequestContext } from '../../backend/connectors/types';
import { HttpClient } from '../../backend/http/client';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { pointAt, reportById, locationByName } from '../support/points';
import { KeyStore } from '../../backend/config';
import { usableReports } from '../../backend/series/report-choice';
import { createApp } from '../../backend/app/create-app';
import { cleanEnv, seriesOf } from '../support/app';
import { fakeUpstream, type Step } from '../support/fake-upstream';
import { redirected } from '../faults/helpers';

const prices = reportById(nordpoolConnector, 'nordpool.day_ahead_prices');
const indices = reportById(nordpoolConnector, 'nordpool.day_ahead_price_indices');
const entsoe = reportById(nordpoolConnector, 'nordpool.entsoe_a44');
const API = 'https://dataportal-api.nordpoolgroup.com/api';

function parse(report: Report, body: Buffer | string): ParseResult {
  return report.parse(Buffer.isBuffer(body) ? body : Buffer.from(body), { market: nordpoolConnector.market, source: 'test' });
}

function ctx(day: string, area: string, currency?: string): RequestContext {
  return { period: { key: day, days: [day] }, run: 'DA', product: 'LMP', location: { name: area, type: 'AREA' }, keys: {}, currency };
}

async function replay(report: Report, request: string, file: string, context: RequestContext, status = 200) {
  return replayFetch(nordpoolConnector, report, context, [{ request: { url: request }, file, status }]);
}

describe('Nord Pool market data', () => {
  it('uses the Oslo clock, EUR natively, and lists the areas by Nord Pool code', () => {
    expect(nordpoolConnector.market.clock).toBe('Europe/Oslo');
    expect(nordpoolConnector.market.currency).toBe('EUR');
    expect(nordpoolConnector.market.keyless).toBe(true);
    const names = nordpoolConnector.locations.map((l) => l.name);
    for (const a of ['NO1', 'NO5', 'SE1', 'SE4', 'FI', 'DK1', 'DK2', 'EE', 'LV', 'LT', 'AT', 'BE', 'FR', 'GER', 'NL', 'PL', 'SYS'])
      expect(names).toContain(a);
    expect(nordpoolConnector.locations.find((l) => l.name === 'GER')?.aliases).toContain('DE-LU');
  });
});

describeShared('nordpool/DayAheadPrices_SE3_EUR_2024-11-05_PT60M.json')('DayAheadPrices SE3 EUR 2024-11-05 (real)', () => {
  it('reads 24 hourly EUR points from the UTC deliveryStart', () => {
    const { points } = parse(prices, readShared('nordpool/DayAheadPrices_SE3_EUR_2024-11-05_PT60M.json'));
    expect(points).toHaveLength(24);
    expect(pointAt(points, { start: '2024-11-04T23:00:00Z' })).toEqual({
      location: 'SE3',
      run: 'DA',
      product: 'LMP',
      start: Date.parse('2024-11-04T23:00:00Z'),
      end: Date.parse('2024-11-05T00:00:00Z'),
      value: 21.54,
    });
    expect(pointAt(points, { start: '2024-11-05T00:00:00Z' })?.value).toBe(6.56);
    expect(pointAt(points, { start: '2024-11-05T22:00:00Z' })?.value).toBe(24.84);
  });

  it('is replayed through HttpClient with the documented query', async () => {
    const url = `${API}/DayAheadPrices?date=2024-11-05&market=DayAhead&deliveryArea=SE3&currency=EUR`;
    expect(prices.request!(ctx('2024-11-05', 'SE3')).url).toBe(url);
    const { result, http } = await replay(
      prices,
      url,
      sharedPath('nordpool/DayAheadPrices_SE3_EUR_2024-11-05_PT60M.json'),
      ctx('2024-11-05', 'SE3'),
    );
    expect(result.points).toHaveLength(24);
    expect(pointAt(result.points, { start: '2024-11-04T23:00:00Z' })?.value).toBe(21.54);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(http.requests[0].headerNames).toEqual([]);
  });

  it('is recognized for import', () => {
    const bytes = readShared('nordpool/DayAheadPrices_SE3_EUR_2024-11-05_PT60M.json');
    expect(prices.detect!({ name: 'x.json', head: bytes.toString('latin1'), bytes })).toBe(true);
    expect(indices.detect!({ name: 'x.json', head: bytes.toString('latin1'), bytes })).toBe(false);
  });
});

describeShared('nordpool/DayAheadPrices_SE3-SE4_SEK_2024-11-06_PT60M.json')('DayAheadPrices SE3+SE4 in SEK (real)', () => {
  it('keeps both areas and marks the SEK currency', () => {
    const { points } = parse(prices, readShared('nordpool/DayAheadPrices_SE3-SE4_SEK_2024-11-06_PT60M.json'));
    expect(points).toHaveLength(48);
    expect(pointAt(points, { start: '2024-11-05T23:00:00Z', location: 'SE3' })).toMatchObject({ value: 126.66, currency: 'SEK' });
    expect(pointAt(points, { start: '2024-11-05T23:00:00Z', location: 'SE4' })).toMatchObject({ value: 275.6, currency: 'SEK' });
    expect(pointAt(points, { start: '2024-11-06T06:00:00Z', location: 'SE3' })?.value).toBe(1820.5);
    expect(pointAt(points, { start: '2024-11-06T22:00:00Z', location: 'SE4' })?.value).toBe(539.42);
  });
});

describeShared('nordpool/DayAheadPriceIndices_SE3_SEK_2025-10-01_PT15M.json')(
  'DayAheadPriceIndices SE3 SEK 2025-10-01, 15-minute MTU (real)',
  () => {
    const url = `${API}/DayAheadPriceIndices?date=2025-10-01&market=DayAhead&indexNames=SE3&currency=SEK&resolutionInMinutes=15`;

    it('asks at 15 minutes from the MTU change and keeps 96 quarter-hours in SEK', async () => {
      expect(indices.request!(ctx('2025-10-01', 'SE3', 'SEK')).url).toBe(url);
      const { result } = await replay(
        indices,
        url,
        sharedPath('nordpool/DayAheadPriceIndices_SE3_SEK_2025-10-01_PT15M.json'),
        ctx('2025-10-01', 'SE3', 'SEK'),
      );
      const points = result.points;
      expect(points).toHaveLength(96);
      expect(points.every((p) => p.end - p.start === 900_000 && p.currency === 'SEK')).toBe(true);
      expect(pointAt(points, { start: '2025-09-30T22:00:00Z' })?.value).toBe(556.68);
      expect(pointAt(points, { start: '2025-09-30T22:15:00Z' })?.value).toBe(519.88);
      expect(pointAt(points, { start: '2025-10-01T08:00:00Z' })?.value).toBe(1037.44);
      expect(pointAt(points, { start: '2025-10-01T21:45:00Z' })?.value).toBe(785.68);
    });
  },
);

describeShared('nordpool/DayAheadPriceIndices_FI_EUR_2025-05-07_res15_pre-15min-MTU.json')(
  '15-minute indices before the MTU change (real FI 2025-05-07)',
  () => {
    it('stores the repeated quarters as 24 hourly points', () => {
      const { points } = parse(indices, readShared('nordpool/DayAheadPriceIndices_FI_EUR_2025-05-07_res15_pre-15min-MTU.json'));
      expect(points).toHaveLength(24);
      expect(points.every((p) => p.end - p.start === 3_600_000)).toBe(true);
      expect(pointAt(points, { start: '2025-05-06T22:00:00Z' })?.value).toBe(22.34);
      expect(pointAt(points, { start: '2025-05-06T23:00:00Z' })?.value).toBe(14.26);
      expect(pointAt(points, { start: '2025-05-07T00:00:00Z' })?.value).toBe(12.59);
      expect(pointAt(points, { start: '2025-05-07T21:00:00Z' })?.value).toBe(94.16);
    });

    it('refuses quarters that are not a repeated hourly price', () => {
      const text = readShared('nordpool/DayAheadPriceIndices_FI_EUR_2025-05-07_res15_pre-15min-MTU.json').toString('utf8');
      const edited = text.replace(
        '"deliveryStart":"2025-05-06T22:15:00Z","deliveryEnd":"2025-05-06T22:30:00Z","entryPerArea":{"FI":22.34}',
        '"deliveryStart":"2025-05-06T22:15:00Z","deliveryEnd":"2025-05-06T22:30:00Z","entryPerArea":{"FI":22.35}',
      );
      expect(edited).not.toBe(text);
      expect(() => parse(indices, edited)).toThrow(expect.objectContaining({ code: 'PARSE' }));
    });

    it('asks for hourly indices on a day before the MTU change', () => {
      expect(indices.request!(ctx('2025-05-07', 'FI')).url).toBe(
        `${API}/DayAheadPriceIndices?date=2025-05-07&market=DayAhead&indexNames=FI&currency=EUR&resolutionInMinutes=60`,
      );
    });
  },
);

describeShared('nordpool/DayAheadPriceIndices_SE1-SE4_EUR_2025-05-07_res60.json')('DayAheadPriceIndices SE1-SE4 hourly (real)', () => {
  it('reads four areas', () => {
    const { points } = parse(indices, readShared('nordpool/DayAheadPriceIndices_SE1-SE4_EUR_2025-05-07_res60.json'));
    expect(points).toHaveLength(96);
    expect(pointAt(points, { start: '2025-05-06T22:00:00Z', location: 'SE1' })?.value).toBe(22.34);
    expect(pointAt(points, { start: '2025-05-06T22:00:00Z', location: 'SE2' })?.value).toBe(21.24);
    expect(pointAt(points, { start: '2025-05-06T22:00:00Z', location: 'SE3' })?.value).toBe(56.85);
    expect(pointAt(points, { start: '2025-05-06T22:00:00Z', location: 'SE4' })?.value).toBe(90.32);
    expect(pointAt(points, { start: '2025-05-07T21:00:00Z', location: 'SE3' })?.value).toBe(93.8);
  });
});

describe('not published yet', () => {
  const notYet = expect.objectContaining({ code: 'NOT_PUBLISHED', message: expect.stringContaining('2025-05-10') });

  describeShared('nordpool/DayAheadPriceIndices_FI_EUR_2025-05-10_not-yet-published.json')('version 0 with empty lists (real)', () => {
    it('is NOT_PUBLISHED, not an empty success', async () => {
      const url = `${API}/DayAheadPriceIndices?date=2025-05-10&market=DayAhead&indexNames=FI&currency=EUR&resolutionInMinutes=60`;
      await expect(
        replay(indices, url, sharedPath('nordpool/DayAheadPriceIndices_FI_EUR_2025-05-10_not-yet-published.json'), ctx('2025-05-10', 'FI')),
      ).rejects.toEqual(notYet);
    });
  });

  it('a 204 with no body is NOT_PUBLISHED (own empty fixture)', async () => {
    const url = `${API}/DayAheadPrices?date=2025-05-10&market=DayAhead&deliveryArea=FI&currency=EUR`;
    await expect(replay(prices, url, ownPath('nordpool/empty_204.body'), ctx('2025-05-10', 'FI'), 204)).rejects.toEqual(notYet);
  });
});

describe('DST days (own fixtures written in the real format)', () => {
  it('2024-10-27 has 25 hours (DayAheadPrices SE3)', () => {
    const { points } = parse(prices, readOwn('nordpool/DayAheadPrices_SE3_EUR_2024-10-27_PT60M_DST25_written.json'));
    expect(points).toHaveLength(25);
    expect(pointAt(points, { start: '2024-10-26T22:00:00Z' })?.value).toBe(30);
    expect(pointAt(points, { start: '2024-10-27T00:00:00Z' })?.value).toBe(32.5); // 02:00 CEST
    expect(pointAt(points, { start: '2024-10-27T01:00:00Z' })?.value).toBe(33.75); // 02:00 CET, the repeated hour
    expect(pointAt(points, { start: '2024-10-27T22:00:00Z' })).toMatchObject({ value: 60, end: Date.parse('2024-10-27T23:00:00Z') });
  });

  it('2025-03-30 has 23 hours (DayAheadPriceIndices FI)', () => {
    const { points } = parse(indices, readOwn('nordpool/DayAheadPriceIndices_FI_EUR_2025-03-30_res60_DST23_written.json'));
    expect(points).toHaveLength(23);
    expect(pointAt(points, { start: '2025-03-29T23:00:00Z' })?.value).toBe(10);
    expect(pointAt(points, { start: '2025-03-30T01:00:00Z' })?.value).toBe(11.5); // 03:00 CEST follows 01:00 CET
    expect(pointAt(points, { start: '2025-03-30T21:00:00Z' })?.value).toBe(26.5);
  });

  it('2025-10-26 has 100 quarter-hours, in NOK (DayAheadPrices NO1)', async () => {
    const url = `${API}/DayAheadPrices?date=2025-10-26&market=DayAhead&deliveryArea=NO1&currency=NOK`;
    const { result } = await replay(
      prices,
      url,
      ownPath('nordpool/DayAheadPrices_NO1_NOK_2025-10-26_PT15M_DST25_written.json'),
      ctx('2025-10-26', 'NO1', 'NOK'),
    );
    expect(result.points).toHaveLength(100);
    expect(pointAt(result.points, { start: '2025-10-25T22:00:00Z' })).toMatchObject({
      location: 'NO1',
      value: 400,
      currency: 'NOK',
      end: Date.parse('2025-10-25T22:15:00Z'),
    });
    expect(pointAt(result.points, { start: '2025-10-25T23:00:00Z' })?.value).toBe(410);
    expect(pointAt(result.points, { start: '2025-10-26T22:45:00Z' })?.value).toBe(647.5);
  });
});

describe('errors and requests', () => {
  it('asks EUR for a currency Nord Pool does not serve', () => {
    expect(prices.request!(ctx('2025-10-26', 'NO1', 'USD')).url).toBe(
      `${API}/DayAheadPrices?date=2025-10-26&market=DayAhead&deliveryArea=NO1&currency=EUR`,
    );
  });

  it('a renamed field is a ParseError naming it', () => {
    const text = readOwn('nordpool/DayAheadPrices_SE3_EUR_2024-10-27_PT60M_DST25_written.json').toString('utf8');
    expect(() => parse(prices, text.replace('"multiAreaEntries"', '"areaEntries"'))).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('multiAreaEntries') }),
    );
    expect(() => parse(prices, text.replace(/"deliveryStart"/g, '"start"'))).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('deliveryStart') }),
    );
    expect(() => parse(prices, text.replace('"currency"', '"curr"'))).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('currency') }),
    );
  });

  it('an HTML page is a ParseError', () => {
    expect(() => parse(prices, '<!DOCTYPE html><html><body>Access denied</body></html>')).toThrow(
      expect.objectContaining({ name: 'ParseError' }),
    );
  });
});

// Days older than ~3 months: the Data Portal answers 401 without a Nord Pool login (kipe/nordpool#60,
// "401 Client Error: Unauthorized for url: .../api/DayAheadPrices?...&date=2024-01-15"). ENTSO-E's A44
// for SE1 (../shared/fixtures/entsoe, recorded 2025-11-29, delivery days 2021-01-01 and 2021-01-02)
// answers for the Nordic areas.
const SE1_A44 = 'entsoe/A44_SE1_2021-01-01_PT60M_recorded-2025-11-29.xml';
const ENTSOE_KEY = 'entsoe-test-token-0123456789';
const WINDOW = "Nord Pool's data portal serves only the last ~3 months without a Nord Pool login";
const ENTSOE_SE1_URL =
  `https://web-api.tp.entsoe.eu/api?securityToken=${ENTSOE_KEY}&documentType=A44&in_Domain=10Y1001A1001A44P` +
  '&out_Domain=10Y1001A1001A44P&periodStart=202012312300&periodEnd=202101012300';

/** Nord Pool's refusal, as the portal sends it: 401 with no body. */
const portal401: Step = (_req, res) => {
  res.writeHead(401, { 'content-length': '0' });
  res.end();
};

/** The fake upstream plays both hosts: the portal's paths refused, ENTSO-E's answered from the recording. */
function nordicUpstream(): Step {
  return (req, res) => {
    if ((req.url ?? '').startsWith('/api/DayAhead')) return portal401(req, res);
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(readShared(SE1_A44));
  };
}

describe('the Nordic and Baltic areas from ENTSO-E', () => {
  it('serves SE1-4, NO1-5, DK1-2, FI and the Baltics, with ENTSOE_API_KEY, between the two portal reports', () => {
    const day = '2021-01-01';
    const keys = new KeyStore({ ENTSOE_API_KEY: ENTSOE_KEY });
    for (const area of ['SE1', 'SE4', 'NO1', 'NO5', 'DK1', 'DK2', 'FI', 'EE', 'LV', 'LT'])
      expect(usableReports(nordpoolConnector, 'DA', 'LMP', day, locationByName(nordpoolConnector, area), keys).map((r) => r.id)).toEqual([
        'nordpool.day_ahead_prices',
        'nordpool.entsoe_a44',
        'nordpool.day_ahead_price_indices',
      ]);
    expect(usableReports(nordpoolConnector, 'DA', 'LMP', day, locationByName(nordpoolConnector, 'GER'), keys).map((r) => r.id)).toEqual([
      'nordpool.day_ahead_prices',
      'nordpool.day_ahead_price_indices',
    ]);
    expect(
      usableReports(nordpoolConnector, 'DA', 'LMP', day, locationByName(nordpoolConnector, 'SE1'), new KeyStore({})).map((r) => r.id),
    ).toEqual(['nordpool.day_ahead_prices', 'nordpool.day_ahead_price_indices']);
    expect(entsoe.scope).toBe(prices.scope);
    expect(entsoe.runs).toEqual(prices.runs);
  });

  it('asks ENTSO-E for the area by its EIC code over the CET market day, the token a secret', () => {
    const request = entsoe.request!({ ...ctx('2021-01-01', 'SE1'), keys: { ENTSOE_API_KEY: ENTSOE_KEY } });
    expect(request.url).toBe(ENTSOE_SE1_URL);
    expect(request.secrets).toEqual(['securityToken']);
  });

  describeShared(SE1_A44)('the recorded SE1 A44 document', () => {
    it("reads the hourly EUR prices of the day asked for, under Nord Pool's area name", () => {
      const context = { ...ctx('2021-01-01', 'SE1'), keys: { ENTSOE_API_KEY: ENTSOE_KEY } };
      const { points } = entsoe.parse(readShared(SE1_A44), { market: nordpoolConnector.market, source: 'test', request: context });
      expect(points).toHaveLength(24);
      expect(pointAt(points, { start: '2020-12-31T23:00:00Z' })).toEqual({
        location: 'SE1',
        run: 'DA',
        product: 'LMP',
        start: Date.parse('2020-12-31T23:00:00Z'),
        end: Date.parse('2021-01-01T00:00:00Z'),
        value: 24.95,
      });
      expect(pointAt(points, { start: '2021-01-01T00:00:00Z' })?.value).toBe(24.35);
      expect(pointAt(points, { start: '2021-01-01T03:00:00Z' })?.value).toBe(23.73);
    });
  });
});

/** A clock six weeks after the recorded SE1 day: inside the ~3 months the portal serves, where its 401 is a surprise. */
const INSIDE_WINDOW = () => Date.parse('2021-02-15T12:00:00Z');

describe('a day older than the Data Portal keeps (92 days) is not asked of it', () => {
  it('without ENTSOE_API_KEY: the error says why and names the key that reaches such days', async () => {
    const up = await fakeUpstream([portal401]);
    const app = createApp({ env: cleanEnv(), connectors: [redirected(nordpoolConnector, up.url)], http: new HttpClient({ retries: 0 }) });
    try {
      const asked = seriesOf(app, { market: 'NORDPOOL', location: 'SE1', start: '2021-01-01' });
      await expect(asked).rejects.toMatchObject({
        code: 'MISSING_KEY',
        message: expect.stringContaining('serves only the last 92 days, and 2021-01-01 is older'),
      });
      await expect(asked).rejects.toMatchObject({ message: expect.stringContaining('set ENTSOE_API_KEY') });
      expect(up.hits).toEqual([]);
    } finally {
      await app.close();
      await up.close();
    }
  });
});

describe('a day the Data Portal refuses (401)', () => {
  it("is not a missing key of gridcell's: the error says so, and names ENTSOE_API_KEY for a Nordic area", async () => {
    const up = await fakeUpstream([portal401]);
    const app = createApp({
      env: cleanEnv(),
      connectors: [redirected(nordpoolConnector, up.url)],
      http: new HttpClient({ retries: 0 }),
      now: INSIDE_WINDOW,
    });
    try {
      const asked = seriesOf(app, { market: 'NORDPOOL', location: 'SE1', start: '2021-01-01' });
      await expect(asked).rejects.toMatchObject({ code: 'NOT_PUBLISHED', message: expect.stringContaining(WINDOW) });
      await expect(asked).rejects.toMatchObject({ message: expect.stringContaining('set ENTSOE_API_KEY') });
      expect(up.hits.map((h) => h.url.split('?')[0])).toEqual(['/api/DayAheadPrices', '/api/DayAheadPriceIndices']);
    } finally {
      await app.close();
      await up.close();
    }
  });

  describeShared(SE1_A44)('with ENTSOE_API_KEY', () => {
    it("is answered from ENTSO-E after the portal's 401, the zone asked by its EIC code", async () => {
      const up = await fakeUpstream([nordicUpstream()]);
      const app = createApp({
        env: cleanEnv({ ENTSOE_API_KEY: ENTSOE_KEY }),
        connectors: [redirected(nordpoolConnector, up.url)],
        http: new HttpClient({ retries: 0 }),
        now: INSIDE_WINDOW,
      });
      try {
        const answer = await seriesOf(app, { market: 'NORDPOOL', location: 'SE1', start: '2021-01-01' });
        expect(answer.points).toHaveLength(24);
        expect(answer.points[0]).toEqual({ start: '2021-01-01T00:00:00+01:00', end: '2021-01-01T01:00:00+01:00', value: 24.95 });
        expect(answer.points[1].value).toBe(24.35);
        const paths = up.hits.map((h) => new URL(h.url, up.url));
        expect(paths.map((u) => u.pathname)).toEqual(['/api/DayAheadPrices', '/api']);
        expect(paths[0].searchParams.get('date')).toBe('2021-01-01');
        expect(paths[1].searchParams.get('in_Domain')).toBe('10Y1001A1001A44P');
        expect(paths[1].searchParams.get('documentType')).toBe('A44');
        expect(JSON.stringify(answer)).not.toContain(ENTSOE_KEY);
      } finally {
        await app.close();
        await up.close();
      }
    });

    it('goes straight to ENTSO-E for a day older than the portal keeps: no refused request first', async () => {
      const up = await fakeUpstream([nordicUpstream()]);
      const app = createApp({ env: cleanEnv({ ENTSOE_API_KEY: ENTSOE_KEY }), connectors: [redirected(nordpoolConnector, up.url)] });
      try {
        const answer = await seriesOf(app, { market: 'NORDPOOL', location: 'SE1', start: '2021-01-01' });
        expect(answer.points.map((p) => p.value).slice(0, 2)).toEqual([24.95, 24.35]);
        expect(up.hits.map((h) => new URL(h.url, up.url).pathname)).toEqual(['/api']);
      } finally {
        await app.close();
        await up.close();
      }
    });
  });
});
