import { GridError, ParseError } from '../../../domain';
import { columnIndex, eachCsvRow } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import type { ParsedPoint, ParseResult } from '../../../domain';
import { assertNoDuplicateIntervals, hourEndingInterval } from '../../shared/hour-ending';
import { readNumber, pushProducts, refuseHtml } from '../../shared/cells';
import { usDate } from '../../shared/us-dates';
import { aesoMarket } from './market';

const ALBERTA = 'ALBERTA';
const HOUR_MS = 3_600_000;
const API_FIELDS = ['begin_datetime_utc', 'pool_price', 'forecast_pool_price', 'rolling_30day_avg'] as const;

/**
 * Pool price API: `{"return":{"Pool Price Report":[...]}}`, every value a string.
 * `begin_datetime_utc` is the hour beginning in UTC, so no clock arithmetic is needed.
 */
export function parsePoolPriceApi(body: Buffer, source: string): ParseResult {
  const text = decodeText(body);
  refuseHtml(text, source);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new ParseError(source, 'not JSON; expected the AESO pool price API answer');
  }
  const ret = (doc as Record<string, unknown> | null)?.return as Record<string, unknown> | undefined;
  if (!ret || typeof ret !== 'object') throw new ParseError(source, 'missing "return"');
  if (!('Pool Price Report' in ret)) throw new ParseError(source, 'missing "Pool Price Report"');
  const rows = ret['Pool Price Report'];
  if (!Array.isArray(rows)) throw new ParseError(source, '"Pool Price Report" is not a list');
  if (!rows.length) throw new GridError('NOT_PUBLISHED', `${source}: the AESO API returned no hours for that period yet.`);
  const points: ParsedPoint[] = [];
  rows.forEach((row: Record<string, unknown>, i) => {
    const where = `Pool Price Report[${i}]`;
    for (const field of API_FIELDS) if (!(field in row)) throw new ParseError(source, `${where}: missing field "${field}"`);
    const begin = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(String(row.begin_datetime_utc));
    if (!begin) throw new ParseError(source, `${where}: begin_datetime_utc "${String(row.begin_datetime_utc).slice(0, 30)}" is not "YYYY-MM-DD HH:MM"`);
    const start = Date.parse(`${begin[1]}T${begin[2]}:00Z`);
    pushProducts(points, { location: ALBERTA, run: 'RT', start, end: start + HOUR_MS }, {
      LMP: readNumber(row.pool_price, source, `${where}.pool_price`),
      FORECAST: readNumber(row.forecast_pool_price, source, `${where}.forecast_pool_price`),
      ROLLING30: readNumber(row.rolling_30day_avg, source, `${where}.rolling_30day_avg`),
    });
  });
  assertNoDuplicateIntervals(points, source);
  return { points };
}

const CSV_COLUMNS = {
  hour: ['Date (HE)'],
  price: ['Price ($)'],
  rolling: ['30Ravg ($)'],
  ail: ['AIL Demand (MW)'],
};

/**
 * ETS Historical Pool Price CSV: a short preamble, then `"MM/DD/YYYY HH"` hour ending in Mountain
 * prevailing time (`02*` is the repeated hour, no `02` on the spring-forward day). Unsettled hours
 * show `-`. The servlet mixes CRLF and LF line endings, so they are unified first.
 */
export function parseHistoricalPoolPriceCsv(body: Buffer, source: string): ParseResult {
  const text = decodeText(body).replace(/\r\n?/g, '\n');
  refuseHtml(text, source);
  const points: ParsedPoint[] = [];
  let col: Record<keyof typeof CSV_COLUMNS, number> | undefined;
  eachCsvRow(text, (row, line) => {
    if (!col) {
      // The preamble rows ("Pool Price", blanks) have fewer than three cells with text.
      if (row.filter((c) => c !== '').length >= 3) col = columnIndex(row, CSV_COLUMNS, source);
      return;
    }
    if (row.every((c) => c === '')) return;
    const label = /^(\d{2}\/\d{2}\/\d{4}) (\d{2})(\*?)$/.exec(row[col.hour] ?? '');
    if (!label) throw new ParseError(source, `line ${line}: "${(row[col.hour] ?? '').slice(0, 30)}" is not "MM/DD/YYYY HH"`);
    const interval = hourEndingInterval(aesoMarket.clock, usDate(label[1], source), Number(label[2]), label[3] === '*', source);
    pushProducts(points, { location: ALBERTA, run: 'RT', ...interval }, {
      LMP: readNumber(row[col.price], source, `line ${line}`),
      ROLLING30: readNumber(row[col.rolling], source, `line ${line}`),
      AIL: readNumber(row[col.ail], source, `line ${line}`),
    });
  });
  if (!col) throw new ParseError(source, 'missing column "Date (HE)" (no header row found); not an ETS Historical Pool Price CSV');
  assertNoDuplicateIntervals(points, source);
  return { points };
}
