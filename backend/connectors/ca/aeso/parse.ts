import { GridError, type ParsedPoint, ParseError } from '../../../domain';
import { eachCsvRecord, type CsvRow } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import type { Parser } from '../../types';
import { readDateTime, usDate, utcOf } from '../../shared/dates';
import { hourEndingInterval, readHourEnding } from '../../shared/hour-ending';
import { readJsonObject, requiredArray, requiredField, requiredObject } from '../../shared/json';
import { refuseHtml } from '../../shared/markup';
import { readNumber } from '../../shared/numbers';
import { pushProducts, RowGuard } from '../../shared/points';
import { aesoMarket } from './market';

const ALBERTA = 'ALBERTA';
const HOUR_MS = 3_600_000;

/**
 * Pool price API: `{"return":{"Pool Price Report":[...]}}`, every value a string.
 * `begin_datetime_utc` is the hour beginning in UTC, so no clock arithmetic is needed.
 */
export const parsePoolPriceApi: Parser = (body, { source }) => {
  const ret = requiredObject(
    requiredField(readJsonObject(body, source, 'the AESO pool price API answer'), 'return', source),
    source,
    '"return"',
  );
  const rows = requiredArray(ret, 'Pool Price Report', source);
  if (!rows.length) throw new GridError('NOT_PUBLISHED', `${source}: the AESO API returned no hours for that period yet.`);
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source, { where: (i) => `Pool Price Report[${i}]` });
  rows.forEach((entry, i) => {
    const where = `Pool Price Report[${i}]`;
    const row = requiredObject(entry, source, where);
    const field = (name: string) => requiredField(row, name, source, where);
    const start = utcOf(readDateTime(String(field('begin_datetime_utc')), source, `${where}.begin_datetime_utc`));
    guard.check(ALBERTA, start, i);
    pushProducts(
      points,
      { location: ALBERTA, run: 'RT', start, end: start + HOUR_MS },
      {
        LMP: readNumber(field('pool_price'), source, `${where}.pool_price`),
        FORECAST: readNumber(field('forecast_pool_price'), source, `${where}.forecast_pool_price`),
        ROLLING30: readNumber(field('rolling_30day_avg'), source, `${where}.rolling_30day_avg`),
      },
    );
  });
  return { points };
};

const CSV_COLUMNS = {
  hour: ['Date (HE)'],
  price: ['Price ($)'],
  rolling: ['30Ravg ($)'],
  ail: ['AIL Demand (MW)'],
};

/** The preamble rows ("Pool Price", blanks) have fewer than three cells with text. */
const isHeader = (row: CsvRow) => row.filter((c) => c !== '').length >= 3;

/** How the servlet ends every report: the last row, then an empty line (both with CRLF). */
const REPORT_END = /\r?\n\r?\n$/;

/**
 * ETS Historical Pool Price CSV: a short preamble, then `"MM/DD/YYYY HH"` hour ending in Mountain
 * prevailing time (`02*` is the repeated hour, no `02` on the spring-forward day). Unsettled hours
 * show `-`. The servlet ends the preamble and header with CRLF, the rows with LF, and the report
 * with an empty line: a file without it lost its end, even when it was cut at a line break.
 */
export const parseHistoricalPoolPriceCsv: Parser = (body, { source }) => {
  const text = decodeText(body);
  refuseHtml(text, source, 'an ETS Historical Pool Price CSV');
  if (text.trim() !== '' && !REPORT_END.test(text))
    throw new ParseError(
      source,
      'the report does not end with the empty line the ETS servlet writes after its last hour, so it was cut short; download it again',
    );
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source);
  const layout = { columns: CSV_COLUMNS, isHeader, expected: 'an ETS Historical Pool Price CSV' };
  eachCsvRecord(text, source, layout, (row, col, line) => {
    const where = `line ${line}`;
    const [date, hour = ''] = (row[col.hour] ?? '').split(' ');
    const { hourEnding, repeated } = readHourEnding(hour, source, where);
    const interval = hourEndingInterval(aesoMarket.clock, usDate(date, source, where), hourEnding, repeated, source, where);
    guard.check(ALBERTA, interval.start, line);
    pushProducts(
      points,
      { location: ALBERTA, run: 'RT', ...interval },
      {
        LMP: readNumber(row[col.price], source, where),
        ROLLING30: readNumber(row[col.rolling], source, where),
        AIL: readNumber(row[col.ail], source, where),
      },
    );
  });
  return { points };
};
