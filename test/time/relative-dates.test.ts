import { parseRange } from '../../backend/time/range';
import { dateWord } from '../../backend/time/relative-dates';
import { refusal } from '../support/thrown';

const H = 3_600_000;
const NY = 'America/New_York';
const NEM = 'UTC+10';
const iso = (ms: number) => new Date(ms).toISOString();
const at = (text: string) => Date.parse(text);

describe('relative dates: today is the market day of now on the market clock', () => {
  // 03:00 UTC on 2026-11-29 is 22:00 on the 28th in New York (EST) and 13:00 on the 29th in Brisbane.
  const now = at('2026-11-29T03:00:00Z');

  test.each([
    ['T', NY, '2026-11-28', '2026-11-28'],
    ['t', NEM, '2026-11-29', '2026-11-29'],
    ['T-1', NY, '2026-11-27', '2026-11-27'],
    ['T+1', NY, '2026-11-29', '2026-11-29'],
    ['T-30', NY, '2026-10-29', '2026-10-29'],
    ['-1D', NEM, '2026-11-28', '2026-11-28'],
    ['-1W', NY, '2026-11-21', '2026-11-21'],
    ['-1w', NEM, '2026-11-22', '2026-11-22'],
    ['-1M', NY, '2026-10-28', '2026-10-28'],
    ['+2M', NY, '2027-01-28', '2027-01-28'],
    ['-1Y', NEM, '2025-11-29', '2025-11-29'],
    ['MTD', NY, '2026-11-01', '2026-11-28'],
    ['ytd', NEM, '2026-01-01', '2026-11-29'],
    ['BOM', NY, '2026-11-01', '2026-11-01'],
    ['EOM', NY, '2026-11-30', '2026-11-30'],
    ['2026-07', NY, '2026-07-01', '2026-07-31'],
    ['2024-02', NY, '2024-02-01', '2024-02-29'],
    ['2100-02', NY, '2100-02-01', '2100-02-28'],
    ['Q3-2026', NY, '2026-07-01', '2026-09-30'],
    ['q1-2028', NEM, '2028-01-01', '2028-03-31'],
    ['Q4-2026', NY, '2026-10-01', '2026-12-31'],
    ['CAL-2027', NY, '2027-01-01', '2027-12-31'],
    ['cal-2024', NEM, '2024-01-01', '2024-12-31'],
  ])('%s on %s is %s to %s', (word, clock, first, last) => {
    expect(dateWord(word, clock, now)).toEqual({ first, last });
  });

  test('a month back from a month end is the shorter month’s last day, leap years counted', () => {
    expect(dateWord('-1M', NY, at('2026-03-31T16:00:00Z'))).toEqual({ first: '2026-02-28', last: '2026-02-28' });
    expect(dateWord('-1M', NY, at('2024-03-31T16:00:00Z'))).toEqual({ first: '2024-02-29', last: '2024-02-29' });
    expect(dateWord('-1Y', NY, at('2024-02-29T16:00:00Z'))).toEqual({ first: '2023-02-28', last: '2023-02-28' });
    expect(dateWord('EOM', NY, at('2024-02-10T16:00:00Z'))).toEqual({ first: '2024-02-29', last: '2024-02-29' });
    expect(dateWord('T+1', NY, at('2024-12-31T16:00:00Z'))).toEqual({ first: '2025-01-01', last: '2025-01-01' });
  });

  test('not a word: undefined, so the text is read as a date', () => {
    expect(dateWord('2026-07-01', NY, now)).toBeUndefined();
    expect(dateWord('next tuesday', NY, now)).toBeUndefined();
  });
});

describe('parseRange with relative dates and periods', () => {
  const now = at('2026-07-15T16:00:00Z');

  test('a period as START with no END is the whole period, on the market clock', () => {
    const july = parseRange('2026-07', undefined, NY, NY, now);
    expect(iso(july.from)).toBe('2026-07-01T04:00:00.000Z');
    expect(iso(july.to)).toBe('2026-08-01T04:00:00.000Z');
    expect(july.days).toHaveLength(31);
    const year = parseRange('CAL-2026', undefined, NEM, NEM, now);
    expect(iso(year.from)).toBe('2025-12-31T14:00:00.000Z');
    expect(iso(year.to)).toBe('2026-12-31T14:00:00.000Z');
    expect(year.days).toHaveLength(365);
    const mtd = parseRange('MTD', undefined, NY, NY, now);
    expect([mtd.days[0], mtd.days[mtd.days.length - 1]]).toEqual(['2026-07-01', '2026-07-15']);
  });

  test('a period as END means its last day; words mix with dates and date-times', () => {
    const r = parseRange('Q1-2026', '2026-02', NY, NY, now);
    expect([r.days[0], r.days[r.days.length - 1]]).toEqual(['2026-01-01', '2026-02-28']);
    const week = parseRange('-1W', 'T', NY, NY, now);
    expect([week.days[0], week.days[week.days.length - 1]]).toEqual(['2026-07-08', '2026-07-15']);
    const toNoon = parseRange('T', '2026-07-15T12:00', NY, NY, now);
    expect(iso(toNoon.to)).toBe('2026-07-15T16:00:00.000Z');
  });

  test('T on the day clocks spring forward is 23 hours, on the day they fall back 25', () => {
    // 03:30 UTC on 2026-03-09 is still the 8th in New York (23:30 EDT): T is the 23-hour day.
    const spring = parseRange('T', undefined, NY, NY, at('2026-03-09T03:30:00Z'));
    expect(spring.days).toEqual(['2026-03-08']);
    expect(iso(spring.from)).toBe('2026-03-08T05:00:00.000Z');
    expect((spring.to - spring.from) / H).toBe(23);
    // 04:30 UTC on 2026-11-02 is 23:30 EST on the 1st: T-1 is Oct 31, T the 25-hour day.
    const fall = parseRange('T-1', 'T', NY, NY, at('2026-11-02T04:30:00Z'));
    expect(fall.days).toEqual(['2026-10-31', '2026-11-01']);
    expect((fall.to - fall.from) / H).toBe(24 + 25);
    // MISO's clock is UTC-5 all year: the same instant is already Nov 1 23:30, no 25-hour day.
    const miso = parseRange('T', undefined, 'UTC-5', 'UTC-5', at('2026-11-02T04:30:00Z'));
    expect(miso.days).toEqual(['2026-11-01']);
    expect((miso.to - miso.from) / H).toBe(24);
  });

  test('wrong text is BAD_DATE listing every accepted form', () => {
    const e = refusal(() => parseRange('next tuesday', undefined, NY, NY, now));
    expect(e.code).toBe('BAD_DATE');
    for (const form of ['YYYY-MM-DD', 'T-1', '-1W', 'MTD', 'YTD', 'BOM', 'EOM', '2026-07', 'Q3-2026', 'CAL-2027'])
      expect(e.message).toContain(form);
    expect(refusal(() => parseRange('2026-13', undefined, NY, NY, now))).toMatchObject({
      code: 'BAD_DATE',
      message: '"2026-13" has no month 13; write a month as YYYY-MM, e.g. 2026-07.',
    });
    expect(refusal(() => parseRange('Q5-2026', undefined, NY, NY, now)).code).toBe('BAD_DATE');
    expect(refusal(() => parseRange('CAL-2027', 'CAL-2026', NY, NY, now)).message).toMatch(/is not after the start/);
  });
});
