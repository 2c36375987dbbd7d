import { apiDate, parseDateArg } from '../../functions/dates';
import { ERROR_TEXT } from '../../functions/errors';
import { AGGREGATE_OPTION_KEYS, parseOptions, SERIES_OPTION_KEYS, STRIP_OPTION_KEYS } from '../../functions/options';
import { thrownBy } from '../support/thrown';

describe('date arguments in the workbook’s US form', () => {
  it.each([
    ['7/1/2025', '2025-07-01'],
    ['07/01/2025', '2025-07-01'],
    [' 12/31/2024 ', '2024-12-31'],
    ['2/29/2024', '2024-02-29'],
  ])('%p is a market day (month first)', (text, day) => {
    expect(parseDateArg(text, 'start')).toEqual({ kind: 'day', day });
  });

  it('with a time it is a date-time', () => {
    expect(parseDateArg('7/1/2025 14:00', 'start')).toEqual({ kind: 'time', day: '2025-07-01', wall: '2025-07-01T14:00' });
    expect(apiDate(parseDateArg('11/2/2025 01:30:15', 'end'))).toBe('2025-11-02T01:30:15');
  });

  it.each([['2/29/2025'], ['13/1/2025'], ['1/32/2025'], ['7/1/25'], ['7/1/2025 24:00'], ['1.7.2025']])(
    '%p is #VALUE! saying how to write a date',
    (text) => {
      const error = thrownBy(() => parseDateArg(text, 'start'));
      expect(error.code).toBe(ERROR_TEXT.invalidValue);
      expect(error.message).toBe(
        `start "${text}" is not a date. Use a date cell, DATE(2025,7,1), "2025-07-01", "7/1/2025", "2025-07-01 14:00", or one of "T", "T-1", "T+1", "-1D", "-1W", "-1M", "MTD", "YTD", "BOM", "EOM", "2026-07", "Q3-2026", "CAL-2027".`,
      );
    },
  );
});

describe('relative dates and periods pass through to the API as they are', () => {
  it.each([['T'], ['t-1'], ['T+1'], ['-1D'], ['-1w'], ['-1M'], ['mtd'], ['YTD'], ['BOM'], ['EOM'], ['2026-07'], ['q3-2026'], ['CAL-2027']])(
    '%p',
    (word) => {
      const arg = parseDateArg(` ${word} `, 'start');
      expect(arg).toEqual({ kind: 'word', day: word });
      expect(apiDate(arg)).toBe(word);
    },
  );
});

describe('options of GRID.AVG and GRID.STRIP', () => {
  it('stat= takes every statistic, in any case', () => {
    for (const stat of ['mean', 'MIN', 'max', 'sum', 'count', 'First', 'last'])
      expect(parseOptions(`stat=${stat}`, AGGREGATE_OPTION_KEYS).stat).toBe(stat.toLowerCase());
    expect(thrownBy(() => parseOptions('stat=median', AGGREGATE_OPTION_KEYS))).toMatchObject({
      code: '#VALUE!',
      message: 'stat=median is not valid. Use one of: mean, min, max, sum, count, first, last.',
    });
  });

  it('by= is a strip option only; interval= takes week, quarter and year', () => {
    expect(parseOptions('by=Quarter; stat=max', STRIP_OPTION_KEYS)).toMatchObject({ by: 'quarter', stat: 'max' });
    expect(thrownBy(() => parseOptions('by=quarter', SERIES_OPTION_KEYS)).message).toBe(
      'Unknown option "by". Valid options here: tz, currency, interval, headers, columns, fill, unit, asof.',
    );
    for (const interval of ['week', 'quarter', 'year'])
      expect(parseOptions(`interval=${interval}`, SERIES_OPTION_KEYS).interval).toBe(interval);
  });
});
