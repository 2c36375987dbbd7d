import { misoConnector } from '../../backend/connectors/us/miso';
import { type ParsedPoint, ParseError, type ParseResult } from '../../backend/domain';
import type { RequestContext } from '../../backend/connectors/types';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayById, replayFetch, type UrlEntry } from '../support/replay';
import { detectedReports, expectComponentsAddUp, once, pointsWhere, reportById, valueAt } from '../support/points';
import { fiveMinExPostForms } from '../../backend/connectors/us/miso/requests';
import { usableReports } from '../../backend/series/report-choice';
import { KeyStore } from '../../backend/config';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

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

  test('the keyed Data Exchange first, then ex-post before ex-ante, final before prelim', () => {
    expect(misoConnector.reports.map((r) => [r.id, r.keys ?? []])).toEqual([
      ['miso.dx_da_expost_lmp', ['MISO_API_KEY']],
      ['miso.dx_rt_expost_lmp_hourly', ['MISO_API_KEY']],
      ['miso.dx_rt_expost_lmp_5min', ['MISO_API_KEY']],
      ['miso.da_expost_lmp', []],
      ['miso.da_exante_lmp', []],
      ['miso.rt_lmp_final', []],
      ['miso.rt_lmp_prelim', []],
      ['miso.rt_fivemin_expost', []],
      ['miso.df_al', []],
      ['miso.rt_total_load', []],
      ['miso.fuel_mix', []],
      ['miso.as_mcp', []],
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
      expect(detectedReports(misoConnector, 'download', bytes())).toEqual(['miso.rt_fivemin_expost']);
    });

    test('16:50 EST is the interval start: 21:50Z to 21:55Z', () => {
      const result = parse('miso.rt_fivemin_expost', bytes(), ctx('2026-10-02', 'RT5'));
      expect(result.points.filter((p) => p.product === 'LMP')).toHaveLength(256);
      const p = result.points.find((x) => x.location === 'MS.HUB' && x.product === 'LMP')!;
      expect(new Date(p.start).toISOString()).toBe('2026-10-02T21:50:00.000Z');
      expect(new Date(p.end).toISOString()).toBe('2026-10-02T21:55:00.000Z');
      expect(p.run).toBe('RT5');
    });

    test('values: MS.HUB, NIPS.NIPS, AMIL.RICHLAND', () => {
      const result = parse('miso.rt_fivemin_expost', bytes());
      const at = '2026-10-02T21:50:00Z';
      expect(valueAt(result.points, 'MS.HUB', 'LMP', at)).toBe(37.84);
      expect(valueAt(result.points, 'MS.HUB', 'LOSS', at)).toBe(0.48);
      expect(valueAt(result.points, 'MS.HUB', 'CONGESTION', at)).toBe(2.86);
      expect(valueAt(result.points, 'NIPS.NIPS', 'LMP', at)).toBe(35.14);
      expect(valueAt(result.points, 'AMIL.RICHLAND', 'LMP', at)).toBe(31.55);
      expect(valueAt(result.points, 'AMIL.RICHLAND', 'CONGESTION', at)).toBe(0);
    });

    test('components add up; the energy component is 34.50 on every row', () => {
      const result = parse('miso.rt_fivemin_expost', bytes());
      expect(expectComponentsAddUp(result.points, { groups: 'with ENERGY' })).toBe(256);
      expect(new Set(result.points.filter((p) => p.product === 'ENERGY').map((p) => p.value))).toEqual(new Set([34.5]));
    });

    test('asked for another day: not published (only the current interval is served)', () => {
      expect(() => parse('miso.rt_fivemin_expost', bytes(), ctx('2026-10-01', 'RT5'))).toThrow(
        expect.objectContaining({ code: 'NOT_PUBLISHED' }),
      );
    });

    test('a renamed header is a ParseError naming it', () => {
      const renamed = Buffer.from(bytes().toString('utf8').replace('"MCC"]', '"CONG"]'));
      expect(() => parse('miso.rt_fivemin_expost', renamed)).toThrow(/"MCC"/);
    });
  },
);

describe('MISO junk', () => {
  test('an HTML page is a ParseError for both parsers and is not detected', () => {
    expect(() => parse('miso.da_expost_lmp', html)).toThrow(ParseError);
    expect(() => parse('miso.rt_fivemin_expost', html)).toThrow(ParseError);
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
  const run = (reportId: string, c: RequestContext, entries: UrlEntry[]) => replayById(misoConnector, reportId, c, entries);

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
});

const FIVE_MIN = 'miso/GetRealTimeFiveMinExPost_Current_2026-10-02T1650EST_first256rows.json';
const FIVE_MIN_URL = (form: string) => `https://public-api.misoenergy.org/api/MarketPricing/GetRealTimeFiveMinExPost/${form}`;

describe('MISO five-minute ex-post: which form serves the day (EST)', () => {
  test('today is Rolling (then Current), yesterday Previous (then Rolling), other days none', () => {
    // 2026-10-03T04:30Z is 23:30 EST on 2026-10-02; 05:30Z is 00:30 EST on 2026-10-03.
    expect(fiveMinExPostForms('2026-10-02', Date.parse('2026-10-03T04:30:00Z'))).toEqual(['Rolling', 'Current']);
    expect(fiveMinExPostForms('2026-10-02', Date.parse('2026-10-03T05:30:00Z'))).toEqual(['Previous', 'Rolling']);
    expect(fiveMinExPostForms('2026-10-01', Date.parse('2026-10-03T05:30:00Z'))).toEqual([]);
    expect(fiveMinExPostForms('2026-10-04', Date.parse('2026-10-03T05:30:00Z'))).toEqual([]);
  });
});

describeShared(FIVE_MIN)('MISO five-minute ex-post requests, replayed', () => {
  async function fetchAt(now: string, day: string, entries: { url: string; status?: number }[]) {
    const report = misoConnector.reports.find((r) => r.id === 'miso.rt_fivemin_expost')!;
    const { result, http } = await replayFetch(
      misoConnector,
      report,
      { ...ctx(day, 'RT5'), now: Date.parse(now) },
      entries.map((e) => ({ request: { url: e.url }, file: sharedPath(FIVE_MIN), status: e.status })),
    );
    return { result, urls: http.requests.map((r) => r.url) };
  }

  // The recorded Current answer (16:50 EST on 2026-10-02) stands in for each form's body.
  test('today asks Rolling', async () => {
    const { result, urls } = await fetchAt('2026-10-02T21:52:00Z', '2026-10-02', [{ url: FIVE_MIN_URL('Rolling') }]);
    expect(urls).toEqual([FIVE_MIN_URL('Rolling')]);
    expect(valueAt(result.points, 'NIPS.NIPS', 'LOSS', '2026-10-02T21:50:00Z')).toBe(-1.18);
  });

  test('today falls back to Current when Rolling is not there', async () => {
    const { result, urls } = await fetchAt('2026-10-02T21:52:00Z', '2026-10-02', [
      { url: FIVE_MIN_URL('Rolling'), status: 404 },
      { url: FIVE_MIN_URL('Current') },
    ]);
    expect(urls).toEqual([FIVE_MIN_URL('Rolling'), FIVE_MIN_URL('Current')]);
    expect(valueAt(result.points, 'MS.HUB', 'LMP', '2026-10-02T21:50:00Z')).toBe(37.84);
  });

  test('yesterday asks Previous', async () => {
    const { result, urls } = await fetchAt('2026-10-03T14:00:00Z', '2026-10-02', [{ url: FIVE_MIN_URL('Previous') }]);
    expect(urls).toEqual([FIVE_MIN_URL('Previous')]);
    expect(valueAt(result.points, 'AMIL.RICHLAND', 'LMP', '2026-10-02T21:50:00Z')).toBe(31.55);
  });

  test('an older day is not published by this API and asks nothing', async () => {
    await expect(fetchAt('2026-10-03T14:00:00Z', '2026-09-30', [])).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
      message: expect.stringMatching(/only today and yesterday.*MISO_API_KEY/),
    });
  });

  test('an answer holding another day than asked is not published', async () => {
    await expect(fetchAt('2026-10-03T14:00:00Z', '2026-10-03', [{ url: FIVE_MIN_URL('Rolling') }])).rejects.toMatchObject({
      code: 'NOT_PUBLISHED',
      message: expect.stringMatching(/holds 2026-10-02 \(EST\), not 2026-10-03/),
    });
  });
});

const DX_CSV = 'miso/20260923_da_expost_lmp_reduced.csv';
const DX_PAGE1 = 'miso-dx/day-ahead_2026-09-23_lmp-expost_INDIANA.HUB_page1.json';
const DX_PAGE2 = 'miso-dx/day-ahead_2026-09-23_lmp-expost_INDIANA.HUB_page2.json';
const DX_URL = 'https://apim.misoenergy.org/pricing/v1/day-ahead/2026-09-23/lmp-expost?node=INDIANA.HUB';
const DX_KEY = 'miso-dx-test-key-0000';
const INDIANA = { name: 'INDIANA.HUB', type: 'HUB', aliases: ['INDIANA'] };

function dxCtx(day: string, run: string, keys: Record<string, string> = { MISO_API_KEY: DX_KEY }): RequestContext {
  return { ...ctx(day, run), location: INDIANA, keys };
}

describe('MISO Data Exchange pricing API (own fixture written from the documentation)', () => {
  test('the day-ahead request: URL, node, key header declared secret', () => {
    const request = reportById(misoConnector, 'miso.dx_da_expost_lmp').request!(dxCtx('2026-09-23', 'DA'));
    expect(request).toEqual({ url: DX_URL, headers: { 'Ocp-Apim-Subscription-Key': DX_KEY }, secrets: ['Ocp-Apim-Subscription-Key'] });
  });

  test('the real-time requests ask for their time resolution', () => {
    expect(reportById(misoConnector, 'miso.dx_rt_expost_lmp_hourly').request!(dxCtx('2026-09-23', 'RTH')).url).toBe(
      'https://apim.misoenergy.org/pricing/v1/real-time/2026-09-23/lmp-expost?node=INDIANA.HUB&timeResolution=hourly',
    );
    expect(reportById(misoConnector, 'miso.dx_rt_expost_lmp_5min').request!(dxCtx('2026-09-23', 'RT5')).url).toBe(
      'https://apim.misoenergy.org/pricing/v1/real-time/2026-09-23/lmp-expost?node=INDIANA.HUB&timeResolution=5min',
    );
  });

  test('without the key the request says which variable to set', () => {
    expect(() => reportById(misoConnector, 'miso.dx_da_expost_lmp').request!(dxCtx('2026-09-23', 'DA', {}))).toThrow(/set MISO_API_KEY/);
  });

  test('with MISO_API_KEY set the Data Exchange serves first; without it the CSV report', () => {
    const config = { GRIDCELL_CONFIG: join(tmpdir(), 'gridcell-miso-test-no-config.json') };
    const first = (env: Record<string, string>, run: string) =>
      usableReports(misoConnector, run, 'LMP', '2026-09-23', INDIANA, new KeyStore({ ...config, ...env }))[0].id;
    expect(first({ MISO_API_KEY: DX_KEY }, 'DA')).toBe('miso.dx_da_expost_lmp');
    expect(first({ MISO_API_KEY: DX_KEY }, 'RTH')).toBe('miso.dx_rt_expost_lmp_hourly');
    expect(first({ MISO_API_KEY: DX_KEY }, 'RT5')).toBe('miso.dx_rt_expost_lmp_5min');
    expect(first({}, 'DA')).toBe('miso.da_expost_lmp');
    expect(first({}, 'RTH')).toBe('miso.rt_lmp_final');
    expect(first({}, 'RT5')).toBe('miso.rt_fivemin_expost');
  });

  test('a page in the wrong resolution is a ParseError saying so', () => {
    const page = readOwn(DX_PAGE1);
    expect(() =>
      reportById(misoConnector, 'miso.dx_rt_expost_lmp_5min').parse(page, { market: misoConnector.market, source: 'p1' }),
    ).toThrow(/is not 5 minutes/);
  });

  test('a page without a documented field is a ParseError naming it', () => {
    const renamed = Buffer.from(readOwn(DX_PAGE1).toString('utf8').replace(/"mcc"/g, '"congestion"'));
    expect(() => reportById(misoConnector, 'miso.dx_da_expost_lmp').parse(renamed, { market: misoConnector.market, source: 'p1' })).toThrow(
      /missing field "mcc"/,
    );
  });

  test('an empty first page is not published', () => {
    const empty = Buffer.from('{"data":[],"page":{"pageNumber":1,"pageSize":0,"totalElements":0,"totalPages":0,"lastPage":true}}');
    expect(() => reportById(misoConnector, 'miso.dx_da_expost_lmp').parse(empty, { market: misoConnector.market, source: 'e' })).toThrow(
      expect.objectContaining({ code: 'NOT_PUBLISHED' }),
    );
  });

  describeShared(DX_CSV)('against the recorded CSV day', () => {
    test('both pages are fetched with the key header (kept out of the log) and agree with the market report', async () => {
      const { result, http } = await replayFetch(
        misoConnector,
        reportById(misoConnector, 'miso.dx_da_expost_lmp'),
        dxCtx('2026-09-23', 'DA'),
        [
          { request: { url: DX_URL }, file: ownPath(DX_PAGE1) },
          { request: { url: `${DX_URL}&pageNumber=2` }, file: ownPath(DX_PAGE2) },
        ],
      );
      expect(http.requests.map((r) => [r.url, r.headerNames])).toEqual([
        [DX_URL, ['Ocp-Apim-Subscription-Key']],
        [`${DX_URL}&pageNumber=2`, ['Ocp-Apim-Subscription-Key']],
      ]);
      expect(JSON.stringify(http.requests)).not.toContain(DX_KEY);
      // INDIANA.HUB HE 1 and HE 18 in the market report: LMP 28.47 / 79.18, MCC .6 / 21.18, MLC .2 / .28.
      expect(valueAt(result.points, 'INDIANA.HUB', 'LMP', '2026-09-23T05:00:00Z')).toBe(28.47);
      expect(valueAt(result.points, 'INDIANA.HUB', 'CONGESTION', '2026-09-23T22:00:00Z')).toBe(21.18);
      expect(valueAt(result.points, 'INDIANA.HUB', 'LOSS', '2026-09-23T22:00:00Z')).toBe(0.28);
      expect(result.points.every((p) => p.run === 'DA' && p.end - p.start === HOUR)).toBe(true);
      const csv = parse('miso.da_expost_lmp', readShared(DX_CSV)).points.filter((p) => p.location === 'INDIANA.HUB');
      const key = (p: ParsedPoint) => `${p.product} ${p.start} ${p.end} ${p.value}`;
      expect(result.points.map(key).sort()).toEqual(csv.map(key).sort());
      expect(result.points).toHaveLength(24 * 4);
      expect(expectComponentsAddUp(result.points, { groups: 'with ENERGY' })).toBe(24);
    });
  });
});
