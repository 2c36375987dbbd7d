import { blockFilter, blocksOf } from '../../backend/time/blocks';
import { nercHolidays, isNercHoliday } from '../../backend/time/holidays';

describe('NERC holidays', () => {
  test.each([
    [2022, ['2022-01-01', '2022-05-30', '2022-07-04', '2022-09-05', '2022-11-24', '2022-12-26']],
    [2023, ['2023-01-02', '2023-05-29', '2023-07-04', '2023-09-04', '2023-11-23', '2023-12-25']],
    [2025, ['2025-01-01', '2025-05-26', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25']],
    [2027, ['2027-01-01', '2027-05-31', '2027-07-05', '2027-09-06', '2027-11-25', '2027-12-25']],
  ])('%i', (year, days) => {
    expect([...nercHolidays(year)].sort()).toEqual(days);
  });

  test('a Saturday holiday is not moved; a Sunday one moves to Monday', () => {
    expect(isNercHoliday('2021-12-25')).toBe(true); // Saturday
    expect(isNercHoliday('2021-12-24')).toBe(false);
    expect(isNercHoliday('2020-07-04')).toBe(true); // Saturday
    expect(isNercHoliday('2020-07-03')).toBe(false);
    expect(isNercHoliday('2021-07-05')).toBe(true); // July 4th 2021 was a Sunday
  });
});

describe('peak blocks', () => {
  const at = (s: string) => Date.parse(s);
  test('PJM on-peak is HE 08-23 EPT on weekdays that are not NERC holidays', () => {
    const on = blockFilter('PJM', 'ONPEAK');
    expect(on(at('2025-07-01T11:00:00Z'))).toBe(true); // Tue 07:00 EDT (HE 08)
    expect(on(at('2025-07-01T10:00:00Z'))).toBe(false); // 06:00 EDT
    expect(on(at('2025-07-02T02:00:00Z'))).toBe(true); // Tue 22:00 EDT (HE 23)
    expect(on(at('2025-07-02T03:00:00Z'))).toBe(false); // 23:00 EDT
    expect(on(at('2025-07-04T15:00:00Z'))).toBe(false); // Independence Day
    expect(on(at('2025-07-05T15:00:00Z'))).toBe(false); // Saturday
    expect(blockFilter('PJM', '2X16')(at('2025-07-04T15:00:00Z'))).toBe(true);
    expect(blockFilter('PJM', '7X8')(at('2025-07-01T05:00:00Z'))).toBe(true);
  });

  test('ERCOT on-peak is HE 07-22 CPT', () => {
    const on = blockFilter('ERCOT', 'ONPEAK');
    expect(on(at('2025-07-01T11:00:00Z'))).toBe(true); // 06:00 CDT = HE 07
    expect(on(at('2025-07-02T03:00:00Z'))).toBe(false); // 22:00 CDT = HE 23
  });

  test('CAISO peak includes Saturdays (6x16)', () => {
    expect(blockFilter('CAISO', 'ONPEAK')(at('2025-07-05T15:00:00Z'))).toBe(true);
    expect(blockFilter('CAISO', '5X16')(at('2025-07-05T15:00:00Z'))).toBe(false);
  });

  test('EPEX peak is 08-20 Brussels time Monday to Friday', () => {
    const peak = blockFilter('EPEX', 'PEAK');
    expect(peak(at('2025-01-06T07:00:00Z'))).toBe(true); // Mon 08:00 CET
    expect(peak(at('2025-01-06T19:00:00Z'))).toBe(false); // 20:00 CET
    expect(peak(at('2025-01-04T10:00:00Z'))).toBe(false); // Saturday
  });

  test('a block a market does not define is a clear error', () => {
    expect(() => blockFilter('EPEX', '5X16')).toThrow(/EPEX does not define block "5X16". Blocks for EPEX: BASE, PEAK, OFFPEAK, ATC/);
    expect(() => blockFilter('PJM', 'BASE')).toThrow(/Blocks for PJM/);
    expect(blocksOf('GAS')).toEqual(['ATC']);
  });
});
