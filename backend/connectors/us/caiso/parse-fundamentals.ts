import { type AncillaryService, LOAD_PRODUCT } from '../../../../contract';
import { FORECAST_RUN, type LocationInfo, type ParsedPoint, ParseError } from '../../../domain';
import { type CsvRow, eachCsvRecord, headerWidth } from '../../../formats/csv';
import { decodeText } from '../../../formats/text';
import { isCalendarDate, wallTimeInstants } from '../../../time/clock';
import type { FileSample, ParseContext, Parser, SinkReader } from '../../types';
import { readInstant } from '../../shared/dates';
import { FuelTally, fuelProduct, serviceProduct } from '../../shared/fundamentals';
import { headLines } from '../../shared/headers';
import { refuseMarkup } from '../../shared/markup';
import { readNumber } from '../../shared/numbers';
import { RowGuard } from '../../shared/points';
import { requiredText } from '../../shared/text';
import { caisoMarket, locationOfArea, OUTLOOK_LOCATION } from './market';
import { oasisCsv, oasisHead } from './parse';

const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// OASIS SLD_FCST: load by TAC area.

/**
 * The SLD_FCST rows gridcell keeps, by MARKET_RUN_ID: the data item such a row carries and the run
 * it is stored under. The file has no issue time (the member's name carries when OASIS wrote the
 * download, not when the forecast was made), so the day-ahead forecast is stored under `FORECAST`
 * only, without a vintage. 2DA, 7DA (longer-range forecasts) and RTM (the RTPD and RTD forecasts,
 * issued every few minutes) have no run here and are skipped.
 */
const SLD_FCST_ROWS: Record<string, { item: string; run: string } | null> = {
  ACTUAL: { item: 'SYS_FCST_ACT_MW', run: 'ACTUAL' },
  DAM: { item: 'SYS_FCST_DA_MW', run: FORECAST_RUN },
  '2DA': null,
  '7DA': null,
  RTM: null,
};

/**
 * An SLD_FCST answer (zip or bare CSV) to load points per TAC area: hourly MW, instants from the
 * GMT columns (so DST days need nothing more). Rows are not in time order; each area has one row
 * per interval and market run, a second one is refused.
 */
export const readSldFcst: SinkReader = (body, { source, lineOffset }, sink) => {
  const areas = new Map<string, LocationInfo>();
  const guards: Record<string, RowGuard> = {};
  const layout = {
    columns: {
      start: ['INTERVALSTARTTIME_GMT'],
      end: ['INTERVALENDTIME_GMT'],
      marketRunId: ['MARKET_RUN_ID'],
      area: ['TAC_AREA_NAME'],
      item: ['XML_DATA_ITEM'],
      mw: ['MW'],
    },
    expected: 'an OASIS SLD_FCST CSV',
    namedColumnsOnly: true,
    lineOffset,
  };
  eachCsvRecord(oasisCsv(body, source), source, layout, (row, col, line) => {
    const marketRunId = row[col.marketRunId];
    const kept = SLD_FCST_ROWS[marketRunId];
    if (kept === undefined)
      throw new ParseError(
        source,
        `line ${line}: MARKET_RUN_ID "${marketRunId}" is not one SLD_FCST publishes (ACTUAL, DAM, 2DA, 7DA, RTM)`,
      );
    if (kept === null) return;
    if (row[col.item] !== kept.item)
      throw new ParseError(source, `line ${line}: XML_DATA_ITEM is "${row[col.item]}" but a ${marketRunId} row should be ${kept.item}`);
    const value = readNumber(row[col.mw], source, 'MW', line);
    if (value === undefined) return;
    const area = requiredText(row[col.area], source, 'TAC_AREA_NAME', line);
    const start = readInstant(row[col.start], source, 'interval GMT', line);
    const end = readInstant(row[col.end], source, 'interval GMT', line);
    if (end <= start) throw new ParseError(source, `line ${line}: interval ends before it starts`);
    (guards[kept.run] ??= new RowGuard(source, { product: `${LOAD_PRODUCT} ${kept.run}` })).check(area, start, line);
    if (!areas.has(area)) areas.set(area, locationOfArea(area));
    sink.add(area, kept.run, LOAD_PRODUCT, start, end, value);
  });
  return [...areas.values()];
};

/** An SLD_FCST CSV: TAC areas and `SYS_FCST_*` data items, whichever market runs it holds. */
export function looksLikeSldFcst(file: FileSample): boolean {
  const head = oasisHead(file);
  if (!head) return false;
  const itemAt = head.header.indexOf('XML_DATA_ITEM');
  return (
    head.header.includes('TAC_AREA_NAME') &&
    head.header.includes('MARKET_RUN_ID') &&
    head.header.includes('MW') &&
    itemAt >= 0 &&
    head.first[itemAt].startsWith('SYS_FCST')
  );
}

// ---------------------------------------------------------------------------------------------
// OASIS PRC_AS / PRC_INTVL_AS: ancillary-service clearing prices by AS region.

/**
 * OASIS AS types: the vocabulary service each clears, and the data item its clearing price comes
 * as. Regulation mileage (RMU, RMD) is paid per MW of mileage, which no vocabulary product holds:
 * skipped (said in the market's `unavailable`).
 */
const AS_TYPES: Record<string, { item: string; service: AncillaryService } | null> = {
  RU: { item: 'RU_CLR_PRC', service: 'REG_UP' },
  RD: { item: 'RD_CLR_PRC', service: 'REG_DOWN' },
  SR: { item: 'SP_CLR_PRC', service: 'SPIN' },
  NR: { item: 'NS_CLR_PRC', service: 'NONSPIN' },
  RMU: null,
  RMD: null,
};

/** The AS products a report of AS prices stores. */
export const AS_PRODUCTS: string[] = Object.values(AS_TYPES).flatMap((t) => (t ? [serviceProduct(t.service)] : []));

/** One AS price query as a file shows it: its MARKET_RUN_ID, the run stored and the interval length. */
export interface AsPrices {
  queryname: string;
  marketRunId: string;
  run: string;
  minutes: number;
}

export const DAM_AS: AsPrices = { queryname: 'PRC_AS', marketRunId: 'DAM', run: 'DA', minutes: 60 };
export const RTM_AS: AsPrices = { queryname: 'PRC_INTVL_AS', marketRunId: 'RTM', run: 'RT15', minutes: 15 };

/**
 * A PRC_AS (DAM, hourly) or PRC_INTVL_AS (RTM, fifteen-minute) answer to AS prices per region,
 * $/MW for the interval (the price sits in the `MW` column, as OASIS names it). A row of another
 * market run, another interval length or a data item that is not its type's clearing price is refused.
 */
export function asPriceReader(query: AsPrices): SinkReader {
  return (body, { source, lineOffset }, sink) => {
    const regions = new Map<string, LocationInfo>();
    const guards: Record<string, RowGuard> = {};
    const layout = {
      columns: {
        start: ['INTERVALSTARTTIME_GMT'],
        end: ['INTERVALENDTIME_GMT'],
        marketRunId: ['MARKET_RUN_ID'],
        type: ['ANC_TYPE'],
        region: ['ANC_REGION'],
        item: ['XML_DATA_ITEM'],
        price: ['MW'],
      },
      expected: `an OASIS ${query.queryname} CSV`,
      namedColumnsOnly: true,
      lineOffset,
    };
    eachCsvRecord(oasisCsv(body, source), source, layout, (row, col, line) => {
      if (row[col.marketRunId] !== query.marketRunId)
        throw new ParseError(
          source,
          `line ${line}: MARKET_RUN_ID is "${row[col.marketRunId]}" but ${query.queryname} should be ${query.marketRunId}`,
        );
      const ancType = row[col.type];
      const kind = AS_TYPES[ancType];
      if (kind === undefined)
        throw new ParseError(source, `line ${line}: ANC_TYPE "${ancType}" is not an AS type gridcell knows (RU, RD, SR, NR, RMU, RMD)`);
      if (kind === null) return;
      if (row[col.item] !== kind.item)
        throw new ParseError(source, `line ${line}: XML_DATA_ITEM is "${row[col.item]}" but the ${ancType} clearing price is ${kind.item}`);
      const value = readNumber(row[col.price], source, 'MW', line);
      if (value === undefined) return;
      const region = requiredText(row[col.region], source, 'ANC_REGION', line);
      const start = readInstant(row[col.start], source, 'interval GMT', line);
      const end = readInstant(row[col.end], source, 'interval GMT', line);
      if (end - start !== query.minutes * MINUTE_MS)
        throw new ParseError(
          source,
          `line ${line}: a ${query.queryname} interval lasts ${query.minutes} minutes, this one ${(end - start) / MINUTE_MS}`,
        );
      const product = serviceProduct(kind.service);
      (guards[product] ??= new RowGuard(source, { product })).check(region, start, line);
      if (!regions.has(region)) regions.set(region, { name: region, type: 'REGION' });
      sink.add(region, query.run, product, start, end, value);
    });
    return [...regions.values()];
  };
}

/** A CSV of this AS price query: AS type and region columns, and the first row's market run. */
export function looksLikeAsPrices(file: FileSample, query: AsPrices): boolean {
  const head = oasisHead(file);
  if (!head) return false;
  const runAt = head.header.indexOf('MARKET_RUN_ID');
  return (
    head.header.includes('ANC_TYPE') &&
    head.header.includes('ANC_REGION') &&
    head.header.includes('MW') &&
    runAt >= 0 &&
    head.first[runAt] === query.marketRunId
  );
}

// ---------------------------------------------------------------------------------------------
// Today's Outlook history CSVs: five-minute rows labelled with a Pacific clock time only.

const FIVE_MINUTES = 5 * MINUTE_MS;

/**
 * The market day of a Today's Outlook file, which writes none: the day asked when fetched;
 * otherwise the one `YYYYMMDD` in the file's name (the history URL and gridcell's downloads carry
 * it). A file without such a name is refused rather than dated by guess.
 */
export function outlookDay(ctx: ParseContext): string {
  const asked = ctx.request?.period.days;
  if (asked) {
    if (asked.length !== 1) throw new ParseError(ctx.source, `a Today's Outlook file holds one day, not ${ctx.request!.period.key}`);
    return asked[0];
  }
  const name = ctx.source.split(/[\\/]/).pop() ?? ctx.source;
  const days = new Set<string>();
  for (const text of [name, ctx.source]) {
    for (const m of text.matchAll(/(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/g))
      if (isCalendarDate(+m[1], +m[2], +m[3])) days.add(`${m[1]}-${m[2]}-${m[3]}`);
    if (days.size) break;
  }
  if (days.size !== 1)
    throw new ParseError(
      ctx.source,
      days.size
        ? `the name holds several dates (${[...days].join(', ')}); a Today's Outlook file writes only clock times, so name it with its one day (YYYYMMDD)`
        : "a Today's Outlook file writes only clock times (00:00..23:55), not its day: keep the YYYYMMDD of its URL in the file name (e.g. fuelsource_20230101.csv)",
    );
  return [...days][0];
}

/** One five-minute row of a Today's Outlook file, placed on the market day's clock. */
interface OutlookRow {
  start: number;
  end: number;
  row: CsvRow;
  line: number;
}

/**
 * The rows of a Today's Outlook file as UTC intervals. Labels are interval starts (`00:00` is
 * 00:00-00:05). The file is a fixed clock grid `00:00`..`23:55`, and often a last `00:00`: the next
 * day's first interval, which that day's own file gives again, so it is skipped. On the
 * spring-forward day the grid keeps `02:00`..`02:55` with every value empty: those rows name no
 * instant and are skipped (a value there is refused). On the fall-back day a label of the repeated
 * hour written twice is its first and then its second pass; written once, it cannot be told which
 * pass it is, and it is skipped rather than guessed.
 */
function outlookRows(body: Buffer, ctx: ParseContext, columns: (header: CsvRow) => Record<string, string[]>, expected: string) {
  const { source } = ctx;
  refuseMarkup(decodeText(body.subarray(0, 512)), source, expected);
  const day = outlookDay(ctx);
  const [year, month, date] = day.split('-').map(Number);
  const read: { minutes: number; time: string; empty: boolean; row: CsvRow; line: number }[] = [];
  let header: CsvRow = [];
  eachCsvRecord(
    body,
    source,
    {
      columns: (h) => {
        header = h;
        return { time: ['Time'], ...columns(h) };
      },
      expected,
    },
    (row, col, line) => {
      const m = /^(\d{2}):(\d{2})$/.exec(row[col.time].trim());
      if (!m || +m[1] > 23 || +m[2] > 59 || +m[2] % 5 !== 0)
        throw new ParseError(source, `line ${line}: Time "${row[col.time]}" is not a five-minute clock time (HH:MM)`);
      const empty = row.every((cell, i) => i === col.time || cell.trim() === '');
      read.push({ minutes: +m[1] * 60 + +m[2], time: m[0], empty, row, line });
    },
  );
  const count = new Map<number, number>();
  for (const r of read) count.set(r.minutes, (count.get(r.minutes) ?? 0) + 1);
  const seen = new Map<number, number>();
  const rows: OutlookRow[] = [];
  read.forEach((r, i) => {
    if (i === read.length - 1 && i > 0 && r.minutes === 0 && read[i - 1].minutes === 23 * 60 + 55) return; // the next day's 00:00
    const pass = (seen.get(r.minutes) ?? 0) + 1;
    seen.set(r.minutes, pass);
    const instants = wallTimeInstants(caisoMarket.clock, year, month, date, Math.floor(r.minutes / 60), r.minutes % 60);
    const label = `${day} ${r.time}`;
    if (instants.length === 0) {
      if (!r.empty) throw new ParseError(source, `line ${r.line}: a value at ${label}, a time the spring-forward day does not have`);
      return;
    }
    if (pass > instants.length)
      throw new ParseError(
        source,
        `line ${r.line}: ${label} is written ${count.get(r.minutes)} times; the clock shows it ${instants.length}`,
      );
    if (instants.length === 2 && count.get(r.minutes) === 1) return; // fall-back hour written once: which pass is unknown
    const start = instants[pass - 1];
    rows.push({ start, end: start + FIVE_MINUTES, row: r.row, line: r.line });
  });
  return { rows, header };
}

/** A Today's Outlook CSV whose header is `Time` then these columns (in any order, others allowed). */
function looksLikeOutlook(file: FileSample, wanted: string[]): boolean {
  const [line] = headLines(file.head, 1);
  if (!line?.startsWith('Time,')) return false;
  const header = line.split(',').map((c) => c.trim());
  return wanted.every((w) => header.includes(w));
}

/** Columns that are summed into one fuel: both or neither, never one alone (the sum would be short). */
const SUMMED_FUELS = [
  ['Large Hydro', 'Small hydro'],
  ['Biomass', 'Biogas'],
];

/**
 * `fuelsource.csv`: generation by fuel, one column per CAISO fuel name, MW (signed: solar below
 * zero at night, batteries charging). Large and small hydro are summed into GEN_HYDRO, biomass and
 * biogas into GEN_BIOMASS (`FuelTally`); a column of an unknown fuel is refused.
 */
export const parseOutlookFuels: Parser = (body, ctx) => {
  const { source } = ctx;
  const expected = "a Today's Outlook fuelsource CSV";
  const { rows, header } = outlookRows(
    body,
    ctx,
    (h) => {
      const fuels = h.slice(1, headerWidth(h));
      if (!fuels.length) throw new ParseError(source, 'no fuel columns after Time');
      for (const name of fuels) {
        if (name.trim() === '') throw new ParseError(source, 'a fuel column has no name');
        fuelProduct(name, source);
      }
      const named = new Set(fuels.map((f) => f.trim().toLowerCase()));
      for (const pair of SUMMED_FUELS) {
        const present = pair.filter((f) => named.has(f.toLowerCase()));
        if (present.length === 1)
          throw new ParseError(
            source,
            `${fuelProduct(pair[0], source)} is the sum of "${pair.join('" and "')}", but the file has only "${present[0]}": the total would be short`,
          );
      }
      return {};
    },
    expected,
  );
  const tally = new FuelTally(source);
  for (const { start, end, row, line } of rows) {
    for (let i = 1; i < headerWidth(header); i++) {
      const mw = readNumber(row[i], source, header[i], line);
      if (mw !== undefined) tally.add(OUTLOOK_LOCATION, 'ACTUAL', header[i], start, end, mw);
    }
  }
  return { points: tally.points(), locations: [{ name: OUTLOOK_LOCATION, type: 'SYSTEM' }] };
};

export const looksLikeOutlookFuels = (file: FileSample): boolean => looksLikeOutlook(file, ['Solar', 'Wind', 'Nuclear', 'Natural Gas']);

/**
 * `netdemand.csv`: `Current demand` (CAISO demand, MW) as LOAD ACTUAL and `Hour ahead forecast` as
 * LOAD FORECAST, at location CAISO. The file says nothing of when the forecast was made, so it is
 * kept under FORECAST only, without a vintage. `Net demand` (demand less wind and solar) is no
 * vocabulary product and is not stored.
 */
export const parseOutlookDemand: Parser = (body, ctx) => {
  const { source } = ctx;
  const names = { forecast: 'Hour ahead forecast', demand: 'Current demand' };
  const { rows, header } = outlookRows(
    body,
    ctx,
    () => ({ forecast: [names.forecast], demand: [names.demand] }),
    "a Today's Outlook netdemand CSV",
  );
  const at = { forecast: header.indexOf(names.forecast), demand: header.indexOf(names.demand) };
  const points: ParsedPoint[] = [];
  for (const { start, end, row, line } of rows) {
    const demand = readNumber(row[at.demand], source, names.demand, line);
    const forecast = readNumber(row[at.forecast], source, names.forecast, line);
    const base = { location: OUTLOOK_LOCATION, product: LOAD_PRODUCT, start, end };
    if (demand !== undefined) points.push({ ...base, run: 'ACTUAL', value: demand });
    if (forecast !== undefined) points.push({ ...base, run: FORECAST_RUN, value: forecast });
  }
  return { points, locations: [{ name: OUTLOOK_LOCATION, type: 'SYSTEM' }] };
};

export const looksLikeOutlookDemand = (file: FileSample): boolean =>
  looksLikeOutlook(file, ['Hour ahead forecast', 'Current demand', 'Net demand']);
