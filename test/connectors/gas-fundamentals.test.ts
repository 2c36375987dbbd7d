import { gasConnector } from '../../backend/connectors/gas/eia';
import type { RequestContext } from '../../backend/connectors/types';
import type { ParseResult } from '../../backend/domain';
import { calendarYear } from '../../backend/time/periods';
import { describeShared, ownPath, readOwn, readShared, sharedPath } from '../support/fixtures';
import { replayFetch } from '../support/replay';
import { detectedReports, pointsWhere, reportById, valueAt } from '../support/points';

// EIA natural-gas/move/poe2 (exports by point of exit). Expected values are the rows' `value` fields,
// read by hand; each comment names the data row (1-based).

const exportsReport = reportById(gasConnector, 'gas.eia_move_poe2');
const POE2 = 'eia/v2_natural-gas_move_poe2_2026-07_24rows_erw_reserialised_retyped.json';
const OWN = 'gas/poe2_2025_api-envelope_written.json';
const KEY = 'eia-test-key-42';
const JULY_2026 = '2026-07-01T04:00:00Z'; // 00:00 EDT

function parse(bytes: Buffer | string): ParseResult {
  return exportsReport.parse(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), { market: gasConnector.market, source: 'test' });
}

function ctx(day: string, keys: Record<string, string> = { EIA_API_KEY: KEY }): RequestContext {
  return { period: calendarYear(day), run: 'MONTHLY', product: 'LNG_EXPORTS', keys };
}

const QUERY_2026 =
  'frequency=monthly&data[0]=value&facets[process][]=ENG&facets[process][]=ENP&start=2026-01&end=2026-12' +
  '&sort[0][column]=period&sort[0][direction]=asc&offset=0&length=5000';

describe('GAS market data for exports', () => {
  it('lists run MONTHLY and the two export products in MMcf, and says why interstate movements are not served', () => {
    expect(gasConnector.market.runs.map((r) => r.id)).toContain('MONTHLY');
    const products = new Map(gasConnector.market.products.map((p) => [p.id, p]));
    expect(products.get('LNG_EXPORTS')).toMatchObject({ unit: 'MMcf', defaultRun: 'MONTHLY' });
    expect(products.get('PIPELINE_EXPORTS')).toMatchObject({ unit: 'MMcf', defaultRun: 'MONTHLY' });
    expect(gasConnector.market.unavailable).toEqual([
      expect.objectContaining({ dataset: expect.stringContaining('natural-gas/move/ist'), reason: expect.stringContaining('annual') }),
    ]);
  });

  it('asks a calendar year of both processes with the key marked secret', () => {
    const request = exportsReport.request!(ctx('2026-07-15'));
    expect(request).toEqual({
      url: `https://api.eia.gov/v2/natural-gas/move/poe2/data/?api_key=${KEY}&${QUERY_2026}`,
      secrets: ['api_key'],
    });
    expect(() => exportsReport.request!(ctx('2026-07-15', {}))).toThrow(expect.objectContaining({ code: 'MISSING_KEY' }));
    expect(exportsReport.provisional).toBe(true);
  });
});

describeShared(POE2)('poe2, July 2026 (24 real rows in a re-serialised envelope)', () => {
  const { points, locations } = parse(readShared(POE2));
  const at = (location: string, product: string) => valueAt(points, location, product, JULY_2026);

  it('reads every row as one monthly point over July (New York)', () => {
    expect(points).toHaveLength(24);
    expect(
      points.every((p) => p.run === 'MONTHLY' && p.start === Date.parse(JULY_2026) && p.end === Date.parse('2026-08-01T04:00:00Z')),
    ).toBe(true);
    expect(pointsWhere(points, { product: 'PIPELINE_EXPORTS' })).toHaveLength(1);
    expect(pointsWhere(points, { product: 'LNG_EXPORTS' })).toHaveLength(23);
  });

  it('names each point of exit and destination as EIA describes it', () => {
    expect(at('U.S. TO MEXICO', 'PIPELINE_EXPORTS')).toBe(227569); // row 1, ENP
    expect(at('U.S. TO JAPAN', 'LNG_EXPORTS')).toBe(46886); // row 2
    expect(at('U.S.', 'LNG_EXPORTS')).toBe(518777); // row 3, the total
    expect(at('FORT LAUDERDALE, FL TO ANTIGUA AND BARBUDA', 'LNG_EXPORTS')).toBe(3); // row 4
    expect(at('FORT LAUDERDALE, FL', 'LNG_EXPORTS')).toBe(109); // row 8 = rows 4-7: 3 + 56 + 42 + 8
    expect(at('SABINE PASS, LA TO INDIA', 'LNG_EXPORTS')).toBe(10648); // row 17
    expect(at('SABINE PASS, LA', 'LNG_EXPORTS')).toBe(120445); // row 24
  });

  it('gives the duoarea code and series id as aliases', () => {
    expect(locations?.find((l) => l.name === 'SABINE PASS, LA TO INDIA')?.aliases).toEqual(['YSPL-NIN', 'NGM_EPG0_ENG_YSPL-NIN_MMCF']);
    expect(locations?.find((l) => l.name === 'U.S. TO MEXICO')?.aliases).toEqual(['NUS-NMX', 'N9132MX2']);
    expect(locations?.find((l) => l.name === 'U.S.')?.aliases).toEqual(['NUS-Z00', 'N9133US2']);
  });

  it('is recognized as gas.eia_move_poe2 only', () => {
    expect(detectedReports(gasConnector, 'poe2.json', readShared(POE2))).toEqual(['gas.eia_move_poe2']);
  });

  it('is fetched in one page (24 of total 24), the key masked', async () => {
    const { result, http } = await replayFetch(gasConnector, exportsReport, ctx('2026-07-15'), [
      {
        request: { url: `https://api.eia.gov/v2/natural-gas/move/poe2/data/?api_key=${KEY}&${QUERY_2026}`, secrets: ['api_key'] },
        file: sharedPath(POE2),
      },
    ]);
    expect(result.points).toHaveLength(24);
    expect(http.requests).toHaveLength(1);
    expect(decodeURIComponent(http.requests[0].url)).not.toContain(KEY);
  });

  it('other units or an unreadable description are ParseErrors', () => {
    const text = readShared(POE2).toString('utf8');
    expect(() => parse(text.replace('"units": "MMCF"', '"units": "BCF"'))).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('BCF') }),
    );
    expect(() => parse(text.replace('U.S. Natural Gas Pipeline Exports to Mexico (MMcf)', 'Something else'))).toThrow(
      expect.objectContaining({ code: 'PARSE', message: expect.stringContaining('Something else') }),
    );
  });
});

describe("poe2 in the API's own envelope (own fixture)", () => {
  const { points } = parse(readOwn(OWN));

  it('reads December over the year end; a null value is missing, not zero', () => {
    expect(points).toHaveLength(2);
    expect(valueAt(points, 'U.S.', 'LNG_EXPORTS', '2025-12-01T05:00:00Z')).toBe(500000); // row 2
    expect(points.find((p) => p.product === 'PIPELINE_EXPORTS')).toMatchObject({
      location: 'U.S. TO MEXICO',
      start: Date.parse('2025-12-01T05:00:00Z'),
      end: Date.parse('2026-01-01T05:00:00Z'),
      value: 200000, // row 3
    });
    expect(points.some((p) => p.start === Date.parse('2025-11-01T04:00:00Z'))).toBe(false); // row 1, null
    expect(detectedReports(gasConnector, ownPath(OWN), readOwn(OWN))).toEqual(['gas.eia_move_poe2']);
  });
});
