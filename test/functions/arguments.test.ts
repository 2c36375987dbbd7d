import { apiDate, parseDateArg } from '../../functions/dates';
import { ERROR_TEXT } from '../../functions/errors';
import { AGGREGATE_OPTION_KEYS, parseOptions, SERIES_OPTION_KEYS } from '../../functions/options';
import { thrownBy } from '../support/thrown';

// DATE(2025,7,1) = 45839 in Excel.
const JUL_1_2025 = 45839;

describe('date arguments', () => {
  it('a whole serial or a date text is a market day', () => {
    expect(parseDateArg(JUL_1_2025, 'start')).toEqual({ kind: 'day', day: '2025-07-01' });
    expect(parseDateArg('2025-07-01', 'start')).toEqual({ kind: 'day', day: '2025-07-01' });
    expect(parseDateArg(' 2025-7-1 ', 'start')).toEqual({ kind: 'day', day: '2025-07-01' });
  });

  it('a serial with a fraction or a text with a time is a date-time on the chosen clock', () => {
    expect(parseDateArg(JUL_1_2025 + 14 / 24, 'start')).toEqual({ kind: 'time', day: '2025-07-01', wall: '2025-07-01T14:00' });
    expect(parseDateArg('2025-07-01 14:00', 'start')).toEqual({ kind: 'time', day: '2025-07-01', wall: '2025-07-01T14:00' });
    expect(parseDateArg('2025-07-01T00:00', 'start').kind).toBe('time');
    expect(apiDate(parseDateArg('2025-07-01 09:15:30', 'start'))).toBe('2025-07-01T09:15:30');
  });

  it("tolerates Excel's floating-point fractions (DATE()+TIME())", () => {
    expect(parseDateArg(JUL_1_2025 + 0.5 + 1e-10, 'start')).toEqual({ kind: 'time', day: '2025-07-01', wall: '2025-07-01T12:00' });
    expect(parseDateArg(JUL_1_2025 + 1e-10, 'start')).toEqual({ kind: 'day', day: '2025-07-01' });
  });

  it.each([['2025-02-30'], ['2025-07-01 25:00'], ['July 1'], [true], [0], [-5]])(
    '%p is a #VALUE! error that says how to write a date',
    (value) => {
      const error = thrownBy(() => parseDateArg(value, 'start'));
      expect(error.code).toBe(ERROR_TEXT.invalidValue);
      expect(error.message).toMatch(/^start .* is not a date\. Use a date cell, DATE\(2025,7,1\)/);
    },
  );
});

describe('options', () => {
  it('defaults: no headers, start and value columns, the market clock', () => {
    expect(parseOptions(null, SERIES_OPTION_KEYS)).toEqual({ headers: false, columns: ['start', 'value'] });
    expect(parseOptions('', SERIES_OPTION_KEYS)).toEqual({ headers: false, columns: ['start', 'value'] });
  });

  it('reads every key, case-insensitively, into canonical values', () => {
    expect(
      parseOptions('TZ=utc; Currency=eur; interval=DAY; headers=1; columns=Start,End,value,UTC; fill=None; unit=kwh', SERIES_OPTION_KEYS),
    ).toEqual({
      tz: 'UTC',
      currency: 'EUR',
      interval: 'day',
      headers: true,
      columns: ['start', 'end', 'value', 'utc'],
      fill: 'none',
      unit: 'kWh',
    });
    expect(parseOptions('tz=europe/berlin', SERIES_OPTION_KEYS).tz).toBe('Europe/Berlin');
    expect(parseOptions('tz=utc-5', SERIES_OPTION_KEYS).tz).toBe('UTC-5');
    expect(parseOptions('tz=market; headers=no;', SERIES_OPTION_KEYS)).toEqual({ headers: false, columns: ['start', 'value'] });
  });

  it.each([
    ['colour=red', /Unknown option "colour"\. Valid options here: tz, currency, interval, headers, columns, fill, unit, asof\./],
    ['interval=fortnight', /interval=fortnight is not valid\. Use one of: 5min, 15min, 30min, hour, day, week, month, quarter, year\./],
    ['fill=zero', /Use one of: none, prev, linear\./],
    ['unit=GWh', /Use one of: MWh, kWh\./],
    ['tz=Mars/Olympus', /tz=Mars\/Olympus is not a time zone\. Use market, UTC/],
    ['currency=euro', /currency "euro" is not a currency code/],
    ['columns=start,start', /names a column twice/],
    ['headers', /Option "headers" needs a value, like headers=1\./],
    ['tz=UTC; tz=market', /Option "tz" is given twice\./],
  ])('%s is a #VALUE! error listing what is valid', (text, message) => {
    const error = thrownBy(() => parseOptions(text, SERIES_OPTION_KEYS));
    expect(error.code).toBe(ERROR_TEXT.invalidValue);
    expect(error.message).toMatch(message);
  });

  it('GRID.AVG takes only the options that change an average', () => {
    expect(thrownBy(() => parseOptions('headers=1', AGGREGATE_OPTION_KEYS)).message).toMatch(
      /Valid options here: tz, currency, unit, stat, product, asof\./,
    );
  });
});
