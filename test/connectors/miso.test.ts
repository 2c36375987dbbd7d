import { misoConnector } from '../../backend/connectors/us/miso';
import { fetchAndParse } from '../../backend/connectors/fetch';
import { type ParsedPoint, ParseError, type ParseResult } from '../../backend/domain';
import type { RequestContext } from '../../backend/connectors/types';
import { HttpClient } from '../../backend/http/client';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFolder } from '../support/replay';
import { detectedReports, expectComponentsAddUp, once, pointsWhere, reportById, valueAt } from '../support/points';

const HOUR = 3_600_000;

function ctx(day: string, run: string): RequestContext {
  return { period: { key: day, days: [day] }, run, product: 'LMP', keys: {} };
}

function parse(id: string, bytes: Buffer, request?: RequestContext): ParseResult {
  return reportById(misoConnector, id).parse(bytes, { market: misoConnector.market, source: 'test', request });
}

function hourStarts(points: ParsedPoint[], loc: string): string[] {
  return pointsWhere(points, { location: loc, product: 'LMP' }).map((p) => new Date(p.start).toISOString());
}

const html = Buffer.from(
  '<!DOCTYPE html>\n<html><head><title>404 - File or directory not found.</title></head><body><h2>Server Error</h2></body></html>\n',
);

describe('MISO market and locations', () => {
  test('EST all year, USD, RT means RTH, no key', () => {
    expect(misoConnector.market.clock).toBe('UTC-5');
    expect(misoConnector.market.currency).toBe('USD');
    expect(misoConnector.market.runAliases).toEqual({ RT: 'RTH' });
    expect(misoConnector.market.keyless).toBe(true);
  });

  test('the eight trading hubs are known statically', () => {
    const hubs = misoConnector.locations
      .filter((l) => l.name.endsWith('.HUB'))
      .map((l) => l.name)
      .sort();
    expect(hubs).toEqual([
      'ARKANSAS.HUB',
      'ILLINOIS.HUB',
      'INDIANA.HUB',
      'LOUISIANA.HUB',
      'MICHIGAN.HUB',
      'MINN.HUB',
      'MS.HUB',
      'TEXAS.HUB',
    ]);
    expect(misoConnector.locations.find((l) => l.name === 'INDIANA.HUB')).toEqual({
      name: 'INDIANA.HUB',
      type: 'HUB',
      aliases: ['INDIANA'],
    });
    expect(misoConnector.locations.find((l) => l.name === 'PJMC')?.type).toBe('INTERFACE');
  });

  test('ex-post before ex-ante, final before prelim', () => {
    expect(misoConnector.reports.map((r) => r.id)).toEqual([
      'miso.da_expost_lmp',
      'miso.da_exante_lmp',
      'miso.rt_lmp_final',
      'miso.rt_lmp_prelim',
      'miso.rt_fivemin_expost_current',
    ]);
  });
});

describeShared('miso/20260923_da_expost_lmp_reduced.csv')(
  'MISO DA ex-post, 2026-09-23 (real, no blank preamble line, .6 style numbers)',
  () => {
    const bytes = once(() => readShared('miso/20260923_da_expost_lmp_reduced.csv'));
    const result = once(() => parse('miso.da_expost_lmp', bytes()));

    test('is recognized as the DA ex-post report only', () => {
      expect(detectedReports(misoConnector, 'download', bytes())).toEqual(['miso.da_expost_lmp']);
    });

    test('INDIANA.HUB HE 1 (00:00-01:00 EST = 05:00Z) and HE 24', () => {
      const he1 = '2026-09-23T05:00:00Z';
      expect(valueAt(result().points, 'INDIANA.HUB', 'LMP', he1)).toBe(28.47);
      expect(valueAt(result().points, 'INDIANA.HUB', 'CONGESTION', he1)).toBe(0.6);
      expect(valueAt(result().points, 'INDIANA.HUB', 'LOSS', he1)).toBe(0.2);
      expect(valueAt(result().points, 'INDIANA.HUB', 'ENERGY', he1)).toBe(27.67);
      expect(valueAt(result().points, 'INDIANA.HUB', 'LMP', '2026-09-24T04:00:00Z')).toBe(28.12);
      expect(valueAt(result().points, 'MINN.HUB', 'CONGESTION', '2026-09-23T06:00:00Z')).toBe(0.43);
      expect(valueAt(result().points, 'MINN.HUB', 'LOSS', he1)).toBe(-0.5);
    });

    test('nodes with only an LMP row give LMP and no components', () => {
      expect(valueAt(result().points, 'AECI', 'LMP', '2026-09-23T05:00:00Z')).toBe(25.6);
      expect(valueAt(result().points, 'AECI', 'ENERGY', '2026-09-23T05:00:00Z')).toBeUndefined();
    });

    test('components add up at the four hubs for all 24 hours', () => {
      expect(expectComponentsAddUp(result().points, { groups: 'with ENERGY' })).toBe(4 * 24);
    });

    test('locations with their types from the Type column', () => {
      expect(result().locations).toContainEqual({ name: 'NIPS.AM', type: 'ZONE' });
      expect(result().locations).toContainEqual({ name: 'AECI', type: 'INTERFACE' });
      expect(result().locations).toContainEqual({ name: 'NIPS.BAILY.ARR', type: 'HUB' });
    });

    test('every interval is one hour, all DA', () => {
      expect(result().points.every((p) => p.end - p.start === HOUR && p.run === 'DA')).toBe(true);
    });

    test('a file for another day than asked is refused', () => {
      expect(() => parse('miso.da_expost_lmp', bytes(), ctx('2026-09-24', 'DA'))).toThrow(/2026-09-23, not 2026-09-24/);
    });

    test('a renamed HE column is a ParseError naming it', () => {
      const renamed = Buffer.from(bytes().toString('utf8').replace(',HE 7,', ',HE 07,'));
      expect(() => parse('miso.da_expost_lmp', renamed)).toThrow(ParseError);
      expect(() => parse('miso.da_expost_lmp', renamed)).toThrow(/"HE 7"/);
    });

    test('a renamed Node column is a ParseError naming it', () => {
      const renamed = Buffer.from(bytes().toString('utf8').replace('Node,Type,Value', 'CPNode,Type,Value'));
      expect(() => parse('miso.da_expost_lmp', renamed)).toThrow(/"Node"/);
    });

    test('a bad number is a ParseError', () => {
      const broken = Buffer.from(bytes().toString('utf8').replace('INDIANA.HUB,Hub,LMP,28.47', 'INDIANA.HUB,Hub,LMP,28.4x7'));
      expect(() => parse('miso.da_expost_lmp', broken)).toThrow(/line 10, HE 1: "28.4x7" is not a number/);
    });
  },
);

describeShared('miso/20251102_da_expost_lmp_reduced.csv')('MISO DA ex-post on the US fall-back day 2025-11-02 (real)', () => {
  const result = once(() => parse('miso.da_expost_lmp', readShared('miso/20251102_da_expost_lmp_reduced.csv'), ctx('2025-11-02', 'DA')));

  test('still 24 EST hours: HE 1 at 05:00Z through HE 24 at 04:00Z next day', () => {
    const starts = hourStarts(result().points, 'INDIANA.HUB');
    expect(starts).toHaveLength(24);
    expect(starts[0]).toBe('2025-11-02T05:00:00.000Z');
    expect(starts[23]).toBe('2025-11-03T04:00:00.000Z');
  });

  test('values of INDIANA.HUB', () => {
    expect(valueAt(result().points, 'INDIANA.HUB', 'LMP', '2025-11-02T05:00:00Z')).toBe(36.22);
    expect(valueAt(result().points, 'INDIANA.HUB', 'LOSS', '2025-11-02T06:00:00Z')).toBe(-0.2);
    expect(valueAt(result().points, 'INDIANA.HUB', 'ENERGY', '2025-11-02T05:00:00Z')).toBe(32.76);
    expect(valueAt(result().points, 'INDIANA.HUB', 'LMP', '2025-11-03T04:00:00Z')).toBe(29.62);
    expect(expectComponentsAddUp(result().points, { groups: 'with ENERGY' })).toBe(4 * 24);
  });
});

describeShared('miso/20251201_da_expost_lmp_reduced_winter.csv')(
  'MISO DA ex-post, 2025-12-01 (real, comma-padded preamble, unpadded date)',
  () => {
    const bytes = once(() => readShared('miso/20251201_da_expost_lmp_reduced_winter.csv'));
    const result = once(() => parse('miso.da_expost_lmp', bytes()));

    test('finds the header after the all-comma line and reads the unpadded date', () => {
      expect(detectedReports(misoConnector, 'download', bytes())).toEqual(['miso.da_expost_lmp']);
      expect(hourStarts(result().points, 'INDIANA.HUB')[0]).toBe('2025-12-01T05:00:00.000Z');
    });

    test('values of INDIANA.HUB', () => {
      expect(valueAt(result().points, 'INDIANA.HUB', 'LMP', '2025-12-01T05:00:00Z')).toBe(50.86);
      expect(valueAt(result().points, 'INDIANA.HUB', 'CONGESTION', '2025-12-01T05:00:00Z')).toBe(-1.31);
      expect(valueAt(result().points, 'INDIANA.HUB', 'ENERGY', '2025-12-01T05:00:00Z')).toBe(52.4);
      expect(valueAt(result().points, 'INDIANA.HUB', 'LMP', '2025-12-01T12:00:00Z')).toBe(102.64);
      expect(expectComponentsAddUp(result().points, { groups: 'with ENERGY' })).toBe(4 * 24);
    });
  },
);

describeShared('miso/20260926_rt_lmp_final.csv')('MISO RT final, 2026-09-26 (real)', () => {
  const bytes = once(() => readShared('miso/20260926_rt_lmp_final.csv'));
  const result = once(() => parse('miso.rt_lmp_final', bytes()));

  test('is recognized as the final RT report', () => {
    expect(detectedReports(misoConnector, 'download', bytes())).toEqual(['miso.rt_lmp_final']);
  });

  test('22 locations x 24 hours x 4 products, all RTH', () => {
    expect(result().locations).toHaveLength(22);
    expect(result().points).toHaveLength(22 * 24 * 4);
    expect(result().points.every((p) => p.run === 'RTH')).toBe(true);
  });

  test('values of MS.HUB and TEXAS.HUB', () => {
    expect(valueAt(result().points, 'MS.HUB', 'LMP', '2026-09-26T05:00:00Z')).toBe(29.91);
    expect(valueAt(result().points, 'MS.HUB', 'CONGESTION', '2026-09-26T05:00:00Z')).toBe(0.08);
    expect(valueAt(result().points, 'MS.HUB', 'LOSS', '2026-09-26T05:00:00Z')).toBe(-0.2);
    expect(valueAt(result().points, 'MS.HUB', 'ENERGY', '2026-09-26T05:00:00Z')).toBe(30.03);
    expect(valueAt(result().points, 'TEXAS.HUB', 'ENERGY', '2026-09-26T05:00:00Z')).toBe(30.03);
    expect(valueAt(result().points, 'TEXAS.HUB', 'LMP', '2026-09-27T04:00:00Z')).toBe(29.33);
  });

  test('components add up, and the energy component is the same at all 22 nodes each hour (within 0.02)', () => {
    expect(expectComponentsAddUp(result().points, { groups: 'with ENERGY' })).toBe(22 * 24);
    const energyByHour = new Map<number, number[]>();
    for (const p of result().points.filter((x) => x.product === 'ENERGY'))
      energyByHour.set(p.start, [...(energyByHour.get(p.start) ?? []), p.value]);
    for (const values of energyByHour.values()) expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(0.02 + 1e-9);
  });
});

describe('MISO own fixtures (written from documentation)', () => {
  test('DA ex-ante on the US spring-forward day 2025-03-09: 24 EST hours', () => {
    const bytes = readOwn('miso/20250309_da_exante_lmp.csv');
    expect(detectedReports(misoConnector, 'download', bytes)).toEqual(['miso.da_exante_lmp']);
    const result = parse('miso.da_exante_lmp', bytes);
    const starts = hourStarts(result.points, 'INDIANA.HUB');
    expect(starts).toHaveLength(24);
    expect(starts[0]).toBe('2025-03-09T05:00:00.000Z');
    expect(starts[23]).toBe('2025-03-10T04:00:00.000Z');
    expect(valueAt(result.points, 'INDIANA.HUB', 'LMP', '2025-03-09T05:00:00Z')).toBe(19.75);
    expect(valueAt(result.points, 'INDIANA.HUB', 'ENERGY', '2025-03-09T05:00:00Z')).toBe(20);
    expect(valueAt(result.points, 'MINN.HUB', 'LMP', '2025-03-10T04:00:00Z')).toBe(42.55);
    expect(expectComponentsAddUp(result.points, { groups: 'with ENERGY' })).toBe(2 * 24);
  });

  test('RT prelim: dollar-formatted numbers and an empty hour (missing, not zero)', () => {
    const bytes = readOwn('miso/20260930_rt_lmp_prelim.csv');
    expect(detectedReports(misoConnector, 'download', bytes)).toEqual(['miso.rt_lmp_prelim']);
    const result = parse('miso.rt_lmp_prelim', bytes);
    expect(valueAt(result.points, 'MICHIGAN.HUB', 'LMP', '2026-09-30T23:00:00Z')).toBe(1012.5);
    expect(valueAt(result.points, 'MICHIGAN.HUB', 'ENERGY', '2026-09-30T23:00:00Z')).toBe(34);
    expect(valueAt(result.points, 'MICHIGAN.HUB', 'LMP', '2026-10-01T04:00:00Z')).toBeUndefined();
    expect(hourStarts(result.points, 'MICHIGAN.HUB')).toHaveLength(23);
    expect(expectComponentsAddUp(result.points, { groups: 'with ENERGY' })).toBe(23);
  });
});

describeShared('miso/GetRealTimeFiveMinExPost_Current_2026-10-02T1650EST_first256rows.json')(
  'MISO five-minute ex-post, current interval (real, first 256 rows)',
  () => {
    const bytes = once(() => readShared('miso/GetRealTimeFiveMinExPost_Current_2026-10-02T1650EST_first256rows.json'));

    test('is recognized', () => {
      expect(detectedReports(misoConnector, 'download', bytes())).toEqual(['miso.rt_fivemin_expost_current']);
    });

    test('16:50 EST is the interval start: 21:50Z to 21:55Z', () => {
      const result = parse('miso.rt_fivemin_expost_current', bytes(), ctx('2026-10-02', 'RT5'));
      expect(result.points.filter((p) => p.product === 'LMP')).toHaveLength(256);
      const p = result.points.find((x) => x.location === 'MS.HUB' && x.product === 'LMP')!;
      expect(new Date(p.start).toISOString()).toBe('2026-10-02T21:50:00.000Z');
      expect(new Date(p.end).toISOString()).toBe('2026-10-02T21:55:00.000Z');
      expect(p.run).toBe('RT5');
    });

    test('values: MS.HUB, NIPS.NIPS, AMIL.RICHLAND', () => {
      const result = parse('miso.rt_fivemin_expost_current', bytes());
      const at = '2026-10-02T21:50:00Z';
      expect(valueAt(result.points, 'MS.HUB', 'LMP', at)).toBe(37.84);
      expect(valueAt(result.points, 'MS.HUB', 'LOSS', at)).toBe(0.48);
      expect(valueAt(result.points, 'MS.HUB', 'CONGESTION', at)).toBe(2.86);
      expect(valueAt(result.points, 'NIPS.NIPS', 'LMP', at)).toBe(35.14);
      expect(valueAt(result.points, 'AMIL.RICHLAND', 'LMP', at)).toBe(31.55);
      expect(valueAt(result.points, 'AMIL.RICHLAND', 'CONGESTION', at)).toBe(0);
    });

    test('components add up; the energy component is 34.50 on every row', () => {
      const result = parse('miso.rt_fivemin_expost_current', bytes());
      expect(expectComponentsAddUp(result.points, { groups: 'with ENERGY' })).toBe(256);
      expect(new Set(result.points.filter((p) => p.product === 'ENERGY').map((p) => p.value))).toEqual(new Set([34.5]));
    });

    test('asked for another day: not published (only the current interval is served)', () => {
      expect(() => parse('miso.rt_fivemin_expost_current', bytes(), ctx('2026-10-01', 'RT5'))).toThrow(
        expect.objectContaining({ code: 'NOT_PUBLISHED' }),
      );
    });

    test('a renamed header is a ParseError naming it', () => {
      const renamed = Buffer.from(bytes().toString('utf8').replace('"MCC"]', '"CONG"]'));
      expect(() => parse('miso.rt_fivemin_expost_current', renamed)).toThrow(/"MCC"/);
    });
  },
);

describe('MISO junk', () => {
  test('an HTML page is a ParseError for both parsers and is not detected', () => {
    expect(() => parse('miso.da_expost_lmp', html)).toThrow(ParseError);
    expect(() => parse('miso.rt_fivemin_expost_current', html)).toThrow(ParseError);
    expect(detectedReports(misoConnector, 'download', html)).toEqual([]);
  });

  test('a wide report with only its preamble and header is not published yet', () => {
    const bare = Buffer.from(
      'Realtime Market LMPs\n9/26/2026\n\n,,,All Hours-Ending are Eastern Standard Time (EST)\nNode,Type,Value,' +
        Array.from({ length: 24 }, (_, i) => `HE ${i + 1}`).join(',') +
        '\n',
    );
    expect(() => parse('miso.rt_lmp_final', bare)).toThrow(expect.objectContaining({ code: 'NOT_PUBLISHED' }));
  });
});

describe('MISO live requests, replayed', () => {
  async function run(
    reportId: string,
    c: RequestContext,
    entries: { url: string; file: string; status?: number }[],
  ): Promise<{ result: ParseResult; http: HttpClient }> {
    const replayDir = replayFolder(entries.map((e) => ({ request: { url: e.url }, file: e.file, status: e.status })));
    const http = new HttpClient({ replayDir });
    const result = await fetchAndParse(misoConnector, reportById(misoConnector, reportId), c, (r) => http.get(r), 'test');
    return { result, http };
  }

  describeShared('miso/20260923_da_expost_lmp_reduced.csv')('DA ex-post', () => {
    test('fetches <YYYYMMDD>_da_expost_lmp.csv', async () => {
      const url = 'https://docs.misoenergy.org/marketreports/20260923_da_expost_lmp.csv';
      const { result, http } = await run('miso.da_expost_lmp', ctx('2026-09-23', 'DA'), [
        { url, file: sharedPath('miso/20260923_da_expost_lmp_reduced.csv') },
      ]);
      expect(http.requests.map((r) => r.url)).toEqual([url]);
      expect(http.requests[0].headerNames).toEqual([]);
      expect(valueAt(result.points, 'MICHIGAN.HUB', 'LMP', '2026-09-23T05:00:00Z')).toBe(34.34);
    });
  });

  test('DA ex-ante fetches <YYYYMMDD>_da_exante_lmp.csv', async () => {
    const url = 'https://docs.misoenergy.org/marketreports/20250309_da_exante_lmp.csv';
    const { result, http } = await run('miso.da_exante_lmp', ctx('2025-03-09', 'DA'), [
      { url, file: ownPath('miso/20250309_da_exante_lmp.csv') },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, 'MINN.HUB', 'LMP', '2025-03-09T05:00:00Z')).toBe(19.3);
  });

  describeShared('miso/20260926_rt_lmp_final.csv')('RT final', () => {
    test('fetches <YYYYMMDD>_rt_lmp_final.csv', async () => {
      const url = 'https://docs.misoenergy.org/marketreports/20260926_rt_lmp_final.csv';
      const { result, http } = await run('miso.rt_lmp_final', ctx('2026-09-26', 'RTH'), [
        { url, file: sharedPath('miso/20260926_rt_lmp_final.csv') },
      ]);
      expect(http.requests.map((r) => r.url)).toEqual([url]);
      expect(valueAt(result.points, 'MINN.HUB', 'LMP', '2026-09-26T06:00:00Z')).toBe(29.34);
      expect(valueAt(result.points, 'ARKANSAS.HUB', 'LMP', '2026-09-26T05:00:00Z')).toBe(29.38);
    });

    test('a final report not posted yet (404) is NOT_PUBLISHED', async () => {
      const url = 'https://docs.misoenergy.org/marketreports/20260930_rt_lmp_final.csv';
      await expect(
        run('miso.rt_lmp_final', ctx('2026-09-30', 'RTH'), [{ url, file: sharedPath('miso/20260926_rt_lmp_final.csv'), status: 404 }]),
      ).rejects.toMatchObject({ code: 'NOT_PUBLISHED' });
    });
  });

  test('RT prelim fetches <YYYYMMDD>_rt_lmp_prelim.csv', async () => {
    const url = 'https://docs.misoenergy.org/marketreports/20260930_rt_lmp_prelim.csv';
    const { result, http } = await run('miso.rt_lmp_prelim', ctx('2026-09-30', 'RTH'), [
      { url, file: ownPath('miso/20260930_rt_lmp_prelim.csv') },
    ]);
    expect(http.requests.map((r) => r.url)).toEqual([url]);
    expect(valueAt(result.points, 'MICHIGAN.HUB', 'LMP', '2026-09-30T05:00:00Z')).toBe(24.8);
  });

  describeShared('miso/GetRealTimeFiveMinExPost_Current_2026-10-02T1650EST_first256rows.json')('RT5', () => {
    test('fetches GetRealTimeFiveMinExPost/Current', async () => {
      const url = 'https://public-api.misoenergy.org/api/MarketPricing/GetRealTimeFiveMinExPost/Current';
      const { result, http } = await run('miso.rt_fivemin_expost_current', ctx('2026-10-02', 'RT5'), [
        { url, file: sharedPath('miso/GetRealTimeFiveMinExPost_Current_2026-10-02T1650EST_first256rows.json') },
      ]);
      expect(http.requests.map((r) => r.url)).toEqual([url]);
      expect(valueAt(result.points, 'NIPS.NIPS', 'LOSS', '2026-10-02T21:50:00Z')).toBe(-1.18);
    });
  });
});
