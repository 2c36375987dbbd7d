import { LOAD_PRODUCT } from '../../../../contract';
import { GridError, type ParsedPoint, ParseError } from '../../../domain';
import { eachCsvRecord, eachCsvRow, type CsvRow } from '../../../formats/csv';
import { isCalendarDate, wallTime } from '../../../time/clock';
import { decodeText } from '../../../formats/text';
import type { Parser } from '../../types';
import { readDateTime, usDate, utcOf } from '../../shared/dates';
import { hourEndingInterval, readHourEnding } from '../../shared/hour-ending';
import { readJsonObject, requiredArray, requiredField, requiredObject } from '../../shared/json';
import { refuseHtml } from '../../shared/markup';
import { readNumber } from '../../shared/numbers';
import { FuelTally } from '../../shared/fundamentals';
import { pushProducts, RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { aesoMarket } from './market';

const ALBERTA = 'ALBERTA';
const HOUR_MS = 3_600_000;

/**
 * The rows of an AESO API answer, `{"return":{"<report>":[...]}}`: `what` names the answer when it is
 * not JSON; no rows is not published (yet).
 */
function apiRows(body: Buffer, source: string, what: string, report: string): unknown[] {
  const ret = requiredObject(requiredField(readJsonObject(body, source, what), 'return', source), source, '"return"');
  const rows = requiredArray(ret, report, source);
  if (!rows.length) throw new GridError('NOT_PUBLISHED', `${source}: the AESO API returned no hours for that period yet.`);
  return rows;
}

/**
 * Pool price API: `{"return":{"Pool Price Report":[...]}}`, every value a string.
 * `begin_datetime_utc` is the hour beginning in UTC, so no clock arithmetic is needed.
 */
export const parsePoolPriceApi: Parser = (body, { source }) => {
  const rows = apiRows(body, source, 'the AESO pool price API answer', 'Pool Price Report');
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

/**
 * Actual/forecast API (`actualforecast-api/v1/load/albertaInternalLoad`): `{"return":{"Actual
 * Forecast Report":[{begin_datetime_utc, begin_datetime_mpt, alberta_internal_load,
 * forecast_alberta_internal_load}]}}`, hour beginning in UTC. The actual AIL is LOAD ACTUAL (absent
 * for hours still to come), the forecast LOAD FORECAST. The answer carries no issue time, so the
 * forecast is stored only as the latest (`FORECAST`), with no vintage.
 */
export const parseActualForecastApi: Parser = (body, { source }) => {
  const rows = apiRows(body, source, 'the AESO actual/forecast API answer', 'Actual Forecast Report');
  const points: ParsedPoint[] = [];
  const guard = new RowGuard(source, { where: (i) => `Actual Forecast Report[${i}]` });
  rows.forEach((entry, i) => {
    const where = `Actual Forecast Report[${i}]`;
    const row = requiredObject(entry, source, where);
    const field = (name: string) => requiredField(row, name, source, where);
    const start = utcOf(readDateTime(String(field('begin_datetime_utc')), source, `${where}.begin_datetime_utc`));
    guard.check(ALBERTA, start, i);
    const base = { location: ALBERTA, product: LOAD_PRODUCT, start, end: start + HOUR_MS };
    const actual = readNumber(field('alberta_internal_load'), source, `${where}.alberta_internal_load`);
    const forecast = readNumber(field('forecast_alberta_internal_load'), source, `${where}.forecast_alberta_internal_load`);
    if (actual !== undefined) points.push({ ...base, run: 'ACTUAL', value: actual });
    if (forecast !== undefined) points.push({ ...base, run: 'FORECAST', value: forecast });
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
 * show `-`. The AIL column is stored twice: as AIL (run RT, as before) and as LOAD ACTUAL. The servlet ends the preamble and header with CRLF, the rows with LF, and the report
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
    // Read in the order of the products below, so the first bad cell is the one named.
    const price = readNumber(row[col.price], source, where);
    const rolling = readNumber(row[col.rolling], source, where);
    const ail = readNumber(row[col.ail], source, where);
    pushProducts(points, { location: ALBERTA, run: 'RT', ...interval }, { LMP: price, ROLLING30: rolling, AIL: ail });
    // AIL is Alberta's load: also LOAD ACTUAL, the vocabulary's name for it (AIL stays under run RT).
    if (ail !== undefined) points.push({ location: ALBERTA, run: 'ACTUAL', product: LOAD_PRODUCT, ...interval, value: ail });
  });
  return { points };
};

const CSD_TITLE = 'Current Supply Demand Report';
const CSD_AIL = 'Alberta Internal Load (AIL)';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE_MS = 60_000;

/** `Last Update : Sep 22, 2023 12:10`, Mountain prevailing time, as UTC ms (the first pass of a repeated fall-back hour: the report does not say which). */
function csdUpdate(text: string, source: string, where: string): number {
  const m = /^Last Update : ([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) (\d{1,2}):(\d{2})$/.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[1]) + 1 : 0;
  if (!m || month === 0 || !isCalendarDate(+m[3], month, +m[2]) || +m[4] > 23 || +m[5] > 59)
    throw new ParseError(source, `${where}: "${text.slice(0, 50)}" is not "Last Update : Mon D, YYYY HH:MM"`);
  return wallTime(aesoMarket.clock, +m[3], month, +m[2], +m[4], +m[5]);
}

/**
 * ETS Current Supply Demand report as CSV (`CSDReportServlet?contentType=csv`): a snapshot of the
 * minute stamped `Last Update`, in blocks separated by blank lines: the title; the update time; a
 * summary of `"name","MW"` rows (Alberta Internal Load among them); the generation by fuel type as
 * `"FUEL","MC","TNG","DCR"` rows closed by a `"TOTAL"` row (maximum capability, total net generation,
 * dispatched contingency reserve); then interchange and per-asset blocks, which are not read.
 * LOAD (the AIL) and GEN_<FUEL> (TNG) are stored as ACTUAL at ALBERTA for the one minute from the
 * update time. The fuel rows must add up to the TOTAL row (within a MW per row of rounding).
 */
export const parseCurrentSupplyDemand: Parser = (body, { source }) => {
  const text = decodeText(body);
  refuseHtml(text, source, 'an ETS Current Supply Demand CSV');
  const blocks: { row: CsvRow; line: number }[][] = [[]];
  eachCsvRow(text, source, (row, line) => {
    if (row.every((c) => c.trim() === '')) {
      if (blocks[blocks.length - 1].length) blocks.push([]);
    } else blocks[blocks.length - 1].push({ row, line });
  });
  if ((blocks[0][0]?.row[0] ?? '').trim() !== CSD_TITLE)
    throw new ParseError(source, `line 1 is not "${CSD_TITLE}"; not an ETS Current Supply Demand report`);
  const updateRow = blocks.flat().find(({ row }) => /^Last Update/.test(row[0] ?? ''));
  if (!updateRow) throw new ParseError(source, 'no "Last Update" line: the report has no time');
  const start = csdUpdate(updateRow.row[0], source, `line ${updateRow.line}`);
  const interval = { start, end: start + MINUTE_MS };

  const summaryAt = blocks.findIndex((b) => b.some(({ row }) => row[0] === CSD_AIL));
  if (summaryAt < 0) throw new ParseError(source, `no "${CSD_AIL}" row`);
  const ailRow = blocks[summaryAt].find(({ row }) => row[0] === CSD_AIL)!;
  const points: ParsedPoint[] = [];
  const ail = readNumber(ailRow.row[1], source, `line ${ailRow.line}, ${CSD_AIL}`);
  if (ail !== undefined) points.push({ location: ALBERTA, run: 'ACTUAL', product: LOAD_PRODUCT, ...interval, value: ail });

  // The generation block: the first block after the summary of four-cell rows closed by TOTAL.
  const generation = blocks
    .slice(summaryAt + 1)
    .find((b) => b.length > 1 && b.every(({ row }) => row.length === 4) && b[b.length - 1].row[0] === 'TOTAL');
  if (!generation) throw new ParseError(source, 'no generation block ("FUEL","MC","TNG","DCR" rows closed by "TOTAL") after the summary');
  const tally = new FuelTally(source);
  const guard = new RowGuard(source);
  let sum = 0;
  const fuels = generation.slice(0, -1);
  for (const { row, line } of fuels) {
    const fuel = requiredText(row[0], source, `line ${line}, fuel type`);
    guard.check(fuel, start, line);
    const tng = readNumber(row[2], source, `line ${line}, ${fuel} TNG`);
    if (tng === undefined) continue;
    sum += tng;
    tally.add(ALBERTA, 'ACTUAL', fuel, interval.start, interval.end, tng);
  }
  const totalRow = generation[generation.length - 1];
  const total = readNumber(totalRow.row[2], source, `line ${totalRow.line}, TOTAL TNG`);
  if (total !== undefined && Math.abs(total - sum) > fuels.length)
    throw new ParseError(
      source,
      `line ${totalRow.line}: the fuel types add up to ${sum} MW but the TOTAL row says ${total} MW; a row is missing or its columns moved`,
    );
  points.push(...tally.points());
  return { points };
};
