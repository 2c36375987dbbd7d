import { connectors } from '../../backend/connectors/registry';
import { Catalog } from '../../backend/series/catalog';
import { SqliteSeriesStore } from '../../backend/store/sqlite/sqlite-store';
import { RequestParser } from '../../backend/validation/requests';
import { tempDbPath } from '../support/app';
import { refusal } from '../support/thrown';

// 04:30 UTC on 2026-07-01: 00:30 EDT on July 1 in New York (PJM), 23:30 on June 30 on MISO's UTC-5,
// 14:30 on July 1 in Brisbane (NEM), 06:30 CEST on July 1 for the ECB.
const NOW = Date.parse('2026-07-01T04:30:00Z');
const store = new SqliteSeriesStore(tempDbPath());
const parser = new RequestParser(new Catalog(connectors, store), () => NOW);
afterAll(() => store.close());

const iso = (ms: number) => new Date(ms).toISOString();

describe('relative dates in every query, on each market’s clock', () => {
  test('T is a different day for PJM (New York) and MISO (UTC-5 all year)', () => {
    expect(parser.series({ market: 'PJM', location: 'WESTERN HUB', start: 'T' }).range.days).toEqual(['2026-07-01']);
    expect(parser.series({ market: 'MISO', location: 'INDIANA.HUB', start: 'T' }).range.days).toEqual(['2026-06-30']);
    const nem = parser.series({ market: 'NEM', location: 'NSW1', start: 't-1' }).range;
    expect(nem.days).toEqual(['2026-06-30']);
    expect(iso(nem.from)).toBe('2026-06-29T14:00:00.000Z');
  });

  test('aggregate, quality and backfill take periods: a START with no END is the whole period', async () => {
    const agg = parser.aggregate({ market: 'PJM', location: 'WESTERN HUB', start: 'q2-2026', block: 'onpeak', stat: 'last' });
    expect(agg.stat).toBe('last');
    expect([agg.range.days[0], agg.range.days.at(-1)]).toEqual(['2026-04-01', '2026-06-30']);
    const quality = await parser.quality({ market: 'MISO', start: 'MTD' });
    expect([quality.range.days[0], quality.range.days.at(-1)]).toEqual(['2026-06-01', '2026-06-30']);
    const backfill = parser.backfill({ market: 'PJM', location: 'WESTERN HUB', start: 'CAL-2025', end: 'YTD' });
    expect([backfill.range.days[0], backfill.range.days.at(-1)]).toEqual(['2025-01-01', '2026-07-01']);
  });

  test('intervals week, quarter and year are accepted', () => {
    for (const interval of ['week', 'QUARTER', 'Year'])
      expect(parser.series({ market: 'PJM', location: 'WESTERN HUB', start: 'CAL-2025', interval }).interval).toBe(interval.toLowerCase());
  });

  test('GRID.FX takes a one-day word on the ECB clock, not a period', () => {
    expect(parser.fx({ pair: 'EURUSD', date: 'T-1' }).date).toBe('2026-06-30');
    expect(refusal(() => parser.fx({ pair: 'EURUSD', date: '2026-06' }))).toMatchObject({
      code: 'BAD_DATE',
      message: 'date=2026-06 is 2026-06-01 to 2026-06-30; the ECB rate is for one day, e.g. date=T-1 or 2026-06-30.',
    });
  });

  test('wrong words: one BAD_DATE per field, saying what to write', () => {
    const e = refusal(() => parser.series({ market: 'PJM', location: 'WESTERN HUB', start: 'last week', end: 'Q5-2026' }));
    expect(e.code).toBe('BAD_DATE');
    expect(e.fields).toEqual([
      {
        field: 'start',
        code: 'BAD_DATE',
        message: expect.stringContaining('"last week" is not a date or date-time; write YYYY-MM-DD, YYYY-MM-DDTHH:MM, or one of T, T-1'),
      },
      {
        field: 'end',
        code: 'BAD_DATE',
        message: expect.stringMatching(/^"Q5-2026" is not a date or date-time; write .*Q3-2026, CAL-2027\.$/),
      },
    ]);
    expect(refusal(() => parser.series({ market: 'PJM', location: 'WESTERN HUB', start: 'CAL-2026', end: 'T-1Y' })).fields).toEqual([
      { field: 'end', code: 'BAD_DATE', message: expect.stringContaining('"T-1Y" is not a date') },
    ]);
    expect(refusal(() => parser.aggregate({ market: 'PJM', location: 'WESTERN HUB', start: 'T', stat: 'median' })).message).toBe(
      'stat=median is not valid: stat is one of mean, min, max, sum, count, first, last.',
    );
  });
});
