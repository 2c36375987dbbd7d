import { connectors } from '../../backend/connectors/registry';
import { Catalog } from '../../backend/series/catalog';
import { SqliteSeriesStore } from '../../backend/store/sqlite/sqlite-store';
import { MAX_LOCATION_CHARS, RequestParser } from '../../backend/validation/requests';
import { tempDbPath } from '../support/app';
import { refusal } from '../support/thrown';

const store = new SqliteSeriesStore(tempDbPath());
const parser = new RequestParser(new Catalog(connectors, store), () => Date.parse('2026-07-15T12:00:00Z'));
afterAll(() => store.close());

describe('the edge: request text to a typed query', () => {
  test('a valid series request comes out typed and canonical', () => {
    const q = parser.series({
      market: 'pjm',
      location: 'western hub',
      start: '2025-11-02',
      run: 'rt',
      product: 'price',
      tz: 'utc',
      currency: 'eur',
      interval: 'HOUR',
      fill: 'Prev',
      unit: 'kwh',
    });
    expect(q).toMatchObject({
      market: 'PJM',
      location: 'western hub',
      run: 'RTH',
      product: 'LMP',
      tz: 'UTC',
      currency: 'EUR',
      unit: 'kWh',
      interval: 'hour',
      fill: 'prev',
    });
    // 2025-11-02 in New York is the 25-hour fall-back day: EDT midnight (04:00 UTC) to EST midnight (05:00 UTC next day).
    expect(q.range).toEqual({
      from: Date.parse('2025-11-02T04:00:00Z'),
      to: Date.parse('2025-11-03T05:00:00Z'),
      days: ['2025-11-02'],
      instant: false,
    });
  });

  test('a location no market could name is refused before any lookup', () => {
    const long = refusal(() => parser.series({ market: 'PJM', location: 'X'.repeat(4000), start: '2025-07-01' }));
    expect(long.fields).toEqual([
      {
        field: 'location',
        code: 'BAD_REQUEST',
        message: `The location is 4000 characters long; no market names one with more than ${MAX_LOCATION_CHARS}.`,
      },
    ]);
    const nul = refusal(() => parser.series({ market: 'PJM', location: 'WESTERN\u0000HUB', start: '2025-07-01' }));
    expect(nul.fields![0].message).toMatch(/control character/);
  });

  test('a currency the ECB does not publish is a wrong field, not a missing FX location', () => {
    const e = refusal(() => parser.series({ market: 'PJM', location: 'WESTERN HUB', start: '2025-07-01', currency: 'XXX' }));
    expect(e.fields).toEqual([
      {
        field: 'currency',
        code: 'BAD_REQUEST',
        message: 'currency=XXX: the ECB publishes no reference rate for XXX, so gridcell cannot convert it.',
      },
    ]);
  });

  test('latest picks the main real-time run, and a market without one keeps its own', () => {
    expect(parser.latest({ market: 'ERCOT', location: 'HB_NORTH' }).run).toBe('RT15');
    expect(parser.latest({ market: 'GAS', location: 'HENRY HUB' }).run).toBe('DAILY');
  });
});
