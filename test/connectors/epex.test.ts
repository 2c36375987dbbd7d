import { epexConnector } from '../../backend/connectors/eu/epex';
import type { ParseResult } from '../../backend/domain';
import type { RequestContext } from '../../backend/connectors/types';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch, replaying } from '../support/replay';
import { pointAt, pointsWhere } from '../support/points';

const [entsoe, energyCharts] = epexConnector.reports;
const ENTSOE_URL = 'https://web-api.tp.entsoe.eu/api';

function parseA44(body: Buffer | string, source = 'test'): ParseResult {
  return entsoe.parse(Buffer.isBuffer(body) ? body : Buffer.from(body), { market: epexConnector.market, source });
}

function ctx(day: string, location: string, keys: Record<string, string> = {}): RequestContext {
  return { period: { key: day, days: [day] }, run: 'DA', product: 'LMP', location: { name: location, type: 'AREA' }, keys };
}

describe('EPEX market data', () => {
  it('uses the Brussels clock, EUR/MWh and lists the SDAC zones with EIC aliases', () => {
    expect(epexConnector.market.clock).toBe('Europe/Brussels');
    expect(epexConnector.market.currency).toBe('EUR');
    const names = epexConnector.locations.map((l) => l.name);
    for (const zone of ['AT', 'BE', 'DE-LU', 'FR', 'IT-NORD', 'IT-SICI', 'NO2', 'SE4', 'PL', 'IE-SEM', 'ME', 'MK', 'RS'])
      expect(names).toContain(zone);
    expect(epexConnector.locations.find((l) => l.name === 'DE-LU')?.aliases).toContain('10Y1001A1001A82H');
    expect(epexConnector.locations.find((l) => l.name === 'PT')?.aliases).toContain('10YPT-REN------W');
  });

  it('orders the keyed ENTSO-E report before the keyless Energy-Charts fallback', () => {
    expect(entsoe.keys).toEqual(['ENTSOE_API_KEY']);
    expect(energyCharts.keys ?? []).toEqual([]);
  });
});

describeShared('entsoe/A44_PT_2024-12-29_PT60M_A03-gap_recorded-2025-11-29.xml')('ENTSO-E A03 gap (PT 2024-12-29)', () => {
  const { points } = parseA44(readShared('entsoe/A44_PT_2024-12-29_PT60M_A03-gap_recorded-2025-11-29.xml'));

  it('forward-fills the omitted position 6 with position 5', () => {
    expect(points).toHaveLength(24);
    expect(pointAt(points, { start: '2024-12-29T03:00:00Z', run: 'DA' })?.value).toBe(137.26);
    expect(pointAt(points, { start: '2024-12-29T04:00:00Z', run: 'DA' })).toMatchObject({
      location: 'PT',
      run: 'DA',
      product: 'LMP',
      value: 137.26,
      end: Date.parse('2024-12-29T05:00:00Z'),
    });
    expect(pointAt(points, { start: '2024-12-29T05:00:00Z', run: 'DA' })?.value).toBe(134.11);
    expect(pointAt(points, { start: '2024-12-29T22:00:00Z', run: 'DA' })?.value).toBe(148.19);
    expect(points.every((p) => p.currency === undefined)).toBe(true);
  });
});

describeShared('entsoe/A44_ES_2025-09-29_to_2025-10-02_PT60M-PT15M.xml')('ENTSO-E 15-minute switch (ES)', () => {
  const { points } = parseA44(readShared('entsoe/A44_ES_2025-09-29_to_2025-10-02_PT60M-PT15M.xml'));
  const onDay = (from: string, to: string) => points.filter((p) => p.start >= Date.parse(from) && p.start < Date.parse(to));

  it('keeps hourly points before 2025-10-01 and 96 quarter-hours (from 93 and 89) after it', () => {
    const sep29 = onDay('2025-09-28T22:00:00Z', '2025-09-29T22:00:00Z');
    expect(sep29).toHaveLength(24);
    expect(sep29.every((p) => p.end - p.start === 3_600_000)).toBe(true);
    expect(pointAt(points, { start: '2025-09-28T22:00:00Z', run: 'DA' })?.value).toBe(51.6);
    expect(pointAt(points, { start: '2025-09-29T21:00:00Z', run: 'DA' })?.value).toBe(88.6);
    const oct1 = onDay('2025-09-30T22:00:00Z', '2025-10-01T22:00:00Z');
    const oct2 = onDay('2025-10-01T22:00:00Z', '2025-10-02T22:00:00Z');
    expect(oct1).toHaveLength(96);
    expect(oct2).toHaveLength(96);
    expect(oct1.every((p) => p.end - p.start === 900_000)).toBe(true);
  });

  it('fills the A03 gaps from the position before', () => {
    expect(pointAt(points, { start: '2025-10-01T00:30:00Z', run: 'DA' })?.value).toBe(100); // position 11
    expect(pointAt(points, { start: '2025-10-01T00:45:00Z', run: 'DA' })?.value).toBe(100); // position 12 omitted
    expect(pointAt(points, { start: '2025-10-01T01:30:00Z', run: 'DA' })?.value).toBe(97.51); // position 15 omitted, 14 = 97.51
    expect(pointAt(points, { start: '2025-10-01T18:45:00Z', run: 'DA' })?.value).toBe(230); // position 84 omitted, 83 = 230
    expect(pointAt(points, { start: '2025-10-01T19:00:00Z', run: 'DA' })?.value).toBe(150);
    expect(pointAt(points, { start: '2025-10-01T22:45:00Z', run: 'DA' })?.value).toBe(103.33); // 10-02 position 4 omitted
    for (const t of ['2025-10-02T00:15:00Z', '2025-10-02T00:30:00Z', '2025-10-02T00:45:00Z'])
      expect(pointAt(points, { start: t, run: 'DA' })?.value).toBe(95);
    expect(pointAt(points, { start: '2025-10-02T12:45:00Z', run: 'DA' })?.value).toBe(16.79);
    expect(pointAt(points, { start: '2025-10-01T21:45:00Z', run: 'DA' })?.value).toBe(101.52);
    expect(pointAt(points, { start: '2025-10-02T21:45:00Z', run: 'DA' })?.value).toBe(103.27);
  });
});

describeShared('entsoe/A44_DE-LU_2021-01-01_PT60M+PT15M_recorded-2025-11-29.xml')('ENTSO-E DE-LU double sequence (2021)', () => {
  const { points } = parseA44(readShared('entsoe/A44_DE-LU_2021-01-01_PT60M+PT15M_recorded-2025-11-29.xml'));

  it('puts sequence 1 in DA and sequence 2 in EXAA, never mixed', () => {
    expect(pointsWhere(points, { run: 'DA' })).toHaveLength(48);
    expect(pointsWhere(points, { run: 'EXAA' })).toHaveLength(192);
    expect(pointsWhere(points, { run: 'DA' }).every((p) => p.end - p.start === 3_600_000)).toBe(true);
    expect(pointsWhere(points, { run: 'EXAA' }).every((p) => p.end - p.start === 900_000)).toBe(true);
    expect(pointAt(points, { start: '2020-12-31T23:00:00Z', run: 'DA', location: 'DE-LU' })?.value).toBe(50.87);
    expect(pointAt(points, { start: '2020-12-31T23:00:00Z', run: 'EXAA', location: 'DE-LU' })?.value).toBe(75.83);
    expect(pointAt(points, { start: '2020-12-31T23:15:00Z', run: 'EXAA' })?.value).toBe(63.16);
    expect(pointAt(points, { start: '2020-12-31T23:15:00Z', run: 'DA' })).toBeUndefined();
  });

  it('forward-fills the omitted hour 11 of 2021-01-02 in DA', () => {
    expect(pointAt(points, { start: '2021-01-02T08:00:00Z', run: 'DA' })?.value).toBe(52);
    expect(pointAt(points, { start: '2021-01-02T09:00:00Z', run: 'DA' })?.value).toBe(52);
    expect(pointAt(points, { start: '2021-01-02T10:00:00Z', run: 'DA' })?.value).toBe(52.15);
  });

  it('is recognized for import', () => {
    const bytes = readShared('entsoe/A44_DE-LU_2021-01-01_PT60M+PT15M_recorded-2025-11-29.xml');
    expect(entsoe.detect!({ name: 'x.xml', head: bytes.toString('latin1'), bytes })).toBe(true);
  });
});

describeShared('entsoe/A44_DE-LU_2024-10-06_PT60M+PT15M_overlap.xml')('ENTSO-E DE-LU two periods per series (2024-10-06)', () => {
  const { points } = parseA44(readShared('entsoe/A44_DE-LU_2024-10-06_PT60M+PT15M_overlap.xml'));

  it('reads both periods of each sequence and fills their gaps', () => {
    expect(pointsWhere(points, { run: 'DA' })).toHaveLength(48);
    expect(pointsWhere(points, { run: 'EXAA' })).toHaveLength(192);
    expect(pointAt(points, { start: '2024-10-06T12:00:00Z', run: 'DA' })?.value).toBe(-0.01); // position 15 omitted
    expect(pointAt(points, { start: '2024-10-06T03:30:00Z', run: 'EXAA' })?.value).toBe(68.2); // position 23 omitted
    expect(pointAt(points, { start: '2024-10-06T23:15:00Z', run: 'EXAA' })?.value).toBe(64.91); // 10-07 position 6 omitted
    expect(pointAt(points, { start: '2024-10-06T22:00:00Z', run: 'DA' })?.value).toBe(34.58);
  });
});

describeShared('entsoe/A44_FR_2023-05-07_to_2023-05-08_PT60M.xml')('ENTSO-E old 7:0 / A01 (FR)', () => {
  it('reads the old schema', () => {
    const { points } = parseA44(readShared('entsoe/A44_FR_2023-05-07_to_2023-05-08_PT60M.xml'));
    expect(points).toHaveLength(48);
    expect(pointAt(points, { start: '2023-05-06T22:00:00Z', run: 'DA' })).toMatchObject({ location: 'FR', run: 'DA', value: 106.78 });
    expect(pointAt(points, { start: '2023-05-08T21:00:00Z', run: 'DA' })?.value).toBe(104.04);
  });
});

describeShared('entsoe/A44_SE1_2021-01-01_PT60M_recorded-2025-11-29.xml')('ENTSO-E SE1', () => {
  it('names the zone from its EIC code', () => {
    const { points } = parseA44(readShared('entsoe/A44_SE1_2021-01-01_PT60M_recorded-2025-11-29.xml'));
    expect(points).toHaveLength(48);
    expect(pointAt(points, { start: '2020-12-31T23:00:00Z', run: 'DA' })).toMatchObject({ location: 'SE1', value: 24.95 });
    expect(pointAt(points, { start: '2021-01-02T22:00:00Z', run: 'DA' })?.value).toBe(25.94);
  });
});

describe('ENTSO-E DST days (own fixtures, written in the real format)', () => {
  it('2025-03-30 has 23 hours in DA and 92 quarter-hours in EXAA (DE-LU)', () => {
    const { points } = parseA44(readOwn('epex/A44_DE-LU_2025-03-30_DST23_written.xml'));
    expect(pointsWhere(points, { run: 'DA' })).toHaveLength(23);
    expect(pointsWhere(points, { run: 'EXAA' })).toHaveLength(92);
    expect(pointAt(points, { start: '2025-03-29T23:00:00Z', run: 'DA' })?.value).toBe(80);
    expect(pointAt(points, { start: '2025-03-30T02:00:00Z', run: 'DA' })?.value).toBe(84.5);
    expect(pointAt(points, { start: '2025-03-30T03:00:00Z', run: 'DA' })?.value).toBe(84.5); // position 5 omitted
    expect(pointAt(points, { start: '2025-03-30T21:00:00Z', run: 'DA' })).toMatchObject({
      value: 113,
      end: Date.parse('2025-03-30T22:00:00Z'),
    });
    expect(pointAt(points, { start: '2025-03-30T21:45:00Z', run: 'EXAA' })?.value).toBe(92.75);
  });

  it('2025-10-26 has 100 quarter-hours, fills positions 50 and 100, ignores the A07 series (FR)', () => {
    const { points } = parseA44(readOwn('epex/A44_FR_2025-10-26_DST25_written.xml'));
    expect(points).toHaveLength(100);
    expect(points.some((p) => p.value === 999.99)).toBe(false);
    expect(pointAt(points, { start: '2025-10-25T22:00:00Z', run: 'DA' })?.value).toBe(50);
    expect(pointAt(points, { start: '2025-10-26T10:00:00Z', run: 'DA' })?.value).toBe(74); // position 49
    expect(pointAt(points, { start: '2025-10-26T10:15:00Z', run: 'DA' })?.value).toBe(74); // position 50 omitted
    expect(pointAt(points, { start: '2025-10-26T22:30:00Z', run: 'DA' })?.value).toBe(99); // position 99
    expect(pointAt(points, { start: '2025-10-26T22:45:00Z', run: 'DA' })).toMatchObject({
      value: 99,
      end: Date.parse('2025-10-26T23:00:00Z'),
    }); // 100 omitted
  });

  it('an old document without sequences: hourly is DA, the finer series is EXAA (AT 2023-03-26)', () => {
    const { points } = parseA44(readOwn('epex/A44_AT_2023-03-26_7-0_unmarked_written.xml'));
    expect(pointsWhere(points, { run: 'DA' })).toHaveLength(23);
    expect(pointsWhere(points, { run: 'EXAA' })).toHaveLength(92);
    expect(pointsWhere(points, { run: 'DA' }).every((p) => p.end - p.start === 3_600_000)).toBe(true);
  });
});

describe('ENTSO-E errors', () => {
  const fr = () => readOwn('epex/A44_FR_2025-10-26_DST25_written.xml').toString('utf8');

  it('a renamed element is a ParseError naming it', () => {
    const renamed = fr().replace(/price\.amount>/g, 'price.amt>');
    expect(() => parseA44(renamed)).toThrow(expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('price.amount') }));
    const noResolution = fr().replace(/<resolution>PT15M<\/resolution>/g, '');
    expect(() => parseA44(noResolution)).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('resolution') }),
    );
  });

  it('an HTML page is a ParseError', () => {
    const html = '<!doctype html><html><head><title>Maintenance</title></head><body><p>The Transparency Platform is down<br></body></html>';
    expect(() => parseA44(html)).toThrow(expect.objectContaining({ name: 'ParseError' }));
    expect(() => parseA44('<html><body><p>Service unavailable</p></body></html>')).toThrow(expect.objectContaining({ name: 'ParseError' }));
  });

  it('the "No matching data found" acknowledgement is NOT_PUBLISHED', () => {
    expect(() => parseA44(readOwn('epex/Acknowledgement_no-matching-data_written.xml'))).toThrow(
      expect.objectContaining({ code: 'NOT_PUBLISHED', message: expect.stringContaining('No matching data found') }),
    );
  });
});

describe('ENTSO-E request and replay', () => {
  it('asks for one market day in UTC with the EIC code, the token marked secret', () => {
    const request = entsoe.request!(ctx('2025-03-30', 'DE-LU', { ENTSOE_API_KEY: 'tok-123' }));
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe(ENTSOE_URL);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      securityToken: 'tok-123',
      documentType: 'A44',
      in_Domain: '10Y1001A1001A82H',
      out_Domain: '10Y1001A1001A82H',
      periodStart: '202503292300',
      periodEnd: '202503302200',
    });
    expect(request.secrets).toEqual(['securityToken']);
    expect(new URL(entsoe.request!(ctx('2025-10-26', 'FR', {})).url).searchParams.get('periodEnd')).toBe('202510262300');
  });

  describeShared('entsoe/A44_PT_2024-12-29_PT60M_A03-gap_recorded-2025-11-29.xml')('replayed through HttpClient', () => {
    it('fetches PT 2024-12-29 and redacts the token', async () => {
      const { result, http } = await replayFetch(epexConnector, entsoe, ctx('2024-12-29', 'PT', { ENTSOE_API_KEY: 'secret-token-42' }), [
        {
          request: {
            url: `${ENTSOE_URL}?securityToken=whatever&documentType=A44&in_Domain=10YPT-REN------W&out_Domain=10YPT-REN------W&periodStart=202412282300&periodEnd=202412292300`,
            secrets: ['securityToken'],
          },
          file: sharedPath('entsoe/A44_PT_2024-12-29_PT60M_A03-gap_recorded-2025-11-29.xml'),
        },
      ]);
      expect(result.points).toHaveLength(24);
      expect(pointAt(result.points, { start: '2024-12-29T04:00:00Z', run: 'DA' })?.value).toBe(137.26);
      expect(http.requests).toHaveLength(1);
      expect(http.requests[0].url).toContain('securityToken=***');
      expect(http.requests[0].url).not.toContain('secret-token-42');
      expect(http.requests[0].url).toContain('in_Domain=10YPT-REN------W');
    });
  });

  it('turns the replayed acknowledgement into NOT_PUBLISHED', async () => {
    await expect(
      replayFetch(epexConnector, entsoe, ctx('2030-01-01', 'FR', { ENTSOE_API_KEY: 'k' }), [
        {
          request: {
            url: `${ENTSOE_URL}?securityToken=x&documentType=A44&in_Domain=10YFR-RTE------C&out_Domain=10YFR-RTE------C&periodStart=202912312300&periodEnd=203001012300`,
            secrets: ['securityToken'],
          },
          file: ownPath('epex/Acknowledgement_no-matching-data_written.xml'),
        },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
  });
});

describeShared('entsoe/A65_FR_2050-01-01_no_data_acknowledgement_999.xml')('ENTSO-E answering HTTP 400 with an acknowledgement', () => {
  // ENTSO-E writes "no matching data" as a 400 whose body is the acknowledgement document (the
  // recorded one, reason 999, served here with that status): the day is not published, the
  // source is not broken.
  it('is NOT_PUBLISHED with the reason ENTSO-E gave, not an upstream failure', async () => {
    await expect(
      replayFetch(epexConnector, entsoe, ctx('2050-01-01', 'FR', { ENTSOE_API_KEY: 'k' }), [
        {
          request: {
            url: `${ENTSOE_URL}?securityToken=x&documentType=A44&in_Domain=10YFR-RTE------C&out_Domain=10YFR-RTE------C&periodStart=204912312300&periodEnd=205001012300`,
            secrets: ['securityToken'],
          },
          status: 400,
          headers: { 'content-type': 'text/xml' },
          file: sharedPath('entsoe/A65_FR_2050-01-01_no_data_acknowledgement_999.xml'),
        },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_PUBLISHED', message: expect.stringContaining('999 No matching data found for Data item') });
  });
});

describe('Energy-Charts fallback (own fixture written from the documented shape; no real capture exists)', () => {
  const file = 'epex/energy-charts_price_DE-LU_2025-03-29_to_2025-03-31_written.json';
  const expectedUrl = 'https://api.energy-charts.info/price?bzn=DE-LU&start=2025-03-29&end=2025-03-31';

  it('asks for the day padded by one day either side', () => {
    expect(energyCharts.request!(ctx('2025-03-30', 'DE-LU')).url).toBe(expectedUrl);
    expect(energyCharts.request!(ctx('2025-03-30', 'IT-NORD')).url).toBe(
      'https://api.energy-charts.info/price?bzn=IT-North&start=2025-03-29&end=2025-03-31',
    );
  });

  it('says to set the key for a zone Energy-Charts does not serve', () => {
    expect(() => energyCharts.request!(ctx('2025-03-30', 'MK'))).toThrow(
      expect.objectContaining({ code: 'MISSING_KEY', message: expect.stringContaining('ENTSOE_API_KEY') }),
    );
  });

  it('keeps the 23 hours of 2025-03-30 (one null is missing, not zero)', async () => {
    const { http, ask } = replaying(epexConnector, [{ request: { url: expectedUrl }, file: ownPath(file) }]);
    const { points } = await ask(energyCharts, ctx('2025-03-30', 'DE-LU'));
    expect(points).toHaveLength(22);
    expect(points[0]).toMatchObject({
      location: 'DE-LU',
      run: 'DA',
      product: 'LMP',
      start: Date.parse('2025-03-29T23:00:00Z'),
      end: Date.parse('2025-03-30T00:00:00Z'),
      value: 57,
    });
    expect(pointAt(points, { start: '2025-03-30T07:00:00Z', run: 'DA' })?.value).toBe(77);
    expect(pointAt(points, { start: '2025-03-30T08:00:00Z', run: 'DA' })).toBeUndefined();
    expect(pointAt(points, { start: '2025-03-30T21:00:00Z', run: 'DA' })?.value).toBe(112);
    expect(pointAt(points, { start: '2025-03-30T22:00:00Z', run: 'DA' })).toBeUndefined();
    expect(http.requests.map((r) => r.url)).toEqual([expectedUrl]);
  });

  it('a missing field or an HTML page is a ParseError', () => {
    const parseCtx = { market: epexConnector.market, source: 'test', request: ctx('2025-03-30', 'DE-LU') };
    const renamed = readOwn(file).toString('utf8').replace('"unix_seconds"', '"timestamps"');
    expect(() => energyCharts.parse(Buffer.from(renamed), parseCtx)).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('unix_seconds') }),
    );
    expect(() => energyCharts.parse(Buffer.from('<html><body>502 Bad Gateway</body></html>'), parseCtx)).toThrow(
      expect.objectContaining({ name: 'ParseError' }),
    );
  });
});
