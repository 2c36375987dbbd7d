import { GridError, ParseError } from '../../backend/domain';
import type { HttpRequest } from '../../backend/http/types';
import { compactDay, readDateTime, readDay, readInstant, readUsDateTime, usDate, utcOf } from '../../backend/connectors/shared/dates';
import { firstLine, headerCells, namesAll } from '../../backend/connectors/shared/headers';
import { hourEndingInterval, readHourEnding, wallInstant } from '../../backend/connectors/shared/hour-ending';
import { readJson, requiredField } from '../../backend/connectors/shared/json';
import { ifPublished } from '../../backend/connectors/shared/not-published';
import { readNumber, readWholeNumber } from '../../backend/connectors/shared/numbers';
import { fetchPages } from '../../backend/connectors/shared/paging';
import { energyOf, RowGuard } from '../../backend/connectors/shared/points';
import { optionalText, requiredText } from '../../backend/connectors/shared/text';

// The readers every connector uses (backend/connectors/shared), on the cell forms the sources write.

describe('numbers', () => {
  test('a dollar sign and thousands separators are dropped, as a MISO preliminary file writes "$1,012.50"', () => {
    expect(readNumber('$1,012.50', 'f.csv', 'line 6')).toBe(1012.5);
    expect(readNumber('-$1,234', 'f.csv', 'line 6')).toBe(-1234);
    expect(readNumber('-.37', 'f.csv', 'line 6')).toBe(-0.37);
  });

  test('a comma that is not a thousands separator is an error, never a different number', () => {
    expect(() => readNumber('1,23', 'f.json', 'price')).toThrow(/f.json: price: "1,23" is not a number/);
    expect(() => readNumber('$', 'f.csv', 'line 2')).toThrow(ParseError);
  });

  test('hexadecimal, binary and octal forms are not prices, with or without a dollar sign', () => {
    for (const text of ['0x1F', '0b101', '0o17', '-0X1F', '$0x1F'])
      expect(() => readNumber(text, 'f.csv', 'LMP', 9)).toThrow(`f.csv: line 9, LMP: "${text}" is not a number`);
    expect(readNumber('0.5', 'f.csv', 'LMP', 9)).toBe(0.5);
    expect(readNumber('1e3', 'f.csv', 'LMP', 9)).toBe(1000);
  });

  test('a row reader names the line and the column only when it writes an error', () => {
    expect(() => readNumber('n/a', 'f.csv', 'MCC', 12)).toThrow('f.csv: line 12, MCC: "n/a" is not a number');
    expect(() => requiredText(' ', 'f.csv', 'NODE', 12)).toThrow('f.csv: line 12, NODE is missing or empty');
  });

  test('whole numbers: an hour or an interval must be there and be whole', () => {
    expect(readWholeNumber(' 7 ', 'f.csv', 'line 3 hour')).toBe(7);
    expect(() => readWholeNumber('7.5', 'f.csv', 'line 3 hour')).toThrow(/line 3 hour: "7.5" is not a whole number/);
    expect(() => readWholeNumber('', 'f.csv', 'line 3 hour')).toThrow(/is not a whole number/);
  });
});

describe('text', () => {
  test('empty is missing; a required cell names where it was empty', () => {
    expect(optionalText('  HB_NORTH ')).toBe('HB_NORTH');
    expect(optionalText('  ')).toBeUndefined();
    expect(optionalText(null)).toBeUndefined();
    expect(() => requiredText('', 'f.csv', 'line 4, pnode_name')).toThrow(/f.csv: line 4, pnode_name is missing or empty/);
  });
});

describe('dates', () => {
  test('a day must be on the calendar', () => {
    expect(readDay('2024-02-29', 'f', 'line 2')).toBe('2024-02-29');
    expect(() => readDay('2025-02-29', 'f', 'line 2')).toThrow(/line 2: "2025-02-29" is not a date/);
    expect(compactDay('2025-11-02')).toBe('20251102');
  });

  test('US dates, padded or not', () => {
    expect(usDate('11/02/2025', 'f', 'line 3')).toBe('2025-11-02');
    expect(usDate('9/26/2026', 'f', 'line 3')).toBe('2026-09-26');
    expect(() => usDate('13/02/2025', 'f', 'line 3')).toThrow(/line 3: "13\/02\/2025" is not a MM\/DD\/YYYY date/);
  });

  test('US time stamps, 24-hour (SPP, NYISO, ERCOT) or 12-hour (Data Miner)', () => {
    expect(readUsDateTime('11/02/2025 01:05:00', 'f', 'line 2')).toEqual({ year: 2025, month: 11, day: 2, hour: 1, minute: 5, second: 0 });
    expect(utcOf(readUsDateTime('7/1/2025 4:00:00 PM', 'f', 'line 2'))).toBe(Date.parse('2025-07-01T16:00:00Z'));
    expect(utcOf(readUsDateTime('7/1/2025 12:00:00 AM', 'f', 'line 2'))).toBe(Date.parse('2025-07-01T00:00:00Z'));
    expect(() => readUsDateTime('7/1/2025 13:00:00 PM', 'f', 'line 2')).toThrow(/is not a time stamp/);
    expect(() => readUsDateTime('2025-07-01 04:00', 'f', 'line 2')).toThrow(/line 2: "2025-07-01 04:00" is not a time stamp/);
  });

  test('date-times without an offset, and instants with one', () => {
    expect(readDateTime('2023/08/30 18:00:00', 'f', 'row 1')).toMatchObject({ year: 2023, month: 8, day: 30, hour: 18 });
    expect(utcOf(readDateTime('2025-07-01T04:00:00', 'f', 'item 1'))).toBe(Date.parse('2025-07-01T04:00:00Z'));
    expect(readInstant('2023-01-01T08:00:00-00:00', 'f', 'line 2')).toBe(Date.parse('2023-01-01T08:00:00Z'));
    expect(readInstant('2025-11-02T01:00:00.000-05:00', 'f', 'line 2')).toBe(Date.parse('2025-11-02T06:00:00Z'));
    expect(() => readInstant('2024-02-30T00:00Z', 'f', 'line 2')).toThrow(/is not a date-time with a UTC offset/);
    expect(() => readInstant('2024-02-01T00:00', 'f', 'line 2')).toThrow(/is not a date-time with a UTC offset/);
  });

  test('years 0000 to 0099 are those years, not 1900 to 1999 (the Date.UTC quirk)', () => {
    // The platform's ISO parser (Date.parse of a full ISO text) is the oracle: it reads four-digit years as written.
    expect(utcOf(readDateTime('0025-07-01 04:00', 'f', 'row 1'))).toBe(Date.parse('0025-07-01T04:00:00Z'));
    expect(utcOf(readUsDateTime('12/31/0099 23:59:59', 'f', 'line 2'))).toBe(Date.parse('0099-12-31T23:59:59Z'));
    expect(utcOf(readDateTime('0000-02-29T00:00', 'f', 'row 1'))).toBe(Date.parse('0000-02-29T00:00:00Z'));
    expect(utcOf(readDateTime('0100-01-01 00:00', 'f', 'row 1'))).toBe(Date.parse('0100-01-01T00:00:00Z'));
  });
});

describe('hour ending', () => {
  test('labels: ISO-NE 02X and AESO 02* are the repeated hour, ERCOT writes 24:00', () => {
    expect(readHourEnding('02X', 'f', 'line 9')).toEqual({ hourEnding: 2, repeated: true });
    expect(readHourEnding('02*', 'f', 'line 9')).toEqual({ hourEnding: 2, repeated: true });
    expect(readHourEnding('24:00', 'f', 'line 9')).toEqual({ hourEnding: 24, repeated: false });
    expect(() => readHourEnding('HE1', 'f', 'line 9')).toThrow(/line 9: "HE1" is not an hour ending/);
  });

  test('the repeated hour is the second pass of the fall-back hour, and only there', () => {
    const second = hourEndingInterval('America/New_York', '2025-11-02', 2, true, 'f', 'line 4');
    expect(second).toEqual({ start: Date.parse('2025-11-02T06:00:00Z'), end: Date.parse('2025-11-02T07:00:00Z') });
    expect(() => hourEndingInterval('America/New_York', '2025-11-03', 2, true, 'f', 'line 4')).toThrow(
      /line 4: 2025-11-03 01:00 is marked as the repeated hour/,
    );
  });

  test('AESO labels the hour after the spring-forward gap 03: the hour ending at 03:00 wall time', () => {
    // 2022-03-13 in Edmonton: 02:00 MST jumps to 03:00 MDT; 09:00Z is 03:00 MDT.
    expect(hourEndingInterval('America/Edmonton', '2022-03-13', 3, false, 'f', 'line 5')).toEqual({
      start: Date.parse('2022-03-13T08:00:00Z'),
      end: Date.parse('2022-03-13T09:00:00Z'),
    });
    expect(wallInstant('America/Edmonton', '2022-03-13', { hour: 2, minute: 0 }, false, 'f', 'line 5')).toBeUndefined();
  });
});

describe('headers', () => {
  test('the first line without a byte-order mark (FileSample.head is latin1)', () => {
    expect(firstLine('\xEF\xBB\xBFdatetime_beginning_utc,pnode_name\r\n1,2')).toBe('datetime_beginning_utc,pnode_name');
    expect(headerCells('"Interval", "GMTIntervalEnd" ,LMP\n...')).toEqual(['Interval', 'GMTIntervalEnd', 'LMP']);
  });

  test('namesAll: every name among the cells, trimmed and in any case; none missing', () => {
    const cells = ['Time Stamp', ' Time Zone', 'NAME', 'PTID'];
    expect(namesAll(cells, ['time stamp', 'Time Zone', 'Name'])).toBe(true);
    expect(namesAll(cells, ['Time Stamp', 'Gen MW'])).toBe(false);
    expect(namesAll(undefined, ['Time Stamp'])).toBe(false);
  });
});

describe('json', () => {
  test('an HTML page where JSON was expected is named as such', () => {
    expect(() => readJson(Buffer.from('<!DOCTYPE html><html></html>'), 'p', 'the EIA answer')).toThrow(
      /p: expected the EIA answer as JSON, got an HTML page/,
    );
    expect(() => readJson(Buffer.from('{"cut": '), 'p', 'the EIA answer')).toThrow(/got "\{\\"cut\\": "/);
  });

  test('a missing field is named with the fields that were there', () => {
    expect(() => requiredField({ a: 1, b: null }, 'c', 'p', 'row 3')).toThrow(/p: row 3: missing field "c" \(fields were: a, b\)/);
    expect(requiredField({ a: 1, b: null }, 'b', 'p')).toBeNull();
  });
});

describe('points', () => {
  test('energy is what remains of the price, without float noise; a missing part leaves it missing', () => {
    expect(energyOf(23.45, 0.1, 0.2)).toBe(23.15);
    expect(energyOf(23.45, undefined, 0.2)).toBeUndefined();
  });

  test('RowGuard refuses a second row for a location and start, past the rows it scans too, to the second and to the minute', () => {
    const T = Date.parse('2025-07-01T00:00:00Z');
    const guard = new RowGuard('f.csv', { product: 'LMP' });
    // 40 five-minute starts and 40 half-minute-later ones: more than it scans before keeping an index.
    for (let i = 0; i < 40; i++) guard.check('N1', T + i * 300_000, 2 + i);
    for (let i = 0; i < 40; i++) guard.check('N1', T + i * 300_000 + 30_000, 42 + i);
    guard.check('N2', T, 82); // another location, the same start
    expect(() => guard.check('N1', T + 39 * 300_000, 83)).toThrow('line 41 and line 83 both give N1 LMP at 2025-07-01T03:15:00.000Z');
    expect(() => guard.check('N1', T + 30_000, 84)).toThrow('line 42 and line 84 both give N1 LMP at 2025-07-01T00:00:30.000Z');
  });
});

describe('paging and publication', () => {
  const request = (page: number): HttpRequest => ({ url: `https://example.test/?page=${page}` });
  const pageOf = (r: HttpRequest) => Number(new URL(r.url).searchParams.get('page'));

  test('follows next pages until there is none', async () => {
    const asked: number[] = [];
    const bodies = await fetchPages(
      request(1),
      (_body, previous) => (pageOf(previous) < 3 ? request(pageOf(previous) + 1) : undefined),
      async (r) => {
        asked.push(pageOf(r));
        return { url: r.url, status: 200, headers: {}, body: Buffer.from(String(pageOf(r))) };
      },
      'test for 2025',
    );
    expect(asked).toEqual([1, 2, 3]);
    expect(bodies.map(String)).toEqual(['1', '2', '3']);
  });

  test('an answer that never stops paging is refused', async () => {
    const endless = fetchPages(
      request(1),
      (_body, previous) => request(pageOf(previous) + 1),
      async (r) => ({ url: r.url, status: 200, headers: {}, body: Buffer.from('') }),
      'pjm.da_hrl_lmps for 2025',
    );
    await expect(endless).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringContaining('pjm.da_hrl_lmps for 2025: more than 1000 pages'),
    });
  });

  test('"not published" gives undefined; any other failure goes on', async () => {
    await expect(ifPublished(Promise.reject(new GridError('NOT_PUBLISHED', 'not yet')))).resolves.toBeUndefined();
    await expect(ifPublished(Promise.reject(new GridError('UPSTREAM', 'down')))).rejects.toThrow('down');
    await expect(ifPublished(Promise.resolve(5))).resolves.toBe(5);
  });
});
